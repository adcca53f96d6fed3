"""Reminders: a real iCalendar file, at the chosen time, in words that do not say what it is for."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from waylight.core.recover.reminders import (
    WEEKDAYS,
    ReminderError,
    default_note,
    default_title,
    parse_reminder,
    reminder_ics,
    says_what_it_is_for,
)

STAMP = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def ics_of(fields: dict[str, str], days: list[str] | None = None, start=date(2026, 3, 5)):
    reminder = parse_reminder(fields, days=days or [])
    return Calendar.from_ical(reminder_ics(reminder, start=start, uid="u@x", stamp=STAMP))


def test_a_daily_reminder_at_the_chosen_local_time() -> None:
    calendar = ics_of({"time": "20:30", "title": "", "note": ""})
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("dtstart")
    assert start == datetime(2026, 3, 5, 20, 30) and start.tzinfo is None  # floating time
    assert str(event["summary"]) == default_title()
    assert event["rrule"]["FREQ"] == ["DAILY"]
    alarm = next(iter(event.walk("VALARM")))
    assert str(alarm["action"]) == "DISPLAY"


def test_chosen_days_repeat_weekly_from_the_next_such_day() -> None:
    calendar = ics_of({"time": "07:05", "title": "Tea time", "note": "Be kind"}, ["mo", "WE"])
    event = next(iter(calendar.walk("VEVENT")))
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "WE"]
    assert event.decoded("dtstart") == datetime(2026, 3, 9, 7, 5)  # 5 March 2026 is a Thursday
    assert str(event["description"]) == "Be kind"


def test_commas_and_semicolons_in_the_words_survive() -> None:
    calendar = ics_of({"time": "9:00", "title": "Tea; biscuits, then a walk", "note": ""})
    assert str(next(iter(calendar.walk("VEVENT")))["summary"]) == "Tea; biscuits, then a walk"


@pytest.mark.parametrize(
    "words",
    [
        "Self-harm check",
        "self harm",
        "SELF\u2011HARM",
        "Did I hurt myself",
        "Urges log",
        "Waylight",
        "suicide",
    ],
)
def test_words_that_say_what_it_is_for_are_refused(words: str) -> None:
    assert says_what_it_is_for(words)
    with pytest.raises(ReminderError) as caught:
        parse_reminder({"time": "20:00", "title": words}, days=[])
    assert "should not say what it is for" in caught.value.errors["title"]


@pytest.mark.parametrize("words", ["Harmony practice", "Cutlery drawer", "Time for my check-in"])
def test_other_words_are_fine(words: str) -> None:
    assert not says_what_it_is_for(words)


def test_the_defaults_say_nothing_about_what_it_is_for() -> None:
    assert not says_what_it_is_for(default_title())
    assert not says_what_it_is_for(default_note())


@pytest.mark.parametrize("value", ["", "25:00", "8pm", "20:60", "２０:00"])
def test_a_time_is_needed(value: str) -> None:
    with pytest.raises(ReminderError) as caught:
        parse_reminder({"time": value}, days=[])
    assert "time" in caught.value.errors


def test_unknown_days_and_long_words_are_refused() -> None:
    with pytest.raises(ReminderError) as caught:
        parse_reminder({"time": "20:00", "title": "x" * 61, "note": "y" * 201}, days=["XX"])
    assert set(caught.value.errors) == {"title", "note", "days"}


def test_all_days_means_every_day() -> None:
    reminder = parse_reminder({"time": "20:00"}, days=list(WEEKDAYS))
    assert reminder.days == WEEKDAYS and reminder.at == time(20, 0)
