"""Downloads of everything a person keeps: JSON, CSV (a zip of tables) and a PDF summary.

One renderer per format, each over the same `Everything` object. Help-now lines travel with
every download, as with every result Waylight shows.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from waylight.core.recover.change import ChangeSummary, ScorePoint, summarise
from waylight.core.recover.journal import coping_label, harm_forms
from waylight.core.resources import CountryHelp
from waylight.web.language import page_language
from waylight.web.plan_sections import SECTIONS
from waylight.web.selectors.export import Everything

FORMAT = "waylight-export"
VERSION = 1
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _form_title(form_id: str | None) -> str | None:
    if not form_id:
        return None
    return next((f.label for f in harm_forms() if f.value == form_id), form_id)


def to_json(data: Everything, help_: CountryHelp) -> bytes:
    payload: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": data.exported_at.isoformat(),
        "safety_plan": None
        if data.plan is None
        else [{"id": s.key, "title": s.title, "entries": data.plan[s.key]} for s in SECTIONS],
        "results": [
            {
                "id": r.id,
                "instrument": r.instrument,
                "saved_at": r.saved_at.isoformat(),
                "answers": r.answers,
                "total": r.total,
                "band": r.band,
                "result": r.result,
                "flags": r.flags,
                "help_now": r.help_now,
            }
            for r in data.results
        ],
        "check_ins": [
            {
                "id": s.id,
                **s.check_in.to_dict(),
                "harm_form_title": _form_title(s.check_in.harm_form),
                "note_concern": s.concern,
                "saved_at": s.created_at.isoformat(),
                "changed_at": s.updated_at.isoformat(),
            }
            for s in data.check_ins
        ],
        "urges_ridden_out": [
            {"id": r.id, "saved_at": r.created_at.isoformat(), **r.ride.to_dict()}
            for r in data.rides
        ],
        "preferences": {"show_days_since": data.preferences.show_days_since},
        "unreadable_rows": data.unreadable,
        "help_now": help_.to_dict(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark so spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def to_csv_zip(data: Everything, help_: CountryHelp) -> bytes:
    """A zip of CSV tables: check-ins, urges, results, the plan, and the help-now lines."""
    files: dict[str, bytes] = {
        "check-ins.csv": _table(
            [
                "id",
                "day",
                "mood",
                "urge",
                "hurt myself",
                "kind",
                "coping",
                "sleep hours",
                "note",
                "saved at",
                "changed at",
            ],
            (
                [
                    s.id,
                    s.check_in.day.isoformat(),
                    s.check_in.mood,
                    s.check_in.urge,
                    {True: "yes", False: "no", None: ""}[s.check_in.harmed],
                    _form_title(s.check_in.harm_form),
                    "; ".join(coping_label(c) for c in s.check_in.coping),
                    s.check_in.sleep_hours,
                    s.check_in.note,
                    s.created_at.isoformat(),
                    s.updated_at.isoformat(),
                ]
                for s in data.check_ins
            ),
        ),
        "urges-ridden-out.csv": _table(
            ["id", "saved at", "urge before", "urge after", "minutes", "what helped"],
            (
                [
                    r.id,
                    r.created_at.isoformat(),
                    r.ride.before,
                    r.ride.after,
                    r.ride.minutes,
                    "; ".join(r.ride.helped),
                ]
                for r in data.rides
            ),
        ),
        "results.csv": _table(
            ["id", "saved at", "questionnaire", "total", "result", "help now", "answers"],
            (
                [
                    r.id,
                    r.saved_at.isoformat(),
                    r.title,
                    r.total,
                    r.label,
                    "yes" if r.help_now else "no",
                    ",".join(r.answers),
                ]
                for r in data.results
            ),
        ),
        "safety-plan.csv": _table(
            ["step", "entry"],
            ([s.title, entry] for s in SECTIONS for entry in (data.plan or {}).get(s.key, [])),
        ),
        "help-now.csv": _table(
            ["name", "phone", "text", "chat", "hours"],
            (
                [
                    r.get("name"),
                    r.get("phone") or r.get("dial"),
                    r.get("text"),
                    r.get("chat_url"),
                    r.get("hours"),
                ]
                for r in help_.to_resources()
            ),
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(f"waylight-export/{name}", body)
    return out.getvalue()


def change_summaries(data: Everything) -> list[ChangeSummary]:
    by_instrument: dict[str, list[Any]] = defaultdict(list)
    for r in data.results:
        if r.total is not None:
            by_instrument[r.instrument].append(ScorePoint(r.saved_at, r.total, r.help_now))
    summaries = [
        summarise(inst, points, lang=page_language()) for inst, points in by_instrument.items()
    ]
    return [s for s in summaries if s is not None]


def summary_pdf(data: Everything, help_: CountryHelp) -> bytes:
    from waylight.web.pdf_summary import results_summary_pdf

    return results_summary_pdf(data, change_summaries(data), help_)
