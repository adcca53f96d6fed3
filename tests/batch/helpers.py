"""Shared helpers for the scan tests: sample posts, input files, running the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

WAYLIGHT = str(Path(sys.executable).with_name("waylight"))

# Written for these tests; methods only in general words.
TEXTS = [
    "Lovely walk by the river today, the ducks were out in force.",
    "I have been cutting again and I feel hopeless about everything.",
    "I want to die, I can't keep doing this.",
    "This exam is killing me but the library is warm at least.",
    "I feel so tired and empty all the time, nothing matters anymore.",
    "My friend told me she hurts herself and I don't know how to help her.",
    "I would never hurt myself, but work has been a lot this month.",
    "Everyone would be better off without me.",
]


def sample_posts(n: int, authors: int = 0) -> list[dict[str, Any]]:
    """`n` posts cycling through TEXTS; with `authors`, each has an author and a time."""
    posts = []
    for i in range(n):
        post: dict[str, Any] = {"id": f"p{i}", "text": TEXTS[(i * 5) % len(TEXTS)]}
        if authors:
            post["user"] = f"u{i % authors}"
            post["ts"] = 1_700_000_000 + i * 60
        posts.append(post)
    return posts


def write_input(path: Path, posts: list[dict[str, Any]]) -> Path:
    """Write posts as JSON lines, CSV or Parquet, by the path's extension."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
        return path
    table = pa.Table.from_pylist(posts)
    if path.suffix == ".csv":
        pacsv.write_csv(table, path)
    else:
        pq.write_table(table, path, row_group_size=max(1, len(posts) // 3))
    return path


def scan(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real `waylight scan` command."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [WAYLIGHT, "scan", *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Result rows from a JSON-lines, CSV or Parquet output (file or Spark folder of parts)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from waylight.batch.work import arrow_schema

    files = sorted(path.glob("part-*")) if path.is_dir() else [path]
    rows: list[dict[str, Any]] = []
    for file in files:
        if file.suffix in (".jsonl", ".txt", ".json"):
            rows += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
        elif file.suffix == ".csv":
            types = {f.name: f.type for f in arrow_schema()}
            table = pacsv.read_csv(
                file,
                convert_options=pacsv.ConvertOptions(
                    column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False
                ),
            )
            rows += table.to_pylist()
        else:
            rows += pq.read_table(file).to_pylist()
    return rows
