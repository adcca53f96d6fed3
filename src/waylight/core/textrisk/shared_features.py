"""The features the learned reader computes for a batch of texts, kept for the layers after it.

The learned reader (`reader.py`) turns every text it reads into two kinds of numbers that cost
most of its time: the hashed words, word pairs and character 3-4-grams of each word
(`features.hashed_counts` with subwords), and the static sentence embedding (`static.py`). The
depression level head (`level_head.py`) reads the same two kinds. `SharedFeatures` carries
them from one layer to the next, so each text's features are computed once per batch, and
both layers are sure to read exactly the same numbers.

The hashed counts are raw counts over the full hash space: each layer weights them with its
own IDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from waylight.core.textrisk.features import HashedCounts, hashed_counts
from waylight.core.textrisk.static import StaticEmbedder

F32 = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SharedFeatures:
    """One batch's hashed counts (`counts`, words, pairs and character n-grams) and static
    sentence vectors (`static`, one unit-length row per text), in the order of the texts."""

    counts: HashedCounts
    static: F32

    def __post_init__(self) -> None:
        if self.static.ndim != 2 or self.static.shape[0] != self.counts.n_docs:
            raise ValueError("one static vector per text is needed")

    def __len__(self) -> int:
        return self.counts.n_docs

    def rows(self, indices: Sequence[int]) -> SharedFeatures:
        """The features of the texts at `indices` (increasing, each once), renumbered from 0
        in that order; the same object when `indices` are every text in order."""
        chosen = np.asarray(indices, dtype=np.int64)
        n = len(self)
        if chosen.size == n and np.array_equal(chosen, np.arange(n)):
            return self
        if chosen.size and (np.any(np.diff(chosen) <= 0) or chosen[0] < 0 or chosen[-1] >= n):
            raise ValueError("rows must be increasing indices of texts in the batch")
        new_index = np.full(n, -1, dtype=np.int64)
        new_index[chosen] = np.arange(chosen.size)
        mapped = new_index[self.counts.doc]
        keep = mapped >= 0
        # Entries stay sorted by text, then feature: the chosen texts keep their order.
        counts = HashedCounts(
            n_docs=int(chosen.size),
            doc=mapped[keep],
            feature=self.counts.feature[keep],
            count=self.counts.count[keep],
        )
        return SharedFeatures(counts, self.static[chosen])


def shared_features(texts: Sequence[str], static: StaticEmbedder) -> SharedFeatures:
    """Compute both kinds of features for `texts`."""
    return SharedFeatures(hashed_counts(texts, subwords=True), static.embed(texts))
