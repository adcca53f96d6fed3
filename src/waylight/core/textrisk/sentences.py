"""Cut a text into sentences (character spans), the unit the semantic reader scores.

Sentence ends are '.', '!', '?' (and runs of them) followed by a space or the end, and line
breaks; a sentence longer than `MAX_WORDS` words is cut again at its last comma, semicolon or
dash before that many words (or hard at that many words), so one run-on line does not hide a
short disclosure inside a long mean. Training (`training/sentence_data.py`) and run time use
this same function.
"""

from __future__ import annotations

import re

MAX_WORDS = 32
MIN_CHARS = 2

_END = re.compile(r"[.!?…]+(?=\s|$)|\n+")
_WORD = re.compile(r"\S+")
_SOFT_BREAK = re.compile(r"[,;:]\s|\s[-–—]\s")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for mark in _END.finditer(text):
        _add(text, start, mark.end(), spans)
        start = mark.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < MIN_CHARS:
        return
    # Word boundaries are found once, so a run-on line of any length costs linear time.
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    first = 0
    while len(words) - first > MAX_WORDS:
        limit = words[first + MAX_WORDS - 1][1]
        breaks = [
            m.end() for m in _SOFT_BREAK.finditer(text, words[first + MAX_WORDS // 2][0], limit)
        ]
        cut = breaks[-1] if breaks else limit
        spans.append((start, _rstrip(text, start, cut)))
        while first < len(words) and words[first][0] < cut:
            first += 1
        start = words[first][0] if first < len(words) else end
    if first < len(words):
        spans.append((start, end))


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
