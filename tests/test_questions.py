"""One question sequence for every shell: `next_item` decides what is asked next."""

from __future__ import annotations

import itertools

import pytest

from waylight.core.instruments import Instrument, list_instruments, load_instrument
from waylight.core.questions import next_item
from waylight.core.rules import Answer
from waylight.web.checkflow import NOT_ASKED, CheckState, advance, current_item


def ids_asked(instrument: Instrument, pick: dict[str, Answer]) -> list[str]:
    """Walk the questionnaire with `next_item`, answering each question from `pick`."""
    so_far: list[Answer] = []
    asked = []
    while (item := next_item(instrument, so_far)) is not None:
        so_far.extend([None] * (instrument.items.index(item) - len(so_far)))
        asked.append(item.id)
        so_far.append(pick.get(item.id, item.options[0].value))
    return asked


@pytest.mark.parametrize(
    ("instrument", "pick", "expected"),
    [
        ("asq", {}, ["1", "2", "3", "4", "5"]),  # first option is "yes": question 5 follows
        ("asq", {str(n): "no" for n in range(1, 5)}, ["1", "2", "3", "4"]),
        ("asq", {"1": "no", "2": "no", "3": "no", "4": "refused"}, ["1", "2", "3", "4", "5"]),
        ("phq9", {}, [str(n) for n in range(1, 10)]),  # all 0: no difficulty question
        ("phq9", {"3": 1}, [str(n) for n in range(1, 11)]),
        ("gad7", {}, [str(n) for n in range(1, 8)]),
        ("gad7", {"7": 2}, [str(n) for n in range(1, 9)]),
        (
            "phqa",
            {"10": "no", "12": "no", "13": "no"},
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13"],
        ),
    ],
)
def test_next_item_asks_follow_ups_only_when_they_apply(
    instrument: str, pick: dict[str, Answer], expected: list[str]
) -> None:
    assert ids_asked(load_instrument(instrument), pick) == expected


def test_next_item_is_none_when_every_question_is_passed() -> None:
    asq = load_instrument("asq")
    assert next_item(asq, ["no"] * 4) is None
    assert next_item(asq, ["no", "yes", "no", "no"]) == asq.item("5")


@pytest.mark.parametrize("instrument", list_instruments(), ids=lambda i: i.id)
def test_the_web_flow_follows_the_same_sequence(instrument: Instrument) -> None:
    # Every prefix of calm and worrying answers: the web state machine stops on exactly the
    # question the core's next_item names.
    values = [[str(o.value) for o in item.options][:2] for item in instrument.items[:4]]
    for prefix in itertools.product(*values):
        state = advance(instrument, CheckState(instrument.id, tuple(prefix)))
        typed: list[Answer] = [
            None if raw == NOT_ASKED else (int(raw) if item.numeric else raw)
            for item, raw in zip(instrument.items, state.answers, strict=False)
        ]
        assert current_item(instrument, state) == next_item(instrument, typed)
