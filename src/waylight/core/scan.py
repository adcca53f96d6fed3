"""Batch result rows: one flat row per input text, the same for every batch path.

The local scan, the Spark job (and later the triage queue) all turn input rows into result
rows here, so they give the same answer for the same text. A row is flat, with a fixed column
list (`COLUMNS`), because batch results go to CSV and Parquet as well as JSON lines:

    id, suicide_level, suicide_score, self_harm, self_harm_score, depression_level,
    depression_score, concern, signals, explanation, model_version, content_version, error

A row that could not be read keeps its place, with every result field empty and `error` saying
why; a text that was too long to read in full has its result and an `error` that starts with
`text cut:`; a text in a language the detector does not read has no result and an `error` that
starts with `language not supported:` (never a silent "none"). A batch row carries no crisis
list: a batch shows help-now resources once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from typing import TYPE_CHECKING, Any

from waylight.core.errors import InputError
from waylight.core.versions import DetectorVersions, detector_versions

if TYPE_CHECKING:
    from waylight.core.textrisk import Detector, TextResult

COLUMNS: tuple[str, ...] = (
    "id",
    "suicide_level",
    "suicide_score",
    "self_harm",
    "self_harm_score",
    "depression_level",
    "depression_score",
    "concern",
    "signals",
    "explanation",
    "model_version",
    "content_version",
    "error",
)
# Column types, for writers that need a schema (Arrow / Parquet / Spark names them alike).
COLUMN_TYPES: dict[str, str] = {
    "id": "string",
    "suicide_level": "string",
    "suicide_score": "double",
    "self_harm": "boolean",
    "self_harm_score": "double",
    "depression_level": "string",
    "depression_score": "double",
    "concern": "string",
    "signals": "string",
    "explanation": "string",
    "model_version": "string",
    "content_version": "string",
    "error": "string",
}
CUT_PREFIX = "text cut:"
LANGUAGE_PREFIX = "language not supported:"
TIERS: tuple[str, ...] = ("none", "watch", "concern", "urgent")


@dataclass(frozen=True)
class ScanInput:
    """One input row as a reader found it: an id, and the text or why there is none."""

    id: str | None
    text: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ScanRow:
    """One result row, in `COLUMNS` order. Result fields are None when the row has an error."""

    id: str | None
    suicide_level: str | None
    suicide_score: float | None
    self_harm: bool | None
    self_harm_score: float | None
    depression_level: str | None
    depression_score: float | None
    concern: str | None
    signals: str | None
    explanation: str | None
    model_version: str
    content_version: str
    error: str | None

    @property
    def has_result(self) -> bool:
        """True when the text was read (fully, or cut with a note in `error`)."""
        return self.concern is not None

    @property
    def is_cut(self) -> bool:
        return self.has_result and self.error is not None

    def values(self) -> tuple[Any, ...]:
        """The field values in `COLUMNS` order."""
        return astuple(self)

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(COLUMNS, self.values(), strict=True))

    def to_json(self) -> str:
        """One compact JSON line with every column, `signals` kept as a JSON string."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


assert tuple(f.name for f in fields(ScanRow)) == COLUMNS  # one schema, stated once


def id_text(value: object) -> str | None:
    """An input id as text: ids of any type become one string column (None stays None).

    Integers and integral floats print as integers (`7`, not `7.0`), so a CSV id and the same
    id read from JSON or Parquet give the same row.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def text_value(value: object, field: str = "text") -> tuple[str | None, str | None]:
    """(text, None) for a usable text value, else (None, why not) for a row error."""
    if value is None:
        return None, f'missing field "{field}"'
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f'"{field}" is not valid UTF-8 (byte {exc.start})'
    if not isinstance(value, str):
        return None, f'"{field}" is {type(value).__name__}, not text'
    if not value.strip():
        return None, f'"{field}" is empty'
    return value, None


def error_row(ident: str | None, error: str, versions: DetectorVersions | None = None) -> ScanRow:
    """The row for an input that could not be read: its place and id kept, the reason given."""
    v = versions or detector_versions()
    return ScanRow(
        id=ident,
        suicide_level=None,
        suicide_score=None,
        self_harm=None,
        self_harm_score=None,
        depression_level=None,
        depression_score=None,
        concern=None,
        signals=None,
        explanation=None,
        model_version=v.model_version,
        content_version=v.content_version,
        error=error,
    )


def result_row(
    ident: str | None,
    result: TextResult,
    *,
    note: str | None = None,
    versions: DetectorVersions | None = None,
) -> ScanRow:
    """The row for a text the detector read. `note` explains a text read only in part.

    A text in a language the detector does not read gets a row without a result.
    """
    v = versions or detector_versions()
    if not result.read:
        return error_row(ident, language_note(result), v)
    signals = json.dumps(
        [s.to_dict() for s in result.signals], ensure_ascii=False, separators=(",", ":")
    )
    return ScanRow(
        id=ident,
        suicide_level=result.suicide_risk.level,
        suicide_score=round(result.suicide_risk.score, 3),
        self_harm=result.self_harm.present,
        self_harm_score=round(result.self_harm.score, 3),
        depression_level=result.depression.level,
        depression_score=round(result.depression.score, 3),
        concern=result.concern,
        signals=signals,
        explanation=result.explanation,
        model_version=v.model_version,
        content_version=v.content_version,
        error=note if result.truncated else None,
    )


def language_note(result: TextResult) -> str:
    """What the `error` of a row says about a text in a language the detector does not read."""
    language = result.language
    which = language.name if language.code != "und" else "not English"
    return f"{LANGUAGE_PREFIX} {which} ({language.code}); the detector reads English only"


def cut_note(length: int, model_chars: int, rule_chars: int) -> str:
    """What a `text cut:` error says about a text longer than the model reads."""
    if length > rule_chars:
        read = f"the rules read its last {rule_chars:,} and the model its last {model_chars:,}"
    else:
        read = f"the rules read all of it and the model its last {model_chars:,}"
    return f"{CUT_PREFIX} {length:,} characters, over {model_chars:,}; {read}"


def scan_rows(
    inputs: Sequence[ScanInput],
    *,
    detector: Detector | None = None,
    versions: DetectorVersions | None = None,
) -> list[ScanRow]:
    """Result rows for a batch of input rows, in the same order, one per input.

    Usable texts are read together in one detector batch (faster). Nothing here stops a batch:
    a row the reader could not use, or a text the detector refuses, gets an error row.
    """
    from waylight.core.textrisk import Detector

    det = detector or Detector.batch()
    v = versions or detector_versions()
    rows: list[ScanRow | None] = [None] * len(inputs)
    todo: list[int] = []
    for index, item in enumerate(inputs):
        if item.error is not None or item.text is None:
            rows[index] = error_row(item.id, item.error or 'missing field "text"', v)
            continue
        try:
            det.prepare(item.text)
        except InputError as exc:
            rows[index] = error_row(item.id, str(exc), v)
            continue
        todo.append(index)
    texts = [str(inputs[i].text) for i in todo]
    for index, text, result in zip(todo, texts, _analyse(det, texts), strict=True):
        item = inputs[index]
        if isinstance(result, str):
            rows[index] = error_row(item.id, result, v)
            continue
        note = cut_note(len(text), det.op.max_chars, det.op.max_rule_chars)
        rows[index] = result_row(item.id, result, note=note, versions=v)
    return [row for row in rows if row is not None]


def _analyse(det: Detector, texts: list[str]) -> list[TextResult | str]:
    """The detector's results, or for a text it fails on, the error message in its place."""
    if not texts:
        return []
    try:
        return list(det.analyse_many(texts))
    except Exception:
        answers: list[TextResult | str] = []
        for text in texts:
            try:
                answers.append(det.analyse(text))
            except Exception as exc:
                answers.append(f"the detector could not read this text ({type(exc).__name__})")
        return answers


def tier_counts(rows: Sequence[ScanRow]) -> dict[str, int]:
    """How many rows have each concern tier (rows without a result are not counted)."""
    counts = dict.fromkeys(TIERS, 0)
    for row in rows:
        if row.concern is not None:
            counts[row.concern] = counts.get(row.concern, 0) + 1
    return counts
