"""The BERT WordPiece tokenizer (uncased), in plain Python, for the sentence encoder.

It reproduces the tokenizer that ships with the encoder's weights (BertNormalizer with
lower-casing and accent stripping, BertPreTokenizer, WordPiece with '##' continuations), so the
encoder sees exactly the token ids it was trained with; `training/encoder_weights.py` checks this
against the reference implementation on real texts before it writes the model files.

Written here rather than taken from the `tokenizers` package because that package pulls in a
network client for model downloads, and Waylight's run time must need no network at all. Words
are cached, so a batch of ordinary posts costs one dictionary lookup per word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain

CLS, SEP, UNK, PAD = "[CLS]", "[SEP]", "[UNK]", "[PAD]"
MAX_CHARS_PER_WORD = 100
_CACHE_LIMIT = 200_000
# ASCII control characters are dropped, tabs and line breaks become spaces.
_ASCII_CLEAN = {code: None for code in (*range(32), 127)} | {ord(c): " " for c in "\t\n\r"}
# After `_normalise`, an ASCII text holds only spaces, lower-case letters, digits and printable
# punctuation, and every printable ASCII character that is not a letter or digit is punctuation
# to BERT: its words are then runs of letters and digits and single punctuation marks.
_ASCII_WORDS = re.compile(r"[a-z0-9]+|[^a-z0-9 ]")


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_chinese(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def _is_whitespace(ch: str) -> bool:
    if ch in " \t\n\r":
        return True
    return unicodedata.category(ch) == "Zs"


def _normalise(text: str) -> str:
    """Clean, space out CJK characters, lower-case and strip accents (BertNormalizer)."""
    if text.isascii():
        # The common case: no accents, no CJK; only control characters need care.
        return text.translate(_ASCII_CLEAN).lower()
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code == 0 or code == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(" ")
        elif _is_chinese(code):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    # Accents are stripped before lower-casing, in the reference tokenizer's order.
    decomposed = unicodedata.normalize("NFD", "".join(out))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


def _split_punctuation(word: str) -> list[str]:
    if word.isalnum():
        return [word]
    pieces: list[str] = []
    current: list[str] = []
    for ch in word:
        if _is_punctuation(ch):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(ch)
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


class WordPiece:
    """Text to token ids, with [CLS] first and [SEP] last, at most `max_tokens` in all."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = {token: index for index, token in enumerate(vocab)}
        self.cls_id = self.vocab[CLS]
        self.sep_id = self.vocab[SEP]
        self.unk_id = self.vocab[UNK]
        self.pad_id = self.vocab[PAD]
        self._cache: dict[str, tuple[int, ...]] = {}

    def word_ids(self, word: str) -> tuple[int, ...]:
        """WordPiece ids of one pre-tokenised word: greedy longest match, '##' continuations."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids = self._word_ids(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = ids
        return ids

    def words_ids(self, words: Sequence[str]) -> list[int]:
        """The ids of many pre-tokenised words, one flat list (`word_ids` of each in turn)."""
        try:
            # Fast path: every word already cached, one C-level map and join.
            return list(chain.from_iterable(map(self._cache.__getitem__, words)))
        except KeyError:
            return list(chain.from_iterable(map(self.word_ids, words)))

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_CHARS_PER_WORD:
            return (self.unk_id,)
        vocab = self.vocab
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = vocab.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return (self.unk_id,)
            ids.append(found)
            start = end
        return tuple(ids)

    def tokens(self, text: str) -> list[str]:
        """The pre-tokenised words of `text` (normalised, split on spaces and punctuation)."""
        if text.isascii():
            return _ASCII_WORDS.findall(_normalise(text))
        words: list[str] = []
        for chunk in _normalise(text).split():
            words.extend(_split_punctuation(chunk))
        return words

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """Token ids of `text` with [CLS] and [SEP], cut to `max_tokens` (the end is dropped)."""
        ids = [self.cls_id]
        room = max_tokens - 1
        for word in self.tokens(text):
            pieces = self.word_ids(word)
            ids.extend(pieces)
            if len(ids) >= room:
                del ids[room:]
                break
        ids.append(self.sep_id)
        return ids
