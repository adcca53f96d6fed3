"""Everything a person keeps, in one object, for the JSON, CSV and PDF downloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from waylight.web.models import KeptResult
from waylight.web.owner import Owner
from waylight.web.selectors.space import (
    SpacePreferences,
    StoredCheckIn,
    StoredRide,
    check_ins,
    plan_sections,
    preferences,
    urge_rides,
)


@dataclass(frozen=True)
class ExportedResult:
    id: int
    instrument: str
    title: str
    saved_at: datetime
    answers: list[str]
    total: int | None
    band: str | None
    label: str | None
    result: str | None
    flags: list[dict[str, str]]
    help_now: bool


@dataclass(frozen=True)
class Everything:
    exported_at: datetime
    plan: dict[str, list[str]] | None
    results: list[ExportedResult]
    check_ins: list[StoredCheckIn]
    rides: list[StoredRide]
    preferences: SpacePreferences
    unreadable: int = 0

    @property
    def empty(self) -> bool:
        return not (self.plan or self.results or self.check_ins or self.rides)


def _results(owner: Owner) -> tuple[list[ExportedResult], int]:
    from waylight.core.instruments import load_instrument

    out: list[ExportedResult] = []
    unreadable = 0
    for row in owner.rows(KeptResult).order_by("created_at", "pk"):
        try:
            content: dict[str, Any] = row.content
            result = content["result"]
            out.append(
                ExportedResult(
                    id=row.pk,
                    instrument=row.instrument,
                    title=load_instrument(row.instrument).title,
                    saved_at=row.created_at,
                    answers=[str(a) for a in content.get("answers", [])],
                    total=result.get("total"),
                    band=result.get("band"),
                    label=content.get("band_label") or content.get("result_label"),
                    result=result.get("result"),
                    flags=[{"id": f["id"], "reason": f["reason"]} for f in result.get("flags", [])],
                    help_now=bool(result.get("help_now")),
                )
            )
        except (ValueError, KeyError, TypeError):
            unreadable += 1
    return out, unreadable


def exported_results(owner: Owner) -> tuple[list[ExportedResult], int]:
    """The owner's kept results, oldest first, with how many could not be read."""
    return _results(owner)


def everything(owner: Owner) -> Everything:
    results, unreadable_results = _results(owner)
    entries = check_ins(owner)
    rides = urge_rides(owner)
    return Everything(
        exported_at=timezone.now(),
        plan=plan_sections(owner),
        results=results,
        check_ins=sorted(entries.items, key=lambda s: (s.check_in.day, s.created_at)),
        rides=sorted(rides.items, key=lambda r: r.created_at),
        preferences=preferences(owner),
        unreadable=unreadable_results + entries.unreadable + rides.unreadable,
    )
