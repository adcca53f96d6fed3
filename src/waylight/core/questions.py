"""Which question comes next, and how it is introduced: one sequence for every shell.

The command line asks one question at a time and the web carries the answers so far in a form;
both call `next_item` so that they skip and ask exactly the same questions (a follow-up such as
the PHQ-9 difficulty question or the ASQ acuity question is asked only when its `asked_if`
condition holds for the answers given so far).

    next_item(load_instrument("asq"), ["no", "no", "no", "no"])  -> None (the screen is done)
    next_item(load_instrument("asq"), ["no", "yes", "no", "no"]) -> question 5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from waylight.core.instruments import Instrument, Item
from waylight.core.rules import Answer, AnswersOnly, holds


def answers_by_item(instrument: Instrument, answers: Sequence[Answer]) -> dict[str, Answer]:
    """Answers given in item order (None = not asked or skipped) keyed by item id."""
    return {item.id: answer for item, answer in zip(instrument.items, answers, strict=False)}


def is_asked(item: Item, answers: Mapping[str, Answer]) -> bool:
    """Whether `item` is asked, given the answers so far (keyed by item id)."""
    return item.asked_if is None or holds(item.asked_if, AnswersOnly(answers))


def next_item(instrument: Instrument, answers: Sequence[Answer]) -> Item | None:
    """The next question to ask after `answers` (given in item order), or None when done.

    `answers` holds one entry for every question already passed, None for a question that was
    not asked or was skipped. Questions whose condition does not hold are passed over.
    """
    so_far = answers_by_item(instrument, answers)
    for item in instrument.items[len(answers) :]:
        if is_asked(item, so_far):
            return item
    return None


def question_stem(instrument: Instrument, item: Item) -> str | None:
    """The words introducing a question: its own stem, else the instrument's for the items it
    was written for (the frequency questions), else none.

    The PHQ-A's extra questions carry their own wording only; the two-week stem belongs to the
    nine frequency questions and would misdate a question about the past month or a whole life.
    """
    if item.stem:
        return item.stem
    first = instrument.items[0]
    return instrument.stem if item.options == first.options else None
