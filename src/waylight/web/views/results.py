"""Results a person chose to keep on this device: listed with a small trend, deleted one by one
after a confirm step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waylight.core.instruments import load_instrument
from waylight.web.language import page_language
from waylight.web.owner import owner_of
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import results_for_owner
from waylight.web.services.guard import write_guard
from waylight.web.services.results import delete_result as erase_result

SPARK_WIDTH, SPARK_HEIGHT = 160, 40


@dataclass(frozen=True)
class Trend:
    """One questionnaire's kept totals, oldest first, with the points of a small line chart."""

    title: str
    short_title: str
    scores: list[tuple[datetime, int]]
    max_total: int

    @property
    def points(self) -> str:
        """SVG polyline points: time runs left to right, a higher total sits higher."""
        step = (SPARK_WIDTH - 8) / max(len(self.scores) - 1, 1)
        height = SPARK_HEIGHT - 8
        return " ".join(
            f"{4 + i * step:.1f},{SPARK_HEIGHT - 4 - total / self.max_total * height:.1f}"
            for i, (_when, total) in enumerate(self.scores)
        )


def _found(request: HttpRequest) -> tuple[list[dict[str, Any]], int]:
    """This device's (or account's) readable kept results as rows, and how many no key opens."""
    found = results_for_owner(owner_of(request))
    rows: list[dict[str, Any]] = []
    for kept in found.readable:
        instrument = load_instrument(kept.instrument, page_language(request))
        rows.append(
            {
                "id": kept.id,
                "when": kept.created_at,
                "instrument": instrument,
                "title": instrument.title,
                "total": kept.content["result"].get("total"),
                "label": kept.content.get("band_label") or kept.content.get("result_label"),
                "help_now": kept.content["result"].get("help_now"),
            }
        )
    return rows, found.unreadable


def _trends(rows: list[dict[str, Any]]) -> list[Trend]:
    """A trend for each questionnaire kept at least twice with a total."""
    by_instrument: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["total"] is not None and row["instrument"].max_total:
            by_instrument.setdefault(row["instrument"].id, []).append(row)
    trends = []
    for kept in by_instrument.values():
        if len(kept) < 2:
            continue
        kept.sort(key=lambda r: r["when"])
        instrument = kept[0]["instrument"]
        trends.append(
            Trend(
                title=instrument.title,
                short_title=instrument.short_title,
                scores=[(r["when"], int(r["total"])) for r in kept],
                max_total=int(instrument.max_total),
            )
        )
    return trends


@require_GET
def list_results(request: HttpRequest) -> HttpResponse:
    rows, unreadable = _found(request)
    context = {"nav": "check", "rows": rows, "trends": _trends(rows), "unreadable": unreadable}
    return render(request, "waylight/results.html", context)


@rate_limited("write", when=lambda request: request.method == "POST")
@require_http_methods(["GET", "POST"])
def delete_result(request: HttpRequest, result_id: int) -> HttpResponse:
    """GET asks "Delete this result?"; POST deletes it. Only this device's (or account's)."""
    owner = owner_of(request)
    if request.method == "GET":
        row = next((r for r in _found(request)[0] if r["id"] == result_id), None)
        if row is None:
            messages.error(
                request, _("We could not find that result on this device. Nothing was changed.")
            )
            return HttpResponseRedirect(reverse("results"))
        return render(request, "waylight/results_delete.html", {"nav": "check", "row": row})
    with write_guard():
        deleted = erase_result(owner, result_id).rows
    if deleted:
        messages.success(request, _("That result has been deleted."))
    else:
        messages.error(
            request, _("We could not find that result on this device. Nothing was changed.")
        )
    return HttpResponseRedirect(reverse("results"))
