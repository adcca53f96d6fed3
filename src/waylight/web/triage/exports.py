"""The false-alarm export for retraining, as CSV or JSON lines (one writer for each format).

Columns are `selectors.EXPORT_FIELDS`. No reviewer appears in any row; `text` is filled only
when the platform's key allows keeping texts and the text is still kept (`text_kept`).

A CSV file is often opened in a spreadsheet, which runs a cell that starts with `=`, `+`, `-`
or `@` as a formula: in the CSV such a value (a post's text, a note, an id) gets a leading `'`
so it is shown, not run (OWASP's advice on CSV injection). The JSON lines keep every value
exactly as it is: they are the format for retraining.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date

from django.http import StreamingHttpResponse

from waylight.web.triage.selectors import EXPORT_FIELDS, FalseAlarmRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = ("post_id", "platform", "reason_label", "note", "text")

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def csv_lines(rows: Iterable[FalseAlarmRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    yield _drain(buffer)
    for row in rows:
        values = row.values()
        values["rules"] = " ".join(row.rules)
        values["self_harm"] = "true" if row.self_harm else "false"
        values["text_kept"] = "true" if row.text_kept else "false"
        for column in TEXT_COLUMNS:
            values[column] = shown_not_run(str(values[column]))
        writer.writerow(values)
        yield _drain(buffer)


def shown_not_run(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def jsonl_lines(rows: Iterable[FalseAlarmRow]) -> Iterator[str]:
    for row in rows:
        values = row.values()
        values["rules"] = list(row.rules)
        yield json.dumps(values, ensure_ascii=False, separators=(",", ":")) + "\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def lines(rows: Iterable[FalseAlarmRow], fmt: str) -> Iterator[str]:
    return csv_lines(rows) if fmt == "csv" else jsonl_lines(rows)


def download(rows: Iterable[FalseAlarmRow], fmt: str, *, today: date) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines(rows, fmt), content_type=FORMATS[fmt])
    name = f"waylight-false-alarms-{today.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
