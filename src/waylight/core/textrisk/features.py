"""Text to hashed TF-IDF features, shared by training and the shipped model.

Training (`training/train.py`) and run time (`model.TextModel`) both call the functions here, so
the features a model was trained on are exactly the features it sees later.

Why hashing: the model file then holds only numbers, never words or sentences from the training
data, and the feature space has a fixed size that needs no vocabulary file.

Features: word unigrams and word bigrams of the lower-cased text, hashed with CRC-32 into
`N_FEATURES` buckets. Apostrophes are dropped ("don't" -> "dont", "I'm" -> "im") so that cleaned
and raw texts meet in the same buckets. Common emoji are kept as tokens. Weights are sublinear
term frequency (1 + log count) times a precomputed inverse document frequency, L2-normalised per
text.

With `subwords=True` each word of at least `SUBWORD_MIN_CHARS` letters also gives its
character 3- and 4-grams, marked at the word's edges ("<cut", "ing>"), hashed into the same
space: "sh'd", "cuttin", "selfharmed" and "su1cide" then share features with the spellings
the training posts use. A word's n-gram hashes are computed once and cached.

Everything is vectorised over a batch with numpy: a batch of texts becomes three flat arrays
(`doc`, `feature`, `count`), sorted by document and then by feature.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

N_FEATURES_LOG2 = 18
N_FEATURES = 1 << N_FEATURES_LOG2
_MASK = N_FEATURES - 1
_INT32_MAX = int(np.iinfo(np.int32).max)
# Odd 32-bit multiplier (golden ratio): spreads a bigram's first word before mixing in the second.
_BIGRAM_MULTIPLIER = np.uint64(0x9E3779B1)
_BIGRAM_SALT = np.uint64(0x5BD1E995)
_UINT32 = np.uint64(0xFFFFFFFF)

_APOSTROPHES = ("'", "’", "‘", "`", "´")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]+|[\U0001F300-\U0001FAFF\u2600-\u27BF]")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Token -> 32-bit hash. Bounded so a long stream of novel tokens cannot grow memory without limit.
_HASH_CACHE: dict[str, int] = {}
_HASH_CACHE_LIMIT = 500_000
SUBWORD_MIN_CHARS = 3
SUBWORD_SIZES = (3, 4)
# Token -> its character n-gram hashes (salted apart from word hashes), packed as unsigned
# 32-bit ints: a text's hashes are then one bytes join, with no Python int per n-gram.
_SUBWORD_CACHE: dict[str, bytes] = {}
_SUBWORD_SALT = b"\x01sub:"
_ITEM = array("I").itemsize  # 4: numpy reads the packed hashes as uint32


def tokens(text: str) -> list[str]:
    """Lower-cased word and emoji tokens of `text`, apostrophes removed."""
    lowered = text.lower()
    for mark in _APOSTROPHES:  # str.replace is faster here than str.translate
        if mark in lowered:
            lowered = lowered.replace(mark, "")
    # Most texts are plain ASCII, and the simpler pattern is faster for them.
    pattern = _ASCII_TOKEN if lowered.isascii() else _TOKEN
    return pattern.findall(lowered)


def _token_hash(token: str) -> int:
    value = _HASH_CACHE.get(token)
    if value is None:
        value = zlib.crc32(token.encode("utf-8"))
        if len(_HASH_CACHE) >= _HASH_CACHE_LIMIT:
            _HASH_CACHE.clear()
        _HASH_CACHE[token] = value
    return value


def _token_hashes(words: list[str]) -> list[int]:
    # Fast path: one C-level map over the cache; only unseen tokens go through CRC-32.
    try:
        return list(map(_HASH_CACHE.__getitem__, words))
    except KeyError:
        return [_token_hash(w) for w in words]


def _subword_hashes(token: str) -> bytes:
    cached = _SUBWORD_CACHE.get(token)
    if cached is not None:
        return cached
    grams = array("I")
    if len(token) >= SUBWORD_MIN_CHARS and token.isascii():
        marked = f"<{token}>"
        grams.extend(
            zlib.crc32(_SUBWORD_SALT + marked[i : i + n].encode("ascii"))
            for n in SUBWORD_SIZES
            for i in range(len(marked) - n + 1)
        )
    if len(_SUBWORD_CACHE) >= _HASH_CACHE_LIMIT:
        _SUBWORD_CACHE.clear()
    packed = _SUBWORD_CACHE[token] = grams.tobytes()
    return packed


def _subword_bytes(words: list[str]) -> bytes:
    """The packed n-gram hashes of `words`, in order."""
    try:
        # Fast path, as for word hashes: one C-level map and join when every word is cached.
        return b"".join(map(_SUBWORD_CACHE.__getitem__, words))
    except KeyError:
        return b"".join(_subword_hashes(w) for w in words)


@dataclass(frozen=True)
class HashedCounts:
    """Sparse term counts for a batch: entry i says text `doc[i]` has `count[i]` of `feature[i]`.

    Entries are sorted by `doc`, then by `feature`; a (doc, feature) pair appears once.
    """

    n_docs: int
    doc: IntArray
    feature: IntArray
    count: FloatArray


def hashed_counts(texts: Sequence[str], *, subwords: bool = False) -> HashedCounts:
    """Hash the unigrams and bigrams (and with `subwords`, the character n-grams of each word)
    of every text into counts over `N_FEATURES` buckets."""
    hashes: list[int] = []
    doc_lengths: list[int] = []
    sub_hashes: list[bytes] = []
    sub_lengths: list[int] = []
    for text in texts:
        words = tokens(text)
        hashes.extend(_token_hashes(words))
        doc_lengths.append(len(words))
        if subwords:
            packed = _subword_bytes(words)
            sub_hashes.append(packed)
            sub_lengths.append(len(packed) // _ITEM)
    n_docs = len(texts)
    # array.array converts a list of Python ints faster than numpy does.
    word_hash = np.frombuffer(array("I", hashes), dtype=np.uint32).astype(np.uint64)
    word_doc = np.repeat(np.arange(n_docs, dtype=np.int64), doc_lengths)

    # A bigram joins neighbours in the flat array, kept only where both words are in one text.
    same_doc = word_doc[1:] == word_doc[:-1]
    pair_hash = (word_hash[:-1] * _BIGRAM_MULTIPLIER + word_hash[1:] + _BIGRAM_SALT) & _UINT32
    pair_hash = (pair_hash ^ (pair_hash >> np.uint64(15))) * _BIGRAM_MULTIPLIER & _UINT32
    pair_hash = pair_hash ^ (pair_hash >> np.uint64(13))
    feature = np.concatenate([word_hash, pair_hash[same_doc]]).astype(np.int64) & _MASK
    doc = np.concatenate([word_doc, word_doc[:-1][same_doc]])
    packed = b"".join(sub_hashes)
    if packed:
        sub = np.frombuffer(packed, dtype=np.uint32).astype(np.int64) & _MASK
        sub_doc = np.repeat(np.arange(n_docs, dtype=np.int64), sub_lengths)
        feature = np.concatenate([feature, sub])
        doc = np.concatenate([doc, sub_doc])

    key = doc * N_FEATURES + feature
    if n_docs * N_FEATURES <= _INT32_MAX:
        # np.unique sorts the keys, and sorts 32-bit integers much faster than 64-bit ones;
        # the keys of a batch (up to 8,191 texts) fit, and the counts are the same.
        unique_key, counts = np.unique(key.astype(np.int32), return_counts=True)
        unique_key = unique_key.astype(np.int64)
    else:
        unique_key, counts = np.unique(key, return_counts=True)
    return HashedCounts(
        n_docs=n_docs,
        doc=unique_key // N_FEATURES,
        feature=unique_key % N_FEATURES,
        count=counts.astype(np.float64),
    )


def tfidf_values(counts: HashedCounts, idf: npt.NDArray[np.floating]) -> FloatArray:
    """Sublinear TF times IDF for each entry of `counts`, L2-normalised within each text."""
    values = (1.0 + np.log(counts.count)) * idf[counts.feature].astype(np.float64)
    norms = np.sqrt(np.bincount(counts.doc, weights=values * values, minlength=counts.n_docs))
    norms[norms == 0.0] = 1.0
    normalised: FloatArray = values / norms[counts.doc]
    return normalised


def document_frequency(counts: HashedCounts) -> IntArray:
    """How many texts contain each feature (each (doc, feature) pair is already unique)."""
    df: IntArray = np.bincount(counts.feature, minlength=N_FEATURES).astype(np.int64)
    return df


def smooth_idf(df: IntArray, n_docs: int) -> FloatArray:
    """Smoothed IDF as in the usual TF-IDF definition: log((1 + n) / (1 + df)) + 1."""
    idf: FloatArray = np.log((1.0 + n_docs) / (1.0 + df.astype(np.float64))) + 1.0
    return idf
