"""Results a person chose to keep on this device: listed, and deleted one by one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from waylight.core.instruments import load_instrument
from waylight.web.device import device_key_hash
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import results_for_device
from waylight.web.services.guard import write_guard
from waylight.web.services.results import delete_result as erase_result


@require_GET
def list_results(request: HttpRequest) -> HttpResponse:
    found = results_for_device(device_key_hash(request))
    rows: list[dict[str, Any]] = [
        {
            "id": kept.id,
            "when": kept.created_at,
            "title": load_instrument(kept.instrument).title,
            "total": kept.content["result"].get("total"),
            "label": kept.content.get("band_label") or kept.content.get("result_label"),
            "help_now": kept.content["result"].get("help_now"),
        }
        for kept in found.readable
    ]
    context = {"nav": "check", "rows": rows, "unreadable": found.unreadable}
    return render(request, "waylight/results.html", context)


@rate_limited("write")
@require_POST
def delete_result(request: HttpRequest, result_id: int) -> HttpResponse:
    key_hash = device_key_hash(request)
    deleted = 0
    if key_hash is not None:
        with write_guard():
            deleted = erase_result(key_hash, result_id).rows
    if deleted:
        messages.success(request, "That result has been deleted.")
    else:
        messages.error(
            request, "We could not find that result on this device. Nothing was changed."
        )
    return HttpResponseRedirect(reverse("results"))
