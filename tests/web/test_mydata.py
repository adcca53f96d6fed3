"""My data: everything downloads (JSON, CSV, PDF) and everything deletes, for real."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from tests.web.recover_data import add_check_ins, device_hash, keep_result, phq9_answers, utc

from waylight.web.models import JournalEntry, KeptResult, Preferences, SafetyPlan, UrgeRide

pytestmark = pytest.mark.django_db


def fill(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    client.post("/plan/edit/", {"reasons": "=HYPERLINK(my dog)", "helpers": "Aunt Jo"})
    today = timezone.localdate()
    keep_result(client, "phq9", phq9_answers(14), utc(today))
    add_check_ins(client, 3, end=today, harmed_on={1})
    client.post(
        "/toolbox/urge/",
        {
            "action": "finish",
            "before": "6",
            "after": "2",
            "minutes": "15",
            "helped": ["Move somewhere else, even another room."],
        },
    )
    client.post("/progress/days-since/", {"show": "on"})


def test_the_page_lists_what_is_kept(client: Client) -> None:
    fill(client)
    html = client.get("/my-data/").content.decode()
    assert "Check-ins: 3" in html and "Kept questionnaire results: 1" in html
    assert "Urges ridden out: 1" in html and "Safety plan: yes" in html


def test_json_has_everything_and_help_now(client: Client) -> None:
    fill(client)
    response = client.get("/my-data/waylight-export.json")
    assert response["Content-Disposition"] == 'attachment; filename="waylight-export.json"'
    assert response["Cache-Control"] == "no-store, private"
    data = json.loads(response.content)
    assert data["format"] == "waylight-export" and data["version"] == 1
    assert [c["note"] for c in data["check_ins"]] == ["day 0", "day 1", "day 2"]
    assert data["check_ins"][1]["harmed"] is True
    assert data["results"][0]["total"] == 14 and data["results"][0]["instrument"] == "phq9"
    assert data["urges_ridden_out"][0]["before"] == 6
    reasons = next(s for s in data["safety_plan"] if s["id"] == "reasons")
    assert reasons["entries"] == ["=HYPERLINK(my dog)"]  # JSON keeps the words exactly
    assert data["preferences"] == {"show_days_since": True}
    assert data["help_now"]["country"] == "GB"


def test_csv_tables_open_safely_in_a_spreadsheet(client: Client) -> None:
    fill(client)
    response = client.get("/my-data/waylight-export-csv.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(Path(n).name for n in archive.namelist())
    assert names == [
        "check-ins.csv",
        "help-now.csv",
        "results.csv",
        "safety-plan.csv",
        "urges-ridden-out.csv",
    ]

    def table(name: str) -> list[dict[str, str]]:
        text = archive.read(f"waylight-export/{name}").decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    check_ins = table("check-ins.csv")
    assert [r["note"] for r in check_ins] == ["day 0", "day 1", "day 2"]
    assert check_ins[1]["hurt myself"] == "yes"
    plan = table("safety-plan.csv")
    assert {"step": "My reasons for living", "entry": "'=HYPERLINK(my dog)"} in [
        {k: v.split(". ", 1)[-1] if k == "step" else v for k, v in r.items()} for r in plan
    ]
    assert table("results.csv")[0]["total"] == "14"
    assert table("help-now.csv")[0]["phone"]


def test_pdf_summary_of_results_over_time(client: Client) -> None:
    fill(client)
    response = client.get("/my-data/my-results-over-time.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Cache-Control"] == "no-store, private"


def test_exports_work_with_nothing_kept(client: Client) -> None:
    assert json.loads(client.get("/my-data/waylight-export.json").content)["check_ins"] == []
    assert client.get("/my-data/my-results-over-time.pdf").content.startswith(b"%PDF-")
    zipfile.ZipFile(io.BytesIO(client.get("/my-data/waylight-export-csv.zip").content))


def test_a_stranger_downloads_nothing_of_mine(client: Client) -> None:
    fill(client)
    data = json.loads(Client().get("/my-data/waylight-export.json").content)
    assert data["check_ins"] == [] and data["safety_plan"] is None and data["results"] == []


def test_delete_everything_removes_every_row_and_the_device_key(client: Client) -> None:
    fill(client)
    other = Client()
    other.post("/plan/edit/", {"reasons": "Someone else's plan"})
    confirm = client.get("/delete-everything/").content.decode()
    assert "cannot be undone" in confirm
    assert "1 kept result, 3 check-ins, 1 urge ridden out" in confirm
    assert JournalEntry.objects.count() == 3  # a GET changes nothing
    response = client.post("/delete-everything/")
    assert response.status_code == 200
    assert "Everything on this device is deleted" in response.content.decode()
    assert response.cookies["waylight_device"].value == ""
    assert response.cookies["waylight_device"]["max-age"] == 0
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    for model in (JournalEntry, KeptResult, UrgeRide, Preferences):
        assert not model.objects.exists(), model
    assert SafetyPlan.objects.count() == 1  # only the other device's plan is left


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="reads SQLite's own files; PostgreSQL keeps deleted rows until autovacuum",
)
@pytest.mark.django_db(transaction=True)
def test_after_delete_everything_nothing_is_left_in_the_database_files(client: Client) -> None:
    fill(client)
    key_hash = device_hash(client)
    # An edit leaves an older version of a row behind, in the WAL or a freed page.
    entry = JournalEntry.objects.first()
    assert entry is not None
    old_version = entry.ciphertext[:60]
    client.post(f"/journal/{entry.pk}/edit/", {"day": str(entry.day), "mood": "1", "urge": "1"})
    with connection.cursor() as cursor:
        traces = [key_hash]
        for table in ("journalentry", "keptresult", "urgeride", "safetyplan", "preferences"):
            cursor.execute(
                f"SELECT ciphertext FROM waylight_web_{table} WHERE device_key_hash=%s", [key_hash]
            )
            traces += [row[0][:60] for row in cursor.fetchall()]
    assert len(traces) >= 8
    path = Path(connection.settings_dict["NAME"])

    def raw() -> bytes:
        files = [p for p in path.parent.glob(path.name + "*") if p.is_file()]
        return b"".join(p.read_bytes() for p in files)

    before = raw()
    assert all(t.encode() in before for t in traces), "the test must see the rows at first"
    client.post("/delete-everything/")
    after = raw()
    left = [t for t in [*traces, old_version] if t.encode() in after]
    assert not left, f"{len(left)} traces of deleted rows are still in the database files"


def _pdf_text(pdf: bytes) -> str:
    """The text drawn on the PDF's pages (fpdf2 compresses each page's content stream)."""
    import re
    import zlib

    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    text = b""
    for stream in streams:
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            text += stream
    return " ".join(m.decode("latin-1") for m in re.findall(rb"\((.*?)\)\s*Tj", text))


def test_the_pdf_summary_says_what_it_is_and_shows_help_first(client: Client) -> None:
    fill(client)
    today = timezone.localdate()
    keep_result(client, "phq9", phq9_answers(7), utc(today))
    text = _pdf_text(client.get("/my-data/my-results-over-time.pdf").content)
    assert "My results over time" in text and "not" in text and "diagnosis" in text
    assert text.index("Help now") < text.index("Questionnaires")
    assert "116 123" in text or "116123" in text
    assert "PHQ-9" in text and "went down by 7 points" in text
    assert "day 1" not in text  # notes are left out of the summary
