"""Scoring and bands exactly as in the clinical reference, tested at every band boundary."""

from __future__ import annotations

import pytest

from waylight.core.errors import AnswerError
from waylight.core.scoring import score


def spread(total: int, items: int) -> list[str]:
    """Answers (0-3 each) over `items` questions that add up to `total`, filled from the front."""
    answers = []
    for _ in range(items):
        value = min(3, total)
        answers.append(str(value))
        total -= value
    assert total == 0, "total too large for the number of items"
    return answers


def phq9_with_total(total: int) -> list[str]:
    # Item 9 stays 0 until the other eight items are full (24), so band tests do not need it.
    first_eight = spread(min(total, 24), 8)
    return [*first_eight, str(total - min(total, 24))]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_band_boundaries(total: int, band: str) -> None:
    scored = score("phq9", phq9_with_total(total))
    assert scored.total == total
    assert scored.band is not None and scored.band.id == band


def test_phq9_functional_question_is_not_added_to_the_total() -> None:
    without = score("phq9", ["1", "1", "0", "0", "0", "0", "0", "0", "0"])
    with_difficulty = score("phq9", ["1", "1", "0", "0", "0", "0", "0", "0", "0", "3"])
    assert without.total == with_difficulty.total == 2
    assert with_difficulty.answers["10"] == 3


def test_phq9_functional_question_may_be_left_empty() -> None:
    assert score("phq9", ["1", "0", "0", "0", "0", "0", "0", "0", "0", ""]).answers["10"] is None


@pytest.mark.parametrize(
    ("answers", "total", "result"),
    [
        (["0", "0"], 0, "negative"),
        (["1", "1"], 2, "negative"),
        (["2", "1"], 3, "positive"),
        (["3", "3"], 6, "positive"),
    ],
)
def test_phq2_cut_off_is_three(answers: list[str], total: int, result: str) -> None:
    scored = score("phq2", answers)
    assert (scored.total, scored.result) == (total, result)


def phqa_with_total(
    total: int, *, extras: tuple[str, str, str, str] = ("no", "", "no", "no")
) -> list[str]:
    return [*phq9_with_total(total), *extras]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phqa_uses_the_phq9_bands(total: int, band: str) -> None:
    difficulty = "1" if total else ""  # asked only when some problem was checked
    scored = score("phqa", phqa_with_total(total, extras=("no", difficulty, "no", "no")))
    assert scored.total == total
    assert scored.band is not None and scored.band.id == band


def test_phqa_extra_questions_are_not_summed() -> None:
    plain = score("phqa", phqa_with_total(6, extras=("no", "0", "no", "no")))
    extras = score("phqa", phqa_with_total(6, extras=("YES", "3", "yes", "Yes")))
    assert plain.total == extras.total == 6
    assert extras.answers["10"] == "yes" and extras.answers["13"] == "yes"


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_band_boundaries(total: int, band: str) -> None:
    scored = score("gad7", spread(total, 7))
    assert scored.total == total
    assert scored.band is not None and scored.band.id == band


@pytest.mark.parametrize(
    ("answers", "result"),
    [
        (["no", "no", "no", "no"], "negative"),
        (["no", "no", "no", "no", "no"], "negative"),
        (["yes", "no", "no", "no", "no"], "non_acute_positive"),
        (["no", "yes", "no", "no", "no"], "non_acute_positive"),
        (["no", "no", "yes", "no", "no"], "non_acute_positive"),
        # A lifetime attempt alone is a non-acute positive, never just "positive".
        (["no", "no", "no", "yes", "no"], "non_acute_positive"),
        # Refusing to answer counts as a positive screen (NIMH youth rule, used for all ages).
        (["refused", "no", "no", "no", "no"], "non_acute_positive"),
        (["no", "no", "no", "refused", "no"], "non_acute_positive"),
        (["yes", "yes", "yes", "yes", "yes"], "acute_positive"),
        (["no", "no", "yes", "no", "yes"], "acute_positive"),
        (["refused", "no", "no", "no", "yes"], "acute_positive"),
        # Cautious choices: refusing question 5 after a positive screen counts as acute, and a
        # yes to question 5 is never ignored, even when it was not needed.
        (["yes", "no", "no", "no", "refused"], "acute_positive"),
        (["no", "no", "no", "no", "yes"], "acute_positive"),
    ],
)
def test_asq_triage_every_branch(answers: list[str], result: str) -> None:
    scored = score("asq", answers)
    assert scored.result == result
    assert scored.total is None and scored.band is None


def test_asq_answers_are_case_insensitive() -> None:
    assert score("asq", ["No", "NO", " no ", "YES", "No"]).result == "non_acute_positive"


@pytest.mark.parametrize(
    "answers",
    [["no", "yes", "no", "no"], ["refused", "no", "no", "no"], ["no", "no", "no", "yes", ""]],
)
def test_asq_positive_screen_without_question_5_is_acute_with_acuity_unknown(
    answers: list[str],
) -> None:
    # A yes (or refusal) to any of questions 1-4 is a positive screen already; with no answer
    # to question 5, acute risk cannot be ruled out, so it is handled as acute.
    scored = score("asq", answers)
    assert scored.result == "acute_positive"
    assert scored.outcome_id == "positive_acuity_unknown"
    assert scored.result_label is not None and "question 5 not answered" in scored.result_label


def test_asq_negative_screen_needs_no_question_5() -> None:
    assert score("asq", ["no"] * 4).result == "negative"
    assert score("asq", ["no"] * 4 + [""]).result == "negative"


@pytest.mark.parametrize(
    ("instrument", "answers", "message"),
    [
        # PHQ-9 question 10 is asked only when any of 1-9 is above 0 (reference 1.5).
        ("phq9", ["0"] * 9 + ["2"], r"question 10 .*asked only when an answer to questions 1"),
        ("phqa", ["0"] * 9 + ["no", "1", "no", "no"], r"question 11 .*leave it empty"),
        ("gad7", ["0"] * 7 + ["3"], r"question 8 .*asked only when"),
    ],
)
def test_an_answer_to_a_question_that_was_not_asked_is_refused(
    instrument: str, answers: list[str], message: str
) -> None:
    with pytest.raises(AnswerError, match=message):
        score(instrument, answers)


def test_the_difficulty_question_is_taken_when_it_was_asked_and_never_summed() -> None:
    assert score("phq9", ["1"] + ["0"] * 8 + ["2"]).total == 1
    assert score("gad7", ["1"] + ["0"] * 6 + ["3"]).total == 1
    assert score("gad7", ["1"] + ["0"] * 6).total == 1  # it may be left empty


def test_ints_and_strings_are_both_accepted() -> None:
    assert (
        score("gad7", [1, 2, 3, 0, 0, 0, 1]).total
        == score("gad7", ["1", "2", "3", "0", "0", "0", "1"]).total
        == 7
    )


def test_answers_by_item_id_are_accepted() -> None:
    scored = score("phq2", {"1": "2", "2": 1})
    assert scored.total == 3


@pytest.mark.parametrize(
    ("instrument", "answers", "message"),
    [
        ("phq9", ["0"] * 8, r"PHQ-9 expects 9 answers .*got 8"),
        ("phq9", ["0"] * 11, r"PHQ-9 expects 9 answers .*got 11"),
        (
            "phq9",
            ["0"] * 8 + ["4"],
            r"question 9 \(thoughts of death or self-harm\): '4' is not allowed; "
            r"allowed: 0, 1, 2 or 3",
        ),
        ("phq9", ["0"] * 8 + ["-1"], r"question 9 .*'-1' is not allowed"),
        ("phq9", ["0", "x"] + ["0"] * 7, r"question 2 \(feeling down or hopeless\): 'x'"),
        ("phq9", ["0", "0", ""] + ["0"] * 6, r"question 3 \(sleep\) needs an answer"),
        ("phq2", ["yes", "0"], r"question 1 .*'yes' is not allowed"),
        ("gad7", ["0"] * 6, r"GAD-7 expects 7 answers .*1-7: 0-3.*got 6"),
        (
            "asq",
            ["no", "no", "maybe", "no"],
            r"question 3 .*'maybe' is not allowed; allowed: yes, no or refused",
        ),
        ("asq", ["no"] * 3, r"ASQ expects 4 answers \(5 with question 5\)"),
        ("phqa", ["0"] * 9, r"PHQ-A expects 13 answers .*got 9"),
        ("phqa", ["0"] * 9 + ["no", "", "", "no"], r"question 12 .*needs an answer"),
        (
            "phqa",
            ["0"] * 9 + ["no", "", "refused", "no"],
            r"question 12 .*'refused' is not allowed; allowed: yes or no",
        ),
        ("phq9", [True] + [0] * 8, r"question 1 .*True"),
    ],
)
def test_bad_answers_name_the_item_and_the_allowed_values(
    instrument: str, answers: list[object], message: str
) -> None:
    with pytest.raises(AnswerError, match=message):
        score(instrument, answers)  # type: ignore[arg-type]


def test_a_missing_answer_never_produces_a_total() -> None:
    # Item 9 left empty: no total at all, rather than a total that might hide a hard trigger.
    with pytest.raises(AnswerError, match="question 9"):
        score("phq9", ["3"] * 8 + [""])


def test_a_missing_follow_up_question_names_where_to_get_help(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A follow-up question is asked only after a worrying answer: an error about it must not
    # leave the person without a pointer to help. (The ASQ's follow-up is never an error now, so
    # this uses a required follow-up made for the test.)
    import dataclasses

    from waylight.core.instruments import load_instrument
    from waylight.core.scoring import _require_asked

    phq9 = load_instrument("phq9")
    items = tuple(dataclasses.replace(i, required=True) if i.id == "10" else i for i in phq9.items)
    strict = dataclasses.replace(phq9, items=items)
    with pytest.raises(AnswerError, match=r"question 10 .*crisis line or your local emergency"):
        _require_asked(strict, {**{str(n): 1 for n in range(1, 10)}, "10": None})
