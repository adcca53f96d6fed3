"""A check-in reminder the person adds to their own calendar: an iCalendar (.ics) file.

    >>> from datetime import date, datetime, time, timezone
    >>> r = parse_reminder({"time": "20:30", "title": "", "note": ""}, days=[])
    >>> ics = reminder_ics(r, start=date(2026, 3, 2), uid="x@waylight",
    ...                    stamp=datetime(2026, 3, 2, tzinfo=timezone.utc))
    >>> b"RRULE:FREQ=DAILY" in ics and b"DTSTART:20260302T203000" in ics
    True

No server sends anything: the calendar on the person's device does the reminding. The time is
"floating" (no time zone), so 20:30 stays 20:30 wherever the person is. A reminder can pop up
on a lock screen, so its words never say what it is for: `parse_reminder` refuses words such
as "self-harm" (content/recover/reminders.yaml) with a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import InputError
from waylight.core.recover.journal import clean_text

REMINDERS_FILE = "recover/reminders.yaml"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order
EVENT_MINUTES = 10


class ReminderError(InputError):
    """A reminder field cannot be used; `errors` maps field -> message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


@dataclass(frozen=True)
class Reminder:
    at: time
    title: str
    note: str
    days: tuple[str, ...]  # iCalendar weekday codes; all seven means every day


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data(REMINDERS_FILE, schema="recover_reminders")
    return data


def default_title() -> str:
    return str(_data()["default_title"])


def default_note() -> str:
    return str(_data()["default_note"])


@cache
def _refused() -> re.Pattern[str]:
    words = sorted(_data()["refuse"], key=len, reverse=True)
    # "self-harm", "self harm" and "self‑harm" (a Unicode hyphen) are the same words.
    parts = [
        r"[\s\-\u2010\u2011]*".join(re.escape(w) for w in re.split(r"[\s-]+", word))
        for word in words
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def says_what_it_is_for(text: str) -> bool:
    """True when `text` has a word a reminder must not show (a lock screen is not private)."""
    return _refused().search(text) is not None


def parse_reminder(fields: Mapping[str, str], *, days: Iterable[str]) -> Reminder:
    """Check the reminder form: time (HH:MM), title and note (defaults when empty), days."""
    data = _data()
    errors: dict[str, str] = {}
    at = _time(fields.get("time", ""), errors)
    title = clean_text(fields.get("title", "")).replace("\n", " ") or default_title()
    note = clean_text(fields.get("note", ""))
    if len(title) > data["title_max_chars"]:
        errors["title"] = f"Please keep the title under {data['title_max_chars']} characters."
    elif says_what_it_is_for(title):
        errors["title"] = data["refused_message"]
    if len(note) > data["note_max_chars"]:
        errors["note"] = f"Please keep the note under {data['note_max_chars']} characters."
    elif says_what_it_is_for(note):
        errors["note"] = data["refused_message"]
    chosen = tuple(code for code in WEEKDAYS if code in {d.strip().upper() for d in days})
    unknown = {d.strip().upper() for d in days} - set(WEEKDAYS)
    if unknown:
        errors["days"] = "Please choose days from the list."
    if errors:
        raise ReminderError(errors)
    assert at is not None
    return Reminder(at=at, title=title, note=note, days=chosen or WEEKDAYS)


def _time(raw: str, errors: dict[str, str]) -> time | None:
    raw = raw.strip()
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?", raw)
    if not match:
        errors["time"] = "Please choose a time, such as 20:30."
        return None
    return time(int(match.group(1)), int(match.group(2)))


def first_day(reminder: Reminder, start: date) -> date:
    """The first day on or after `start` that the reminder repeats on."""
    for offset in range(7):
        day = start + timedelta(days=offset)
        if WEEKDAYS[day.weekday()] in reminder.days:
            return day
    return start


def reminder_ics(reminder: Reminder, *, start: date, uid: str, stamp: datetime) -> bytes:
    """The reminder as an iCalendar file: a short repeating event with an alarm at its start."""
    from icalendar import Alarm, Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//Reminder//EN")  # neutral: the file never names the app
    calendar.add("version", "2.0")
    begin = datetime.combine(first_day(reminder, start), reminder.at)  # floating local time
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", begin)
    event.add("dtend", begin + timedelta(minutes=EVENT_MINUTES))
    event.add("summary", reminder.title)
    if reminder.note:
        event.add("description", reminder.note)
    if len(reminder.days) == len(WEEKDAYS):
        event.add("rrule", vRecur({"FREQ": "DAILY"}))
    else:
        event.add("rrule", vRecur({"FREQ": "WEEKLY", "BYDAY": list(reminder.days)}))
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
