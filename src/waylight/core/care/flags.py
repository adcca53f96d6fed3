"""Which flags a person's shared results and check-ins raise for a professional to act on.

    >>> from datetime import datetime, UTC
    >>> when = datetime(2026, 3, 2, 9, tzinfo=UTC)
    >>> fact = result_facts(7, "phq9", when, ["0"] * 8 + ["1"])
    >>> [f.kind for f in raise_flags([fact], [], since=when)]
    ['phq_item9']

The flags (content/care/sharing.yaml): an acute ASQ; PHQ-9 (or PHQ-A) question 9 above 0; any
other hard trigger of a questionnaire; a PHQ-9 (or PHQ-A) total worse by the change rule's
meaningful change (5 points) or more since the previous result; self-harm logged in a
check-in; a check-in note the text detector read as `urgent`. Results are scored again with
today's rules, as My progress does, so a flag never depends on an older release's reading.

Each flag has a stable key (kind, source and row id), so an acknowledgement stays attached to
the flag it answered. Entries from before `since` raise none: a flag asks for action now, and
what came earlier is in the history tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from waylight.core.care.consent import Part, sharing_data
from waylight.core.errors import InputError
from waylight.core.recover.change import change_rule
from waylight.core.rules import evaluate, load_rules

FlagKind = Literal["asq_acute", "phq_item9", "other_hard", "phq_worse", "self_harm", "urgent_note"]

# The hard triggers that have a flag of their own; every other hard trigger is "other_hard".
ITEM9_RULES = frozenset({"HT-PHQ9-ITEM9", "HT-PHQA-ITEM9"})
ACUTE_RULES = frozenset({"HT-ASQ-ACUTE", "HT-ASQ-ACUITY-UNKNOWN"})
# PHQ-A is the PHQ-9 modified for teens: the same 0-27 total and change rule.
WORSE_INSTRUMENTS = frozenset({"phq9", "phqa"})


@dataclass(frozen=True)
class ResultFacts:
    """One kept questionnaire result, scored again: what the flags look at."""

    id: int
    instrument: str
    title: str
    when: datetime
    total: int | None
    hard_rules: tuple[str, ...]  # ids of the hard triggers it raises, in rule order


@dataclass(frozen=True)
class CheckInFacts:
    """One check-in: the day, whether the person said they hurt themself, the note's tier."""

    id: int
    day: date
    when: datetime
    harmed: bool | None
    note_tier: str


@dataclass(frozen=True)
class CareFlag:
    """A flag for a professional: stable `key`, its kind, the part it belongs to, plain reason."""

    key: str
    kind: FlagKind
    part: Part
    hard: bool
    label: str
    reason: str
    when: datetime
    instrument: str | None = None


@cache
def _flag_words(lang: str | None) -> dict[str, Any]:
    words: dict[str, Any] = sharing_data(lang)["flags"]
    return words


def lookback_days() -> int:
    days: int = sharing_data()["flag_lookback_days"]
    return days


def _flag(
    kind: FlagKind, source: str, row_id: int, when: datetime, lang: str | None, **values: Any
) -> CareFlag:
    words = _flag_words(lang)[kind]
    return CareFlag(
        key=f"{kind}:{source}:{row_id}",
        kind=kind,
        part=words["part"],
        hard=words["hard"],
        label=words["label"].format(**values),
        reason=" ".join(words["reason"].format(**values).split()),
        when=when,
        instrument=values.get("instrument"),
    )


def result_facts(
    result_id: int, instrument_id: str, when: datetime, answers: Sequence[str | int]
) -> ResultFacts:
    """Score stored answers again with today's rules. Raises InputError if they no longer fit."""
    from waylight.core.instruments import load_instrument
    from waylight.core.scoring import score

    instrument = load_instrument(instrument_id)
    scored = score(instrument, list(answers))
    hard = tuple(flag.id for flag in evaluate(instrument.id, scored) if flag.hard)
    return ResultFacts(result_id, instrument.id, instrument.short_title, when, scored.total, hard)


def _rule_words(rule_id: str, lang: str | None) -> str:
    """A hard trigger in a professional's words (content), else the rule's own rationale."""
    words: dict[str, str] = sharing_data(lang)["hard_rules"]
    if rule_id in words:
        return " ".join(words[rule_id].split())
    for rule in load_rules():
        if rule.id == rule_id:
            return rule.rationale
    raise InputError(f"no rule {rule_id}")  # pragma: no cover - ids come from evaluate()


def _result_flags(
    results: Sequence[ResultFacts], since: datetime, lang: str | None
) -> list[CareFlag]:
    flags: list[CareFlag] = []
    previous: dict[str, ResultFacts] = {}
    for fact in sorted(results, key=lambda r: (r.when, r.id)):
        before = previous.get(fact.instrument)
        previous[fact.instrument] = fact
        if fact.when < since:
            continue
        common = {"title": fact.title, "instrument": fact.instrument}
        if any(rule in ACUTE_RULES for rule in fact.hard_rules):
            flags.append(_flag("asq_acute", "result", fact.id, fact.when, lang, **common))
        if any(rule in ITEM9_RULES for rule in fact.hard_rules):
            flags.append(_flag("phq_item9", "result", fact.id, fact.when, lang, **common))
        others = [r for r in fact.hard_rules if r not in ACUTE_RULES | ITEM9_RULES]
        # An acute ASQ already says everything its positive screen says.
        if others and not any(rule in ACUTE_RULES for rule in fact.hard_rules):
            rule = " ".join(_rule_words(r, lang) for r in others)
            flags.append(
                _flag("other_hard", "result", fact.id, fact.when, lang, rule=rule, **common)
            )
        worse = worse_by(before, fact)
        if worse is not None:
            assert before is not None and before.total is not None and fact.total is not None
            flags.append(
                _flag(
                    "phq_worse",
                    "result",
                    fact.id,
                    fact.when,
                    lang,
                    points=worse,
                    before=before.total,
                    after=fact.total,
                    **common,
                )
            )
    return flags


def worse_by(previous: ResultFacts | None, latest: ResultFacts) -> int | None:
    """How many points worse `latest` is than `previous` when that is a meaningful change
    (the change rule's 5 points or more) on the PHQ-9 or PHQ-A; None otherwise."""
    if previous is None or latest.instrument not in WORSE_INSTRUMENTS:
        return None
    rule = change_rule(latest.instrument)
    if rule is None or previous.total is None or latest.total is None:
        return None
    points = latest.total - previous.total
    return points if points >= rule.meaningful_change else None


def _check_in_flags(
    check_ins: Iterable[CheckInFacts], since: datetime, lang: str | None
) -> list[CareFlag]:
    flags: list[CareFlag] = []
    for entry in check_ins:
        if entry.when < since:
            continue
        day = entry.day.isoformat()  # the same in every language, and never ambiguous
        if entry.harmed is True:
            flags.append(_flag("self_harm", "checkin", entry.id, entry.when, lang, day=day))
        if entry.note_tier == "urgent":
            flags.append(_flag("urgent_note", "checkin", entry.id, entry.when, lang, day=day))
    return flags


def raise_flags(
    results: Sequence[ResultFacts],
    check_ins: Iterable[CheckInFacts],
    *,
    since: datetime,
    lang: str | None = None,
) -> list[CareFlag]:
    """Every flag raised by entries from `since` on, hard ones first, then newest first.

    `lang` changes only the words of each flag, never which flags are raised."""
    flags = _result_flags(results, since, lang) + _check_in_flags(check_ins, since, lang)
    flags.sort(key=lambda f: f.when, reverse=True)
    flags.sort(key=lambda f: not f.hard)
    return flags


def visible_flags(flags: Iterable[CareFlag], parts: frozenset[Part]) -> list[CareFlag]:
    """The flags whose part is shared: a flag never tells what its part would not."""
    return [flag for flag in flags if flag.part in parts]
