"""A learned user-level model: one writer's level and score from aggregate post features.

The model is data (its weights in `content/authors/user_level.yaml`, checked against
`content/schema/authors_user_level.schema.json`), fitted by `training/cssrs_level.py` on half of
a set of Reddit users rated by clinicians, and read here with plain arithmetic: no training
library at run time. Two forms:

- **ordinal** (proportional odds): one linear score eta over the standardised features and
  four increasing cut points; the chance that the writer's level is k or above is
  sigmoid(eta - cut_k). The user score is that chance for `ideation` (at risk), and the level
  is the number of those chances at one half or more, so the level never falls as the score
  rises and is at risk exactly when the score is at least one half.
- **multinomial**: one linear score per level and a softmax; the user score is the summed
  chance of the three at-risk levels, and the level is the most likely at-risk level when
  that score is at least one half, otherwise the more likely of `none` and `indicator`.

With the **safety floor**, a writer with any post read at `attempt` or with concern `urgent`
is read at least at `ideation`, with a score at least one half: the model may move such a
writer between the at-risk levels, never out of them.

A model's reading is a prompt for a human to read the posts, never a diagnosis or a
prediction about a person.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from waylight.core.user_features import FEATURE_NAMES

# A user score at or above this is "at risk" (ideation, behavior or attempt).
AT_RISK_CUT = 0.5
LEVEL_COUNT = 5
IDEATION = 2  # the rank of the first at-risk level
Kind = Literal["ordinal", "multinomial"]


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
    """A model's reading of one writer: level rank (0 none .. 4 attempt), score, and whether
    the safety floor lifted the level."""

    rank: int
    score: float
    lifted: bool


@dataclass(frozen=True)
class UserModel:
    """A fitted linear user-level model (see the module docstring for the two forms).

    `weights` holds one row per linear score (ordinal: one; multinomial: five, none first),
    each with one weight per feature; `offsets` holds the ordinal's four cut points (lowest
    first) or the multinomial's five intercepts. Features are standardised with `center` and
    `scale` before the weights apply.
    """

    kind: Kind
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

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> UserModel:
        """The model from its content-file form (already checked against its schema)."""
        return cls(
            kind=data["kind"],
            features=tuple(data["features"]),
            center=tuple(float(v) for v in data["center"]),
            scale=tuple(float(v) for v in data["scale"]),
            weights=tuple(tuple(float(v) for v in row) for row in data["weights"]),
            offsets=tuple(float(v) for v in data["offsets"]),
            safety_floor=bool(data["safety_floor"]),
        )

    def to_data(self) -> dict[str, Any]:
        """The content-file form of the model (for the training script that writes it)."""
        return {
            "kind": self.kind,
            "features": list(self.features),
            "center": list(self.center),
            "scale": list(self.scale),
            "weights": [list(r) for r in self.weights],
            "offsets": list(self.offsets),
            "safety_floor": self.safety_floor,
        }

    def standardised(self, features: Mapping[str, float]) -> list[float]:
        try:
            values = [features[name] for name in self.features]
        except KeyError as exc:
            raise ValueError(f"missing user feature {exc.args[0]!r}") from None
        return [(v - c) / s for v, c, s in zip(values, self.center, self.scale, strict=True)]

    def linear(self, features: Mapping[str, float]) -> list[float]:
        """The model's linear score(s) for one writer (ordinal: one; multinomial: five)."""
        z = self.standardised(features)
        return [sum(w * x for w, x in zip(row, z, strict=True)) for row in self.weights]

    def decide(self, features: Mapping[str, float], floor_hit: bool = False) -> Decision:
        """The level rank and user score of one writer; `floor_hit`: a post was read at
        `attempt` or with concern `urgent` (the safety floor applies if the model has it)."""
        if self.kind == "ordinal":
            eta = self.linear(features)[0]
            chances = [_sigmoid(eta - cut) for cut in self.offsets]
            rank = sum(1 for c in chances if c >= AT_RISK_CUT)
            score = chances[IDEATION - 1]
        else:
            probs = _softmax(
                [v + b for v, b in zip(self.linear(features), self.offsets, strict=True)]
            )
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


@cache
def shipped_user_model_data() -> dict[str, Any]:
    """The shipped user-level content file, checked against its schema."""
    from waylight.core.content import load_data

    data: dict[str, Any] = load_data("authors/user_level.yaml", schema="authors_user_level")
    return data
