"""One post as a user-level reading sees it: the detector's outputs for it, never its text.

`UserPost` is what `waylight.core.user_level` and `waylight.core.user_features` need from
each of a writer's posts: where it is (row, id) and how the detector read it (suicide-risk
level and score, concern tier, self-harm and depression readings, and whether its suicide and
self-harm signals were all someone else's). `scan_post` builds one from a scan result row,
`user_post` from a row's separate fields (as the authors output of `waylight scan` keeps them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from waylight.core.scan import TIERS, ScanRow
from waylight.core.textrisk.combine import DEPRESSION_LEVELS
from waylight.core.textrisk.rules import LEVELS

# The detector's own level order, lowest first.
LEVEL_ORDER: tuple[str, ...] = LEVELS
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


@dataclass(frozen=True)
class UserPost:
    """What a user-level reading needs from one post: where it is and how the detector read it.

    `level` and `score` (suicide risk) are None for a post the detector could not read.
    `about_others` is True when the post's suicide or self-harm signals were all read as
    someone else's. The other fields are the detector's other outputs for the post (its
    concern tier, self-harm and depression readings); a reading that was not kept is None
    and counts as nothing.
    """

    row: int
    post_id: str | None
    level: str | None
    score: float | None
    about_others: bool = False
    concern: str | None = None
    self_harm: bool | None = None
    self_harm_score: float | None = None
    depression_level: str | None = None
    depression_score: float | None = None

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in LEVEL_ORDER:
            raise ValueError(f"unknown suicide-risk level {self.level!r}")
        if (self.level is None) != (self.score is None):
            raise ValueError("a post has both a level and a score, or neither")
        if self.concern is not None and self.concern not in TIERS:
            raise ValueError(f"unknown concern tier {self.concern!r}")
        if self.depression_level is not None and self.depression_level not in DEPRESSION_LEVELS:
            raise ValueError(f"unknown depression level {self.depression_level!r}")
        for name in ("score", "self_harm_score", "depression_score"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value!r}")

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
    **others: Any,
) -> UserPost:
    """A `UserPost` from a scan row's fields (`signals` as the row's JSON text or as a list;
    `others`: `concern`, `self_harm`, `self_harm_score`, `depression_level`,
    `depression_score`, as the row has them)."""
    if level is None:
        return UserPost(row, post_id, None, None)
    found: Sequence[dict[str, Any]] = []
    if isinstance(signals, str):
        found = json.loads(signals) if signals else []
    elif signals is not None:
        found = signals
    return UserPost(row, post_id, level, float(score or 0.0), about_others(found), **others)


def scan_post(row: int, scan: ScanRow) -> UserPost:
    """A `UserPost` from one scan result row (`row`: its place in the writer's posts)."""
    return user_post(
        row,
        scan.id,
        scan.suicide_level,
        scan.suicide_score,
        scan.signals,
        concern=scan.concern,
        self_harm=scan.self_harm,
        self_harm_score=scan.self_harm_score,
        depression_level=scan.depression_level,
        depression_score=scan.depression_score,
    )
