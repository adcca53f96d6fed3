"""Milestones without shame: counts that only go up, and an optional "days since" counter.

    >>> from datetime import date
    >>> days = [DayRecord(date(2026, 1, d), harmed=(d == 3)) for d in (1, 2, 3, 4)]
    >>> m = milestones(days, urges_ridden_out=2, today=date(2026, 1, 5), show_days_since=True)
    >>> (m.checkins_kept, m.urges_ridden_out, m.days_since.days, m.days_since.harm_free_checkins)
    (4, 2, 2, 3)

"Check-ins kept" counts days with at least one check-in; "urges ridden out" counts finished
rides. Neither is a streak, so a missed day or a setback never takes anything away. "Days
since" is off unless the person turns it on; it counts days since the last check-in that said
"yes, I hurt myself" (or since the first check-in), and shows beside it the check-ins without
self-harm, which never go down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from waylight.core.i18n import SOURCE_LANGUAGE, load_same_shape, normalise_language

MILESTONES_FILE = "recover/milestones.yaml"

Kind = Literal["checkins", "urges"]


@dataclass(frozen=True)
class DayRecord:
    """One check-in's day and its answer to "did you hurt yourself" (None: not answered)."""

    day: date
    harmed: bool | None = None


@dataclass(frozen=True)
class Milestone:
    kind: Kind
    label: str
    count: int  # how many the person has now
    reached: int | None  # the highest threshold reached, None before the first
    reached_text: str | None
    next: int | None  # the next threshold, None past the last
    next_text: str | None
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class DaysSince:
    label: str
    explain: str
    started: date
    last_setback: date | None
    days: int
    harm_free_checkins: int
    text: str
    harm_free_text: str
    setback_text: str | None
    lang: str = SOURCE_LANGUAGE  # the language of the words


@dataclass(frozen=True)
class Milestones:
    checkins_kept: int
    urges_ridden_out: int
    kinds: tuple[Milestone, ...]
    days_since: DaysSince | None  # None unless switched on and there is a check-in


@cache
def _data(lang: str = SOURCE_LANGUAGE) -> tuple[dict[str, Any], str]:
    """The milestones' words in `lang` (English when not translated) and their language."""
    data, shown = load_same_shape(MILESTONES_FILE, lang, schema="recover_milestones")
    return data, shown


def _milestone(raw: dict[str, Any], count: int, lang: str) -> Milestone:
    thresholds = sorted(set(raw["thresholds"]))
    reached = max((t for t in thresholds if t <= count), default=None)
    upcoming = min((t for t in thresholds if t > count), default=None)
    reached_text = None
    if reached is not None:
        reached_text = raw["first"] if reached == 1 else raw["reached"].format(count=reached)
    return Milestone(
        kind=raw["id"],
        label=raw["label"],
        count=count,
        reached=reached,
        reached_text=reached_text,
        next=upcoming,
        next_text=None
        if upcoming is None
        else raw["next_first"]
        if upcoming == 1
        else raw["next"].format(count=upcoming),
        lang=lang,
    )


def days_since(
    days: Iterable[DayRecord], *, today: date, lang: str | None = None
) -> DaysSince | None:
    """The "days since" counter over the check-ins, or None when there are none."""
    records = sorted(days, key=lambda r: r.day)
    if not records:
        return None
    data, shown = _data(normalise_language(lang))
    words = data["days_since"]
    started = records[0].day
    setbacks = [r.day for r in records if r.harmed is True]
    last = max(setbacks) if setbacks else None
    # Days are whole calendar days, never negative (a check-in dated tomorrow counts as today).
    count = max(0, (today - (last or started)).days)
    harm_free_days = {r.day for r in records if r.harmed is False} - set(setbacks)
    if last is None:
        text = words["none_yet"].format(days=count, date=started.isoformat())
    else:
        text = words["since"].format(days=count, date=last.isoformat())
    return DaysSince(
        label=words["label"],
        explain=words["explain"],
        started=started,
        last_setback=last,
        days=count,
        harm_free_checkins=len(harm_free_days),
        text=text,
        harm_free_text=words["harm_free"].format(count=len(harm_free_days)),
        setback_text=words["setback"] if last is not None else None,
        lang=shown,
    )


def milestones(
    days: Iterable[DayRecord],
    *,
    urges_ridden_out: int,
    today: date,
    show_days_since: bool = False,
    lang: str | None = None,
) -> Milestones:
    """What a person has done so far, in `lang`; "days since" only when they switched it on."""
    records = list(days)
    kept = len({r.day for r in records})
    counts: dict[str, int] = {"checkins": kept, "urges": max(0, urges_ridden_out)}
    data, shown = _data(normalise_language(lang))
    kinds = tuple(_milestone(raw, counts[raw["id"]], shown) for raw in data["kinds"])
    return Milestones(
        checkins_kept=kept,
        urges_ridden_out=counts["urges"],
        kinds=kinds,
        days_since=days_since(records, today=today, lang=lang) if show_days_since else None,
    )
