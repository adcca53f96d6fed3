"""A post's text cut into plain and highlighted pieces, for the template to escape and mark.

    >>> [(p.text, p.marked) for p in pieces("I feel so tired today", [Span(7, 15, "depression")])]
    [('I feel ', False), ('so tired', True), (' today', False)]

The text is never trusted: the server cuts it at the detector's character spans and hands the
template plain strings, which Django escapes as it renders each piece inside its own `<mark>`.
No HTML is built here. A span that does not fit the text (out of range, or a text shortened
since) is left out rather than guessed at; overlapping spans join into one highlight, which
keeps every kind it covers (shown in its label).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` (end excluded) of the text, as one signal of `kind`.

    `counted` is False for a signal the detector read but did not count (negated, about
    someone else, in the past, hypothetical); it is still shown, in a quieter highlight.
    """

    start: int
    end: int
    kind: str
    counted: bool = True


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False
    kinds: tuple[str, ...] = ()
    counted: bool = False

    @property
    def label(self) -> str:
        """What the highlight is, in words for the reader (and for screen readers)."""
        from django.utils.translation import gettext as _

        from waylight.web.triage.labels import SIGNAL_KIND, word

        kinds = ", ".join(word(SIGNAL_KIND, k) for k in self.kinds)
        return kinds if self.counted else _("%(kinds)s (not counted)") % {"kinds": kinds}


def spans_from_signals(signals: Iterable[Mapping[str, Any]]) -> list[Span]:
    """The spans of the detector's signals (as stored: the C6 signal dictionaries)."""
    spans = []
    for signal in signals:
        try:
            start, end = int(signal["start"]), int(signal["end"])
        except (KeyError, TypeError, ValueError):
            continue
        spans.append(
            Span(start, end, str(signal.get("kind", "signal")), bool(signal.get("counted", True)))
        )
    return spans


def pieces(text: str, spans: Sequence[Span]) -> list[Piece]:
    """The whole text, in order, as plain pieces and highlighted ones."""
    fitting = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    merged: list[tuple[int, int, list[Span]]] = []
    for span in fitting:
        if merged and span.start < merged[-1][1]:
            start, end, members = merged[-1]
            merged[-1] = (start, max(end, span.end), [*members, span])
        else:
            merged.append((span.start, span.end, [span]))
    out: list[Piece] = []
    at = 0
    for start, end, members in merged:
        if start > at:
            out.append(Piece(text[at:start]))
        kinds = tuple(dict.fromkeys(m.kind for m in members))
        out.append(Piece(text[start:end], True, kinds, any(m.counted for m in members)))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out
