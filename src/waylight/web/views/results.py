"""Results a person chose to keep on this device: listed, and deleted one by one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from waylight.core.instruments import load_instrument
from waylight.web.models import KeptResult
from waylight.web.owner import owner_of
from waylight.web.services.erase import erase_rows


@require_GET
def list_results(request: HttpRequest) -> HttpResponse:
    rows: list[dict[str, Any]] = []
    for kept in owner_of(request).rows(KeptResult):
        try:
            content = kept.content
        except ValueError:
            continue  # encrypted with an older key: cannot be shown
        rows.append(
            {
                "id": kept.pk,
                "when": kept.created_at,
                "title": load_instrument(kept.instrument).title,
                "total": content["result"].get("total"),
                "label": content.get("band_label") or content.get("result_label"),
                "help_now": content["result"].get("help_now"),
            }
        )
    return render(request, "waylight/results.html", {"nav": "check", "rows": rows})


@require_POST
def delete_result(request: HttpRequest, result_id: int) -> HttpResponse:
    deleted = erase_rows(owner_of(request).rows(KeptResult).filter(pk=result_id))
    if deleted:
        messages.success(request, "That result has been deleted.")
    else:
        messages.error(
            request, "We could not find that result on this device. Nothing was changed."
        )
    return HttpResponseRedirect(reverse("results"))
