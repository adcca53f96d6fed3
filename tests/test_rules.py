"""Hard triggers and flags: stable ids, closed operators, and the PHQ-9 'suggests' algorithm."""

from __future__ import annotations

import pytest

from waylight.core.errors import ContentError
from waylight.core.rules import AnswersOnly, check_condition, evaluate, hard_trigger_ids, holds
from waylight.core.scoring import score

# Records, exports and the professional workspace key on these ids: renaming one breaks them.
STABLE_HARD_TRIGGERS = {
    "HT-PHQ9-ITEM9",
    "HT-PHQA-ITEM9",
    "HT-PHQA-PASTMONTH",
    "HT-PHQA-ATTEMPT",
    "HT-ASQ-POSITIVE",
    "HT-ASQ-PAST-ATTEMPT",
    "HT-ASQ-ACUTE",
    "HT-ASQ-ACUITY-UNKNOWN",
}


def flag_ids(instrument: str, answers: list[str]) -> list[str]:
    return [flag.id for flag in evaluate(instrument, score(instrument, answers))]


def test_the_hard_trigger_ids_are_stable() -> None:
    assert set(hard_trigger_ids()) == STABLE_HARD_TRIGGERS


@pytest.mark.parametrize("value", ["1", "2", "3"])
def test_phq9_item9_above_zero_is_a_hard_trigger_whatever_the_total(value: str) -> None:
    assert flag_ids("phq9", ["0"] * 8 + [value]) == ["HT-PHQ9-ITEM9"]


def test_phq9_item9_zero_raises_no_hard_trigger_even_at_the_top_of_the_scale() -> None:
    ids = flag_ids("phq9", ["3"] * 8 + ["0"])
    assert not [i for i in ids if i.startswith("HT-")]
    assert "FL-PHQ9-PROFESSIONAL" in ids


@pytest.mark.parametrize(
    ("extras", "expected"),
    [
        (["no", "", "yes", "no"], ["HT-PHQA-PASTMONTH"]),
        (["no", "", "no", "yes"], ["HT-PHQA-ATTEMPT"]),
        (["no", "", "yes", "yes"], ["HT-PHQA-PASTMONTH", "HT-PHQA-ATTEMPT"]),
        (["no", "", "no", "no"], []),
    ],
)
def test_phqa_suicide_questions_are_hard_triggers(extras: list[str], expected: list[str]) -> None:
    ids = flag_ids("phqa", ["0"] * 9 + extras)
    assert [i for i in ids if i.startswith("HT-")] == expected


def test_phqa_item9_is_a_hard_trigger() -> None:
    assert "HT-PHQA-ITEM9" in flag_ids("phqa", ["0"] * 8 + ["1", "no", "0", "no", "no"])


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (["no", "no", "no", "no"], []),
        (["yes", "no", "no", "no", "no"], ["HT-ASQ-POSITIVE"]),
        (["no", "no", "no", "refused", "no"], ["HT-ASQ-POSITIVE"]),
        (["no", "no", "yes", "no", "yes"], ["HT-ASQ-POSITIVE", "HT-ASQ-ACUTE"]),
        (["no", "no", "no", "no", "yes"], ["HT-ASQ-ACUTE"]),
        # A past attempt alone has its own flag (and next step), not "these thoughts".
        (["no", "no", "no", "yes", "no"], ["HT-ASQ-PAST-ATTEMPT"]),
        (["yes", "no", "no", "yes", "no"], ["HT-ASQ-POSITIVE", "HT-ASQ-PAST-ATTEMPT"]),
        # Question 5 left unanswered after a positive screen: acuity unknown, handled as acute.
        (["yes", "no", "no", "no"], ["HT-ASQ-POSITIVE", "HT-ASQ-ACUITY-UNKNOWN"]),
        (["no", "no", "no", "yes"], ["HT-ASQ-PAST-ATTEMPT", "HT-ASQ-ACUITY-UNKNOWN"]),
    ],
)
def test_asq_triggers(answers: list[str], expected: list[str]) -> None:
    assert flag_ids("asq", answers) == expected


def test_a_past_attempt_gets_its_own_next_step() -> None:
    asq = {
        f.id: f.next_step for f in evaluate("asq", score("asq", ["no", "no", "no", "yes", "no"]))
    }
    phqa = evaluate("phqa", score("phqa", ["0"] * 9 + ["no", "", "no", "yes"]))
    assert asq == {"HT-ASQ-PAST-ATTEMPT": "past_attempt"}
    assert [(f.id, f.next_step) for f in phqa] == [("HT-PHQA-ATTEMPT", "past_attempt")]


def test_phq2_positive_flag_sends_to_the_phq9_but_is_not_a_hard_trigger() -> None:
    flags = evaluate("phq2", score("phq2", ["2", "1"]))
    assert [(f.id, f.hard, f.next_step) for f in flags] == [
        ("FL-PHQ2-POSITIVE", False, "take_phq9")
    ]
    assert evaluate("phq2", score("phq2", ["1", "1"])) == []


@pytest.mark.parametrize(
    ("answers", "suggests"),
    [
        # Five items at "more than half the days", including item 1: suggests.
        (["2", "0", "2", "2", "2", "2", "0", "0", "0"], True),
        # Item 9 counts from "several days".
        (["0", "2", "2", "2", "2", "0", "0", "0", "1"], True),
        # Five positive items but neither item 1 nor item 2: does not suggest.
        (["1", "1", "2", "2", "2", "2", "2", "0", "0"], False),
        # Only four positive items.
        (["2", "2", "2", "2", "1", "1", "1", "1", "0"], False),
    ],
)
def test_phq9_suggests_algorithm(answers: list[str], suggests: bool) -> None:
    assert ("FL-PHQ9-SUGGESTS-MDS" in flag_ids("phq9", answers)) is suggests


def test_suggests_wording_never_claims_a_diagnosis() -> None:
    flags = evaluate("phq9", score("phq9", ["3"] * 5 + ["0"] * 4))
    reason = next(f.reason for f in flags if f.id == "FL-PHQ9-SUGGESTS-MDS")
    assert reason.startswith("The pattern of your answers suggests")
    assert "not a diagnosis" in reason


def test_hard_triggers_come_before_other_flags() -> None:
    flags = evaluate("phq9", score("phq9", ["3"] * 8 + ["2"]))
    assert flags[0].id == "HT-PHQ9-ITEM9"
    assert [f.hard for f in flags] == sorted((f.hard for f in flags), reverse=True)


def test_every_rule_has_a_reason_rationale_and_source() -> None:
    from waylight.core.rules import load_rules

    for rule in load_rules():
        assert rule.reason and rule.rationale and rule.source, rule.id


def test_unknown_operators_are_refused() -> None:
    with pytest.raises(ContentError, match="unknown operator 'python'"):
        check_condition({"python": "anything"}, where="test")
    with pytest.raises(ContentError, match="exactly one operator"):
        check_condition({"total_at_least": 1, "result_in": ["x"]}, where="test")


def test_not_and_outcome_in_are_part_of_the_closed_set() -> None:
    facts = AnswersOnly({"1": "yes"}, outcome_id="positive_acuity_unknown")
    assert holds({"not": {"answer_in": {"items": ["1"], "values": ["no"]}}}, facts)
    assert holds({"outcome_in": ["positive_acuity_unknown"]}, facts)
    assert not holds({"result_in": ["acute_positive"]}, facts)  # result is separate
    with pytest.raises(ContentError, match="unknown operator"):
        check_condition({"not": {"eval": "1"}}, where="test")


def test_operators_ignore_words_when_comparing_numbers() -> None:
    facts = AnswersOnly({"1": "yes", "2": None, "3": 2})
    assert not holds({"answer_at_least": {"items": ["1", "2"], "value": 0}}, facts)
    assert holds({"answer_at_least": {"items": ["1", "3"], "value": 2}}, facts)
    assert holds(
        {"any": [{"total_at_least": 1}, {"answer_in": {"items": ["1"], "values": ["yes"]}}]}, facts
    )
    assert not holds(
        {"all": [{"total_at_least": 1}, {"answer_in": {"items": ["1"], "values": ["yes"]}}]}, facts
    )
