"""Input files for a scan: format, field checks, and streaming readers that never stop on a row.

Formats: JSON lines (`.jsonl`, `.ndjson`, `.json`), CSV (`.csv`) and Parquet (`.parquet`,
`.pq`). A reader yields `RawChunk`s: a few thousand input rows each, still raw enough to be
cheap to read here, and turned into `ScanInput`s by the worker that scores them
(`waylight.batch.work`), so parsing is spread over all cores too.

Rows are counted from 1 in input order: a JSON line (every line, blank ones included, except a
final empty line), a CSV record after the header (blank lines are not records), a Parquet row.

Problems with the whole file (missing, unreadable, not the format, no such field) raise
`InputProblem`; the command turns it into a message and exit code 2 before any output is
written. Problems with one row become that row's `error` and the scan goes on.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "csv", "parquet")
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
CHUNK_ROWS = 2000
# A chunk also closes at this many characters of text, so a file of enormous texts does not
# hold thousands of them in memory at once.
CHUNK_CHARS = 8_000_000
# Largest CSV field read at all (the detector itself reads at most the last 1,000,000
# characters of a text; bigger fields become a row error instead of filling memory).
CSV_FIELD_LIMIT = 50_000_000
# JSON lines looked at to check that the named fields exist at all.
FIELD_SAMPLE = 1000


class InputProblem(Exception):
    """The input as a whole cannot be scanned: wrong file, format or field name."""


@dataclass(frozen=True)
class Fields:
    """Which input fields hold the text, the id, and (for early warning) the author and time."""

    text: str = "text"
    id: str = "id"
    author: str | None = None
    time: str | None = None
    id_given: bool = False  # the id field was named by the user, so it must exist

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "id": self.id, "author": self.author, "time": self.time}


@dataclass(frozen=True)
class RawChunk:
    """Input rows `first_row` .. `first_row + len - 1`, raw.

    `kind` is "jsonl" (`lines`: the raw bytes of each line) or "values" (`values`: per row a
    tuple (id, text, author, time, error), where `error` is a reader's reason the row has no
    usable values).
    """

    first_row: int
    kind: str
    lines: tuple[bytes, ...] = ()
    values: tuple[tuple[Any, Any, Any, Any, str | None], ...] = ()
    # how far into the input this chunk ends (bytes for JSONL and CSV, rows for Parquet)
    progress: int = 0

    def __len__(self) -> int:
        return len(self.lines) if self.kind == "jsonl" else len(self.values)


def format_of(path: Path) -> str | None:
    """The format a file name's extension stands for, or None."""
    return _EXTENSIONS.get(path.suffix.lower())


def detect_format(path: Path, explicit: str | None) -> str:
    """The input format: `explicit` when given, else from the file name's extension."""
    if explicit:
        return explicit
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputProblem(
            f"cannot tell the format of '{path.name}' from its extension: use --format "
            f"{'|'.join(FORMATS)} (known extensions: {', '.join(sorted(_EXTENSIONS))})"
        )
    return fmt


class Reader:
    """A checked input file. `chunks(skip)` streams it from row `skip + 1`."""

    def __init__(self, path: Path, fmt: str, fields: Fields) -> None:
        self.path = path
        self.fmt = fmt
        self.fields = fields
        if not path.exists():
            raise InputProblem(f"input file not found: {path}")
        if path.is_dir():
            raise InputProblem(f"input is a folder, not a file: {path}")
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise InputProblem(f"cannot open {path}: {exc.strerror or exc}") from exc
        self.total: int = path.stat().st_size
        self.unit = "bytes"
        self._parquet: Any = None
        getattr(self, f"_check_{fmt}")()

    # ------------------------------------------------------------------ checks (exit 2)

    def _missing(self, kind: str, name: str, found: list[str]) -> InputProblem:
        shown = ", ".join(found[:30]) or "none"
        return InputProblem(
            f'no {kind} "{name}" in {self.path.name}; {kind}s found: {shown} '
            f"(choose with --text-field, --id-field, --author-field, --time-field)"
        )

    def _required(self) -> list[tuple[str, str]]:
        f = self.fields
        need = [("text", f.text)]
        if f.id_given:
            need.append(("id", f.id))
        if f.author:
            need.append(("author", f.author))
        if f.time:
            need.append(("time", f.time))
        return need

    def _check_jsonl(self) -> None:
        seen: dict[str, None] = {}
        objects = 0
        with self.path.open("rb") as handle:
            for raw in handle:
                if objects >= FIELD_SAMPLE:
                    break
                try:
                    obj = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(obj, dict):
                    objects += 1
                    seen.update(dict.fromkeys(obj))
        if objects == 0 and self.total > 0:
            raise InputProblem(
                f"{self.path.name} does not look like JSON lines: none of its first lines is "
                "a JSON object (use --format if it is CSV or Parquet)"
            )
        for _, name in self._required():
            if objects and name not in seen:
                raise self._missing("field", name, list(seen))

    def _check_csv(self) -> None:
        with self.path.open("rb") as handle:
            header = csv_header(handle)
        for _, name in self._required():
            if name not in header:
                raise self._missing("column", name, header)

    def _check_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._parquet = pq.ParquetFile(self.path)
        except (OSError, pa.ArrowException) as exc:
            raise InputProblem(f"{self.path.name} is not a readable Parquet file ({exc})") from exc
        schema = self._parquet.schema_arrow
        for _, name in self._required():
            if name not in schema.names:
                raise self._missing("column", name, list(schema.names))
        text_type = schema.field(self.fields.text).type
        if not (
            pa.types.is_string(text_type)
            or pa.types.is_large_string(text_type)
            or pa.types.is_binary(text_type)
            or pa.types.is_large_binary(text_type)
        ):
            raise InputProblem(
                f'column "{self.fields.text}" holds {text_type}, not text: choose the text '
                "column with --text-field"
            )
        self.total = self._parquet.metadata.num_rows
        self.unit = "rows"

    # ------------------------------------------------------------------ streaming

    def chunks(self, skip: int = 0) -> Iterator[RawChunk]:
        """The input from row `skip + 1` to the end, in chunks."""
        if self.fmt == "jsonl":
            return self._jsonl(skip)
        if self.fmt == "csv":
            return self._csv(skip)
        return parquet_chunks(self._parquet, self.fields, skip=skip)

    def _jsonl(self, skip: int) -> Iterator[RawChunk]:
        with self.path.open("rb") as handle:
            yield from jsonl_chunks(_numbered_lines(handle), skip=skip)

    def _csv(self, skip: int) -> Iterator[RawChunk]:
        with self.path.open("rb") as handle:
            yield from csv_chunks(handle, self.fields, skip=skip, total=self.total)


def _numbered_lines(handle: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """Each line of a binary file with the byte position after it."""
    position = 0
    for raw in handle:
        position += len(raw)
        yield raw, position


def jsonl_chunks(
    lines: Iterable[tuple[bytes, int]], *, skip: int = 0, first_row: int = 1
) -> Iterator[RawChunk]:
    """JSON lines (with the position after each) in chunks; row numbers from `first_row`."""
    row = first_row - 1
    batch: list[bytes] = []
    chars = 0
    position = 0
    for raw, position in lines:
        row += 1
        if row <= skip:
            continue
        batch.append(raw.rstrip(b"\r\n"))
        chars += len(raw)
        if len(batch) >= CHUNK_ROWS or chars >= CHUNK_CHARS:
            yield RawChunk(row - len(batch) + 1, "jsonl", lines=tuple(batch), progress=position)
            batch, chars = [], 0
    if batch:
        yield RawChunk(row - len(batch) + 1, "jsonl", lines=tuple(batch), progress=position)


def _text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    # surrogateescape keeps invalid UTF-8 bytes as markers, so one bad row becomes a row
    # error (the worker spots them) instead of stopping the whole file.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


def csv_header(binary: IO[bytes]) -> list[str]:
    """The header of a CSV file, names stripped of spaces (empty for an empty file)."""
    text = _text_stream(binary)
    try:
        header = next(csv.reader(text))
    except StopIteration:
        header = []
    except csv.Error as exc:
        raise InputProblem(f"the CSV header cannot be read ({exc})") from exc
    finally:
        text.detach()
    return [h.strip() for h in header]


def csv_chunks(
    binary: IO[bytes], fields: Fields, *, skip: int = 0, total: int = 0
) -> Iterator[RawChunk]:
    """CSV records after the header, in chunks; a record that cannot be used is a row error."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    text = _text_stream(binary)
    reader = csv.reader(text)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        return
    width = len(header)
    index = {name: i for i, name in enumerate(header)}
    where = [
        index.get(name) if name else None
        for name in (fields.id, fields.text, fields.author, fields.time)
    ]
    values: list[tuple[Any, Any, Any, Any, str | None]] = []
    chars = 0
    row = 0
    while True:
        problem: str | None = None
        try:
            record: list[str] | None = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            record, problem = None, f"broken CSV row ({exc})"
        else:
            if not record:
                continue  # a blank line is not a record
            if len(record) != width:
                problem = f"broken CSV row: {len(record)} fields where the header has {width}"
        row += 1
        if row <= skip:
            continue
        picked = [
            record[i] if record is not None and i is not None and i < len(record) else None
            for i in where
        ]
        if problem is not None:
            values.append((_escaped(picked[0]), None, None, None, problem))
        else:
            values.append(
                (_escaped(picked[0]), picked[1], _escaped(picked[2]), _escaped(picked[3]), None)
            )
            chars += len(picked[1] or "")
        if len(values) >= CHUNK_ROWS or chars >= CHUNK_CHARS:
            yield RawChunk(
                row - len(values) + 1, "values", values=tuple(values), progress=_position(binary)
            )
            values, chars = [], 0
    if values:
        yield RawChunk(row - len(values) + 1, "values", values=tuple(values), progress=total)


def parquet_chunks(
    pf: Any, fields: Fields, *, skip: int = 0, row_groups: Sequence[int] | None = None
) -> Iterator[RawChunk]:
    """Rows of a Parquet file (or of some of its row groups) from row `skip + 1`, in chunks."""
    import pyarrow as pa
    import pyarrow.compute as pc

    meta = pf.metadata
    groups = list(range(meta.num_row_groups)) if row_groups is None else list(row_groups)
    starts = [0]
    for i in range(meta.num_row_groups):
        starts.append(starts[-1] + meta.row_group(i).num_rows)
    names = pf.schema_arrow.names
    wanted = [
        n
        for n in dict.fromkeys((fields.id, fields.text, fields.author, fields.time))
        if n and n in names
    ]
    # Groups that end before row `skip + 1` are not read at all.
    groups = [g for g in groups if starts[g + 1] > skip]
    for group in groups:
        row = starts[group]
        for batch in pf.iter_batches(batch_size=CHUNK_ROWS, row_groups=[group], columns=wanted):
            if row + batch.num_rows <= skip:
                row += batch.num_rows
                continue
            if row < skip:
                batch = batch.slice(skip - row)
                row = skip
            columns: dict[str, list[Any]] = {}
            for name in wanted:
                column = batch.column(name)
                if name == fields.text and pa.types.is_string(column.type):
                    # Read as bytes, so a value that is not UTF-8 is one row's error.
                    column = pc.cast(column, pa.binary())
                elif name == fields.text and pa.types.is_large_string(column.type):
                    column = pc.cast(column, pa.large_binary())
                columns[name] = column.to_pylist()
            n = batch.num_rows
            empty: list[Any] = [None] * n
            picked = [
                columns[name] if name and name in columns else empty
                for name in (fields.id, fields.text, fields.author, fields.time)
            ]
            values = tuple(zip(*picked, empty, strict=True))
            yield RawChunk(row + 1, "values", values=values, progress=row + n)
            row += n


def _escaped(value: str | None) -> str | None:
    """A CSV id, author or time with any invalid UTF-8 shown as the replacement character."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def _position(binary: Any) -> int:
    try:
        return int(binary.tell())
    except (OSError, ValueError):
        return 0


def file_identity(path: Path) -> dict[str, int]:
    """Size and modification time: how a resumed scan knows its input did not change."""
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
