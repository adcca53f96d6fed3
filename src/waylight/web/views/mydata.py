"""My data: download everything (JSON, CSV, PDF summary) at any time.

Deleting everything is `/delete-everything/` (waylight.web.views.privacy), which this page links
to: one place erases a device's (or an account's) data, its key and the browser's copies.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from waylight.web import exports
from waylight.web.helplines import current_help
from waylight.web.owner import owner_of
from waylight.web.pdfgate import pdf_slot
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors.export import everything


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    return render(request, "waylight/mydata/index.html", {"nav": "space", "data": data})


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    body = exports.to_json(data, current_help(request))
    return _download(body, "application/json", "waylight-export.json")


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    body = exports.to_csv_zip(data, current_help(request))
    return _download(body, "application/zip", "waylight-export-csv.zip")


@rate_limited("pdf")
@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    data = everything(owner_of(request))
    # Drawn in a PDF slot, like the plan's PDFs, so help now never waits for a free worker.
    with pdf_slot(request) as busy:
        if busy is not None:
            return busy
        body = exports.summary_pdf(data, current_help(request))
    return _download(body, "application/pdf", "my-results-over-time.pdf")


@require_GET
def export_fhir(request: HttpRequest) -> HttpResponse:
    """My kept questionnaire results as a FHIR R4 Bundle (to hand to a doctor's system)."""
    from waylight.web.care_exports import own_fhir

    owner = owner_of(request)
    if owner.user is not None:
        from waylight.web.services.audit import audit_ref

        person_ref = audit_ref(owner.user)
    else:
        person_ref = "this-device"  # never the device key or its hash
    body = own_fhir(owner, person_ref)
    return _download(body, "application/fhir+json", "waylight-fhir.json")
