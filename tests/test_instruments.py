"""The instruments as shipped: items, wording, licences and bands as in the reference."""

from __future__ import annotations

import pytest

from waylight.core.assess import load_wording
from waylight.core.errors import UnknownInstrument
from waylight.core.instruments import SumScoring, list_instruments, load_instrument
from waylight.core.questions import question_stem
from waylight.core.rules import load_rules

PFIZER = (
    "Copyright © Pfizer Inc. All rights reserved. Developed by Drs. Robert L. Spitzer, Janet B.W. "
    "Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No "
    "permission required to reproduce, translate, display or distribute."
)

# NIMH wording, unaltered (clinical reference 2.1).
ASQ_WORDING = [
    "In the past few weeks, have you wished you were dead?",
    "In the past few weeks, have you felt that you or your family would be better off if you "
    "were dead?",
    "In the past week, have you been having thoughts about killing yourself?",
    "Have you ever tried to kill yourself?",
    "Are you having thoughts of killing yourself right now?",
]


def test_the_five_instruments_are_shipped_in_a_sensible_order() -> None:
    assert [i.id for i in list_instruments()] == ["phq9", "phq2", "phqa", "gad7", "asq"]


@pytest.mark.parametrize(
    ("instrument", "items", "low", "high"),
    [("phq9", 10, 0, 27), ("phq2", 2, 0, 6), ("phqa", 13, 0, 27), ("gad7", 8, 0, 21)],
)
def test_item_counts_and_score_ranges(instrument: str, items: int, low: int, high: int) -> None:
    loaded = load_instrument(instrument)
    assert len(loaded.items) == items
    assert isinstance(loaded.scoring, SumScoring)
    assert (loaded.scoring.min, loaded.scoring.max) == (low, high)


@pytest.mark.parametrize("instrument", ["phq9", "phq2", "phqa", "gad7"])
def test_phq_family_and_gad7_keep_the_pfizer_attribution(instrument: str) -> None:
    assert PFIZER in load_instrument(instrument).licence


def test_asq_wording_is_nimh_unaltered_and_credited() -> None:
    asq = load_instrument("asq")
    assert [item.text for item in asq.items] == ASQ_WORDING
    assert "NIMH" in asq.licence and "public domain" in asq.licence
    assert [o.value for o in asq.items[0].options] == ["yes", "no", "refused"]


def test_phq9_functional_question_is_shown_only_after_a_problem_and_not_summed() -> None:
    phq9 = load_instrument("phq9")
    functional = phq9.item("10")
    assert functional.asked_if is not None and not functional.required
    assert isinstance(phq9.scoring, SumScoring) and "10" not in phq9.scoring.items


def test_phqa_order_and_wording_follow_the_adolescent_form() -> None:
    phqa = load_instrument("phqa")
    assert "irritable" in phqa.item("1").text  # item 1 is low or irritable mood
    assert "interest or pleasure" in phqa.item("2").text  # item 2 is lost interest
    assert "weight loss" in phqa.item("4").text
    assert "school work" in phqa.item("7").text
    extras = [phqa.item(i) for i in ("10", "11", "12", "13")]
    assert [e.values for e in extras] == [
        ("yes", "no"),
        (0, 1, 2, 3),
        ("yes", "no"),
        ("yes", "no"),
    ]
    assert "past year" in extras[0].text.lower()
    assert "past month" in extras[2].text and "ending your life" in extras[2].text
    assert "WHOLE LIFE" in extras[3].text


def test_phqa_extra_questions_keep_their_own_stems_only() -> None:
    # The two-week stem belongs to the nine frequency questions: shown above a question about
    # the past month or a whole life, it would misdate it. The form's own lead-in for the
    # difficulty question stays.
    phqa = load_instrument("phqa")
    two_weeks = question_stem(phqa, phqa.item("1"))
    assert two_weeks == phqa.stem and "two weeks" in two_weeks
    for number in ("10", "12", "13"):
        assert question_stem(phqa, phqa.item(number)) is None, number
    assert question_stem(phqa, phqa.item("11")) == (
        "If you are experiencing any of the problems on this form:"
    )
    asq = load_instrument("asq")
    assert question_stem(asq, asq.item("5")) == asq.stem  # the ASQ's yes/no stem fits all five


def test_gad7_has_its_difficulty_question_not_added_to_the_total() -> None:
    gad7 = load_instrument("gad7")
    difficulty = gad7.item("8")
    assert "How difficult have these problems made it" in difficulty.text
    assert [o.label for o in difficulty.options] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    assert not difficulty.required and difficulty.asked_if is not None
    assert isinstance(gad7.scoring, SumScoring) and "8" not in gad7.scoring.items
    assert gad7.expected_count() == "7 answers (8 with question 8)"


def test_phq9_items_are_the_standard_published_ones() -> None:
    phq9 = load_instrument("phq9")
    assert phq9.item("1").text == "Little interest or pleasure in doing things"
    assert phq9.item("9").text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert [o.label for o in phq9.item("1").options] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]


@pytest.mark.parametrize("instrument", ["phq9", "phq2", "phqa", "gad7", "asq"])
def test_every_instrument_has_citation_version_recall_and_stem(instrument: str) -> None:
    loaded = load_instrument(instrument)
    assert loaded.citation and loaded.version and loaded.recall_period and loaded.stem
    assert loaded.source_url.startswith("https://")


def test_every_next_step_key_in_content_has_wording() -> None:
    wording = load_wording()
    keys: set[str] = set()
    for instrument in list_instruments():
        keys.update(instrument.always_next_steps)
        if isinstance(instrument.scoring, SumScoring):
            keys.update(b.next_step for b in instrument.scoring.bands)
        else:
            keys.update(o.next_step for o in instrument.scoring.outcomes)
        assert instrument.about in wording.about
    keys.update(r.next_step for r in load_rules() if r.next_step)
    assert keys - set(wording.steps) == set()


def test_every_rule_names_a_shipped_instrument_and_real_items() -> None:
    ids = {i.id for i in list_instruments()}
    for rule in load_rules():
        assert rule.instrument in ids, rule.id


def test_cssrs_is_not_embedded() -> None:
    assert "cssrs" not in {i.id for i in list_instruments()}


@pytest.mark.parametrize("name", ["PHQ-9", "phq9", " Phq9 "])
def test_instrument_ids_are_forgiving(name: str) -> None:
    assert load_instrument(name).id == "phq9"


def test_unknown_instrument_lists_the_choices() -> None:
    with pytest.raises(UnknownInstrument, match="choose one of: asq, gad7, phq2, phq9, phqa"):
        load_instrument("bdi")
