"""The semantic second reader: sentence vectors from the encoder, scored by trained heads.

Where the fast reader is unsure about a sentence, this reader encodes it with the MiniLM
sentence encoder (`encoder.py`) and scores it with two calibrated linear heads: the writer's
own suicidal thoughts, and the writer's own self-harm. Because the encoder places sentences by
meaning, wording no rule lists ("I want to be switched off", "what I did to my arms") lands
near the wording the heads learnt from. The heads are trained by `training/train.py` on
weakly labelled sentences of `../shared/data` (docs/model-card.md); their weights are
`model/semantic_heads.npz`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from importlib import resources
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.encoder import SentenceEncoder

HEADS_NPZ = "semantic_heads.npz"
HEADS_JSON = "semantic_heads.json"
SENTENCE_HEADS = ("risk", "self_harm")

FloatArray = npt.NDArray[np.float64]


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


class SemanticReader:
    """Sentence scores for the writer's own risk and self-harm. Use `SemanticReader.load()`."""

    _cached: ClassVar[SemanticReader | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        encoder: SentenceEncoder,
        *,
        weights: FloatArray,
        bias: FloatArray,
        platt_scale: FloatArray,
        platt_shift: FloatArray,
        info: dict[str, Any],
    ) -> None:
        if weights.shape != (384, len(SENTENCE_HEADS)):
            raise ContentError(HEADS_NPZ, "semantic heads do not match the encoder")
        self.encoder = encoder
        self._weights = weights
        self._bias = bias
        self._scale = platt_scale
        self._shift = platt_shift
        self.info = info

    @classmethod
    def available(cls) -> bool:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        return folder.joinpath(HEADS_NPZ).is_file() and SentenceEncoder.available()

    @classmethod
    def load(cls) -> SemanticReader:
        """The shipped reader (encoder and heads), read once per process."""
        with cls._lock:
            if cls._cached is None:
                cls._cached = cls._read_package_files()
            return cls._cached

    @classmethod
    def _read_package_files(cls) -> SemanticReader:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        try:
            info = json.loads(folder.joinpath(HEADS_JSON).read_text(encoding="utf-8"))
            with folder.joinpath(HEADS_NPZ).open("rb") as handle, np.load(handle) as arrays:
                parts = {name: np.asarray(arrays[name], dtype=np.float64) for name in arrays.files}
        except (OSError, ValueError, KeyError) as exc:
            raise ContentError(HEADS_NPZ, f"the semantic heads cannot be read ({exc})") from exc
        return cls(
            SentenceEncoder.load(),
            weights=parts["weights"],
            bias=parts["bias"],
            platt_scale=parts["platt_scale"],
            platt_shift=parts["platt_shift"],
            info=info,
        )

    def score_vectors(self, vectors: npt.NDArray[np.floating]) -> tuple[FloatArray, FloatArray]:
        """Calibrated (risk, self_harm) scores for encoded sentences."""
        raw = vectors.astype(np.float64) @ self._weights + self._bias
        scores = _sigmoid(raw * self._scale + self._shift)
        return scores[:, 0].copy(), scores[:, 1].copy()

    def score_sentences(self, sentences: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """(risk, self_harm) scores in 0..1 for each sentence."""
        if not sentences:
            empty = np.zeros(0, dtype=np.float64)
            return empty, empty.copy()
        return self.score_vectors(self.encoder.encode(list(sentences)))
