"""A short, human explanation of a text result that names the words that mattered.

Safety: words a rule marks as naming a means are never quoted back ("mentions a means"), nor
is anything the safe-messaging checker (`waylight.core.safety`) flags; the wording describes
signals for a reader, never a prediction about the writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from waylight.core.safety import find_unsafe
from waylight.core.textrisk.combine import PHQ9_NAMES, Combined, Counted
from waylight.core.textrisk.context import Reading
from waylight.core.textrisk.rules import Match

MAX_QUOTES = 3
MAX_QUOTE_CHARS = 40


@dataclass(frozen=True)
class MarkedSentences:
    """Which sentences carry what the learned reader raised: their numbers (1 = the first
    sentence of the text), how many sentences the text has, and the character spans of the
    sentences that carry the writer's own risk or self-harm as the reader read it."""

    numbers: tuple[int, ...]
    total: int
    spans: tuple[tuple[int, int], ...] = ()

    def covers(self, start: int, end: int) -> bool:
        """Whether start..end lies inside a sentence the reader read as the writer's own."""
        return any(a <= start and end <= b for a, b in self.spans)

    def where(self) -> str:
        """'in its only sentence', 'in sentence 3 of 5', 'in sentences 1 and 4 of 6', or ''."""
        if not self.numbers:
            return ""
        if self.total <= 1:
            return "in its only sentence"
        if len(self.numbers) == 1:
            return f"in sentence {self.numbers[0]} of {self.total}"
        listed = ", ".join(str(n) for n in self.numbers[:-1]) + f" and {self.numbers[-1]}"
        return f"in sentences {listed} of {self.total}"


NO_MARKS = MarkedSentences((), 0)

_LEVEL_PHRASE = {
    "attempt": "describes a past suicide attempt by the writer",
    "behavior": "describes self-harm or getting ready to end their life",
    "ideation": "describes thoughts of dying or suicide",
    "indicator": "shows distress, a known risk factor, without thoughts of death",
}

# Kinds of rule whose words name suicide or self-harm: at `indicator` (a bare mention, no
# thoughts or acts told) they get their own phrase.
_DEATH_KINDS = frozenset(
    {"suicidal_ideation", "passive_ideation", "suicide_preparation", "suicide_attempt", "self_harm"}
)
_INDICATOR_WORD_PHRASE = (
    "mentions suicide or self-harm without telling of the writer's own thoughts or acts, "
    "a sign to watch"
)


@lru_cache(maxsize=4096)
def _flagged(words: str) -> bool:
    """Whether the safe-messaging checker flags `words`. Cached: the same few matched words
    come back in text after text, and each check runs every deny-list pattern."""
    return bool(find_unsafe(words))


def _quote(text: str, match: Match) -> str:
    if match.rule.means:
        return "mentions a means"
    words = " ".join(text[match.start : match.end].split())
    if _flagged(words):
        # The writer's own words may carry detail or wording we never print back.
        return f"words about {match.rule.name}"
    if len(words) > MAX_QUOTE_CHARS:
        words = words[: MAX_QUOTE_CHARS - 1] + "…"
    return f"“{words}”"


def _quotes(text: str, matches: Sequence[Match]) -> str:
    seen: list[str] = []
    for match in matches:
        quoted = _quote(text, match)
        if quoted not in seen:
            seen.append(quoted)
    shown = seen[:MAX_QUOTES]
    more = len(seen) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def explain(
    text: str,
    matches: Sequence[Match],
    readings: Sequence[Reading],
    combined: Combined,
    *,
    truncated: bool = False,
    rules_cut: bool = False,
    marked: MarkedSentences = NO_MARKS,
) -> str:
    """One to four short sentences: what was found, what was set aside, and why. `marked`
    says which sentences carry what the learned reader raised (they are named, never quoted)."""
    parts: list[str] = []
    drivers = _drivers(combined)
    lowered_only = drivers and all(
        c.reading.joking or c.reading.time == "past"
        for c in combined.counted
        if c.match in drivers and c.match.rule.level != "indicator"
    )
    if combined.level == "indicator" and lowered_only and not _has_plain_indicator(combined):
        parts.append(
            "The text mentions self-harm or suicide in the past or with laughter: "
            f"{_quotes(text, drivers)} (kept as a signal to watch)."
        )
        parts.extend(_set_aside(text, matches, readings, marked, skip_lowered=True))
        return _finish(parts, truncated, rules_cut)
    if combined.level != "none" and drivers:
        top = [c.match for c in combined.counted if c.level == combined.level]
        rest = [m for m in drivers if m not in top]
        phrase = _LEVEL_PHRASE[combined.level]
        if combined.level == "behavior":
            kinds = {m.rule.kind for m in top}
            phrase = (
                "describes self-harm"
                if kinds <= {"self_harm"}
                else "describes getting ready to end their life"
                if "self_harm" not in kinds
                else phrase
            )
        if combined.level == "indicator" and {m.rule.kind for m in top} & _DEATH_KINDS:
            # A bare word of suicide or self-harm counts as a sign to watch, not as distress
            # "without thoughts of death" (a reader seeing "suicide" quoted there is misled).
            phrase = _INDICATOR_WORD_PHRASE
            rest = [m for m in top if m.rule.kind not in _DEATH_KINDS] + rest
            top = [m for m in top if m.rule.kind in _DEATH_KINDS]
        if top:
            parts.append(f"The text {phrase}: {_quotes(text, top)}.")
        elif _reader_raised(combined):
            # The level is the learned reader's: no listed phrase says it, so none is quoted
            # as if it did; weaker current signals follow, past and joking ones are noted below.
            parts.append(f"The text {phrase}.")
            rest = [
                c.match
                for c in combined.counted
                if c.match in drivers and c.reading.time == "current" and not c.reading.joking
            ]
        else:
            parts.append(f"The text {phrase}: {_quotes(text, drivers)}.")
            rest = []
        if rest:
            parts.append(f"Also: {_quotes(text, rest)}.")
    elif combined.level == "behavior" and combined.self_harm_present:
        parts.append("The text describes self-harm.")
    elif combined.level != "none":
        parts.append(f"The text {_LEVEL_PHRASE[combined.level]}.")
    if combined.self_harm_present and combined.level not in ("behavior",):
        sh = [c.match for c in combined.counted if c.match.rule.self_harm]
        if sh:
            parts.append(f"Self-harm: {_quotes(text, sh)}.")
    reader_note = _reader_note(combined, marked)
    if reader_note:
        parts.append(reader_note)
    if combined.depression_level != "none":
        items = ", ".join(PHQ9_NAMES[i] for i in combined.symptoms if i != 9)
        if items:
            parts.append(f"Depression signs ({combined.depression_level}): {items}.")
        else:
            parts.append(f"The model reads {combined.depression_level} depression in the wording.")
    parts.extend(_set_aside(text, matches, readings, marked))
    return _finish(parts, truncated, rules_cut)


def _reader_raised(combined: Combined) -> bool:
    return bool({"reader_risk", "reader_self_harm"} & set(combined.model_raised))


def _reader_note(combined: Combined, marked: MarkedSentences) -> str:
    """What the learned reader raised beyond the rules, and in which sentence. Its words are
    never quoted (they may hold detail); the signals mark the sentence too."""
    raised = set(combined.model_raised)
    risk = "reader_risk" in raised
    harm = "reader_self_harm" in raised
    if risk or harm:
        what = (
            "thoughts of suicide and self-harm"
            if risk and harm
            else "self-harm"
            if harm
            else "a past attempt"
            if combined.level == "attempt"
            else "self-harm or getting ready to end their life"
            if combined.level == "behavior"
            else "thoughts of suicide or of not being alive"
        )
        where = marked.where()
        note = (
            f"A trained reader finds the writer's own {what} {where + ' ' if where else ''}"
            "in wording no listed phrase covers (marked in the signals)."
        )
    elif "reader_indicator" in raised:
        note = "A trained reader finds distress in the wording, worth a kind look."
    else:
        note = ""
    if "reader_urgent" in raised:
        note = (note + " " if note else "") + "It reads the text as needing action now."
    return note


def _finish(parts: list[str], truncated: bool, rules_cut: bool) -> str:
    if not parts:
        parts.append("No risk signals were found in the words used.")
    if rules_cut:
        parts.append("The text is very long: only its last part (the newest writing) was read.")
    elif truncated:
        parts.append("The text is very long: the trained model read only its last part.")
    return " ".join(parts)


def _has_plain_indicator(combined: Combined) -> bool:
    return any(
        c.level == "indicator" and c.match.rule.level == "indicator" for c in combined.counted
    )


def _drivers(combined: Combined) -> list[Match]:
    """The counted signals that set a level, strongest first."""
    top = [c for c in combined.counted if c.level != "none"]
    if not top:
        return []
    return [c.match for c in sorted(top, key=_strength, reverse=True)]


def _strength(counted: Counted) -> float:
    return counted.score


def _set_aside(
    text: str,
    matches: Sequence[Match],
    readings: Sequence[Reading],
    marked: MarkedSentences,
    *,
    skip_lowered: bool = False,
) -> list[str]:
    notes: list[str] = []
    groups: dict[str, list[Match]] = {}
    for match, reading in zip(matches, readings, strict=True):
        if match.rule.kind in ("emoji", "depression"):
            continue
        if reading.idiom is not None:
            reason = "read as an everyday expression"
        elif reading.negated:
            reason = "denied"
        elif reading.hypothetical:
            reason = "said as a what-if"
        elif reading.experiencer == "other":
            if marked.covers(match.start, match.end):
                # The trained reader read this sentence as the writer's own and the result
                # counts it so: "about someone else" would contradict the level above.
                continue
            reason = "about someone else"
        elif skip_lowered:
            continue
        elif reading.joking:
            reason = "said with laughter, kept as a signal to watch because jokes can hide distress"
        elif reading.time == "past":
            reason = "about the past, kept as a signal to watch"
        else:
            continue
        groups.setdefault(reason, []).append(match)
    for reason, group in groups.items():
        notes.append(f"{reason[0].upper()}{reason[1:]}: {_quotes(text, group)}.")
    return notes[:3]
