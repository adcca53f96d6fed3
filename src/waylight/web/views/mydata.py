"""My data: download everything (JSON, CSV, PDF summary) and delete everything, at any time."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from waylight.web import exports
from waylight.web.device import DEVICE_COOKIE, device_key_hash
from waylight.web.helplines import current_help
from waylight.web.owner import Owner, owner_of
from waylight.web.personal import forget_on_this_browser, mark_personal, personal
from waylight.web.selectors.export import everything
from waylight.web.services.erase import erase_everything


@require_GET
@personal
def my_data(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    return render(request, "waylight/mydata/index.html", {"nav": "space", "data": data})


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return mark_personal(response)


@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    return _download(
        exports.to_json(data, current_help(request)), "application/json", "waylight-export.json"
    )


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    return _download(
        exports.to_csv_zip(data, current_help(request)),
        "application/zip",
        "waylight-export-csv.zip",
    )


@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    return _download(
        exports.summary_pdf(data, current_help(request)),
        "application/pdf",
        "my-results-over-time.pdf",
    )


@require_http_methods(["GET", "POST"])
@personal
def delete_everything(request: HttpRequest) -> HttpResponse:
    """Everything of this device (and of the account, when signed in), and the device key."""
    owner = owner_of(request)
    if request.method == "GET":
        data = everything(owner)
        return render(request, "waylight/mydata/delete.html", {"nav": "space", "data": data})
    deleted = erase_everything(owner)
    device_hash = device_key_hash(request)
    if owner.is_account and device_hash is not None:
        # Signed in, this device may still hold things made before: they go too.
        deleted += erase_everything(Owner(None, device_hash))
    messages.success(
        request,
        "Everything has been deleted from Waylight, and this device's key is gone."
        if deleted
        else "There was nothing kept here. This device's key is gone.",
    )
    response = HttpResponseRedirect(reverse("my_data"))
    response.delete_cookie(DEVICE_COOKIE, samesite="Lax")
    return forget_on_this_browser(response)
