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
from waylight.web.models import KeptResult


@require_GET
def list_results(request: HttpRequest) -> HttpResponse:
    key_hash = device_key_hash(request)
    rows: list[dict[str, Any]] = []
    if key_hash is not None:
        for kept in KeptResult.objects.filter(device_key_hash=key_hash):
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
    key_hash = device_key_hash(request)
    deleted = 0
    if key_hash is not None:
        deleted, _ = KeptResult.objects.filter(pk=result_id, device_key_hash=key_hash).delete()
    if deleted:
        messages.success(request, "That result has been deleted.")
    else:
        messages.error(
            request, "We could not find that result on this device. Nothing was changed."
        )
    return HttpResponseRedirect(reverse("results"))
