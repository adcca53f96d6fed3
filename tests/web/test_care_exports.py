"""Exports of what is shared (FHIR, CSV, one-page PDF) and the person's own FHIR bundle: only
shared parts go in, and each download by a professional is in the audit log."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from tests.web.care_helpers import accept, ago, check_in, invite, keep, person, phq9, professional

from waylight.web.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def share(parts: tuple[str, ...]) -> tuple[Any, Client, Client, str]:
    sam_client, pro_client = Client(), Client()
    sam = person(sam_client)
    professional(pro_client)
    keep(sam, "phq9", phq9(8), ago(9))
    keep(sam, "phq9", phq9(14, item9=2), ago(2))
    keep(sam, "gad7", ["2"] * 7 + ["1"], ago(2))
    check_in(sam, timezone.localdate(), harmed=True, note="words only for me")
    sam_client.post("/plan/edit/", {"reasons": "my dog Biscuit"})
    ref = accept(pro_client, invite(sam_client, parts=parts))
    return sam, sam_client, pro_client, ref


def tables(response: Any) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {n.split("/")[-1]: archive.read(n).decode("utf-8-sig") for n in archive.namelist()}


def test_the_fhir_export_validates_and_holds_no_name() -> None:
    _, _, pro_client, ref = share(("results",))
    response = pro_client.get(f"/care/people/{ref}/shared-fhir.json")
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Cache-Control"] == "no-store, private"
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    text = response.content.decode()
    assert "sam" not in text.lower().replace("sample", "")
    totals = [
        e["resource"]["valueInteger"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert sorted(totals) == [8, 14, 14]
    assert AuditEvent.objects.filter(action="export", what="fhir").count() == 1


def test_the_csv_export_has_only_the_shared_parts() -> None:
    _, _, pro_client, ref = share(("results", "note_flags"))
    files = tables(pro_client.get(f"/care/people/{ref}/shared-csv.zip"))
    assert set(files) == {"results.csv", "flags.csv"}
    assert "Item 9 above 0" in files["flags.csv"] and "Self-harm" not in files["flags.csv"]
    assert "words only for me" not in "".join(files.values())
    assert AuditEvent.objects.filter(action="export", what="csv").count() == 1


def test_notes_and_plan_go_in_only_when_shared() -> None:
    _, _, pro_client, ref = share(("check_ins", "notes", "plan"))
    files = tables(pro_client.get(f"/care/people/{ref}/shared-csv.zip"))
    assert {"check-ins.csv", "notes.csv", "safety-plan.csv", "flags.csv"} == set(files)
    assert "words only for me" in files["notes.csv"]
    assert "my dog Biscuit" in files["safety-plan.csv"]
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "words only for me" in html and "my dog Biscuit" in html


def test_the_pdf_is_one_page_with_help_now_when_a_hard_flag_is_open() -> None:
    from tests.web.test_mydata import _pdf_text

    _, _, pro_client, ref = share(("results", "check_ins"))
    response = pro_client.get(f"/care/people/{ref}/shared-summary.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"/Count 1" in response.content
    text = _pdf_text(response.content)
    assert "Help now" in text and "Item 9 above 0" in text and "OPEN" in text
    assert text.index("Help now") < text.index("Flags")
    assert AuditEvent.objects.filter(action="export", what="pdf").count() == 1


def test_a_person_exports_their_own_fhir_bundle() -> None:
    sam_client = Client()
    sam = person(sam_client)
    keep(sam, "gad7", ["1"] * 7 + ["0"], ago(1))
    response = sam_client.get("/my-data/waylight-fhir.json")
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    observation = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    assert observation["code"]["coding"][0]["code"] == "70274-6"
    assert observation["valueInteger"] == 7
    assert AuditEvent.objects.count() == 0  # a person's own reads are theirs, not audited
    device = Client()  # without an account: this device's results, no device key in the file
    empty = json.loads(device.get("/my-data/waylight-fhir.json").content)
    assert [e["resource"]["resourceType"] for e in empty["entry"]] == ["Patient"]


def test_note_text_alone_can_be_shared() -> None:
    _, _, pro_client, ref = share(("notes",))
    html = pro_client.get(f"/care/people/{ref}/").content.decode()
    assert "words only for me" in html
    assert "Check-ins, last 3 months" not in html  # the numbers were not shared
    files = tables(pro_client.get(f"/care/people/{ref}/shared-csv.zip"))
    assert set(files) == {"notes.csv"}
    api = pro_client.get(f"/api/care/people/{ref}").json()
    assert api["notes"][0]["note"] == "words only for me" and "check_ins" not in api
