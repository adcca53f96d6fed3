"""Stand-ins for the learned reader and the sentence encoder, for tests that need exact scores."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from waylight.core.textrisk.features import hashed_counts
from waylight.core.textrisk.reader import N_SIGNALS, ReaderScores
from waylight.core.textrisk.shared_features import SharedFeatures


class FakeReader:
    """A reader whose fast and full heads give fixed scores, remembering what each read."""

    has_full = True

    def __init__(
        self,
        fast: tuple[float, float] = (0.0, 0.0),
        full: tuple[float, float] | None = None,
        *,
        by_word: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        self.fast, self.full = fast, full if full is not None else fast
        self.by_word = by_word or {}
        self.fast_read: list[str] = []
        self.full_read: list[str] = []

    def shared_features(self, texts: Sequence[str]) -> SharedFeatures:
        # Real features (the fake ignores them): what the detector passes on must fit.
        return SharedFeatures(hashed_counts(texts, subwords=True), np.zeros((len(texts), 4), "f4"))

    def score(
        self,
        texts: Sequence[str],
        signals: Sequence[Sequence[float]],
        encoder_vectors: np.ndarray | None = None,
        *,
        features: SharedFeatures | None = None,
    ) -> ReaderScores:
        assert all(len(s) == N_SIGNALS for s in signals)
        assert features is None or len(features) == len(texts)
        full = encoder_vectors is not None
        (self.full_read if full else self.fast_read).extend(texts)
        rows = []
        for text in texts:
            risk, harm = self.full if full else self.fast
            for word, scores in self.by_word.items():
                if word in text:
                    risk, harm = scores
            rows.append((risk, harm))
        risk = np.array([r for r, _ in rows])
        harm = np.array([h for _, h in rows])
        # At-risk probability all on ideation; the rest on none.
        levels = np.stack([1 - risk, np.zeros_like(risk), risk, 0 * risk, 0 * risk], axis=1)
        return ReaderScores(levels, harm, np.zeros(len(texts)), np.full(len(texts), full))


class FakeEncoder:
    """An encoder that counts the texts it was asked to encode."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return np.zeros((len(texts), 384), dtype=np.float32)
