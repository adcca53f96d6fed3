"""Aggregate features of one writer's posts, from what the detector said about each post.

A user-level model (`waylight.core.user_model`) reads a writer through a few numbers about
all their posts together: how many posts, what share reached each suicide-risk level, how
strong the posts' scores were, how much of the risk talk was about someone else, and what the
self-harm and depression readings said. Every number comes from the detector's per-post
output (never the text), so the authors output of `waylight scan` and the training scripts
compute exactly the same features.

Shares are over the posts the detector could read; a reading a post does not carry (an
older scan without depression columns, say) counts as nothing. The groups (`S` suicide risk,
`H` self-harm, `D` depression) are the blocks a model may use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from waylight.core.user_post import LEVEL_ORDER, UserPost

# The feature names of each group, in the order a model's weights list them.
FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    "S": (
        "log_posts",
        "share_indicator_up",
        "share_ideation_up",
        "share_behavior_up",
        "share_attempt",
        "highest_level",
        "log_ideation_posts",
        "mean_score",
        "max_score",
        "top3_score",
        "share_about_others",
        "share_risk_about_others",
        "any_urgent",
    ),
    "H": ("share_self_harm", "max_self_harm_score", "mean_self_harm_score"),
    "D": (
        "share_depression_mild_up",
        "share_depression_moderate_up",
        "mean_depression_score",
        "max_depression_score",
    ),
}
FEATURE_NAMES: tuple[str, ...] = tuple(n for names in FEATURE_GROUPS.values() for n in names)
_TOP = 3
_DEPRESSION = ("none", "mild", "moderate", "severe")


def features_of(groups: str) -> tuple[str, ...]:
    """The feature names of `groups` (for example "SH"), in model order."""
    unknown = set(groups) - set(FEATURE_GROUPS)
    if unknown or not groups:
        raise ValueError(f"unknown feature groups {groups!r} (use letters of S, H, D)")
    return tuple(n for g, names in FEATURE_GROUPS.items() if g in groups for n in names)


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags)


def user_features(posts: Sequence[UserPost]) -> dict[str, float]:
    """Every feature of `FEATURE_NAMES` for one writer, over their read posts.

    Raises ValueError when no post was read: such a writer has no reading at all.
    """
    read = [p for p in posts if p.read]
    if not read:
        raise ValueError("no read post: a writer without read posts has no features")
    ranks = [LEVEL_ORDER.index(p.level) for p in read if p.level is not None]
    scores = [p.score or 0.0 for p in read]
    at_risk = LEVEL_ORDER.index("ideation")
    risk_posts = [p for p, r in zip(read, ranks, strict=True) if r >= at_risk]
    harm = [p.self_harm_score or 0.0 for p in read]
    depressed = [_DEPRESSION.index(p.depression_level or "none") for p in read]
    depression = [p.depression_score or 0.0 for p in read]
    top = sorted(scores, reverse=True)[:_TOP]
    return {
        "log_posts": math.log1p(len(read)),
        "share_indicator_up": _share([r >= 1 for r in ranks]),
        "share_ideation_up": _share([r >= at_risk for r in ranks]),
        "share_behavior_up": _share([r >= at_risk + 1 for r in ranks]),
        "share_attempt": _share([r == len(LEVEL_ORDER) - 1 for r in ranks]),
        "highest_level": max(ranks) / (len(LEVEL_ORDER) - 1),
        "log_ideation_posts": math.log1p(len(risk_posts)),
        "mean_score": sum(scores) / len(scores),
        "max_score": max(scores),
        "top3_score": sum(top) / _TOP,
        "share_about_others": _share([p.about_others for p in read]),
        "share_risk_about_others": (
            _share([p.about_others for p in risk_posts]) if risk_posts else 0.0
        ),
        "any_urgent": float(any(p.concern == "urgent" for p in read)),
        "share_self_harm": _share([bool(p.self_harm) for p in read]),
        "max_self_harm_score": max(harm),
        "mean_self_harm_score": sum(harm) / len(harm),
        "share_depression_mild_up": _share([d >= 1 for d in depressed]),
        "share_depression_moderate_up": _share([d >= 2 for d in depressed]),
        "mean_depression_score": sum(depression) / len(depression),
        "max_depression_score": max(depression),
    }


def safety_floor_hit(posts: Sequence[UserPost]) -> bool:
    """True when a read post was read at `attempt` or with concern `urgent`: such a writer is
    never read below `ideation` by a model with the safety floor."""
    return any(p.read and (p.level == "attempt" or p.concern == "urgent") for p in posts)
