"""`waylight scan`: formats, row errors, exit codes, summary, progress and files written."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest
from tests.batch.helpers import WAYLIGHT, read_rows, sample_posts, scan, write_input

from waylight.core.scan import COLUMNS, CUT_PREFIX


def test_every_format_gives_the_same_rows_in_input_order(tmp_path: Path) -> None:
    posts = sample_posts(300)
    base = None
    for src, dst in (
        ("jsonl", "jsonl"),
        ("jsonl", "parquet"),
        ("csv", "jsonl"),
        ("parquet", "csv"),
    ):
        inp = write_input(tmp_path / f"in-{src}-{dst}.{src}", posts)
        out = tmp_path / f"out-{src}.{dst}"
        done = scan(str(inp), "-o", str(out), "--workers", "2")
        assert done.returncode == 0, done.stderr
        rows = read_rows(out)
        assert [list(r) for r in rows[:1]] == [list(COLUMNS)]
        assert [r["id"] for r in rows] == [p["id"] for p in posts]
        if base is None:
            base = rows
        assert rows == base, f"{src} -> {dst} differs"
    assert base is not None
    assert {r["concern"] for r in base} == {"none", "watch", "concern", "urgent"}


def test_bad_json_lines_get_an_error_and_the_scan_goes_on(tmp_path: Path) -> None:
    long_text = "Ordinary words about my week at work. " * 3000 + "I want to die."
    lines = [
        json.dumps({"id": 1, "text": "Lovely day at the park."}).encode(),
        b"this is not json",
        b"[1, 2, 3]",
        json.dumps({"id": 4, "body": "no text field"}).encode(),
        json.dumps({"id": 5, "text": "   "}).encode(),
        b'{"id": 6, "text": "caf\xe9 broken bytes"}',
        json.dumps({"id": 7, "text": 12345}).encode(),
        json.dumps({"id": 8, "text": long_text}).encode(),
        b"",
        json.dumps({"id": 10, "text": "I want to die"}).encode(),
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    done = scan(str(inp), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = read_rows(out)
    assert len(rows) == len(lines)
    errors = [r["error"] for r in rows]
    assert errors[0] is None and rows[0]["concern"] == "none"
    assert errors[1].startswith("not valid JSON")
    assert errors[2] == "not a JSON object"
    assert errors[3] == 'missing field "text"' and rows[3]["id"] == "4"
    assert errors[4] == '"text" is empty'
    assert errors[5].startswith("line is not valid UTF-8")
    assert errors[6] == '"text" is int, not text'
    assert errors[7].startswith(CUT_PREFIX) and rows[7]["concern"] == "urgent"
    assert errors[8] == "empty line"
    assert errors[9] is None and rows[9]["concern"] == "urgent"
    for row in rows[1:7] + rows[8:9]:
        assert row["concern"] is None and row["suicide_level"] is None
    assert "Rows with an error (no result, see the error column): 7" in done.stdout
    assert "Texts cut (read in part, noted in the error column): 1" in done.stdout


def test_broken_csv_rows_get_an_error_and_the_rows_after_them_are_read(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes(
        b'id,text\n1,"I want to die"\n2,one,two,three\n3,"caf\xe9"\n4,\n'
        b'5,"a quoted text, with a comma\nand a line break"\n6,I feel hopeless\n'
    )
    out = tmp_path / "out.csv"
    done = scan(str(inp), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = read_rows(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0]["concern"] == "urgent"
    assert rows[1]["error"] == "broken CSV row: 4 fields where the header has 2"
    assert rows[2]["error"] == '"text" is not valid UTF-8 (byte 3)'
    assert rows[3]["error"] == '"text" is empty'
    assert rows[4]["error"] is None and rows[4]["concern"] == "none"
    assert rows[5]["concern"] != "none"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "input file not found"),
        (["in.txt"], "cannot tell the format"),
        (["in.jsonl", "--text-field", "body"], 'no field "body"'),
        (["in.jsonl", "--id-field", "post_id"], 'no field "post_id"'),
        (["in.csv", "--author-field", "writer"], 'no column "writer"'),
        (["in.parquet", "--text-field", "ts"], 'column "ts" holds int64, not text'),
        (["in.jsonl", "--time-field", "ts"], "give --author-field too"),
        (["in.csv", "--format", "parquet"], "not a readable Parquet file"),
        (["in.jsonl", "--country", "XX1"], "country"),
        (["in.jsonl", "--master", "local[2]"], "--master needs --engine spark"),
    ],
)
def test_a_wrong_file_or_field_exits_2_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    posts = sample_posts(5, authors=2)
    for ext in ("jsonl", "csv", "parquet"):
        write_input(tmp_path / f"in.{ext}", posts)
    (tmp_path / "in.txt").write_text("hello\n")
    out = tmp_path / "out.jsonl"
    done = scan(str(tmp_path / args[0]), *args[1:], "-o", str(out))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_missing_output_folder_or_a_folder_as_output_exits_2(tmp_path: Path) -> None:
    inp = write_input(tmp_path / "in.jsonl", sample_posts(3))
    done = scan(str(inp), "-o", str(tmp_path / "nowhere" / "out.jsonl"))
    assert done.returncode == 2 and "output folder does not exist" in done.stderr
    (tmp_path / "spark.jsonl").mkdir()
    done = scan(str(inp), "-o", str(tmp_path / "spark.jsonl"))
    assert done.returncode == 2 and "OUTPUT is a folder" in done.stderr
    done = scan(str(inp), "-o", str(inp))
    assert done.returncode == 2 and "OUTPUT is the INPUT file" in done.stderr


def test_summary_counts_tiers_and_lists_help_now_once(tmp_path: Path) -> None:
    posts = sample_posts(40)
    inp = write_input(tmp_path / "in.jsonl", posts)
    out = tmp_path / "out.parquet"
    done = scan(str(inp), "-o", str(out), "--country", "GB")
    assert done.returncode == 0, done.stderr
    rows = read_rows(out)
    urgent = sum(1 for r in rows if r["concern"] == "urgent")
    assert urgent > 0
    assert f"Scanned {len(posts):,} rows" in done.stdout
    assert f"urgent {urgent:,}" in done.stdout
    assert done.stdout.count("Help now") == 1
    assert "Samaritans" in done.stdout and "999" in done.stdout
    assert "not a diagnosis" in done.stdout
    assert all("resources" not in r and "Samaritans" not in json.dumps(r) for r in rows)


def test_quiet_when_not_a_terminal_and_a_progress_bar_on_one(tmp_path: Path) -> None:
    inp = write_input(tmp_path / "in.jsonl", sample_posts(200))
    done = scan(str(inp), "-o", str(tmp_path / "quiet.jsonl"))
    assert done.returncode == 0 and done.stderr == ""
    # The same scan with stderr on a terminal shows rows, rate and time left.
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [WAYLIGHT, "scan", str(inp), "-o", str(tmp_path / "bar.jsonl")],
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    proc.wait(timeout=120)
    os.close(leader)
    assert proc.returncode == 0
    screen = seen.decode("utf-8", "replace")
    assert "Scanning" in screen and "rows/s" in screen and "200 rows" in screen


def test_a_scan_writes_nothing_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    inp = write_input(tmp_path / "in.csv", sample_posts(50, authors=3))
    env = {"HOME": str(home), "XDG_CACHE_HOME": "", "WAYLIGHT_CONTENT_CACHE": ""}
    done = scan(str(inp), "-o", str(tmp_path / "out.csv"), "--author-field", "user", env=env)
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []


def test_authors_output_raises_alerts_in_time_order(tmp_path: Path) -> None:
    # Author a: two concern-level posts in a row (accumulated evidence); the rows are given
    # out of time order, so time decides. Author b: one urgent post. Author c: nothing.
    posts = [
        {"id": "a3", "text": "Lovely day at the park.", "user": "a", "ts": "2024-01-03T09:00:00Z"},
        {
            "id": "a1",
            "text": "I have been cutting again.",
            "user": "a",
            "ts": "2024-01-01T09:00:00Z",
        },
        {"id": "b1", "text": "Lovely day at the park.", "user": "b", "ts": "2024-01-01T10:00:00Z"},
        {
            "id": "a2",
            "text": "I have been cutting again.",
            "user": "a",
            "ts": "2024-01-02T09:00:00Z",
        },
        {"id": "b2", "text": "I want to die tonight.", "user": "b", "ts": "2024-01-02T10:00:00Z"},
        {"id": "c1", "text": "Lovely day at the park.", "user": "c", "ts": "2024-01-01T11:00:00Z"},
        {"id": "x1", "text": "No author on this one.", "ts": "2024-01-01T12:00:00Z"},
    ]
    inp = write_input(tmp_path / "posts.jsonl", posts)
    out = tmp_path / "results.jsonl"
    done = scan(str(inp), "-o", str(out), "--author-field", "user", "--time-field", "ts")
    assert done.returncode == 0, done.stderr
    authors_file = tmp_path / "results.authors.jsonl"
    alerts = {a["author"]: a for a in read_rows(authors_file)}
    assert set(alerts) == {"a", "b", "c"}
    a, b, c = alerts["a"], alerts["b"], alerts["c"]
    assert a["alert"] and a["reason"] == "accumulated_evidence"
    assert a["alert_post_id"] == "a2" and a["posts_to_alert"] == 2 and a["posts"] == 3
    assert [p["id"] for p in json.loads(a["evidence_posts"])] == ["a2", "a1"]
    assert b["alert"] and b["reason"] == "urgent_post" and b["posts_to_alert"] == 2
    assert b["alert_row"] == 5
    assert not c["alert"] and c["posts_to_alert"] is None
    assert "Authors: 3, early-warning alerts: 2" in done.stdout


def test_authors_output_reads_each_author_as_a_user(tmp_path: Path) -> None:
    # Author r writes one post at risk among ordinary ones, q only ordinary posts, u a post
    # that cannot be read. The user level and score come from the same rows as the main output.
    posts = [
        {"id": "r1", "text": "Lovely walk by the river today.", "user": "r"},
        {"id": "q1", "text": "Lovely day at the park.", "user": "q"},
        {"id": "r2", "text": "I want to die tonight.", "user": "r"},
        {"id": "u1", "text": "", "user": "u"},
        {"id": "r3", "text": "I feel so tired and empty, nothing matters anymore.", "user": "r"},
        {"id": "q2", "text": "Lovely day at the park again.", "user": "q"},
    ]
    inp = write_input(tmp_path / "posts.csv", posts)
    out = tmp_path / "results.csv"
    done = scan(str(inp), "-o", str(out), "--author-field", "user")
    assert done.returncode == 0, done.stderr
    authors_file = tmp_path / "results.authors.csv"
    header = authors_file.read_text(encoding="utf-8").splitlines()[0]
    assert header.replace('"', "").split(",")[-4:] == [
        "user_level",
        "user_score",
        "user_posts",
        "user_explanation",
    ]
    assert header.replace('"', "").split(",")[:3] == ["author", "posts", "alert"]
    rows = {r["id"]: r for r in read_rows(out)}
    users = {a["author"]: a for a in read_rows(authors_file)}
    levels = ("none", "indicator", "ideation", "behavior", "attempt")

    r = users["r"]
    mine = [rows[i] for i in ("r1", "r2", "r3")]
    highest = max((p["suicide_level"] for p in mine), key=levels.index)
    assert r["user_level"] == highest and levels.index(highest) >= levels.index("ideation")
    assert r["user_score"] == pytest.approx(sum(p["suicide_score"] for p in mine) / 3, abs=1e-3)
    assert r["user_score"] < max(p["suicide_score"] for p in mine)  # the mean, not the highest
    carried = json.loads(r["user_posts"])
    assert carried[0] == {
        "row": 3,
        "id": "r2",
        "level": rows["r2"]["suicide_level"],
        "score": rows["r2"]["suicide_score"],
    }
    assert {p["id"] for p in carried} == {
        p["id"] for p in mine if levels.index(p["suicide_level"]) >= levels.index(highest)
    }
    assert r["user_explanation"].startswith(f"Read as {highest}: ")
    assert "mean suicide-risk score of its 3 read posts" in r["user_explanation"]

    q = users["q"]
    assert q["user_level"] == "none" and json.loads(q["user_posts"]) == []
    assert q["user_explanation"].startswith("Read as none: no post reached indicator or above.")

    u = users["u"]
    assert rows["u1"]["error"] and u["posts"] == 1
    assert u["user_level"] is None and u["user_score"] is None
    assert u["user_explanation"] == "No level: its one post could not be read."
