"""Early warning per author: an alert when evidence builds up across one writer's posts.

In the spirit of CLEF eRisk, posts are read one at a time in the order they were written, and
the question is not only *whether* to raise an alert about a writer but *how many posts it
took*. The rules are deliberately simple, so a reviewer can check any alert by hand:

1. Each post adds evidence by its concern tier: `watch` adds `watch_weight`, `concern` adds
   `concern_weight`; `none` and posts that could not be read add nothing.
2. Before a post is added, the evidence so far fades: it is multiplied by `decay`. Old posts
   still count, but less, so a run of worrying posts weighs more than the same posts months
   apart in a long history.
3. An alert is raised at the first post where the evidence reaches `threshold`
   (`accumulated_evidence`), or at once at any `urgent` post (`urgent_post`): an urgent post
   never waits for more evidence.
4. An alert, once raised, stays raised; the result records the post that raised it, how many of
   the writer's posts had been read then (`posts_to_alert`, the delay eRisk's ERDE measure
   counts), the evidence at that moment and the posts that made it.

An alert is a prompt for a human to look at the writer's posts, never a judgement about the
person. Its numbers were chosen on synthetic timelines (docs/batch.md, "Early warning").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

TIER_ORDER = {"none": 0, "watch": 1, "concern": 2, "urgent": 3}
URGENT_POST = "urgent_post"
ACCUMULATED = "accumulated_evidence"
# Posts listed as the evidence behind an alert: those whose faded weight is still this share
# of the total at the alert, newest first, at most MAX_EVIDENCE_POSTS.
EVIDENCE_SHARE = 0.05
MAX_EVIDENCE_POSTS = 10
# The shape of `AuthorWatch.snapshot()`; a stored snapshot of another version is refused.
SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class EarlyWarningRules:
    """The numbers of the early-warning rules (see the module docstring for what they do)."""

    watch_weight: float = 1.0
    concern_weight: float = 2.0
    decay: float = 0.9
    threshold: float = 3.5
    alert_on_urgent: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.decay <= 1.0:
            raise ValueError("decay must be between 0 and 1")
        if self.threshold <= 0:
            raise ValueError("threshold must be above 0")

    def weight(self, concern: str | None) -> float:
        """The evidence one post adds, by its concern tier (urgent counts as concern here)."""
        if concern == "watch":
            return self.watch_weight
        if concern in ("concern", "urgent"):
            return self.concern_weight
        return 0.0


DEFAULT_RULES = EarlyWarningRules()


@dataclass(frozen=True)
class AuthorPost:
    """What early warning needs from one post: where it is, when, and its concern tier.

    `row` is the post's 1-based row in the input; `concern` is None for a post that could not
    be read (it still counts as a post read, with no evidence).
    """

    row: int
    post_id: str | None
    concern: str | None
    time: str | None = None


@dataclass(frozen=True)
class EvidencePost:
    """A post behind an alert, with its faded weight at the moment of the alert."""

    row: int
    post_id: str | None
    concern: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "id": self.post_id,
            "concern": self.concern,
            "weight": round(self.weight, 3),
        }


@dataclass(frozen=True)
class AuthorAlert:
    """Early warning for one author after reading their posts."""

    author: str
    posts: int
    alert: bool
    reason: str | None = None
    alert_row: int | None = None
    alert_post_id: str | None = None
    alert_time: str | None = None
    posts_to_alert: int | None = None
    evidence: float = 0.0
    evidence_posts: tuple[EvidencePost, ...] = ()
    highest_concern: str = "none"
    tier_posts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "posts": self.posts,
            "alert": self.alert,
            "reason": self.reason,
            "alert_row": self.alert_row,
            "alert_post_id": self.alert_post_id,
            "alert_time": self.alert_time,
            "posts_to_alert": self.posts_to_alert,
            "evidence": round(self.evidence, 3),
            "evidence_posts": [p.to_dict() for p in self.evidence_posts],
            "highest_concern": self.highest_concern,
            "urgent_posts": self.tier_posts.get("urgent", 0),
            "concern_posts": self.tier_posts.get("concern", 0),
            "watch_posts": self.tier_posts.get("watch", 0),
        }


class AuthorWatch:
    """Reads one author's posts one at a time, in order, and raises an alert when the rules say.

    Incremental, so a live queue can keep one per author and feed it each new post; a batch
    calls `assess_author`, which does the same over a whole timeline.
    """

    def __init__(self, author: str, rules: EarlyWarningRules = DEFAULT_RULES) -> None:
        self.author = author
        self.rules = rules
        self.posts = 0
        self.evidence = 0.0
        self._recent: list[EvidencePost] = []  # posts still carrying weight, oldest first
        self._highest = "none"
        self._tiers = {"urgent": 0, "concern": 0, "watch": 0}
        self._alert: AuthorAlert | None = None

    @property
    def alerted(self) -> bool:
        return self._alert is not None

    def add(self, post: AuthorPost) -> bool:
        """Read the next post; True when this post raised the alert (only ever once)."""
        self.posts += 1
        concern = post.concern
        if concern in self._tiers:
            self._tiers[concern] += 1
        if concern is not None and TIER_ORDER.get(concern, 0) > TIER_ORDER[self._highest]:
            self._highest = concern
        rules = self.rules
        self.evidence *= rules.decay
        kept: list[EvidencePost] = []
        for old in self._recent:
            faded = EvidencePost(old.row, old.post_id, old.concern, old.weight * rules.decay)
            if faded.weight >= 1e-3:
                kept.append(faded)
        weight = rules.weight(concern)
        if weight > 0 and concern is not None:
            self.evidence += weight
            kept.append(EvidencePost(post.row, post.post_id, concern, weight))
        self._recent = kept
        if self._alert is not None:
            return False
        reason = None
        if rules.alert_on_urgent and concern == "urgent":
            reason = URGENT_POST
        elif self.evidence >= rules.threshold - 1e-9:
            reason = ACCUMULATED
        if reason is None:
            return False
        self._alert = AuthorAlert(
            author=self.author,
            posts=self.posts,
            alert=True,
            reason=reason,
            alert_row=post.row,
            alert_post_id=post.post_id,
            alert_time=post.time,
            posts_to_alert=self.posts,
            evidence=self.evidence,
            evidence_posts=self._evidence_posts(),
        )
        return True

    def snapshot(self) -> dict[str, Any]:
        """Everything this watch has read so far, as JSON-ready data (without the author).

        A live queue keeps one watch per author between requests: it stores the snapshot, and
        when the author's next post arrives it goes on with `AuthorWatch.restore`, so each
        post is read once, as it comes, with the same result as reading the whole timeline.
        """
        alert = self._alert
        return {
            "version": SNAPSHOT_VERSION,
            "posts": self.posts,
            "evidence": self.evidence,
            "recent": [_post_state(p) for p in self._recent],
            "highest": self._highest,
            "tiers": dict(self._tiers),
            "alert": None
            if alert is None
            else {
                "reason": alert.reason,
                "row": alert.alert_row,
                "post_id": alert.alert_post_id,
                "time": alert.alert_time,
                "posts_to_alert": alert.posts_to_alert,
                "evidence": alert.evidence,
                "evidence_posts": [_post_state(p) for p in alert.evidence_posts],
            },
        }

    @classmethod
    def restore(
        cls, author: str, state: Mapping[str, Any], rules: EarlyWarningRules = DEFAULT_RULES
    ) -> AuthorWatch:
        """The watch a `snapshot()` was taken of; ValueError when the snapshot is not one."""
        if state.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"not an early-warning snapshot of version {SNAPSHOT_VERSION}")
        try:
            watch = cls(author, rules)
            watch.posts = int(state["posts"])
            watch.evidence = float(state["evidence"])
            watch._recent = [_post_from(p) for p in state["recent"]]
            highest = str(state["highest"])
            if highest not in TIER_ORDER:
                raise ValueError(f"unknown concern tier {highest!r}")
            watch._highest = highest
            watch._tiers = {tier: int(state["tiers"][tier]) for tier in watch._tiers}
            alert = state["alert"]
            if alert is not None:
                watch._alert = AuthorAlert(
                    author=author,
                    posts=watch.posts,
                    alert=True,
                    reason=str(alert["reason"]),
                    alert_row=int(alert["row"]),
                    alert_post_id=_optional_text(alert["post_id"]),
                    alert_time=_optional_text(alert["time"]),
                    posts_to_alert=int(alert["posts_to_alert"]),
                    evidence=float(alert["evidence"]),
                    evidence_posts=tuple(_post_from(p) for p in alert["evidence_posts"]),
                )
        except (KeyError, TypeError, IndexError) as exc:
            raise ValueError(f"an early-warning snapshot is missing a part ({exc})") from exc
        return watch

    def _evidence_posts(self) -> tuple[EvidencePost, ...]:
        total = self.evidence or 1.0
        shown = [p for p in reversed(self._recent) if p.weight >= EVIDENCE_SHARE * total]
        return tuple(shown[:MAX_EVIDENCE_POSTS])

    def result(self) -> AuthorAlert:
        """Where this author stands after the posts read so far."""
        tiers = dict(self._tiers)
        if self._alert is not None:
            # The alert as it was raised, with the counts of every post read since.
            return replace(
                self._alert, posts=self.posts, highest_concern=self._highest, tier_posts=tiers
            )
        return AuthorAlert(
            author=self.author,
            posts=self.posts,
            alert=False,
            evidence=self.evidence,
            evidence_posts=self._evidence_posts() if self.evidence > 0 else (),
            highest_concern=self._highest,
            tier_posts=tiers,
        )


def _post_state(post: EvidencePost) -> list[Any]:
    return [post.row, post.post_id, post.concern, post.weight]


def _post_from(state: Sequence[Any]) -> EvidencePost:
    row, post_id, concern, weight = state
    if concern not in TIER_ORDER:
        raise ValueError(f"unknown concern tier {concern!r}")
    return EvidencePost(int(row), _optional_text(post_id), str(concern), float(weight))


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def assess_author(
    author: str, posts: Iterable[AuthorPost], rules: EarlyWarningRules = DEFAULT_RULES
) -> AuthorAlert:
    """Early warning over one author's posts, given in the order they were written."""
    watch = AuthorWatch(author, rules)
    for post in posts:
        watch.add(post)
    return watch.result()


def time_key(value: str | None) -> float | None:
    """A sortable moment for a post's time: a number (epoch seconds) or an ISO 8601 date-time.

    Times without a zone are taken as UTC. Returns None when the value cannot be read; such
    posts keep their input order after the posts with a readable time.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return number if math.isfinite(number) else None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def chronological(posts: Sequence[AuthorPost]) -> list[AuthorPost]:
    """Posts in the order they were written: by time where readable, then by input row."""

    def key(post: AuthorPost) -> tuple[int, float, int]:
        moment = time_key(post.time)
        return (1, 0.0, post.row) if moment is None else (0, moment, post.row)

    return sorted(posts, key=key)
