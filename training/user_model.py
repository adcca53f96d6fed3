"""User-level model candidates: aggregate features of a writer's posts and a linear model.

The candidates of `training/cssrs_level.py` (protocol: `training/reports/cssrs_level_protocol.md`)
read a writer through a few numbers about all their posts together, each computed from what
the detector returns per post on both paths (never the text): how many posts, what share
reached each suicide-risk level, how strong the post scores were, how much of the risk talk
was about someone else, whether a post was urgent, and the self-harm and depression
readings. A linear model (ordinal or multinomial logistic regression) turns them into a user
level and score, with plain arithmetic that needs no training library, so a chosen candidate
could move into the core as data.

None of this is shipped: on the design half, no candidate beat the shipped user level
(`waylight.core.user_level`) beyond noise (`training/reports/cssrs_level_choice.md`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from waylight.core.scan import TIERS, ScanRow
from waylight.core.textrisk.combine import DEPRESSION_LEVELS
from waylight.core.user_level import LEVEL_ORDER, UserPost, about_others

# A user score at or above this is "at risk" (ideation, behavior or attempt).
AT_RISK_CUT = 0.5
LEVEL_COUNT = len(LEVEL_ORDER)
IDEATION = LEVEL_ORDER.index("ideation")  # the rank of the first at-risk level


# ------------------------------------------------------------------------------ one post


@dataclass(frozen=True)
class PostReading:
    """Everything the detector said about one post that a user-level candidate may use.

    `level` and `score` (suicide risk) are None for a post the detector could not read;
    `about_others`: its suicide and self-harm signals were all someone else's.
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

    @classmethod
    def of(cls, row: int, scan: ScanRow) -> PostReading:
        """The reading of one scan result row (`row`: its place in the writer's posts)."""
        if scan.suicide_level is None:
            return cls(row, scan.id, None, None)
        signals = json.loads(scan.signals) if scan.signals else []
        return cls(
            row,
            scan.id,
            scan.suicide_level,
            float(scan.suicide_score or 0.0),
            about_others(signals),
            concern=scan.concern,
            self_harm=scan.self_harm,
            self_harm_score=scan.self_harm_score,
            depression_level=scan.depression_level,
            depression_score=scan.depression_score,
        )

    def user_post(self) -> UserPost:
        """The post as the shipped user level (`waylight.core.user_level`) reads it."""
        return UserPost(self.row, self.post_id, self.level, self.score, self.about_others)


# ------------------------------------------------------------------------------ features

# The feature names of each group, in the order a model's weights list them: S suicide risk,
# H self-harm, D depression.
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


def features_of(groups: str) -> tuple[str, ...]:
    """The feature names of `groups` (for example "SH"), in model order."""
    unknown = set(groups) - set(FEATURE_GROUPS)
    if unknown or not groups:
        raise ValueError(f"unknown feature groups {groups!r} (use letters of S, H, D)")
    return tuple(n for g, names in FEATURE_GROUPS.items() if g in groups for n in names)


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags)


def user_features(posts: Sequence[PostReading]) -> dict[str, float]:
    """Every feature of `FEATURE_NAMES` for one writer, over their read posts (shares are of
    the read posts; a reading a post does not carry counts as nothing).

    Raises ValueError when no post was read: such a writer has no reading at all.
    """
    read = [p for p in posts if p.read]
    if not read:
        raise ValueError("no read post: a writer without read posts has no features")
    ranks = [LEVEL_ORDER.index(p.level or "none") for p in read]
    scores = [p.score or 0.0 for p in read]
    risk_posts = [p for p, r in zip(read, ranks, strict=True) if r >= IDEATION]
    harm = [p.self_harm_score or 0.0 for p in read]
    depressed = [DEPRESSION_LEVELS.index(p.depression_level or "none") for p in read]
    depression = [p.depression_score or 0.0 for p in read]
    top = sorted(scores, reverse=True)[:_TOP]
    return {
        "log_posts": math.log1p(len(read)),
        "share_indicator_up": _share([r >= 1 for r in ranks]),
        "share_ideation_up": _share([r >= IDEATION for r in ranks]),
        "share_behavior_up": _share([r >= IDEATION + 1 for r in ranks]),
        "share_attempt": _share([r == LEVEL_COUNT - 1 for r in ranks]),
        "highest_level": max(ranks) / (LEVEL_COUNT - 1),
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


def safety_floor_hit(posts: Sequence[PostReading]) -> bool:
    """True when a read post was read at `attempt` or with concern `urgent`: a model with the
    safety floor never reads such a writer below `ideation`."""
    return any(p.read and (p.level == "attempt" or p.concern == "urgent") for p in posts)


# ------------------------------------------------------------------------------ the model


def _sigmoid(x: float) -> float:
    # Written for both signs so neither branch overflows.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _softmax(values: Sequence[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class Decision:
    """A model's reading of one writer: level rank (0 none .. 4 attempt), user score, and
    whether the safety floor lifted the level."""

    rank: int
    score: float
    lifted: bool


@dataclass(frozen=True)
class UserModel:
    """A fitted linear user-level model, in one of two forms.

    - **ordinal** (proportional odds): one linear score eta over the standardised features
      and four increasing cut points (`offsets`); the chance that the level is k or above is
      sigmoid(eta - cut_k). The user score is that chance for `ideation`; the level is the
      number of those chances at one half or more, so it never falls as the score rises and
      is at risk exactly when the score is at least one half.
    - **multinomial**: one linear score per level plus its intercept (`offsets`), a softmax;
      the user score is the summed chance of the three at-risk levels, and the level is the
      most likely at-risk level when that score is at least one half, otherwise the more
      likely of `none` and `indicator`.

    With `safety_floor`, a writer with a post read at `attempt` or with concern `urgent` is
    read at least at `ideation`, with a score at least one half. Features are standardised
    with `center` and `scale` before the `weights` (one row per linear score) apply.
    """

    kind: Literal["ordinal", "multinomial"]
    features: tuple[str, ...]
    center: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    offsets: tuple[float, ...]
    safety_floor: bool

    def __post_init__(self) -> None:
        if self.kind not in ("ordinal", "multinomial"):
            raise ValueError(f"unknown user model kind {self.kind!r}")
        unknown = [f for f in self.features if f not in FEATURE_NAMES]
        if unknown or not self.features:
            raise ValueError(f"unknown user features {unknown}")
        n = len(self.features)
        if len(self.center) != n or len(self.scale) != n:
            raise ValueError("center and scale need one value per feature")
        if any(not s > 0 for s in self.scale):
            raise ValueError("every scale must be above 0")
        rows = 1 if self.kind == "ordinal" else LEVEL_COUNT
        if len(self.weights) != rows or any(len(w) != n for w in self.weights):
            raise ValueError(f"a {self.kind} model needs {rows} weight row(s) of {n} weights")
        if len(self.offsets) != (LEVEL_COUNT - 1 if self.kind == "ordinal" else LEVEL_COUNT):
            raise ValueError(f"wrong number of offsets for a {self.kind} model")
        if self.kind == "ordinal" and any(
            b <= a for a, b in zip(self.offsets, self.offsets[1:], strict=False)
        ):
            raise ValueError("an ordinal model's cut points must increase")
        values = [*self.center, *self.scale, *self.offsets, *(w for r in self.weights for w in r)]
        if not all(math.isfinite(v) for v in values):
            raise ValueError("a user model's numbers must all be finite")

    def to_data(self) -> dict[str, Any]:
        """The model as plain data (lists and numbers), for a report or a content file."""
        return {
            "kind": self.kind,
            "features": list(self.features),
            "center": list(self.center),
            "scale": list(self.scale),
            "weights": [list(r) for r in self.weights],
            "offsets": list(self.offsets),
            "safety_floor": self.safety_floor,
        }

    def linear(self, features: Mapping[str, float]) -> list[float]:
        """The linear score(s) of one writer (ordinal: one; multinomial: five)."""
        try:
            values = [features[name] for name in self.features]
        except KeyError as exc:
            raise ValueError(f"missing user feature {exc.args[0]!r}") from None
        z = [(v - c) / s for v, c, s in zip(values, self.center, self.scale, strict=True)]
        return [sum(w * x for w, x in zip(row, z, strict=True)) for row in self.weights]

    def decide(self, features: Mapping[str, float], floor_hit: bool = False) -> Decision:
        """The level rank and user score of one writer; `floor_hit`: a post was read at
        `attempt` or with concern `urgent` (the safety floor applies if the model has it)."""
        probs: list[float] = []
        if self.kind == "ordinal":
            eta = self.linear(features)[0]
            chances = [_sigmoid(eta - cut) for cut in self.offsets]
            rank = sum(1 for c in chances if c >= AT_RISK_CUT)
            score = chances[IDEATION - 1]
        else:
            logits = [v + b for v, b in zip(self.linear(features), self.offsets, strict=True)]
            probs = _softmax(logits)
            score = sum(probs[IDEATION:])
            group = range(IDEATION, LEVEL_COUNT) if score >= AT_RISK_CUT else range(IDEATION)
            # Ties go to the higher level: the reading errs towards a human looking again.
            rank = max(group, key=lambda k: (probs[k], k))
        lifted = self.safety_floor and floor_hit and rank < IDEATION
        if lifted:
            if self.kind == "ordinal":
                rank = IDEATION
            else:
                rank = max(range(IDEATION, LEVEL_COUNT), key=lambda k: (probs[k], k))
            score = max(score, AT_RISK_CUT)
        return Decision(rank, score, lifted)
