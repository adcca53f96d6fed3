"""The depression level head: how severe the writer's depression reads, none to severe.

It reads the learned reader's features of each text (`SharedFeatures`: hashed words, word
pairs and character 3-4-grams of each word, weighted by its own IDF, and the static sentence
embedding), never computing them again, so it adds only its own weighting and dot products
to a batch.

Its form is ordinal: three cumulative logistic heads say whether the level is above none,
above mild and above moderate. They are trained source-aware (`training/train_level_head.py`):
a post from a scheme without `mild` (DepSign's `moderate`) teaches "above none" and "not above
moderate" but nothing about "above mild". Reading a text:

1. each head's log-odds; the heads are made monotone (each at most the one below it), since
   a level cannot be above moderate without being above mild;
2. the level's score is the running sum of those log-odds (none 0, mild the first, moderate
   the first two, severe all three), so the most likely level is the number of heads above
   one half (one exactly at one half ties, and the detector takes the lower level);
3. the scores divided by a temperature fitted on validation log loss, then the softmax, give
   the level probabilities the detector reads. The temperature changes the probabilities,
   never which level is most likely.

The detector reads a level head when the package ships one (`model/depression_head.npz`,
numbers only: hashed features, no words; description `model/depression_head.json`) or when a
caller passes one (`LevelHead.read(folder)`, `Detector.with_level_head`); otherwise, and
without the learned reader (no shared features), the post model's own level head gives the
level. The head `training/train_level_head.py` writes was measured once on the test split and
does not ship (docs/model-card.md, "A better level head"). Numpy only.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.features import N_FEATURES, tfidf_values
from waylight.core.textrisk.shared_features import SharedFeatures
from waylight.core.textrisk.static import DIMENSIONS

LEVEL_HEAD_NPZ = "depression_head.npz"
LEVEL_HEAD_JSON = "depression_head.json"
FORMAT = 1
# The cumulative heads: the level is above none, above mild, above moderate.
N_HEADS = 3

FloatArray = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]


def ordinal_probabilities(log_odds: FloatArray, temperature: float = 1.0) -> FloatArray:
    """Level probabilities (n, 4: none, mild, moderate, severe) from the cumulative heads'
    log-odds (n, 3): heads made monotone, running sums, divided by `temperature`, softmax."""
    if log_odds.ndim != 2 or log_odds.shape[1] != N_HEADS:
        raise ValueError("three log-odds per text are needed")
    if temperature <= 0:
        raise ValueError("the temperature must be positive")
    monotone = np.minimum.accumulate(log_odds, axis=1)
    scores = np.hstack([np.zeros((log_odds.shape[0], 1)), np.cumsum(monotone, axis=1)])
    scores = scores / temperature
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    out: FloatArray = p / p.sum(axis=1, keepdims=True)
    return out


@dataclass(frozen=True)
class LevelHead:
    """Weights of the three cumulative heads over shared features. Use `LevelHead.load()`."""

    # float32 throughout, weights one row per head: a text's gathered weights then lie side by
    # side per head (as in the reader), and no second copy is needed (about 4 MB in all).
    idf: F32  # (N_FEATURES,)
    sparse: F32  # (N_HEADS, N_FEATURES): hashed TF-IDF weights
    static: F32  # (DIMENSIONS, N_HEADS): static embedding weights
    bias: FloatArray  # (N_HEADS,)
    temperature: float
    info: dict[str, Any] = field(default_factory=dict)

    _cached: ClassVar[LevelHead | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __post_init__(self) -> None:
        if (
            self.idf.shape != (N_FEATURES,)
            or self.sparse.shape != (N_HEADS, N_FEATURES)
            or self.static.shape != (DIMENSIONS, N_HEADS)
            or self.bias.shape != (N_HEADS,)
        ):
            raise ContentError(LEVEL_HEAD_NPZ, "the level head does not match the features")
        if not self.temperature > 0:
            raise ContentError(LEVEL_HEAD_NPZ, "the level head's temperature must be positive")

    @cached_property
    def _static_weights(self) -> FloatArray:
        return self.static.astype(np.float64)

    def log_odds(self, features: SharedFeatures) -> FloatArray:
        """Each cumulative head's log-odds (n, 3), before they are made monotone."""
        out: FloatArray = features.static.astype(np.float64) @ self._static_weights + self.bias
        counts = features.counts
        if counts.doc.size:
            values = tfidf_values(counts, self.idf).astype(np.float32)
            contributions = np.take(self.sparse, counts.feature, axis=1) * values
            starts = np.flatnonzero(np.r_[True, counts.doc[1:] != counts.doc[:-1]])
            out[counts.doc[starts]] += np.add.reduceat(contributions, starts, axis=1).T
        return out

    def probabilities(self, features: SharedFeatures) -> FloatArray:
        """Level probabilities (n, 4: none, mild, moderate, severe) for each text."""
        return ordinal_probabilities(self.log_odds(features), self.temperature)

    @classmethod
    def available(cls) -> bool:
        """Whether the package ships a level head."""
        return _package_folder().joinpath(LEVEL_HEAD_NPZ).is_file()

    @classmethod
    def load(cls) -> LevelHead:
        """The shipped level head, read once per process."""
        with cls._lock:
            if cls._cached is None:
                cls._cached = cls.read(_package_folder())
            return cls._cached

    @classmethod
    def read(cls, folder: Traversable) -> LevelHead:
        """The level head whose two files (`depression_head.npz`, `.json`) are in `folder`."""
        try:
            info = json.loads(folder.joinpath(LEVEL_HEAD_JSON).read_text(encoding="utf-8"))
            with folder.joinpath(LEVEL_HEAD_NPZ).open("rb") as handle, np.load(handle) as arrays:
                parts = {name: np.asarray(arrays[name]) for name in arrays.files}
        except (OSError, ValueError) as exc:
            raise ContentError(LEVEL_HEAD_NPZ, f"the level head cannot be read ({exc})") from exc
        if info.get("format") != FORMAT:
            raise ContentError(LEVEL_HEAD_JSON, "the level head was written for another format")
        return cls.from_arrays(parts, info)

    @classmethod
    def from_arrays(cls, parts: dict[str, np.ndarray], info: dict[str, Any]) -> LevelHead:
        """A level head from the arrays of `depression_head.npz`."""
        try:
            return cls(
                idf=np.ascontiguousarray(parts["idf"], dtype=np.float32),
                sparse=np.ascontiguousarray(parts["sparse"], dtype=np.float32),
                static=np.ascontiguousarray(parts["static"], dtype=np.float32),
                bias=parts["bias"].astype(np.float64),
                temperature=float(parts["temperature"]),
                info=info,
            )
        except KeyError as exc:
            raise ContentError(LEVEL_HEAD_NPZ, f"the level head lacks {exc}") from exc

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The inverse of `from_arrays`."""
        return {
            "idf": self.idf,
            "sparse": self.sparse,
            "static": self.static,
            "bias": self.bias.astype(np.float64),
            "temperature": np.array(self.temperature),
        }


def _package_folder() -> Traversable:
    return resources.files("waylight.core.textrisk").joinpath("model")
