"""A check-in note is read by the text detector only to answer the person, gently.

Test texts use general words only (SPEC section 3, rule 2).
"""

from __future__ import annotations

from datetime import date

import pytest

from waylight.core.recover.journal import CheckIn
from waylight.core.recover.notes import NOTHING, answer_for, read_note

DAY = date(2026, 3, 1)


def test_an_empty_note_is_not_read() -> None:
    assert read_note("") == NOTHING
    assert read_note("   \n") == NOTHING


@pytest.mark.parametrize(
    "note",
    [
        "I want to die, I cannot do this anymore",
        "I keep thinking everyone would be better off without me",
        "I hurt myself again tonight",
    ],
)
def test_a_concerning_note_gets_the_support_answer(note: str) -> None:
    reading = read_note(note, country="GB")
    assert reading.respond and reading.concern in {"concern", "urgent"}
    assert answer_for(CheckIn(DAY, 5, 2), reading) == "support"


@pytest.mark.parametrize(
    "note",
    ["this exam is killing me lol", "Had a nice walk with my dog", "I would never hurt myself"],
)
def test_everyday_words_do_not(note: str) -> None:
    reading = read_note(note)
    assert not reading.respond
    assert answer_for(CheckIn(DAY, 5, 2), reading) == "saved"


def test_a_setback_and_a_strong_urge_get_their_own_gentle_words() -> None:
    assert answer_for(CheckIn(DAY, 3, 2, harmed=True), NOTHING) == "setback"
    assert answer_for(CheckIn(DAY, 3, 7), NOTHING) == "strong_urge"
    assert answer_for(CheckIn(DAY, 3, 6), NOTHING) == "saved"
    # Support comes first whatever else is true.
    urgent = read_note("I want to die, I cannot do this anymore")
    assert answer_for(CheckIn(DAY, 0, 10, harmed=True), urgent) == "support"
