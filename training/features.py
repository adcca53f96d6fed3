"""Sparse matrices for scikit-learn, built from the run-time feature code.

The hashing and weighting live in `waylight.core.textrisk.features`, which the shipped model
uses too; this module only packs the same numbers into a SciPy CSR matrix for training.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from waylight.core.textrisk.features import (
    N_FEATURES,
    HashedCounts,
    document_frequency,
    hashed_counts,
    smooth_idf,
    tfidf_values,
)


def counts_of(texts: Sequence[str]) -> HashedCounts:
    return hashed_counts(list(texts))


def fit_idf(counts: HashedCounts) -> npt.NDArray[np.float64]:
    """IDF from the training texts only."""
    return smooth_idf(document_frequency(counts), counts.n_docs)


def tfidf_matrix(counts: HashedCounts, idf: npt.NDArray[np.floating]) -> sparse.csr_matrix:
    values = tfidf_values(counts, idf)
    return sparse.csr_matrix(
        (values, (counts.doc, counts.feature)), shape=(counts.n_docs, N_FEATURES)
    )
