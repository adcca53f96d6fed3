"""Regular expressions built from the context cues' word lists (`context.yaml`).

The content files write an apostrophe a post may leave out as `{q}` ("i{q}m"); these helpers
turn a cue list into one alternation with it written as a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from waylight.core.textrisk.scanner import literal_probe


def expanded(patterns: Sequence[str]) -> list[str]:
    """`patterns` with `{q}` written as an optional apostrophe."""
    return [p.replace("{q}", "'?") for p in patterns]


def either(patterns: Sequence[str]) -> str:
    """One non-capturing alternation of `patterns`, to be bounded by the caller."""
    return "(?:" + "|".join(expanded(patterns)) + ")"


class ProbedPattern:
    """A cue regex searched only where a cheap probe finds a string one of its patterns needs.

    A long list of bounded cues ("(?<!\\w)lyrics?(?!\\w)|...") is slow to search: the regex
    engine tries every alternative, lookbehind first, at every position (about a quarter of a
    millisecond for one sentence of the reported-speech list). The probe (`literal_probe`) is
    one search for the literal strings that every match must hold ("lyric", "poem", "news");
    most sentences hold none, and then the answer, no match, is known without the slow search.
    Where the probe finds one, the cue regex itself decides, so `search` answers exactly as
    the regex does.
    """

    def __init__(self, patterns: Sequence[str], source: str) -> None:
        self.regex = re.compile(source)
        self.probe = literal_probe(patterns)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self.probe is not None and self.probe.search(text, pos, end) is None:
            return None
        return self.regex.search(text, pos, end)
