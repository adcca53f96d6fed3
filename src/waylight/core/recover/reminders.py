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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from waylight.core.errors import InputError
from waylight.core.i18n import (
    SOURCE_LANGUAGE,
    language_codes,
    load_same_shape,
    normalise_language,
    translator,
)
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
def _data(lang: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """The reminder's words in `lang` (English when not translated)."""
    data, _shown = load_same_shape(REMINDERS_FILE, lang, schema="recover_reminders")
    result: dict[str, Any] = data
    return result


def default_title(lang: str | None = None) -> str:
    return str(_data(normalise_language(lang))["default_title"])


def default_note(lang: str | None = None) -> str:
    return str(_data(normalise_language(lang))["default_note"])


@cache
def _refused() -> re.Pattern[str]:
    # Every language's words, whatever the page's language: a person may write in either.
    listed = {word for code in language_codes() for word in _data(code)["refuse"]}
    words = sorted(listed, key=len, reverse=True)
    # "self-harm", "self harm" and "self‑harm" (a Unicode hyphen) are the same words.
    parts = [
        r"[\s\-\u2010\u2011]*".join(re.escape(w) for w in re.split(r"[\s-]+", word))
        for word in words
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def says_what_it_is_for(text: str) -> bool:
    """True when `text` has a word a reminder must not show (a lock screen is not private)."""
    return _refused().search(text) is not None


def parse_reminder(
    fields: Mapping[str, str], *, days: Iterable[str], lang: str | None = None
) -> Reminder:
    """Check the reminder form: time (HH:MM), title and note (defaults when empty), days.
    Messages and the default words are in `lang`."""
    code = normalise_language(lang)
    data = _data(code)
    _ = translator(code)
    errors: dict[str, str] = {}
    at = _time(fields.get("time", ""), errors, _)
    title = clean_text(fields.get("title", "")).replace("\n", " ") or default_title(code)
    note = clean_text(fields.get("note", ""))
    if len(title) > data["title_max_chars"]:
        errors["title"] = _("Please keep the title under {chars} characters.").format(
            chars=data["title_max_chars"]
        )
    elif says_what_it_is_for(title):
        errors["title"] = data["refused_message"]
    if len(note) > data["note_max_chars"]:
        errors["note"] = _("Please keep the note under {chars} characters.").format(
            chars=data["note_max_chars"]
        )
    elif says_what_it_is_for(note):
        errors["note"] = data["refused_message"]
    chosen = tuple(code for code in WEEKDAYS if code in {d.strip().upper() for d in days})
    unknown = {d.strip().upper() for d in days} - set(WEEKDAYS)
    if unknown:
        errors["days"] = _("Please choose days from the list.")
    if errors:
        raise ReminderError(errors)
    assert at is not None
    return Reminder(at=at, title=title, note=note, days=chosen or WEEKDAYS)


def _time(raw: str, errors: dict[str, str], _: Callable[[str], str]) -> time | None:
    raw = raw.strip()
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?", raw)
    if not match:
        errors["time"] = _("Please choose a time, such as 20:30.")
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
