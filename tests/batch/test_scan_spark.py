"""`waylight scan --engine spark` on local[2]: the same rows as the local engine, row for row."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from tests.batch.helpers import read_rows, sample_posts, scan, write_input

from waylight.batch.spark import MIN_SPLIT_BYTES, _split_lines

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def mixed_input(tmp_path: Path) -> Path:
    """Posts by 25 authors, with broken lines among them; over 2 MB, so Spark cuts the file
    into several splits and keeps input order without a sort."""
    posts = sample_posts(3000, authors=25)
    for i, post in enumerate(posts):
        post["text"] = f"{post['text']} Entry {i} of my diary for the week. " * 7
    lines = [json.dumps(p).encode() for p in posts]
    lines[17] = b"not json at all"
    lines[130] = b'{"id": "u8", "text": "caf\xe9 bytes"}'
    lines[250] = json.dumps({"id": "empty", "text": "", "user": "u1", "ts": 5}).encode()
    lines[400] = json.dumps({"id": "long", "text": "ordinary words " * 8000, "user": "u2"}).encode()
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert path.stat().st_size > 2 * MIN_SPLIT_BYTES
    return path


def test_spark_job_equals_the_local_scan_and_writes_nothing_under_home(tmp_path: Path) -> None:
    inp = mixed_input(tmp_path)
    options = ["--author-field", "user", "--time-field", "ts"]
    local = tmp_path / "local.jsonl"
    assert scan(str(inp), "-o", str(local), *options).returncode == 0

    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "spark.jsonl"
    done = scan(
        str(inp), "-o", str(out), *options, "--engine", "spark", "--master", "local[2]",
        env={"HOME": str(home), "XDG_CACHE_HOME": "", "WAYLIGHT_CONTENT_CACHE": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "with the spark engine" in done.stdout
    assert out.is_dir() and (out / "_SUCCESS").exists()
    spark_bytes = b"".join(p.read_bytes() for p in sorted(out.glob("part-*")))
    assert spark_bytes == local.read_bytes()  # row for row, byte for byte
    assert read_rows(tmp_path / "spark.authors.jsonl") == read_rows(
        tmp_path / "local.authors.jsonl"
    )
    summary = [line for line in done.stdout.splitlines() if line.startswith(("Concern", "Rows"))]
    local_summary = scan(str(inp), "-o", str(tmp_path / "again.jsonl"), *options).stdout
    assert all(line in local_summary for line in summary)
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_spark_reads_csv_and_parquet_like_the_local_engine(tmp_path: Path) -> None:
    posts = sample_posts(500, authors=10)
    for fmt in ("csv", "parquet"):
        inp = write_input(tmp_path / f"in.{fmt}", posts)
        local = tmp_path / f"local.{fmt}"
        assert scan(str(inp), "-o", str(local), "--author-field", "user").returncode == 0
        out = tmp_path / f"spark.{fmt}"
        done = scan(
            str(inp), "-o", str(out), "--author-field", "user", "--engine", "spark",
            "--master", "local[2]",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        assert read_rows(out) == read_rows(local)
        assert read_rows(tmp_path / f"spark.authors.{fmt}") == read_rows(
            tmp_path / f"local.authors.{fmt}"
        )


def test_spark_submit_runs_the_scan_as_an_application(tmp_path: Path) -> None:
    inp = write_input(tmp_path / "in.parquet", sample_posts(200))
    local = tmp_path / "local.parquet"
    assert scan(str(inp), "-o", str(local)).returncode == 0
    app = subprocess.run(
        [sys.executable, "-m", "waylight.batch.spark_app", "--path"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    submit = Path(sys.executable).with_name("spark-submit")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    done = subprocess.run(
        [str(submit), "--master", "local[2]", app, str(inp), "-o", str(tmp_path / "out.parquet")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert read_rows(tmp_path / "out.parquet") == read_rows(local)


def test_json_line_splits_give_every_line_exactly_once(tmp_path: Path) -> None:
    rng = random.Random(3)
    lines = [("x" * rng.randrange(0, 40)).encode() for _ in range(300)]
    data = b"\n".join(lines)  # the last line has no newline
    path = tmp_path / "lines.jsonl"
    path.write_bytes(data)
    for step in (1, 2, 7, 33, 100, len(data) + 5):
        got = []
        for start in range(0, len(data), step):
            got += [line.rstrip(b"\n") for line, _ in _split_lines(str(path), start, start + step)]
        assert got == lines, f"split size {step}"
