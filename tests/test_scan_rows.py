"""Batch result rows (`waylight.core.scan`): one flat row per input, same fields everywhere."""

from __future__ import annotations

import json
import re

from waylight.core.scan import (
    COLUMNS,
    CUT_PREFIX,
    ScanInput,
    id_text,
    scan_rows,
    text_value,
    tier_counts,
)
from waylight.core.textrisk import Detector
from waylight.core.versions import detector_versions

SPEC_COLUMNS = (
    "id, suicide_level, suicide_score, self_harm, self_harm_score, depression_level, "
    "depression_score, concern, signals, explanation, model_version, content_version, error"
)


def test_columns_are_exactly_the_command_line_contract() -> None:
    assert ", ".join(COLUMNS) == SPEC_COLUMNS


def test_a_row_carries_the_detector_result_and_no_crisis_list() -> None:
    text = "I have been cutting again and I feel hopeless"
    (row,) = scan_rows([ScanInput("p1", text)])
    alone = Detector.batch().analyse(text)  # a scan reads on the batch path
    assert row.id == "p1"
    assert row.suicide_level == alone.suicide_risk.level == "behavior"
    assert row.suicide_score == round(alone.suicide_risk.score, 3)
    assert row.self_harm is True
    assert row.concern == alone.concern
    assert row.explanation == alone.explanation
    assert row.error is None
    signals = json.loads(row.signals or "")
    assert signals == [s.to_dict() for s in alone.signals]
    assert "resources" not in row.to_dict()
    assert set(json.loads(row.to_json())) == set(COLUMNS)


def test_rows_keep_input_order_with_errors_in_their_place() -> None:
    rows = scan_rows(
        [
            ScanInput("a", "I want to die"),
            ScanInput("b", error="not valid JSON"),
            ScanInput("c", "   "),
            ScanInput(None, None),
            ScanInput("e", "Lovely walk by the river today"),
        ]
    )
    assert [r.id for r in rows] == ["a", "b", "c", None, "e"]
    assert rows[0].concern == "urgent"
    assert rows[1].error == "not valid JSON" and rows[1].concern is None
    assert rows[2].concern is None and "empty" in (rows[2].error or "")
    assert rows[3].error == 'missing field "text"'
    assert rows[4].concern == "none" and rows[4].error is None
    versions = detector_versions()
    assert all(r.model_version == versions.model_version for r in rows)
    assert tier_counts(rows) == {"none": 1, "watch": 0, "concern": 0, "urgent": 1}


def test_an_enormous_text_is_read_in_part_with_a_note_never_an_error_without_result() -> None:
    text = "Ordinary words about my week. " * 5000 + "I want to die."
    (row,) = scan_rows([ScanInput("long", text)])
    assert len(text) > 100_000
    assert row.concern == "urgent"  # the newest writing is read
    assert row.error is not None and row.error.startswith(CUT_PREFIX)
    assert f"{len(text):,} characters" in row.error
    assert row.is_cut and row.has_result


def test_text_values_that_cannot_be_read_say_why() -> None:
    assert text_value("hello") == ("hello", None)
    assert text_value(b"caf\xc3\xa9") == ("café", None)
    assert text_value(b"caf\xe9 ok")[1] == '"text" is not valid UTF-8 (byte 3)'
    assert text_value(None, "body")[1] == 'missing field "body"'
    assert text_value(42)[1] == '"text" is int, not text'
    assert text_value("\n\t ")[1] == '"text" is empty'


def test_ids_of_any_type_become_the_same_text() -> None:
    assert id_text(7) == id_text("7") == id_text(7.0) == "7"
    assert id_text(None) is None
    assert id_text(True) == "true"
    assert id_text(2.5) == "2.5"
    assert id_text({"a": 1}) == '{"a":1}'


def test_versions_are_fingerprints_of_the_shipped_files() -> None:
    versions = detector_versions()
    assert re.fullmatch(r"text-model-\d+-[0-9a-f]{12}", versions.model_version)
    assert re.fullmatch(r"text-content-[0-9a-f]{12}", versions.content_version)
