"""A static sentence embedding distilled from the MiniLM encoder: one vector per WordPiece token.

The sentence encoder (`encoder.py`) places a text by meaning, but it runs six transformer
layers over every token: a few hundred texts a second. This table keeps one vector per token of
the same vocabulary, fitted so that the mean of a sentence's token vectors lands where the
encoder would put the whole sentence (`training/static_table.py`: each token first read alone
by the encoder, then a ridge regression onto the encoder's vectors of ~180,000 sentences, then
a PCA to `DIMENSIONS`). Reading a text is then a table lookup and a mean: tens of thousands of
texts a second, with most of the encoder's sense of meaning (on held-out sentences the pooled
vector has a cosine of about 0.8 with the encoder's own).

The table is `model/static_table.npz` (float16, numbers only); the vocabulary is the encoder's
(`model/encoder_vocab.txt`), tokenised by the same WordPiece code.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from itertools import chain
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.encoder import ENCODER_VOCAB
from waylight.core.textrisk.wordpiece import WordPiece

STATIC_NPZ = "static_table.npz"
DIMENSIONS = 256
# Tokens read per text: the newest ones (the end of a long text) when there are more.
MAX_TOKENS = 4096
# Texts pooled at once, so the gathered token rows stay within a few tens of MB.
CHUNK_TOKENS = 65_536

F32 = npt.NDArray[np.float32]


class StaticEmbedder:
    """Texts to unit-length `DIMENSIONS`-dimensional vectors. Use `StaticEmbedder.load()`."""

    _cached: ClassVar[StaticEmbedder | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, vocab: Sequence[str], table: npt.NDArray[np.floating]) -> None:
        if table.ndim != 2 or table.shape[0] != len(vocab):
            raise ContentError(STATIC_NPZ, "the static table does not match the vocabulary")
        self.tokenizer = WordPiece(vocab)
        # float32 in memory (about 31 MB): the gathers below then need no conversion. Kept
        # transposed, one row per dimension: a text's token vectors then lie side by side
        # along a row, and summing each text's run of them (`_pool`) reads memory in order.
        self._columns = np.ascontiguousarray(np.asarray(table, dtype=np.float32).T)
        self.dimensions = int(table.shape[1])

    @classmethod
    def available(cls) -> bool:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        return folder.joinpath(STATIC_NPZ).is_file() and folder.joinpath(ENCODER_VOCAB).is_file()

    @classmethod
    def load(cls) -> StaticEmbedder:
        """The shipped table, read once per process."""
        with cls._lock:
            if cls._cached is None:
                folder = resources.files("waylight.core.textrisk").joinpath("model")
                try:
                    vocab = folder.joinpath(ENCODER_VOCAB).read_text(encoding="utf-8").split("\n")
                    with folder.joinpath(STATIC_NPZ).open("rb") as handle, np.load(handle) as parts:
                        table = np.asarray(parts["table"])
                except (OSError, ValueError, KeyError) as exc:
                    raise ContentError(
                        STATIC_NPZ, f"the static table cannot be read ({exc})"
                    ) from exc
                cls._cached = cls(vocab, table)
            return cls._cached

    def token_ids(self, text: str) -> list[int]:
        """The WordPiece ids of `text` (no [CLS] or [SEP]), the last `MAX_TOKENS` of them."""
        ids = self.tokenizer.words_ids(self.tokenizer.tokens(text))
        return ids[-MAX_TOKENS:] if len(ids) > MAX_TOKENS else ids

    def embed(self, texts: Sequence[str]) -> F32:
        """One unit-length vector per text (zeros for a text without tokens)."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        return self.embed_ids([self.token_ids(t) for t in texts])

    def embed_ids(self, ids: Sequence[Sequence[int]]) -> F32:
        """Mean token vector of each id list, scaled to unit length."""
        out = np.zeros((len(ids), self.dimensions), dtype=np.float32)
        start = 0
        while start < len(ids):
            # Take texts until about CHUNK_TOKENS tokens are gathered (at least one text).
            stop, total = start, 0
            while stop < len(ids) and (stop == start or total + len(ids[stop]) <= CHUNK_TOKENS):
                total += len(ids[stop])
                stop += 1
            self._pool(ids[start:stop], out[start:stop])
            start = stop
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: F32 = out / norms
        return result

    def _pool(self, chunk: Sequence[Sequence[int]], out: F32) -> None:
        lengths = np.fromiter((len(c) for c in chunk), dtype=np.int64, count=len(chunk))
        if not lengths.sum():
            return
        # chain.from_iterable walks the id lists in C (a generator expression ran a Python
        # step per token).
        flat = np.fromiter(chain.from_iterable(chunk), dtype=np.int64, count=int(lengths.sum()))
        columns = np.take(self._columns, flat, axis=1)  # (dimensions, tokens)
        has = lengths > 0
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[has]
        # Sums of each text's run of token vectors, divided by its length: the mean (the norm
        # follows). The sums run along contiguous memory; the same reduction over rows of the
        # untransposed table gave the same numbers about four times slower (a strided pass per
        # dimension and text).
        out[has] = np.add.reduceat(columns, starts, axis=1).T / lengths[has, None]
