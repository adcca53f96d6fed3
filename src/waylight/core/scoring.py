"""Turn answers into a score: parsed answers, total, band and the instrument's own outcome.

Answers come as typed on a command line or posted by a form: a sequence in item order of
strings or ints ("0".."3" for PHQ/GAD items, "yes"/"no"/"refused" in any case for yes/no
items), or a mapping from item id to answer. An optional item may be left empty ("" or "-").
Anything else raises AnswerError naming the item, what was given and what is allowed.
A missing answer that is needed never yields a total (reference 1.2: no imputation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from waylight.core.errors import AnswerError
from waylight.core.instruments import (
    Band,
    Instrument,
    Item,
    Outcome,
    SumScoring,
    TriageScoring,
    load_instrument,
)
from waylight.core.rules import Answer, AnswersOnly, holds

RawAnswer = int | str | None
RawAnswers = Sequence[RawAnswer] | Mapping[str, RawAnswer]

EMPTY = frozenset({"", "-"})


@dataclass(frozen=True)
class Score:
    """What the answers add up to. `answers` maps item id to the parsed answer (None = skipped)."""

    instrument: Instrument
    answers: Mapping[str, Answer] = field(repr=False)
    total: int | None
    band: Band | None
    outcome: Outcome | None

    @property
    def result(self) -> str | None:
        """The instrument's own outcome: ASQ triage, or the band's result (PHQ-2), else None."""
        if self.outcome is not None:
            return self.outcome.reported
        return self.band.result if self.band is not None else None

    @property
    def outcome_id(self) -> str | None:
        """The finer outcome the rules may look at (the ASQ's "positive, acuity unknown")."""
        return self.outcome.id if self.outcome is not None else self.result

    @property
    def result_label(self) -> str | None:
        if self.outcome is not None:
            return self.outcome.label
        return self.band.label if self.band is not None and self.band.result else None

    @property
    def next_step(self) -> str | None:
        if self.outcome is not None:
            return self.outcome.next_step
        return self.band.next_step if self.band is not None else None


def score(instrument: Instrument | str, answers: RawAnswers) -> Score:
    """Score one set of answers. Raises AnswerError for a wrong count or a value not allowed."""
    if isinstance(instrument, str):
        instrument = load_instrument(instrument)
    parsed = parse_answers(instrument, answers)
    _require_asked(instrument, parsed)
    if isinstance(instrument.scoring, SumScoring):
        total = sum(int(parsed[i] or 0) for i in instrument.scoring.items)
        return Score(instrument, parsed, total, instrument.scoring.band_for(total), None)
    return Score(instrument, parsed, None, None, _triage(instrument.scoring, parsed))


def parse_answers(instrument: Instrument, answers: RawAnswers) -> dict[str, Answer]:
    """Check the count and every value; return item id -> parsed answer."""
    if isinstance(answers, Mapping):
        unknown = sorted(set(map(str, answers)) - {item.id for item in instrument.items})
        if unknown:
            raise AnswerError(
                f"{instrument.short_title} has no question {', '.join(unknown)}; "
                f"questions are numbered 1 to {len(instrument.items)}."
            )
        given: list[RawAnswer] = [answers.get(item.id, "") for item in instrument.items]
        while given and given[-1] in EMPTY:
            given.pop()
    elif isinstance(answers, str | bytes):
        raise AnswerError("Answers must be a list in item order, e.g. 0,1,2,0.")
    else:
        given = list(answers)
    count = len(given)
    if not instrument.min_answers <= count <= instrument.max_answers:
        raise AnswerError(
            f"{instrument.short_title} expects {instrument.expected_count()} in item order "
            f"({instrument.answer_pattern()}); got {count}."
        )
    parsed: dict[str, Answer] = {}
    padded = [*given, *[""] * (len(instrument.items) - count)]
    for item, raw in zip(instrument.items, padded, strict=True):
        parsed[item.id] = parse_one(instrument, item, raw)
    return parsed


def parse_one(instrument: Instrument, item: Item, raw: RawAnswer) -> Answer:
    """One answer: an allowed int for number items, an allowed word for yes/no items."""
    if raw is None or (isinstance(raw, str) and raw.strip() in EMPTY):
        return None
    value: int | str | None = None
    if isinstance(raw, bool):
        value = None  # True/False are not answers to any item; refuse rather than guess
    elif item.numeric:
        text = str(raw).strip()
        # ASCII digits only: int() also reads "１" (fullwidth) and "١" (Arabic-Indic), and
        # str.isdigit() is true for "²", which int() cannot read at all.
        value = int(text) if text.isascii() and text.isdigit() else None
    elif isinstance(raw, str):
        value = raw.strip().lower()
    if value is None or value not in item.values:
        raise AnswerError(
            f"{instrument.short_title} question {item.id} ({item.topic}): {raw!r} is not "
            f"allowed; allowed: {item.allowed()}."
        )
    return value


def _require_asked(instrument: Instrument, parsed: Mapping[str, Answer]) -> None:
    """Every question that is asked has its answer; no answer is given to one that is not.

    A needed question left empty stops scoring: a partial total could hide a hard trigger. Two
    exceptions, both for the ASQ acuity question (question 5), both on the side of safety: left
    empty after a positive screen it is scored as "acuity unknown", handled as acute; answered
    when it was not asked, a yes is never ignored.
    """
    facts = AnswersOnly(parsed)
    acuity = (
        instrument.scoring.acuity_item if isinstance(instrument.scoring, TriageScoring) else None
    )
    for item in instrument.items:
        asked = item.asked_if is None or holds(item.asked_if, facts)
        if item.id == acuity:
            continue
        if not asked and parsed[item.id] is not None:
            raise AnswerError(
                f"{instrument.short_title} question {item.id} ({item.topic}) is asked "
                f"{item.asked_when or 'only after certain answers'}; leave it empty."
            )
        if asked and item.required and parsed[item.id] is None:
            when = " (it is asked because of an earlier answer)" if item.asked_if else ""
            # A follow-up question is asked because an earlier answer was worrying: the person
            # reading this error may need help now, so the message says where to find it.
            help_hint = (
                " If you are having thoughts of suicide, please contact a crisis line or "
                "your local emergency number now."
                if item.asked_if
                else ""
            )
            raise AnswerError(
                f"{instrument.short_title} question {item.id} ({item.topic}) needs an "
                f"answer{when}; allowed: {item.allowed()}.{help_hint}"
            )


def _triage(scoring: TriageScoring, parsed: Mapping[str, Answer]) -> Outcome:
    positive = any(parsed[i] in scoring.positive_values for i in scoring.screen_items)
    acuity = parsed[scoring.acuity_item]
    # NIMH: question 5 yes = acute. Cautious additions (docs/screening.md): a yes to question 5
    # is never ignored, a refusal of question 5 after a positive screen counts as acute, and so
    # does no answer to it: a yes to any of 1 to 4 is a positive screen already, and we cannot
    # rule out that the thoughts are there right now.
    if acuity == "yes" or (positive and acuity == "refused"):
        return scoring.outcome("acute_positive")
    if positive and acuity is None:
        return scoring.outcome("positive_acuity_unknown")
    if positive:
        return scoring.outcome("non_acute_positive")
    return scoring.outcome("negative")
