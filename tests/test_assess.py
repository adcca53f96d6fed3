"""assess(): the seam every shell calls. SPEC section 6 shape, help-now, wording rules."""

from __future__ import annotations

import re

import pytest

from waylight.core.assess import assess, load_wording
from waylight.core.errors import AnswerError, UnknownCountry, UnknownInstrument

SPEC_KEYS = [
    "instrument",
    "total",
    "band",
    "result",
    "flags",
    "next_steps",
    "help_now",
    "resources",
]

# NICE NG225 1.6: results guide the next step; they never predict or reassure falsely.
FORBIDDEN = re.compile(
    r"low risk|high risk|medium risk|moderate risk|not at risk|no risk|you are safe|"
    r"you will|\bpredicts?\b|predicted|likely to|nothing to worry|no need to|committed suicide",
    re.IGNORECASE,
)


def test_to_dict_has_exactly_the_spec_fields_in_order() -> None:
    result = assess("phq9", ["1", "1", "1", "1", "1", "0", "0", "0", "0"], country="GB")
    data = result.to_dict()
    assert list(data) == SPEC_KEYS
    assert data["instrument"] == "phq9"
    assert data["total"] == 5
    assert data["band"] == "mild"
    assert data["result"] is None
    assert data["help_now"] is False
    assert all(set(flag) == {"id", "reason"} for flag in data["flags"])


def test_negative_results_still_carry_help_now_resources() -> None:
    for instrument, answers in [
        ("phq9", ["0"] * 9),
        ("phq2", ["0", "0"]),
        ("gad7", ["0"] * 7),
        ("asq", ["no"] * 4),
        ("phqa", ["0"] * 9 + ["no", "", "no", "no"]),
    ]:
        data = assess(instrument, answers, country="US").to_dict()
        assert data["help_now"] is False
        assert data["resources"], instrument
        assert any(r.get("phone") == "988" for r in data["resources"]), instrument


def test_unknown_or_missing_country_falls_back_to_emergency_guidance() -> None:
    data = assess("phq2", ["0", "0"]).to_dict()
    assert data["resources"]
    assert "findahelpline" in str(data["resources"]).lower()


def test_invalid_country_is_an_input_error() -> None:
    with pytest.raises(UnknownCountry):
        assess("phq2", ["0", "0"], country="ZZZ")


def test_a_hard_trigger_sets_help_now_and_leads_the_next_steps() -> None:
    result = assess("phq9", ["0"] * 8 + ["1"], country="GB")
    assert result.help_now
    assert result.total == 1 and result.band == "minimal"
    assert result.next_steps[0] == load_wording().step("help_now_today")


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [
        ("phq9", ["0"] * 8 + ["1"]),
        ("phqa", ["0"] * 9 + ["no", "", "yes", "no"]),
        ("phqa", ["0"] * 9 + ["no", "", "no", "yes"]),
        ("phqa", ["0"] * 8 + ["1", "no", "0", "no", "no"]),
        ("phq9", ["1"] * 4 + ["0"] * 4 + ["1", "0"]),  # total 5 (mild) with item 9
    ],
)
def test_the_trigger_speaks_first_and_the_band_text_gives_way(
    instrument: str, answers: list[str]
) -> None:
    # A low total must never sit beside a hard trigger as reassurance.
    result = assess(instrument, answers)
    assert result.help_now
    steps = " ".join(result.next_steps)
    for reassurance in ("lowest range", "check again", "Keep an eye on how you feel"):
        assert reassurance not in steps
    band_steps = {load_wording().step(k) for k in ("phq_minimal", "phq_mild")}
    assert not band_steps & set(result.next_steps)
    assert result.total_note and "cannot show how safe you are" in result.total_note


def test_without_a_trigger_the_band_text_stays() -> None:
    result = assess("phq9", ["0"] * 9)
    assert result.next_steps[0] == load_wording().step("phq_minimal")
    assert result.total_note is None


def test_a_past_attempt_has_its_own_next_step_not_these_thoughts() -> None:
    past = load_wording().step("past_attempt")
    for instrument, answers in (
        ("asq", ["no", "no", "no", "yes", "no"]),
        ("phqa", ["0"] * 9 + ["no", "", "no", "yes"]),
    ):
        result = assess(instrument, answers)
        assert result.next_steps[0] == past, instrument
        assert "these thoughts" not in " ".join(result.next_steps), instrument
        assert "tried to end your life before" in past


def test_asq_without_question_5_is_a_positive_screen_handled_as_acute() -> None:
    result = assess("asq", ["yes", "no", "no", "no"], country="GB")
    data = result.to_dict()
    assert data["result"] == "acute_positive" and data["help_now"] is True
    assert [f["id"] for f in data["flags"]] == ["HT-ASQ-POSITIVE", "HT-ASQ-ACUITY-UNKNOWN"]
    assert data["next_steps"][0] == load_wording().step("help_now_immediately")
    assert any(r["phone"] == "116 123" for r in data["resources"])


def test_acute_asq_puts_right_now_first_and_does_not_repeat_today() -> None:
    result = assess("asq", ["yes", "no", "no", "no", "yes"], country="GB")
    assert result.result == "acute_positive"
    assert result.next_steps[0] == load_wording().step("help_now_immediately")
    assert load_wording().step("help_now_today") not in result.next_steps


def test_lifetime_attempt_alone_is_non_acute_positive_with_help_now() -> None:
    result = assess("asq", ["no", "no", "no", "yes", "no"])
    assert result.result == "non_acute_positive"
    assert result.help_now


def test_phq2_never_gates_the_suicide_question() -> None:
    # Whatever the PHQ-2 total, the result offers the full PHQ-9 and the ASQ.
    for answers in (["0", "0"], ["3", "3"]):
        steps = " ".join(assess("phq2", answers).next_steps)
        assert "PHQ-9" in steps and "ASQ" in steps


def test_phq2_positive_says_to_take_the_phq9() -> None:
    result = assess("phq2", ["2", "1"])
    assert result.result == "positive"
    assert [f.id for f in result.flags] == ["FL-PHQ2-POSITIVE"]
    assert load_wording().step("take_phq9") in result.next_steps


def test_about_says_what_the_result_is_and_is_not() -> None:
    for instrument, answers in [("phq9", ["0"] * 9), ("asq", ["no"] * 4), ("gad7", ["0"] * 7)]:
        result = assess(instrument, answers)
        assert "screening result" in result.about and "not a diagnosis" in result.about
        assert result.attribution


def test_no_result_text_predicts_or_says_low_risk() -> None:
    wording = load_wording()
    texts = [*wording.steps.values(), *wording.about.values(), wording.help_always]
    for text in texts:
        assert not FORBIDDEN.search(text), text


def test_errors_name_the_item_and_allowed_values() -> None:
    with pytest.raises(AnswerError, match=r"question 4 .*allowed: 0, 1, 2 or 3"):
        assess("gad7", ["0", "0", "0", "9", "0", "0", "0"])
    with pytest.raises(UnknownInstrument, match="choose one of"):
        assess("cssrs", ["no"])
