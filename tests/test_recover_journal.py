"""The daily check-in: every field checked, every problem named, nothing half-saved."""

from __future__ import annotations

from datetime import date

import pytest

from waylight.core.recover.journal import (
    CheckIn,
    CheckInError,
    coping_choices,
    coping_label,
    harm_forms,
    journal_rules,
    parse_check_in,
)
from waylight.core.safety import find_unsafe

TODAY = date(2026, 3, 10)


def parse(coping: list[str] | None = None, allowed: set[str] | None = None, **fields: str):
    base = {"day": "2026-03-10", "mood": "5", "urge": "3"}
    return parse_check_in(
        base | fields, coping=coping or [], allowed_coping=allowed or set(), today=TODAY
    )


def errors_of(**fields: str) -> dict[str, str]:
    with pytest.raises(CheckInError) as caught:
        parse(**fields)
    return caught.value.errors


def test_only_date_mood_and_urge_are_needed() -> None:
    entry = parse()
    assert entry == CheckIn(day=TODAY, mood=5, urge=3)
    assert entry.harmed is None and entry.note == "" and entry.sleep_hours is None


@pytest.mark.parametrize("value", ["0", "10", "７", "٧"])
def test_scales_take_0_to_10_in_any_script_of_decimal_digits(value: str) -> None:
    assert 0 <= parse(mood=value).mood <= 10


@pytest.mark.parametrize("value", ["11", "-1", "", "²", "⑦", "5.5", "five", "1000"])
def test_scales_refuse_anything_else_with_a_message(value: str) -> None:
    errors = errors_of(mood=value, urge=value)
    assert errors["mood"] == "Please choose a number from 0 to 10 for your mood."
    assert "urge" in errors


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_of(day="soon", mood="x", urge="99", harmed="maybe", sleep_hours="lots")
    assert set(errors) == {"day", "mood", "urge", "harmed", "sleep_hours"}


def test_dates_in_the_future_or_long_ago_are_refused() -> None:
    assert "future" in errors_of(day="2026-03-12")["day"]
    assert parse(day="2026-03-11").day == date(2026, 3, 11)  # a person east of the server
    assert "after 2000" in errors_of(day="1999-12-31")["day"]
    assert "date picker" in errors_of(day="10/03/2026")["day"]


def test_the_kind_of_self_harm_is_a_knowledge_base_form_and_only_goes_with_yes() -> None:
    forms = harm_forms()
    assert len(forms) == 8 and all(f.value.startswith("form-") for f in forms)
    chosen = forms[0].value
    assert parse(harmed="yes", harm_form=chosen).harm_form == chosen
    assert parse(harmed="no", harm_form=chosen).harm_form is None
    assert parse(harmed="", harm_form=chosen).harm_form is None
    assert "list" in errors_of(harmed="yes", harm_form="something typed")["harm_form"]


def test_the_kinds_are_named_in_general_words_only() -> None:
    for form in harm_forms():
        assert find_unsafe(form.label) == [], form.label


@pytest.mark.parametrize(
    ("raw", "hours"),
    [("7", 7.0), ("6.5", 6.5), ("6,5", 6.5), ("0", 0.0), ("24", 24.0), ("7.3", 7.5)],
)
def test_sleep_hours(raw: str, hours: float) -> None:
    assert parse(sleep_hours=raw).sleep_hours == hours


@pytest.mark.parametrize("raw", ["25", "-1", "a lot", "1e3", "nan", "inf"])
def test_sleep_hours_out_of_range(raw: str) -> None:
    assert "0 to 24" in errors_of(sleep_hours=raw)["sleep_hours"]


def test_a_note_keeps_its_lines_and_loses_control_characters() -> None:
    assert parse(note="  first\r\nsecond\x00\x07 \u200b ").note == "first\nsecond \u200b"


def test_a_long_note_is_refused_with_its_limit() -> None:
    limit = journal_rules().note_max_chars
    assert len(parse(note="a" * limit).note) == limit
    message = errors_of(note="a" * (limit + 1))["note"]
    assert f"{limit:,}" in message and "nothing has been saved" in message
    assert "note" in errors_of(note="x" * 10_000_000)


def test_coping_must_come_from_the_offered_list() -> None:
    allowed = {"Music", "toolbox-breathing"}
    entry = parse(coping=["Music", "toolbox-breathing", "Music"], allowed=allowed)
    assert entry.coping == ("Music", "toolbox-breathing")
    with pytest.raises(CheckInError) as caught:
        parse(coping=["Something I made up"], allowed=allowed)
    assert "from the list" in caught.value.errors["coping"]


def test_coping_choices_are_my_plan_the_toolbox_and_what_an_entry_already_has() -> None:
    choices = coping_choices(["Music", "A walk", "Music", ""], keep=["An old idea"])
    values = [c.value for c in choices]
    assert values[:2] == ["Music", "A walk"]
    assert "toolbox-urge" in values and "talked" in values
    assert values[-1] == "An old idea"
    assert coping_label("toolbox-breathing") == "Slow breathing"
    assert coping_label("Music") == "Music"


def test_a_check_in_survives_storage() -> None:
    entry = parse(
        harmed="yes",
        harm_form=harm_forms()[2].value,
        sleep_hours="6.5",
        note="hi",
        coping=["toolbox-urge"],
        allowed={"toolbox-urge"},
    )
    assert CheckIn.from_dict(entry.to_dict()) == entry
