"""The shipped text model: hashed TF-IDF features and calibrated linear heads, numpy only.

The model is a learned second reader next to the transparent rules: it catches wording the
rules do not list. It scores, for each text, how likely it is that the *writer* shows
suicidal thoughts, self-harm, or depression, and a depression level. These are screening
signals for a human reader, never a diagnosis.

The weights live in `model/text_model.npz` (numbers only: no words or sentences from the training
data) and their description in `model/text_model.json`. Both are written by `training/train.py`;
the model card is `docs/model-card.md`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.features import (
    N_FEATURES,
    HashedCounts,
    hashed_counts,
    tfidf_values,
)

MODEL_NPZ = "text_model.npz"
MODEL_JSON = "text_model.json"
BINARY_HEADS = ("suicide", "self_harm", "depression")
DEPRESSION_LEVELS = ("none", "mild", "moderate", "severe")
# Texts scored at once: about 2,000 posts of 100 words use some 30 MB of working memory.
CHUNK_TEXTS = 2000

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ModelScores:
    """Model scores for a batch, one value per text, all in 0..1.

    - `suicide`: the writer's own suicidal thoughts or intent.
    - `self_harm`: the writer's own self-harm.
    - `depression`: the writer shows depression.
    - `depression_levels`: shape (n, 4), probabilities of none, mild, moderate, severe.
    """

    suicide: FloatArray
    self_harm: FloatArray
    depression: FloatArray
    depression_levels: FloatArray

    def __len__(self) -> int:
        return int(self.suicide.shape[0])


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * x))  # tanh form never overflows
    return out


def _softmax(x: FloatArray) -> FloatArray:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    out: FloatArray = shifted / shifted.sum(axis=1, keepdims=True)
    return out


@dataclass(frozen=True)
class SentenceHeads:
    """Linear heads that score single sentences (risk, self-harm) over hashed features.

    Their features add character n-grams of each word (`features.hashed_counts(subwords=True)`)
    to words and word pairs, with their own IDF, so shorthand and misspellings reach them.
    """

    idf: FloatArray
    weights: npt.NDArray[np.float32]  # (N_FEATURES, 2)
    bias: FloatArray
    platt_scale: FloatArray
    platt_shift: FloatArray

    @cached_property
    def _by_output(self) -> npt.NDArray[np.floating]:
        return _by_output(self.weights)

    def score(self, sentences: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        out = np.zeros((len(sentences), 2), dtype=np.float64)
        for start in range(0, len(sentences), CHUNK_TEXTS * 4):
            chunk = sentences[start : start + CHUNK_TEXTS * 4]
            out[start : start + len(chunk)] = _linear(
                hashed_counts(chunk, subwords=True), self.idf, self._by_output, self.bias
            )
        scores = _sigmoid(out * self.platt_scale + self.platt_shift)
        return scores[:, 0].copy(), scores[:, 1].copy()


def _linear(
    counts: HashedCounts, idf: FloatArray, by_output: npt.NDArray[np.floating], bias: FloatArray
) -> FloatArray:
    """Sparse TF-IDF rows times dense weights, plus bias: one row of outputs per document.

    `by_output` is the weight matrix transposed and contiguous, one row per output (see
    `_by_output`)."""
    values = tfidf_values(counts, idf).astype(np.float32)
    sums = np.zeros((counts.n_docs, by_output.shape[0]), dtype=np.float64)
    if counts.doc.size:
        contributions = np.take(by_output, counts.feature, axis=1) * values
        # Entries are sorted by document: sum each document's run in one pass.
        starts = np.flatnonzero(np.r_[True, counts.doc[1:] != counts.doc[:-1]])
        sums[counts.doc[starts]] = np.add.reduceat(contributions, starts, axis=1).T
    out: FloatArray = sums + bias
    return out


def _by_output(weights: npt.NDArray[np.floating]) -> npt.NDArray[np.floating]:
    """(features, outputs) weights as (outputs, features), contiguous: the weights gathered for
    a text then lie side by side per output, and summing each text's run of them reads memory
    in order. Same products and sums as gathering rows, about twice as fast."""
    return np.ascontiguousarray(weights.T)


class TextModel:
    """Calibrated linear heads over hashed TF-IDF features. Use `TextModel.load()`."""

    _cached: ClassVar[TextModel | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        *,
        idf: FloatArray,
        weights: FloatArray,
        bias: FloatArray,
        platt_scale: FloatArray,
        platt_shift: FloatArray,
        level_temperature: float,
        info: dict[str, Any],
        sentence: SentenceHeads | None = None,
    ) -> None:
        n_outputs = len(BINARY_HEADS) + len(DEPRESSION_LEVELS)
        if idf.shape != (N_FEATURES,) or weights.shape != (N_FEATURES, n_outputs):
            raise ContentError(MODEL_NPZ, "model arrays do not match the feature space")
        self._idf = idf
        self._weights_by_output = _by_output(weights)
        self._bias = bias
        self._platt_scale = platt_scale
        self._platt_shift = platt_shift
        self._level_temperature = level_temperature
        self.info = info
        self._sentence = sentence

    @classmethod
    def load(cls) -> TextModel:
        """The shipped model, read once per process and then reused."""
        with cls._lock:
            if cls._cached is None:
                cls._cached = cls._read_package_files()
            return cls._cached

    @classmethod
    def _read_package_files(cls) -> TextModel:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        try:
            info = json.loads(folder.joinpath(MODEL_JSON).read_text(encoding="utf-8"))
            with folder.joinpath(MODEL_NPZ).open("rb") as handle, np.load(handle) as arrays:
                parts = {name: np.asarray(arrays[name]) for name in arrays.files}
        except (OSError, ValueError, KeyError) as exc:
            raise ContentError(MODEL_NPZ, f"the shipped text model cannot be read ({exc})") from exc
        if info.get("n_features") != N_FEATURES:
            raise ContentError(MODEL_JSON, "the model was trained for another feature space")
        sentence = None
        if "sentence_weights" in parts:
            sentence = SentenceHeads(
                idf=parts["sentence_idf"].astype(np.float64),
                weights=parts["sentence_weights"].astype(np.float32),
                bias=parts["sentence_bias"].astype(np.float64),
                platt_scale=parts["sentence_platt_scale"].astype(np.float64),
                platt_shift=parts["sentence_platt_shift"].astype(np.float64),
            )
        return cls(
            sentence=sentence,
            idf=parts["idf"].astype(np.float64),
            # float32 halves the memory of the largest array; the scores do not need more.
            weights=parts["weights"].astype(np.float32),
            bias=parts["bias"].astype(np.float64),
            platt_scale=parts["platt_scale"].astype(np.float64),
            platt_shift=parts["platt_shift"].astype(np.float64),
            level_temperature=float(parts["level_temperature"]),
            info=info,
        )

    @property
    def has_sentence_heads(self) -> bool:
        """Whether this model also scores single sentences (the fast sentence reader)."""
        return self._sentence is not None

    def score_sentences(self, sentences: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """(risk, self_harm) scores in 0..1 for each sentence; needs `has_sentence_heads`."""
        if self._sentence is None:
            raise ContentError(MODEL_NPZ, "this model has no sentence heads")
        if not sentences:
            empty = np.zeros(0, dtype=np.float64)
            return empty, empty.copy()
        return self._sentence.score(list(sentences))

    @property
    def thresholds(self) -> dict[str, float]:
        """Operating points chosen on held-out data (see the model card), per binary head."""
        chosen = self.info.get("thresholds", {})
        return {head: float(chosen.get(head, 0.5)) for head in BINARY_HEADS}

    def raw_scores(self, texts: Sequence[str]) -> FloatArray:
        """Linear scores before calibration, shape (n, 7): three binary heads, then four levels.

        Large batches are scored in chunks, so memory stays flat however many texts come in.
        """
        if len(texts) <= CHUNK_TEXTS:
            return self._raw_scores_chunk(texts)
        parts = [
            self._raw_scores_chunk(texts[start : start + CHUNK_TEXTS])
            for start in range(0, len(texts), CHUNK_TEXTS)
        ]
        return np.concatenate(parts, axis=0)

    def _raw_scores_chunk(self, texts: Sequence[str]) -> FloatArray:
        return _linear(hashed_counts(texts), self._idf, self._weights_by_output, self._bias)

    def predict(self, texts: Sequence[str]) -> ModelScores:
        """Calibrated scores for a batch of texts (any length, including empty)."""
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts, not one string")
        raw = self.raw_scores(list(texts))
        n_binary = len(BINARY_HEADS)
        binary = _sigmoid(raw[:, :n_binary] * self._platt_scale + self._platt_shift)
        levels = _softmax(raw[:, n_binary:] / self._level_temperature)
        return ModelScores(
            suicide=binary[:, 0].copy(),
            self_harm=binary[:, 1].copy(),
            depression=binary[:, 2].copy(),
            depression_levels=levels,
        )
