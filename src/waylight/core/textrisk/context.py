"""Read a matched signal in its context: negation, hypotheticals, whose experience, when, jokes.

The cues are data (`content/text/context.yaml`); this module decides where to look for them:
- negation: the last three words before the signal, in its clause;
- hypothetical: the part of its sentence before it, up to a contrast word ("but", "now");
- subject: the nearest person word before it, in its clause, else in its sentence;
- time: past cues around it in its sentence, or a recovery story anywhere in the text, unless a
  recent cue ("last night", "again") sits in its sentence;
- laughter: in its sentence or just after it;
- idioms: an everyday expression starting at or before the signal and covering its start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from waylight.core.content import load_data
from waylight.core.textrisk.rules import Match
from waylight.core.textrisk.scanner import Scanner

CONTEXT_FILE = "text/context.yaml"

Experiencer = Literal["self", "other"]
Time = Literal["current", "past"]

NEGATION_WINDOW_WORDS = 3
LAUGHTER_TAIL_CHARS = 25

_SENTENCE_END = re.compile(r"[.!?\n]+")
_CLAUSE_END = re.compile(
    r"[.!?;:,\n]+|\b(?:but|because|cause|although|though|however|yet|except|while|whereas)\b"
)
_SPAN_END = re.compile(
    r"[.!?;\n]+|\b(?:but|however|although|though|yet|now|nowadays|these days|today)\b"
)
_REFLEXIVE_SELF = re.compile(r"\bmy ?self\b")
_REFLEXIVE_OTHER = re.compile(
    r"\b(?:him ?self|her ?self|them ?sel(?:f|ves)|your ?self|ur ?self|yo ?self|one ?self"
    r"|our ?selves)\b"
)
_LYRIC_MARK = re.compile(r"[♪🎵🎶]")
# Past words that a rule's own wording may include ("stopped cutting"); "no longer" is left
# out because "I no longer want to be alive" is current.
_PAST_IN_MATCH = re.compile(r"\b(?:stopped|quit|used to)\b")


@dataclass(frozen=True)
class Reading:
    """What a matched signal means in its context."""

    negated: bool
    hypothetical: bool
    experiencer: Experiencer
    time: Time
    joking: bool
    idiom: str | None

    @property
    def counts_for_writer(self) -> bool:
        """The writer's own, affirmed, real experience (past or current)."""
        return (
            self.experiencer == "self"
            and not self.negated
            and not self.hypothetical
            and self.idiom is None
        )


def _words(patterns: Sequence[str]) -> re.Pattern[str]:
    body = "|".join(p.replace("{q}", "'?") for p in patterns)
    return re.compile(rf"(?<![\w']){'(?:'}{body})(?![\w'])")


def _plain(patterns: Sequence[str]) -> re.Pattern[str]:
    """Cues that may be emoji or punctuation: bounded only where they start with a letter."""
    parts = []
    for p in patterns:
        p = p.replace("{q}", "'?")
        parts.append(rf"(?<!\w){p}(?!\w)" if p[:1].isalnum() else p)
    return re.compile("|".join(parts))


def _scanner(patterns: Sequence[str]) -> Scanner:
    return Scanner([("cue", [p.replace("{q}", "'?") for p in patterns])])


class ContextReader:
    """Compiled context cues, and the logic that applies them to one text's matches."""

    def __init__(self) -> None:
        data = load_data(CONTEXT_FILE, schema="text_context")
        cues = {name: cue["patterns"] for name, cue in data["cues"].items()}
        self._negation = _words(cues["negation"])
        self._pseudo_negation = _words(cues["pseudo_negation"])
        self._hypothetical = _words(cues["hypothetical"])
        self._subject = re.compile(
            r"(?<![\w'])(?:(?P<self>"
            + "|".join(p.replace("{q}", "'?") for p in cues["self_subject"])
            + r")|(?P<weak>"
            + "|".join(p.replace("{q}", "'?") for p in cues["weak_self_subject"])
            + r")|(?P<other>"
            + "|".join(p.replace("{q}", "'?") for p in cues["other_subject"])
            + r"))(?![\w'])"
        )
        self._past = _words(cues["past"])
        self._recent = _words(cues["recent"])
        self._laughter = _plain(cues["laughter"])
        self._reported = _plain(cues["reported"])
        # Searched over whole texts: the fast scanner (see scanner.py).
        self._recovery = _scanner(cues["recovery"])
        self._reported_text = _scanner(cues["reported"])
        self._support = _scanner(cues["support"])
        self._idiom_ids = {f"i{i}": idiom["id"] for i, idiom in enumerate(data["idioms"])}
        self._idioms = Scanner(
            [
                (f"i{i}", [p.replace("{q}", "'?") for p in idiom["patterns"]])
                for i, idiom in enumerate(data["idioms"])
            ]
        )

    def is_support(self, lowered: str) -> bool:
        """The text reads as advice or encouragement for someone else."""
        return self._support.search(lowered)

    def has_veto_cue(self, lowered: str) -> bool:
        """Support for someone else, or an everyday idiom: the model may not raise levels."""
        return self._support.search(lowered) or self._idioms.search(lowered)

    def read_all(self, lowered: str, matches: Sequence[Match]) -> list[Reading]:
        """Read every match of one text (the text-level cues are computed once)."""
        if not matches:
            return []
        text = _TextView(lowered)
        idioms = [(s, e, self._idiom_ids[name]) for name, s, e in self._idioms.finditer(lowered)]
        recovery = self._recovery.search(lowered)
        reported_text = self._reported_text.search(lowered)
        return [
            self._read(match, text, idioms, recovery=recovery, reported_text=reported_text)
            for match in matches
        ]

    def _read(
        self,
        match: Match,
        text: _TextView,
        idioms: list[tuple[int, int, str]],
        *,
        recovery: bool,
        reported_text: bool,
    ) -> Reading:
        low = text.lowered
        start, end = match.start, match.end
        clause = low[text.clause_start(start) : start]
        sentence_start, sentence_end = text.sentence(start)
        span = low[text.span_start(start) : start]
        after = low[end : text.span_end(end)]

        idiom = next((i for s, e, i in idioms if s <= start < e), None)
        negated = self._is_negated(clause)
        hypothetical = self._hypothetical.search(span) is not None
        experiencer = self._experiencer(
            match, low, clause, low[sentence_start:start], low[end:sentence_end]
        )
        if experiencer == "self" and self._is_reported(text, match, reported_text, clause):
            experiencer = "other"
        time = self._time(match, low[start:end], span, after, recovery=recovery)
        tail = low[sentence_start : max(sentence_end, end + LAUGHTER_TAIL_CHARS)]
        joking = match.rule.jokeable and self._laughter.search(tail) is not None
        return Reading(negated, hypothetical, experiencer, time, joking, idiom)

    def _time(self, match: Match, matched: str, span: str, after: str, *, recovery: bool) -> Time:
        """Past or current. Cues before the signal (or in it) beat cues after it."""
        if match.rule.always_past:
            return "past"
        recent, past = self._recent.search, self._past.search
        if recent(matched) or recent(span):
            return "current"
        if _PAST_IN_MATCH.search(matched) or past(span):
            return "past"
        if recent(after):
            return "current"
        if past(after) or recovery:
            return "past"
        return "current"

    def _is_negated(self, clause: str) -> bool:
        cleaned = self._pseudo_negation.sub(" ", clause)
        last_words = " ".join(cleaned.split()[-NEGATION_WINDOW_WORDS:])
        return self._negation.search(last_words) is not None

    def _experiencer(
        self, match: Match, low: str, clause: str, before: str, after: str
    ) -> Experiencer:
        rule = match.rule
        if rule.subject == "other":
            return "other"
        matched = low[match.start : match.end]
        # The matched words may say whose experience it is ("kill herself", "my attempt").
        if _REFLEXIVE_OTHER.search(matched):
            return "other"
        if _REFLEXIVE_SELF.search(matched) or self._nearest(matched) == "self":
            return "self"
        for window in (clause, before):
            nearest = self._nearest(window)
            if nearest is not None:
                return nearest
        if rule.subject != "needs_self":
            return "self"  # posts often drop the subject: "been cutting again"
        # A noun with no person before it ("cutting is the only way I cope"): the first person
        # after it in the sentence decides; none means a general statement.
        return self._first(after) or "other"

    def _first(self, window: str) -> Experiencer | None:
        for m in self._subject.finditer(window):
            if m.group("self") or m.group("weak"):
                return "self"
            return "other"
        return None

    def _nearest(self, window: str) -> Experiencer | None:
        """Whose person word comes last in `window` (nearest to the signal), if any.

        'my' counts only when no stronger person word ('I', 'she', 'my friend') is there.
        """
        found: Experiencer | None = None
        weak = False
        for m in self._subject.finditer(window):
            if m.group("weak"):
                weak = True
            else:
                found = "self" if m.group("self") else "other"
        if found is None and weak:
            return "self"
        return found

    def _is_reported(self, text: _TextView, match: Match, reported_text: bool, clause: str) -> bool:
        low = text.lowered
        line_start = low.rfind("\n", 0, match.start) + 1
        line_end = low.find("\n", match.end)
        line = low[line_start : line_end if line_end >= 0 else len(low)]
        if _LYRIC_MARK.search(line):
            return True
        if reported_text and low.count('"', 0, match.start) % 2 == 1:
            return True  # inside quotation marks in a text that quotes a song, film or news
        sentence_start, sentence_end = text.sentence(match.start)
        sentence = low[sentence_start:sentence_end]
        has_self = any(m.group("self") for m in self._subject.finditer(clause))
        return not has_self and self._reported.search(sentence) is not None


class _TextView:
    """Sentence, clause and span boundaries of one text, computed once, searched by bisection."""

    def __init__(self, lowered: str) -> None:
        self.lowered = lowered
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(lowered)]
        self._sentence_marks = [m.start() for m in _SENTENCE_END.finditer(lowered)]
        self._clause_ends = [m.end() for m in _CLAUSE_END.finditer(lowered)]
        span = list(_SPAN_END.finditer(lowered))
        self._span_ends = [m.end() for m in span]
        self._span_starts = [m.start() for m in span]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_ends, pos)
        start = self._sentence_ends[i - 1] if i else 0
        j = bisect_right(self._sentence_marks, pos)
        end = self._sentence_marks[j] if j < len(self._sentence_marks) else len(self.lowered)
        return start, end

    def clause_start(self, pos: int) -> int:
        i = bisect_right(self._clause_ends, pos)
        return self._clause_ends[i - 1] if i else 0

    def span_start(self, pos: int) -> int:
        i = bisect_right(self._span_ends, pos)
        return self._span_ends[i - 1] if i else 0

    def span_end(self, pos: int) -> int:
        j = bisect_right(self._span_starts, pos - 1)
        return self._span_starts[j] if j < len(self._span_starts) else len(self.lowered)


@cache
def load_context() -> ContextReader:
    """The shipped context cues, compiled once per process."""
    return ContextReader()
