"""The daily check-in: mood, urge, whether I hurt myself, coping I used, sleep and a note.

    >>> from datetime import date
    >>> entry = parse_check_in(
    ...     {"day": "2026-03-02", "mood": "6", "urge": "2", "harmed": "no"},
    ...     coping=[], allowed_coping=[], today=date(2026, 3, 2))
    >>> (entry.mood, entry.urge, entry.harmed)
    (6, 2, False)

Every field is checked here, and every problem is reported at once with a message for the
person (`CheckInError.errors`, keyed by field), so a form can show them all and change nothing.
The optional kind of self-harm is one of the knowledge base's forms, by id: never a method, an
object or a place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from waylight.core.errors import InputError
from waylight.core.i18n import SOURCE_LANGUAGE, load_same_shape, normalise_language
from waylight.core.i18n import tr as _

JOURNAL_FILE = "recover/journal.yaml"
SCALE_MAX = 10
# A person east of the server's clock may already be on tomorrow's date.
FUTURE_SLACK = timedelta(days=1)


class CheckInError(InputError):
    """One or more fields of a check-in cannot be used; `errors` maps field -> message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


@dataclass(frozen=True)
class Scale:
    label: str
    low: str
    high: str


@dataclass(frozen=True)
class Choice:
    """One thing a person can tick: a stable value and the words shown for it."""

    value: str
    label: str


@dataclass(frozen=True)
class JournalRules:
    """The check-in's questions and limits (content/recover/journal.yaml)."""

    note_max_chars: int
    coping_max: int
    coping_max_chars: int
    sleep_max_hours: int
    earliest: date
    mood: Scale
    urge: Scale
    toolbox_coping: tuple[Choice, ...]
    strong_urge_from: int
    responses: Mapping[str, Any] = field(repr=False)
    lang: str = SOURCE_LANGUAGE  # the language of the words (labels, responses)


def journal_rules(lang: str | None = None) -> JournalRules:
    """The check-in's rules and words in `lang` (English when not translated; `lang` says so).
    The limits and ids are the same in every language."""
    return _journal_rules(normalise_language(lang))


@cache
def _journal_rules(code: str) -> JournalRules:
    data, lang = load_same_shape(JOURNAL_FILE, code, schema="recover_journal")
    limits = data["limits"]
    return JournalRules(
        note_max_chars=limits["note_max_chars"],
        coping_max=limits["coping_max"],
        coping_max_chars=limits["coping_max_chars"],
        sleep_max_hours=limits["sleep_max_hours"],
        earliest=date.fromisoformat(limits["earliest"]),
        mood=Scale(**data["scales"]["mood"]),
        urge=Scale(**data["scales"]["urge"]),
        toolbox_coping=tuple(Choice(c["id"], c["label"]) for c in data["coping_from_toolbox"]),
        strong_urge_from=data["strong_urge_from"],
        responses=data["responses"],
        lang=lang,
    )


@cache
def harm_forms(lang: str | None = None) -> tuple[Choice, ...]:
    """The kinds of self-harm a person may name: the knowledge base's forms, by id (the same
    ids in every language, named in `lang`)."""
    from waylight.core.kb import load_knowledge_base

    section = load_knowledge_base(lang).section("forms")
    return tuple(Choice(item.id, item.title) for item in section.items)


@dataclass(frozen=True)
class CheckIn:
    """One day's check-in, checked. `harmed` is None when the person left it unanswered."""

    day: date
    mood: int
    urge: int
    harmed: bool | None = None
    harm_form: str | None = None
    coping: tuple[str, ...] = ()
    sleep_hours: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "mood": self.mood,
            "urge": self.urge,
            "harmed": self.harmed,
            "harm_form": self.harm_form,
            "coping": list(self.coping),
            "sleep_hours": self.sleep_hours,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckIn:
        """The check-in `to_dict` gave (as stored); trusts the data, which was checked on entry."""
        sleep = data.get("sleep_hours")
        return cls(
            day=date.fromisoformat(str(data["day"])),
            mood=int(data["mood"]),
            urge=int(data["urge"]),
            harmed=data.get("harmed"),
            harm_form=data.get("harm_form"),
            coping=tuple(str(c) for c in data.get("coping", ())),
            sleep_hours=float(sleep) if sleep is not None else None,
            note=str(data.get("note", "")),
        )


def parse_check_in(
    fields: Mapping[str, str],
    *,
    coping: Iterable[str],
    allowed_coping: Collection[str],
    today: date,
) -> CheckIn:
    """Check a check-in as a form sends it (every value a string); raise CheckInError.

    `fields`: day (YYYY-MM-DD), mood and urge (0-10), harmed ("yes", "no" or empty),
    harm_form (a form id, only kept with harmed "yes"), sleep_hours (empty or 0-24 in steps
    of a half), note. `coping`: the ticked values, each of which must be in `allowed_coping`
    (the person's own plan lines and the toolbox's tools).
    """
    rules = journal_rules()
    errors: dict[str, str] = {}

    day = _day(fields.get("day", ""), today, rules, errors)
    mood = _scale(fields.get("mood", ""), "mood", errors)
    urge = _scale(fields.get("urge", ""), "urge", errors)
    harmed = _harmed(fields.get("harmed", ""), errors)
    harm_form = _harm_form(fields.get("harm_form", ""), harmed, errors)
    sleep = _sleep(fields.get("sleep_hours", ""), rules, errors)
    note = _note(fields.get("note", ""), rules, errors)
    chosen = _coping(coping, allowed_coping, rules, errors)

    if errors:
        raise CheckInError(errors)
    assert day is not None and mood is not None and urge is not None
    return CheckIn(day, mood, urge, harmed, harm_form, chosen, sleep, note)


def _day(raw: str, today: date, rules: JournalRules, errors: dict[str, str]) -> date | None:
    raw = raw.strip()
    if not raw:
        errors["day"] = _("Please give the date of this check-in.")
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        errors["day"] = _(
            "That date could not be read. Please use the date picker (year-month-day)."
        )
        return None
    if day > today + FUTURE_SLACK:
        errors["day"] = _("That date is in the future. Please choose today or an earlier day.")
        return None
    if day < rules.earliest:
        errors["day"] = _("Please choose a date after {year}.").format(year=rules.earliest.year)
        return None
    return day


def _scale(raw: str, name: str, errors: dict[str, str]) -> int | None:
    value = small_int(raw)
    if value is None or not 0 <= value <= SCALE_MAX:
        message = (
            _("Please choose a number from 0 to {max} for your mood.")
            if name == "mood"
            else _("Please choose a number from 0 to {max} for the urge.")
        )
        errors[name] = message.format(max=SCALE_MAX)
        return None
    return value


def small_int(raw: str) -> int | None:
    """An integer in decimal digits of any script ('7', '７', '٧'); never '²' or '⑦'."""
    raw = raw.strip()
    if not raw or len(raw) > 3 or not raw.isdecimal():
        return None
    return int(raw)


def _harmed(raw: str, errors: dict[str, str]) -> bool | None:
    raw = raw.strip().lower()
    if raw == "":
        return None
    if raw in {"yes", "no"}:
        return raw == "yes"
    errors["harmed"] = _("Please answer yes or no, or leave this question out.")
    return None


def _harm_form(raw: str, harmed: bool | None, errors: dict[str, str]) -> str | None:
    raw = raw.strip()
    if not raw or harmed is not True:
        return None  # a kind only goes with a "yes"
    if raw not in {form.value for form in harm_forms()}:
        errors["harm_form"] = _("Please choose one of the kinds in the list, or leave it empty.")
        return None
    return raw


def _sleep(raw: str, rules: JournalRules, errors: dict[str, str]) -> float | None:
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    message = _("Please give the hours you slept as a number from 0 to {hours}.").format(
        hours=rules.sleep_max_hours
    )
    whole, _dot, part = raw.partition(".")
    if len(raw) > 5 or not whole.isdecimal() or not (part == "" or part.isdecimal()):
        errors["sleep_hours"] = message
        return None
    try:
        hours = float(raw)
    except ValueError:
        errors["sleep_hours"] = message
        return None
    if not 0 <= hours <= rules.sleep_max_hours:
        errors["sleep_hours"] = message
        return None
    return round(hours * 2) / 2  # to the nearest half hour, as the form offers


def clean_text(raw: str) -> str:
    """Text as typed, with line ends made plain and control characters (other than new
    lines and tabs) removed: they cannot be shown and have no meaning in a note."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs"}
    ).strip()


def _note(raw: str, rules: JournalRules, errors: dict[str, str]) -> str:
    if len(raw) > rules.note_max_chars * 2:
        errors["note"] = _too_long(rules)
        return ""
    note = clean_text(raw)
    if len(note) > rules.note_max_chars:
        errors["note"] = _too_long(rules)
        return ""
    return note


def _too_long(rules: JournalRules) -> str:
    return _(
        "Your note is longer than {chars} characters. Please shorten it; nothing has been "
        "saved yet."
    ).format(chars=f"{rules.note_max_chars:,}")


def _coping(
    chosen: Iterable[str],
    allowed: Collection[str],
    rules: JournalRules,
    errors: dict[str, str],
) -> tuple[str, ...]:
    values: list[str] = []
    for raw in chosen:
        value = raw.strip()
        if value and value not in values:
            values.append(value)
    if len(values) > rules.coping_max:
        errors["coping"] = _("Please tick at most {count} things.").format(count=rules.coping_max)
        return ()
    if any(len(v) > rules.coping_max_chars or v not in allowed for v in values):
        errors["coping"] = _(
            "One of the ticked things is not in the list. Please tick from the list."
        )
        return ()
    return tuple(values)


def coping_choices(
    plan_lines: Iterable[str], *, keep: Iterable[str] = (), lang: str | None = None
) -> tuple[Choice, ...]:
    """What a person can tick as coping they used: their plan's own lines, the toolbox's
    tools (named in `lang`), and anything an older entry already has (`keep`), so editing
    loses nothing."""
    rules = journal_rules(lang)
    choices: list[Choice] = []
    seen: set[str] = set()
    for line in plan_lines:
        line = line.strip()
        if line and line not in seen and len(line) <= rules.coping_max_chars:
            choices.append(Choice(line, line))
            seen.add(line)
    for tool in rules.toolbox_coping:
        if tool.value not in seen:
            choices.append(tool)
            seen.add(tool.value)
    for value in keep:
        if value not in seen:
            choices.append(Choice(value, value))
            seen.add(value)
    return tuple(choices)


def coping_label(value: str, lang: str | None = None) -> str:
    """The words for a stored coping value (a toolbox id reads as its label, in `lang`)."""
    for tool in journal_rules(lang).toolbox_coping:
        if tool.value == value:
            return tool.label
    return value
