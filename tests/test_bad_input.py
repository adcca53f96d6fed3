"""Bad input never crashes: the CLI and the API refuse the same things with a clear message.

Unicode digits are not answers ("²" used to crash, "１" and "١" used to count as 1), JSON `true`
is not 1, invisible-only text is empty, a deeply nested or oversized --jsonl line is a line
error and the stream goes on, with its own exit status.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from waylight.cli import cli
from waylight.core.errors import InputError
from waylight.core.limits import JSON_MAX_DEPTH, LINE_MAX_BYTES, check_text

WAYLIGHT = str(Path(sys.executable).with_name("waylight"))
UNICODE_DIGITS = ["²", "①", "１", "١", "٣", "𝟏"]
INVISIBLE_ONLY = ["\u200b", "\u200b\u200d\ufeff", " \u2060 \u200e ", "\u3000\u200b"]


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_cli_score_refuses_unicode_digits_with_exit_2(digit: str) -> None:
    answers = ",".join([digit, *["0"] * 8])
    result = CliRunner().invoke(cli, ["score", "phq9", "--answers", answers, "--json"])
    assert result.exit_code == 2, result.output
    assert "question 1" in result.stderr and "allowed" in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_invisible_only_text_is_empty(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        check_text(text)
    result = CliRunner().invoke(cli, ["check-text", text, "--json"])
    assert result.exit_code == 2 and "empty" in result.stderr


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(InputError, match="Unicode"):
        check_text("I feel \ud800 low")


def test_visible_text_with_zero_width_characters_is_kept() -> None:
    assert check_text("I\u200bfeel low") == "I\u200bfeel low"


def run_jsonl(lines: list[bytes]) -> tuple[int, list[dict[str, object]], str]:
    process = subprocess.run(
        [WAYLIGHT, "check-text", "--jsonl", "--workers", "1"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        timeout=120,
    )
    out = [json.loads(line) for line in process.stdout.decode().splitlines()]
    return process.returncode, out, process.stderr.decode()


def test_jsonl_deep_or_huge_lines_are_line_errors_and_the_stream_goes_on() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000  # deeper than Python's parser can go
    nested = json.dumps({"id": 2, "text": "hi", "x": [[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]})
    huge = json.dumps({"id": 3, "text": "a " * LINE_MAX_BYTES}).encode()
    ok = json.dumps({"id": 4, "text": "I feel fine today"}).encode()
    code, out, err = run_jsonl([deep, nested.encode(), huge, ok])
    assert code == 3, err  # line errors: distinct from 1 (stopped) and 2 (bad usage)
    assert "Traceback" not in err
    assert len(out) == 4
    assert "nested deeper" in str(out[0]["error"])
    assert "nested deeper" in str(out[1]["error"]) and str(JSON_MAX_DEPTH) in str(out[1]["error"])
    assert "longer than 1 MiB" in str(out[2]["error"]) and out[2]["line"] == 3
    assert out[3]["id"] == 4 and "error" not in out[3]


def test_jsonl_invisible_text_and_unicode_are_line_errors() -> None:
    lines = [json.dumps({"id": 1, "text": "\u200b\u200b"}).encode(), b'{"id": 2, "text": true}']
    code, out, _ = run_jsonl(lines)
    assert code == 3
    assert "empty" in str(out[0]["error"]) and "string" in str(out[1]["error"])


def test_stdin_text_over_the_limit_is_refused_not_read_whole() -> None:
    process = subprocess.run(
        [WAYLIGHT, "check-text", "-", "--json"],
        input=b"a" * (LINE_MAX_BYTES + 10),
        capture_output=True,
        timeout=120,
    )
    assert process.returncode == 2
    assert b"longer than 1 MiB" in process.stderr and b"Traceback" not in process.stderr
