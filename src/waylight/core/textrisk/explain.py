"""A short, human explanation of a text result that names the words that mattered.

Safety: words a rule marks as naming a means are never quoted back ("mentions a means"), nor
is anything the safe-messaging checker (`waylight.core.safety`) flags; the wording describes
signals for a reader, never a prediction about the writer.
"""

from __future__ import annotations

from collections.abc import Sequence

from waylight.core.safety import find_unsafe
from waylight.core.textrisk.combine import PHQ9_NAMES, Combined, Counted
from waylight.core.textrisk.context import Reading
from waylight.core.textrisk.rules import Match

MAX_QUOTES = 3
MAX_QUOTE_CHARS = 40

_LEVEL_PHRASE = {
    "attempt": "describes a past suicide attempt by the writer",
    "behavior": "describes self-harm or getting ready to end their life",
    "ideation": "describes thoughts of dying or suicide",
    "indicator": "shows distress, a known risk factor, without thoughts of death",
}


def _quote(text: str, match: Match) -> str:
    if match.rule.means:
        return "mentions a means"
    words = " ".join(text[match.start : match.end].split())
    if find_unsafe(words):
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
) -> str:
    """One to four short sentences: what was found, what was set aside, and why."""
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
        parts.extend(_set_aside(text, matches, readings, combined, skip_lowered=True))
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
        if top:
            parts.append(f"The text {phrase}: {_quotes(text, top)}.")
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
    if "suicide" in combined.model_raised or "self_harm" in combined.model_raised:
        parts.append("The trained model reads it as concerning although no rule phrase says so.")
    sentence_note = _sentence_note(combined)
    if sentence_note:
        parts.append(sentence_note)
    if combined.depression_level != "none":
        items = ", ".join(PHQ9_NAMES[i] for i in combined.symptoms if i != 9)
        if items:
            parts.append(f"Depression signs ({combined.depression_level}): {items}.")
        else:
            parts.append(f"The model reads {combined.depression_level} depression in the wording.")
    parts.extend(_set_aside(text, matches, readings, combined))
    return _finish(parts, truncated, rules_cut)


def _sentence_note(combined: Combined) -> str:
    """Which sentence readings raised the result. The sentence itself is never quoted (it may
    hold detail); the signals list points at it."""
    risk = "sentence_risk" in combined.model_raised
    harm = "sentence_self_harm" in combined.model_raised
    if not (risk or harm):
        return ""
    what = (
        "thoughts of suicide and self-harm"
        if risk and harm
        else "thoughts of suicide or of not being alive"
        if risk
        else "self-harm"
    )
    many = len(combined.raising_sentences) > 1
    where = "sentences" if many else "a sentence"
    return (
        f"A trained reader finds the writer's own {what} in {where} that no listed phrase "
        "covers (marked in the signals)."
    )


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
    combined: Combined,
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
