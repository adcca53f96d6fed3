"""A user-level reading: one level and one score for a writer, from the detector's posts.

The detector reads one post at a time; a person writes many. This module turns the detector's
results for one writer's posts into:

- a **user level** (`none`, `indicator`, `ideation`, `behavior`, `attempt`): the highest level
  that enough of their posts reach. How many is "enough" is a rule (`UserLevelRule`): an
  `attempt` post always counts alone (a disclosed attempt is never discounted), the other
  levels may ask for more than one post;
- a **user score** between 0 and 1: an aggregate of the posts' suicide-risk scores (the
  highest, the mean of the few highest, a noisy-OR, the mean, or the share of posts at risk);
- the **posts that carried the level**, strongest first, so a reader can check it by hand.

The shipped rule (`DEFAULT_RULE`) was chosen among 24 on half of a set of Reddit users rated
by clinicians and measured once on the other half (docs/model-card.md, "Users rated on the
C-SSRS scale"): the level is that of the highest post, so one post that reads as an attempt
is never averaged away, and the score is the mean post score, so a writer who speaks of their
own risk in post after post ranks above one who answers others in the same forums, whose
replies speak of suicide now and then.

Posts the detector could not read count as posts but carry nothing. A writer none of whose
posts could be read has no level (None), never a silent `none`. A user reading is a prompt for
a human to read the posts, never a diagnosis or a prediction.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from waylight.core.textrisk.rules import LEVELS

# The detector's own level order, lowest first.
LEVEL_ORDER: tuple[str, ...] = LEVELS
AT_RISK_LEVEL = "ideation"  # this level and above are "at risk"
ScoreMethod = Literal["max", "top", "noisy_or", "mean", "share"]
SCORE_METHODS: tuple[str, ...] = ("max", "top", "noisy_or", "mean", "share")
# Signal kinds about suicide or self-harm: a post whose only such signals are someone else's
# (a supporter's reply, a friend's story) is "about others".
RISK_KINDS = frozenset(
    {
        "passive_ideation",
        "suicidal_ideation",
        "suicide_attempt",
        "suicide_preparation",
        "self_harm",
        "self_harm_urge",
    }
)
# Posts listed as carrying a reading, at most.
MAX_CARRYING_POSTS = 10


@dataclass(frozen=True)
class UserPost:
    """What a user-level reading needs from one post: where it is and how the detector read it.

    `level` and `score` are None for a post the detector could not read. `about_others` is
    True when the post's suicide or self-harm signals were all read as someone else's.
    """

    row: int
    post_id: str | None
    level: str | None
    score: float | None
    about_others: bool = False

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in LEVEL_ORDER:
            raise ValueError(f"unknown suicide-risk level {self.level!r}")
        if (self.level is None) != (self.score is None):
            raise ValueError("a post has both a level and a score, or neither")

    @property
    def read(self) -> bool:
        return self.level is not None


def about_others(signals: Sequence[dict[str, Any]]) -> bool:
    """True when a post has suicide or self-harm signals and every one is someone else's."""
    risk = [s for s in signals if s.get("kind") in RISK_KINDS]
    if not risk or any(s.get("counted") for s in risk):
        return False
    return any(s.get("experiencer") == "other" for s in risk)


def user_post(
    row: int,
    post_id: str | None,
    level: str | None,
    score: float | None,
    signals: str | Sequence[dict[str, Any]] | None,
) -> UserPost:
    """A `UserPost` from a scan row's fields (`signals` as the row's JSON text or as a list)."""
    if level is None:
        return UserPost(row, post_id, None, None)
    found: Sequence[dict[str, Any]] = []
    if isinstance(signals, str):
        found = json.loads(signals) if signals else []
    elif signals is not None:
        found = signals
    return UserPost(row, post_id, level, float(score or 0.0), about_others(found))


@dataclass(frozen=True)
class UserLevelRule:
    """How posts become a user level and score.

    - `score`: `max` (the highest post score), `top` (the sum of the `top` highest post scores
      divided by `top`, so a writer with fewer posts gets less), `noisy_or` (1 minus the
      product of (1 - score): the chance that at least one post is right), `mean` (over all
      read posts), or `share` (the share of read posts at `ideation` or above).
    - `ideation_posts`, `behavior_posts`: how many posts at that level or above the user level
      asks for; `attempt` always needs one, `indicator` one.
    - `set_aside_others_in_level`: a post about someone else counts at most as `indicator`;
      `set_aside_others_in_score`: it adds nothing to the score.
    """

    score: ScoreMethod = "max"
    top: int = 1
    ideation_posts: int = 1
    behavior_posts: int = 1
    set_aside_others_in_level: bool = False
    set_aside_others_in_score: bool = False

    def __post_init__(self) -> None:
        if self.score not in SCORE_METHODS:
            raise ValueError(f"unknown score method {self.score!r}")
        if self.top < 1 or self.ideation_posts < 1 or self.behavior_posts < 1:
            raise ValueError("post counts must be at least 1")
        if self.score != "top" and self.top != 1:
            raise ValueError("`top` applies only to the `top` score method")

    def needs(self, level: str) -> int:
        """Posts at `level` or above that make the user's level `level`."""
        return {"ideation": self.ideation_posts, "behavior": self.behavior_posts}.get(level, 1)

    def describe(self, part: str = "both") -> str:
        """The rule in a few words (`part`: `level`, `score` or `both`), for reports."""
        score = {
            "max": "highest post score",
            "top": f"mean of the {self.top} highest post scores",
            "noisy_or": "noisy-OR of post scores",
            "mean": "mean post score",
            "share": "share of posts at ideation or above",
        }[self.score]
        if self.set_aside_others_in_score:
            score += ", posts about others set aside"
        level = (
            f"ideation from {self.ideation_posts} post(s), behavior from "
            f"{self.behavior_posts}, attempt from 1"
        )
        if self.set_aside_others_in_level:
            level += ", posts about others at most indicator"
        if part == "level":
            return level
        if part == "score":
            return score
        return f"level: {level}; score: {score}"


# The rule the product uses, chosen on the design half of the C-SSRS users from 24 candidates
# (docs/model-card.md): the level of the highest post (asking for more posts only lost
# agreement with the clinicians), and the mean post score, which ranked people at risk above
# the others better than the highest post score did.
DEFAULT_RULE = UserLevelRule(score="mean")
# The reading every earlier report used: the highest level and score over the posts.
HIGHEST_POST_RULE = UserLevelRule()


@dataclass(frozen=True)
class CarryingPost:
    """A post behind a user reading, with the detector's level and score for it."""

    row: int
    post_id: str | None
    level: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "id": self.post_id, "level": self.level, "score": self.score}


@dataclass(frozen=True)
class UserReading:
    """One writer's user level and score, and the posts that carried them.

    `level` and `score` are None when none of the writer's posts could be read.
    """

    posts: int
    read: int
    level: str | None
    score: float | None
    carried_by: tuple[CarryingPost, ...]
    explanation: str

    @property
    def at_risk(self) -> bool:
        return self.level is not None and _rank(self.level) >= _rank(AT_RISK_LEVEL)

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_level": self.level,
            "user_score": None if self.score is None else round(self.score, 3),
            "user_posts": [p.to_dict() for p in self.carried_by],
            "user_explanation": self.explanation,
        }


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(level)


def _effective(post: UserPost, rule: UserLevelRule) -> tuple[int, float]:
    """The level rank and score a post counts with under `rule` (unread: nothing)."""
    if post.level is None or post.score is None:
        return 0, 0.0
    rank, score = _rank(post.level), post.score
    if post.about_others and rule.set_aside_others_in_level:
        rank = min(rank, _rank("indicator"))
    if post.about_others and rule.set_aside_others_in_score:
        score = 0.0
    return rank, score


def user_level(ranks: Sequence[int], rule: UserLevelRule) -> int:
    """The highest level rank reached by as many posts as the rule asks (0 when none is)."""
    for rank in range(len(LEVEL_ORDER) - 1, 0, -1):
        if sum(1 for r in ranks if r >= rank) >= rule.needs(LEVEL_ORDER[rank]):
            return rank
    return 0


def user_score(ranks: Sequence[int], scores: Sequence[float], rule: UserLevelRule) -> float:
    """The rule's aggregate of the post scores (0 for a writer with no read post)."""
    if not scores:
        return 0.0
    if rule.score == "max":
        return max(scores)
    if rule.score == "top":
        return sum(sorted(scores, reverse=True)[: rule.top]) / rule.top
    if rule.score == "noisy_or":
        return 1.0 - math.prod(1.0 - min(max(s, 0.0), 1.0) for s in scores)
    if rule.score == "mean":
        return sum(scores) / len(scores)
    return sum(1 for r in ranks if r >= _rank(AT_RISK_LEVEL)) / len(ranks)


def read_user(posts: Iterable[UserPost], rule: UserLevelRule = DEFAULT_RULE) -> UserReading:
    """The user level and score of one writer, from the detector's reading of their posts."""
    every = list(posts)
    read = [p for p in every if p.read]
    if not read:
        if not every:
            why = "No level: no posts."
        elif len(every) == 1:
            why = "No level: its one post could not be read."
        else:
            why = f"No level: none of its {len(every)} posts could be read."
        return UserReading(len(every), 0, None, None, (), why)
    counted = [_effective(p, rule) for p in read]
    ranks = [rank for rank, _ in counted]
    scores = [score for _, score in counted]
    level = user_level(ranks, rule)
    score = user_score(ranks, scores, rule)
    carrying = _carrying(read, counted, level)
    return UserReading(
        posts=len(every),
        read=len(read),
        level=LEVEL_ORDER[level],
        score=score,
        carried_by=carrying,
        explanation=_explain(len(every), ranks, level, score, carrying, rule),
    )


def _carrying(
    read: Sequence[UserPost], counted: Sequence[tuple[int, float]], level: int
) -> tuple[CarryingPost, ...]:
    """The posts that carried the level: those at the user level or above, strongest first
    (highest level, then highest score, then earliest row), at most `MAX_CARRYING_POSTS`.
    A user level of `none` is carried by no post."""
    if level == 0:
        return ()
    chosen = [(p, c) for p, c in zip(read, counted, strict=True) if c[0] >= level]
    chosen.sort(key=lambda pc: (-pc[1][0], -pc[1][1], pc[0].row))
    return tuple(
        CarryingPost(p.row, p.post_id, LEVEL_ORDER[c[0]], round(c[1], 3))
        for p, c in chosen[:MAX_CARRYING_POSTS]
    )


def _score_words(rule: UserLevelRule, read: int) -> str:
    posts = "post" if read == 1 else f"{read} read posts"
    words = {
        "max": f"the highest suicide-risk score of its {posts}",
        "top": f"the {rule.top} highest suicide-risk scores of its {posts}, summed and divided "
        f"by {rule.top}",
        "noisy_or": f"the suicide-risk scores of its {posts}, combined (noisy-OR)",
        "mean": f"the mean suicide-risk score of its {posts}",
        "share": f"the share of its {posts} read as ideation or above",
    }[rule.score]
    if rule.set_aside_others_in_score:
        words += ", posts about someone else set aside"
    return words


def _explain(
    posts: int,
    ranks: Sequence[int],
    level: int,
    score: float,
    carrying: Sequence[CarryingPost],
    rule: UserLevelRule,
) -> str:
    read = len(ranks)
    unread = "" if posts == read else f" {posts - read} of {posts} posts could not be read."
    closing = f" Score {score:.2f}: {_score_words(rule, read)}.{unread}"
    if level == 0:
        return f"Read as none: no post reached indicator or above.{closing}"
    name = LEVEL_ORDER[level]
    reached = sum(1 for r in ranks if r >= level)
    rows = ", ".join(str(p.row) for p in carrying)
    if reached > len(carrying):
        rows += f" and {reached - len(carrying)} more"
    ask = "" if rule.needs(name) == 1 else f" (this level asks for {rule.needs(name)})"
    held = ""
    top = max(ranks)
    if top > level:
        n = sum(1 for r in ranks if r >= top)
        held = (
            f" {n} post{'s' if n > 1 else ''} read as {LEVEL_ORDER[top]}, fewer than that "
            f"level asks for ({rule.needs(LEVEL_ORDER[top])})."
        )
    many = "post" if reached == 1 else "posts"
    return (
        f"Read as {name}: {reached} {many} read as {name} or above{ask}, rows {rows}."
        f"{held}{closing}"
    )
