"""Sentence-encoder vectors of single strings, cached on disk by the string's hash.

Training and the cross-writer evaluation encode the same texts and sentences again and again
(every fold, every design choice); the encoder is the slow part, so each string is encoded
once per encoder file and kept in `training/cache/` (ignored by git).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from training.sentence_readers import _encoder_digest
from waylight.core.textrisk.encoder import SentenceEncoder

CACHE_DIR = Path(__file__).resolve().parent / "cache"
STEP = 512


def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "replace")).digest()


class VectorCache:
    """String -> float16 encoder vector, persisted in one .npz per encoder file."""

    def __init__(self, cache_dir: Path = CACHE_DIR) -> None:
        self.path = cache_dir / f"string-vectors-{_encoder_digest()}.npz"
        self._index: dict[bytes, int] = {}
        self._vectors = np.zeros((0, 384), dtype=np.float16)
        if self.path.exists():
            with np.load(self.path) as parts:
                keys = parts["keys"]
                self._vectors = parts["vectors"]
            self._index = {bytes(k): i for i, k in enumerate(keys)}

    def _save(self) -> None:
        keys = np.zeros((len(self._index), 20), dtype=np.uint8)
        for key, i in self._index.items():
            keys[i] = np.frombuffer(key, dtype=np.uint8)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=self._vectors)
        tmp.replace(self.path)

    def vectors(self, texts: Sequence[str], *, log: bool = False) -> npt.NDArray[np.float32]:
        """One vector per text (encoded now only where the cache lacks it)."""
        missing = list(dict.fromkeys(t for t in texts if _key(t) not in self._index))
        if missing:
            encoder = SentenceEncoder.load()
            for start in range(0, len(missing), STEP):
                chunk = missing[start : start + STEP]
                new = encoder.encode(chunk).astype(np.float16)
                base = self._vectors.shape[0]
                self._vectors = np.concatenate([self._vectors, new])
                for i, text in enumerate(chunk):
                    self._index[_key(text)] = base + i
                self._save()
                if log:
                    print(
                        f"encoded {min(start + STEP, len(missing))} of {len(missing)}", flush=True
                    )
        rows = [self._index[_key(t)] for t in texts]
        return self._vectors[rows].astype(np.float32)
