"""Change rules over repeated totals, at every boundary (clinical reference section 1.9).

A change of 5 points is meaningful; response is a drop of 50 % or more from the first total;
remission is a PHQ-9 below 5. Wording after NICE NG225: a next step, never a prediction.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from waylight.core.recover.change import (
    ScorePoint,
    change_rule,
    followed_instruments,
    summarise,
)

START = date(2026, 1, 5)


def points(*totals: int, trigger_last: bool = False) -> list[ScorePoint]:
    made = [ScorePoint(START + timedelta(weeks=i), t) for i, t in enumerate(totals)]
    if trigger_last:
        made[-1] = ScorePoint(made[-1].when, made[-1].total, trigger=True)
    return made


def test_phq9_phqa_and_gad7_are_followed_and_others_are_not() -> None:
    assert set(followed_instruments()) == {"phq9", "phqa", "gad7"}
    assert summarise("asq", points(1, 2)) is None
    assert summarise("phq9", []) is None


@pytest.mark.parametrize(
    ("before", "after", "meaningful", "direction"),
    [
        (10, 14, False, "higher"),
        (10, 15, True, "higher"),
        (14, 10, False, "lower"),
        (15, 10, True, "lower"),
        (12, 12, False, "same"),
    ],
)
def test_five_points_is_the_meaningful_change(
    before: int, after: int, meaningful: bool, direction: str
) -> None:
    summary = summarise("phq9", points(before, after))
    assert summary is not None
    assert summary.change == after - before
    assert summary.meaningful is meaningful and summary.direction == direction


@pytest.mark.parametrize(
    ("first", "latest", "response"),
    [
        (16, 8, True),
        (16, 9, False),
        (10, 5, True),
        (10, 6, False),
        (5, 2, True),
        (4, 2, False),
        (4, 0, False),
    ],
)
def test_response_is_a_drop_of_half_or_more_from_the_first_total(
    first: int, latest: int, response: bool
) -> None:
    summary = summarise("phq9", points(first, first, latest))
    assert summary is not None and summary.response is response


@pytest.mark.parametrize(
    ("first", "latest", "remission"),
    [(12, 4, True), (12, 5, False), (5, 4, True), (4, 3, False), (27, 0, True)],
)
def test_remission_is_a_phq9_total_below_5(first: int, latest: int, remission: bool) -> None:
    summary = summarise("phq9", points(first, latest))
    assert summary is not None and summary.remission is remission


def test_the_phqa_has_the_same_rules_and_the_gad7_has_no_remission() -> None:
    assert summarise("phqa", points(12, 4)).remission is True  # type: ignore[union-attr]
    gad = summarise("gad7", points(12, 4))
    assert gad is not None and gad.response and not gad.remission
    assert change_rule("gad7").remission_below is None  # type: ignore[union-attr]


def test_the_statements_say_what_changed_in_plain_words() -> None:
    summary = summarise("phq9", points(16, 12, 6))
    assert summary is not None
    text = " ".join(summary.statements)
    assert "went down by 6 points since last time (from 12 to 6)" in text
    assert "response" in text and "from 16 to 6" in text
    assert "remission" not in text  # 6 is not below 5
    worse = " ".join(summarise("phq9", points(5, 11)).statements)  # type: ignore[union-attr]
    assert "went up by 6 points" in worse and "talk it over" in worse
    small = " ".join(summarise("gad7", points(8, 10)).statements)  # type: ignore[union-attr]
    assert "changed by 2 points" in small and "may not mean much" in small


def test_one_result_says_so() -> None:
    summary = summarise("phq9", points(9))
    assert summary is not None and summary.previous is None and summary.change is None
    assert "one PHQ-9 result" in summary.statements[0]


def test_a_new_hard_trigger_speaks_first_and_alone() -> None:
    # An improving total must not hide new thoughts of being better off dead (item 9 > 0).
    summary = summarise("phq9", points(18, 10, 3, trigger_last=True))
    assert summary is not None and summary.trigger_first
    assert len(summary.statements) == 1
    words = summary.statements[0]
    assert "talk to someone today" in words
    for reassurance in ("response", "remission", "went down", "real change"):
        assert reassurance not in words


def test_an_earlier_trigger_does_not_stop_the_change_being_read() -> None:
    made = points(18, 10)
    made[0] = ScorePoint(made[0].when, 18, trigger=True)
    summary = summarise("phq9", made)
    assert summary is not None and not summary.trigger_first
    assert "went down by 8 points" in summary.statements[0]


def test_the_wording_never_predicts_or_labels_risk() -> None:
    # NICE NG225: results guide the next step; never "low risk", never a forecast.
    for totals in ((20, 3), (3, 20), (10, 10), (9,)):
        for instrument in ("phq9", "gad7"):
            summary = summarise(instrument, points(*totals))
            assert summary is not None
            text = (" ".join(summary.statements) + " " + summary.about).lower()
            for banned in ("low risk", "high risk", "you are safe", "you will", "cured"):
                assert banned not in text
            assert "not a diagnosis" in summary.about
