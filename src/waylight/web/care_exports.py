"""Exports of what a person shares (FHIR R4 Bundle, CSV tables, a one-page PDF), and the
person's own FHIR Bundle. One renderer per format; only parts the share allows go in.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence

from django.utils import timezone

from waylight.core.care.fhir import ExportedAnswers, fhir_bundle
from waylight.core.resources import CountryHelp
from waylight.web.exports import _table
from waylight.web.owner import Owner
from waylight.web.selectors.care import Access, PersonView
from waylight.web.selectors.export import ExportedResult, exported_results


def _bundle_bytes(results: Sequence[ExportedResult], person_ref: str) -> bytes:
    answers = [ExportedAnswers(r.id, r.instrument, r.saved_at, r.answers) for r in results]
    bundle = fhir_bundle(answers, person_ref=person_ref, made_at=timezone.now())
    return json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8")


def own_fhir(owner: Owner, person_ref: str) -> bytes:
    """The person's own kept results as a FHIR R4 Bundle."""
    return _bundle_bytes(exported_results(owner)[0], person_ref)


def shared_fhir(access: Access) -> bytes:
    """The shared results as a FHIR R4 Bundle; the patient is the share's random reference."""
    if not access.may("export", "results"):
        raise PermissionError("results are not shared")
    return _bundle_bytes(exported_results(Owner(access.person, None))[0], access.link.ref)


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: ""}[value]


def shared_csv_zip(view: PersonView) -> bytes:
    """A zip of CSV tables, one per shared part (and the flags, for a professional)."""
    parts = view.parts_read
    files: dict[str, bytes] = {}
    if "results" in parts:
        files["results.csv"] = _table(
            ["saved at", "questionnaire", "total", "result", "hard trigger"],
            (
                [r.when.isoformat(), r.title, r.total, r.label, _yes_no(r.hard)]
                for r in view.results
            ),
        )
    if "check_ins" in parts:
        files["check-ins.csv"] = _table(
            ["day", "mood", "urge", "hurt themself", "sleep hours"],
            (
                [
                    s.check_in.day.isoformat(),
                    s.check_in.mood,
                    s.check_in.urge,
                    _yes_no(s.check_in.harmed),
                    s.check_in.sleep_hours,
                ]
                for s in view.check_ins
            ),
        )
    if "notes" in parts:
        files["notes.csv"] = _table(["day", "note"], ([d.isoformat(), n] for d, n in view.notes))
    if "plan" in parts and view.plan is not None:
        files["safety-plan.csv"] = _table(
            ["step", "entry"], ([title, line] for title, lines in view.plan for line in lines)
        )
    if view.flags:
        files["flags.csv"] = _table(
            ["raised at", "flag", "reason", "acknowledged by", "acknowledged at", "note"],
            (
                [
                    row.flag.when.isoformat(),
                    row.flag.label,
                    row.flag.reason,
                    row.acknowledged.by_name if row.acknowledged else "",
                    row.acknowledged.at.isoformat() if row.acknowledged else "",
                    row.acknowledged.note if row.acknowledged else "",
                ]
                for row in view.flags
            ),
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(f"waylight-shared/{name}", body)
    return out.getvalue()


def shared_pdf(view: PersonView, help_: CountryHelp) -> bytes:
    from waylight.web.pdf_care import shared_summary_pdf

    return shared_summary_pdf(view, help_)
