"""One chunk of input rows to encoded output: the unit of work of every scan engine.

`scan_chunk` turns a `RawChunk` into result rows with the core (`waylight.core.scan`) and
encodes them for the output format, in the worker process that scored them, so the parent
only writes bytes. With an author field it also returns, per row, what early warning needs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from waylight.batch.inputs import Fields, RawChunk
from waylight.core.early_warning import time_key
from waylight.core.scan import (
    COLUMN_TYPES,
    COLUMNS,
    ScanInput,
    ScanRow,
    id_text,
    scan_rows,
    text_value,
)
from waylight.core.user_level import about_others

# Kept in a summary: the first few urgent rows and errors, to point a person at them.
EXAMPLES = 10


def batch_environment() -> None:
    """Settings for a process that scans in bulk (worker, executor): nothing under $HOME.

    The content loader would otherwise remember schema passes in the user's cache folder;
    a batch process validates in memory once and writes nothing.
    """
    os.environ["WAYLIGHT_CONTENT_CACHE"] = "off"


@dataclass
class ChunkCounts:
    """What a chunk contributes to the summary at the end of a scan."""

    rows: int = 0
    errors: int = 0
    cut: int = 0
    tiers: dict[str, int] = field(
        default_factory=lambda: {"none": 0, "watch": 0, "concern": 0, "urgent": 0}
    )
    urgent_examples: list[tuple[int, str | None]] = field(default_factory=list)
    error_examples: list[tuple[int, str | None, str]] = field(default_factory=list)

    def add_row(self, row_no: int, row: ScanRow) -> None:
        self.rows += 1
        if row.concern is None:
            self.errors += 1
            if len(self.error_examples) < EXAMPLES:
                self.error_examples.append((row_no, row.id, row.error or ""))
            return
        if row.error is not None:
            self.cut += 1
        self.tiers[row.concern] = self.tiers.get(row.concern, 0) + 1
        if row.concern == "urgent" and len(self.urgent_examples) < EXAMPLES:
            self.urgent_examples.append((row_no, row.id))

    def merge(self, other: ChunkCounts) -> None:
        self.rows += other.rows
        self.errors += other.errors
        self.cut += other.cut
        for tier, n in other.tiers.items():
            self.tiers[tier] = self.tiers.get(tier, 0) + n
        room = EXAMPLES - len(self.urgent_examples)
        self.urgent_examples.extend(other.urgent_examples[: max(0, room)])
        room = EXAMPLES - len(self.error_examples)
        self.error_examples.extend(other.error_examples[: max(0, room)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "errors": self.errors,
            "cut": self.cut,
            "tiers": dict(self.tiers),
            "urgent_examples": [list(e) for e in self.urgent_examples],
            "error_examples": [list(e) for e in self.error_examples],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChunkCounts:
        return cls(
            rows=int(data["rows"]),
            errors=int(data["errors"]),
            cut=int(data["cut"]),
            tiers={str(k): int(v) for k, v in data["tiers"].items()},
            urgent_examples=[(int(r), i) for r, i in data["urgent_examples"]],
            error_examples=[(int(r), i, str(e)) for r, i, e in data["error_examples"]],
        )


@dataclass
class ChunkResult:
    """Encoded output for one chunk, its author records, and its counts."""

    first_row: int
    payload: Any  # bytes for JSON lines and CSV; a pyarrow RecordBatch for Parquet
    authors: Any  # a pyarrow RecordBatch of author records, or None
    counts: ChunkCounts
    progress: int


# Per post with an author: what early warning (`concern`) and the user-level reading
# (`suicide_level`, `suicide_score`, `about_others`) need; never the text.
AUTHOR_COLUMNS = (
    "row",
    "author",
    "time",
    "time_key",
    "id",
    "concern",
    "suicide_level",
    "suicide_score",
    "about_others",
)


def inputs_of(chunk: RawChunk, fields: Fields) -> tuple[list[ScanInput], list[tuple[Any, Any]]]:
    """The chunk's rows as core inputs, and per row its (author, time) as text."""
    inputs: list[ScanInput] = []
    extra: list[tuple[Any, Any]] = []
    if chunk.kind == "jsonl":
        for raw in chunk.lines:
            item, author, moment = _jsonl_row(raw, fields)
            inputs.append(item)
            extra.append((author, moment))
        return inputs, extra
    for ident, text, author, moment, problem in chunk.values:
        name = id_text(ident)
        if problem is not None:
            inputs.append(ScanInput(name, error=problem))
        else:
            if isinstance(text, str) and _has_escapes(text):
                text = text.encode("utf-8", "surrogateescape")
            inputs.append(_input(name, text, fields.text))
        extra.append((label_text(author), time_text(moment)))
    return inputs, extra


def _input(ident: str | None, value: Any, field_name: str) -> ScanInput:
    text, problem = text_value(value, field_name)
    return ScanInput(ident, text=text, error=problem)


def _jsonl_row(raw: bytes, fields: Fields) -> tuple[ScanInput, str | None, str | None]:
    if not raw.strip():
        return ScanInput(None, error="empty line"), None, None
    try:
        obj = json.loads(raw)
    except UnicodeDecodeError as exc:
        return ScanInput(None, error=f"line is not valid UTF-8 (byte {exc.start})"), None, None
    except ValueError as exc:
        return ScanInput(None, error=f"not valid JSON ({exc})"), None, None
    if not isinstance(obj, dict):
        return ScanInput(None, error="not a JSON object"), None, None
    ident = id_text(obj.get(fields.id))
    author = label_text(obj.get(fields.author)) if fields.author else None
    moment = time_text(obj.get(fields.time)) if fields.time else None
    if fields.text not in obj:
        return ScanInput(ident, error=f'missing field "{fields.text}"'), author, moment
    return _input(ident, obj[fields.text], fields.text), author, moment


def _has_escapes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def label_text(value: Any) -> str | None:
    """An author (or other label) as text; blank or missing is None."""
    text = id_text(value)
    if text is None or not text.strip():
        return None
    return text


def time_text(value: Any) -> str | None:
    """A post's time as text: dates and date-times in ISO 8601, anything else as given."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return label_text(value)


def scan_chunk(chunk: RawChunk, fields: Fields, out_format: str) -> ChunkResult:
    """Score one chunk and encode it for `out_format` (jsonl, csv or parquet)."""
    inputs, extra = inputs_of(chunk, fields)
    rows = scan_rows(inputs)
    counts = ChunkCounts()
    for offset, row in enumerate(rows):
        counts.add_row(chunk.first_row + offset, row)
    authors = None
    if fields.author:
        authors = author_batch(chunk.first_row, rows, extra)
    return ChunkResult(chunk.first_row, encode(rows, out_format), authors, counts, chunk.progress)


def author_batch(first_row: int, rows: Sequence[ScanRow], extra: Sequence[tuple[Any, Any]]) -> Any:
    """What the authors output needs per post (posts without an author are left out)."""
    import pyarrow as pa

    cols: dict[str, list[Any]] = {name: [] for name in AUTHOR_COLUMNS}
    for offset, (row, (author, moment)) in enumerate(zip(rows, extra, strict=True)):
        if author is None:
            continue
        cols["row"].append(first_row + offset)
        cols["author"].append(author)
        cols["time"].append(moment)
        cols["time_key"].append(time_key(moment))
        cols["id"].append(row.id)
        cols["concern"].append(row.concern)
        cols["suicide_level"].append(row.suicide_level)
        cols["suicide_score"].append(row.suicide_score)
        cols["about_others"].append(post_about_others(row.signals))
    return pa.RecordBatch.from_pydict(cols, schema=author_schema())


def post_about_others(signals: str | None) -> bool:
    """True when a row's suicide or self-harm signals were all read as someone else's."""
    return about_others(json.loads(signals)) if signals else False


def author_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("row", pa.int64()),
            ("author", pa.string()),
            ("time", pa.string()),
            ("time_key", pa.float64()),
            ("id", pa.string()),
            ("concern", pa.string()),
            ("suicide_level", pa.string()),
            ("suicide_score", pa.float64()),
            ("about_others", pa.bool_()),
        ]
    )


def arrow_schema() -> Any:
    """The result rows' Arrow schema, from the core's column types."""
    import pyarrow as pa

    types = {"string": pa.string(), "double": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(name, types[COLUMN_TYPES[name]]) for name in COLUMNS])


def record_batch(rows: Sequence[ScanRow]) -> Any:
    import pyarrow as pa

    columns = (
        list(zip(*(row.values() for row in rows), strict=True)) if rows else [() for _ in COLUMNS]
    )
    schema = arrow_schema()
    arrays = [pa.array(list(values), type=schema.field(i).type) for i, values in enumerate(columns)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def encode(rows: Sequence[ScanRow], out_format: str) -> Any:
    """Rows as JSON-lines bytes, CSV bytes (no header) or an Arrow record batch (Parquet)."""
    if out_format == "jsonl":
        return "".join(row.to_json() + "\n" for row in rows).encode("utf-8")
    batch = record_batch(rows)
    if out_format == "parquet":
        return batch
    return csv_bytes(batch, header=False)


def csv_bytes(batch: Any, *, header: bool) -> bytes:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    sink = pa.BufferOutputStream()
    pacsv.write_csv(batch, sink, write_options=pacsv.WriteOptions(include_header=header))
    return bytes(sink.getvalue().to_pybytes())
