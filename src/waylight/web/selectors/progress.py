"""My progress: check-ins and kept scores over a chosen period, read with the core's rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from waylight.core.recover.change import ChangeSummary, summarise
from waylight.core.recover.milestones import DayRecord, Milestones, milestones
from waylight.web.models import JournalEntry
from waylight.web.owner import Owner
from waylight.web.selectors.space import (
    KeptScore,
    StoredCheckIn,
    check_ins,
    kept_scores,
    preferences,
    urges_ridden_out,
)

# The periods a person can choose; the value is days back from today (None: everything).
RANGES: dict[str, tuple[str | Promise, int | None]] = {
    "30": (gettext_lazy("Last 30 days"), 30),
    "90": (gettext_lazy("Last 3 months"), 90),
    "365": (gettext_lazy("Last year"), 365),
    "all": (gettext_lazy("Everything"), None),
}
DEFAULT_RANGE = "90"


@dataclass(frozen=True)
class DayMean:
    day: date
    mood: float
    urge: float
    count: int


@dataclass(frozen=True)
class Progress:
    range_key: str
    range_label: str
    since: date | None
    entries: list[StoredCheckIn]  # newest first, in the period
    days: list[DayMean]  # oldest first: one point per day for the chart
    scores: dict[str, list[KeptScore]]  # instrument -> oldest first, in the period
    summaries: list[ChangeSummary]  # over every kept score, not only the period
    milestones: Milestones
    unreadable: int
    show_days_since: bool

    @property
    def has_scores(self) -> bool:
        return any(self.scores.values())


def _day_means(entries: list[StoredCheckIn]) -> list[DayMean]:
    grouped: dict[date, list[StoredCheckIn]] = defaultdict(list)
    for stored in entries:
        grouped[stored.check_in.day].append(stored)
    return [
        DayMean(
            day=day,
            mood=sum(s.check_in.mood for s in group) / len(group),
            urge=sum(s.check_in.urge for s in group) / len(group),
            count=len(group),
        )
        for day, group in sorted(grouped.items())
    ]


WEEKLY_AFTER_DAYS = 120  # a longer period is charted one point per week


def weekly_means(days: list[DayMean]) -> list[DayMean]:
    """One point per week (dated its Monday): the mean of that week's check-ins."""
    grouped: dict[date, list[DayMean]] = defaultdict(list)
    for mean in days:
        grouped[mean.day - timedelta(days=mean.day.weekday())].append(mean)
    out = []
    for monday, group in sorted(grouped.items()):
        count = sum(m.count for m in group)
        out.append(
            DayMean(
                day=monday,
                mood=sum(m.mood * m.count for m in group) / count,
                urge=sum(m.urge * m.count for m in group) / count,
                count=count,
            )
        )
    return out


def chart_points(days: list[DayMean]) -> tuple[list[DayMean], bool]:
    """The points to draw and whether they are weekly: a long period is drawn by week."""
    if days and (days[-1].day - days[0].day).days > WEEKLY_AFTER_DAYS:
        return weekly_means(days), True
    return days, False


def progress(owner: Owner, *, range_key: str, today: date, lang: str | None = None) -> Progress:
    """What the progress page shows; its sentences (changes, milestones) in `lang`."""
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    label, days_back = RANGES[range_key]
    since = None if days_back is None else today - timedelta(days=days_back - 1)

    prefs = preferences(owner)
    # With the days-since counter on, every check-in is needed anyway: decrypt them once.
    readable = check_ins(owner, since=None if prefs.show_days_since else since)
    every: list[StoredCheckIn] = readable.items
    entries = [s for s in every if since is None or s.check_in.day >= since]
    scores_all = kept_scores(owner)
    by_instrument: dict[str, list[KeptScore]] = defaultdict(list)
    for score in scores_all.items:
        by_instrument[score.instrument].append(score)
    summaries = []
    for instrument, scores in by_instrument.items():
        points = [p for p in (s.point() for s in scores) if p is not None]
        summary = summarise(instrument, points, lang=lang)
        if summary is not None:
            summaries.append(summary)
    in_period = {
        inst: [s for s in scores if since is None or s.when.date() >= since]
        for inst, scores in by_instrument.items()
    }

    # Milestones count everything ever kept, whatever the period shown.
    if prefs.show_days_since:
        all_days = [DayRecord(s.check_in.day, s.check_in.harmed) for s in every]
    else:
        # Only the days are needed: they are stored in the clear, so nothing is decrypted.
        all_days = [
            DayRecord(day) for day in owner.rows(JournalEntry).values_list("day", flat=True)
        ]
    reached = milestones(
        all_days,
        urges_ridden_out=urges_ridden_out(owner),
        today=today,
        show_days_since=prefs.show_days_since,
        lang=lang,
    )
    return Progress(
        range_key=range_key,
        range_label=str(label),
        since=since,
        entries=entries,
        days=_day_means(entries),
        scores=in_period,
        summaries=summaries,
        milestones=reached,
        unreadable=readable.unreadable + scores_all.unreadable,
        show_days_since=prefs.show_days_since,
    )
