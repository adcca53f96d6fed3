"""`waylight scan --resume`: a killed scan continues without losing or repeating a row."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tests.batch.helpers import WAYLIGHT, read_rows, sample_posts, scan, write_input

pytestmark = pytest.mark.slow


def written_past_checkpoint(out: Path, state: dict[str, object]) -> bool:
    """True when the scan has written rows after its last checkpoint (the hard case)."""
    committed = state["output"]
    assert isinstance(committed, dict)
    if "bytes" in committed:
        return out.exists() and out.stat().st_size > int(committed["bytes"])
    parts = out.with_name(out.name + ".scan-work") / "parts"
    return len(list(parts.glob("*.parquet"))) > int(committed["parts"])


def kill_mid_way(args: list[str], state: Path, at_rows: int, out: Path | None = None) -> None:
    """Start a real scan and kill it (and its workers) once a checkpoint passes `at_rows`
    and, with `out`, once it has written rows after that checkpoint."""
    proc = subprocess.Popen(
        [WAYLIGHT, "scan", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches its workers too
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("the scan finished before it could be interrupted: make it longer")
            try:
                saved = json.loads(state.read_text())
            except (OSError, ValueError):
                saved = {"rows": 0}
            if saved["rows"] >= at_rows and (out is None or written_past_checkpoint(out, saved)):
                break
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def long_posts(n: int) -> list[dict[str, object]]:
    posts = sample_posts(n, authors=40)
    for i, post in enumerate(posts):
        post["text"] = f"{post['text']} Post number {i} of a long week, " * 4
    return posts


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_a_killed_scan_resumes_to_the_same_output_as_an_uninterrupted_one(
    tmp_path: Path, fmt: str
) -> None:
    posts = long_posts(16_000)
    inp = write_input(tmp_path / "posts.jsonl", posts)
    # Checkpoints every 5,000 rows and chunks of 2,000: the kill comes after a chunk was
    # written but before its checkpoint, so the resume must cut those rows off and redo them.
    options = ["--author-field", "user", "--time-field", "ts", "--checkpoint-rows", "5000"]
    whole = tmp_path / f"whole.{fmt}"
    done = scan(str(inp), "-o", str(whole), *options, "--workers", "2")
    assert done.returncode == 0, done.stderr

    out = tmp_path / f"resumed.{fmt}"
    state = tmp_path / f"resumed.{fmt}.scan-work" / "state.json"
    kill_mid_way([str(inp), "-o", str(out), *options, "--workers", "1"], state, 5000, out)
    checkpoint = json.loads(state.read_text())
    assert 5000 <= checkpoint["rows"] < len(posts)
    assert written_past_checkpoint(out, checkpoint)

    again = scan(str(inp), "-o", str(out), *options)
    assert again.returncode == 2 and "--resume" in again.stderr  # never silently restarted

    resumed = scan(str(inp), "-o", str(out), *options, "--resume", "--workers", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed after row {checkpoint['rows']:,}" in resumed.stdout
    assert f"Scanned {len(posts):,} rows" in resumed.stdout
    rows = read_rows(out)
    assert [r["id"] for r in rows] == [p["id"] for p in posts]  # none lost, none twice
    assert rows == read_rows(whole)
    assert read_rows(tmp_path / f"resumed.authors.{fmt}") == read_rows(
        tmp_path / f"whole.authors.{fmt}"
    )
    assert not state.parent.exists()  # a finished scan leaves no work folder


def test_resume_refuses_a_changed_input(tmp_path: Path) -> None:
    inp = write_input(tmp_path / "posts.jsonl", long_posts(12_000))
    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.scan-work" / "state.json"
    kill_mid_way([str(inp), "-o", str(out), "--workers", "1", "--checkpoint-rows", "500"],
                 state, at_rows=500)  # fmt: skip
    with inp.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "new", "text": "one more post"}) + "\n")
    done = scan(str(inp), "-o", str(out), "--resume", "--checkpoint-rows", "500")
    assert done.returncode == 2
    assert "cannot resume: the input file differs" in done.stderr


def test_resume_without_an_interrupted_scan_simply_scans(tmp_path: Path) -> None:
    inp = write_input(tmp_path / "posts.jsonl", sample_posts(20))
    out = tmp_path / "out.jsonl"
    done = scan(str(inp), "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    assert len(read_rows(out)) == 20


def _hear_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_with_exit_130_and_resume_finishes_the_scan(tmp_path: Path) -> None:
    posts = long_posts(12_000)
    inp = write_input(tmp_path / "posts.jsonl", posts)
    out = tmp_path / "out.parquet"
    state = tmp_path / "out.parquet.scan-work" / "state.json"
    proc = subprocess.Popen(
        [WAYLIGHT, "scan", str(inp), "-o", str(out), "--checkpoint-rows", "2000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A foreground program on a terminal hears Ctrl+C; a test run started in the background
        # of a non-interactive shell ignores SIGINT, and its children would inherit that.
        preexec_fn=_hear_ctrl_c,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads(state.read_text())["rows"] >= 2000:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C sends to the terminal's process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "--resume" in err and "Traceback" not in err
    done = scan(str(inp), "-o", str(out), "--checkpoint-rows", "2000", "--resume")
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in read_rows(out)] == [p["id"] for p in posts]
