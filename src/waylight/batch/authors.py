"""The `authors` output: early warning and a user-level reading for each author of a scan.

Written next to OUTPUT, in the same format, as `<OUTPUT stem>.authors<suffix>` (for
`posts.scan.parquet`, `posts.scan.authors.parquet`). One row per author, alerts first (by the
row that raised them), then the others by author:

    author, posts, alert, reason, alert_row, alert_post_id, alert_time, posts_to_alert,
    evidence, evidence_posts (JSON), highest_concern, urgent_posts, concern_posts, watch_posts,
    user_level, user_score, user_posts (JSON), user_explanation

The rules are the core's (`waylight.core.early_warning` for the alert,
`waylight.core.user_level` for the user level and score); this module only groups the posts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from waylight.core.early_warning import AuthorAlert, AuthorPost, assess_author
from waylight.core.user_level import UserPost, UserReading, read_user

AUTHOR_OUTPUT_COLUMNS = (
    "author",
    "posts",
    "alert",
    "reason",
    "alert_row",
    "alert_post_id",
    "alert_time",
    "posts_to_alert",
    "evidence",
    "evidence_posts",
    "highest_concern",
    "urgent_posts",
    "concern_posts",
    "watch_posts",
    "user_level",
    "user_score",
    "user_posts",
    "user_explanation",
)


def authors_path(output: Path) -> Path:
    """Where the authors output of OUTPUT goes: same folder, `.authors` before the suffix."""
    return output.with_name(f"{output.stem}.authors{output.suffix}")


def alert_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("author", pa.string()),
            ("posts", pa.int64()),
            ("alert", pa.bool_()),
            ("reason", pa.string()),
            ("alert_row", pa.int64()),
            ("alert_post_id", pa.string()),
            ("alert_time", pa.string()),
            ("posts_to_alert", pa.int64()),
            ("evidence", pa.float64()),
            ("evidence_posts", pa.string()),
            ("highest_concern", pa.string()),
            ("urgent_posts", pa.int64()),
            ("concern_posts", pa.int64()),
            ("watch_posts", pa.int64()),
            ("user_level", pa.string()),
            ("user_score", pa.float64()),
            ("user_posts", pa.string()),
            ("user_explanation", pa.string()),
        ]
    )


def alert_record(alert: AuthorAlert, reading: UserReading) -> dict[str, Any]:
    """One output row for an author (evidence and user-level posts as JSON strings)."""
    data = alert.to_dict() | reading.to_dict()
    for name in ("evidence_posts", "user_posts"):
        data[name] = json.dumps(data[name], ensure_ascii=False, separators=(",", ":"))
    return {name: data[name] for name in AUTHOR_OUTPUT_COLUMNS}


def sort_posts(table: Any) -> Any:
    """Each author's posts together, in the order they were written (time, then input row).

    Posts without a readable time come after those with one, in input order.
    """
    import pyarrow.compute as pc

    index = table.schema.get_field_index("time_key")
    moments = pc.fill_null(table.column("time_key"), float("inf"))
    keyed = table.set_column(index, "time_key", moments)
    return keyed.sort_by([("author", "ascending"), ("time_key", "ascending"), ("row", "ascending")])


def authors_from_sorted(table: Any) -> Iterator[tuple[AuthorAlert, UserReading]]:
    """Early warning and the user-level reading per author, over a table sorted by
    `sort_posts`."""
    if table.num_rows == 0:
        return
    authors = table.column("author").to_pylist()
    start = 0
    for end in range(1, len(authors) + 1):
        if end < len(authors) and authors[end] == authors[start]:
            continue
        part = table.slice(start, end - start)
        posts = [
            AuthorPost(row=r, post_id=i, concern=c, time=t)
            for r, i, c, t in zip(
                part.column("row").to_pylist(),
                part.column("id").to_pylist(),
                part.column("concern").to_pylist(),
                part.column("time").to_pylist(),
                strict=True,
            )
        ]
        readings = [
            UserPost(r, i, level, score, bool(others))
            for r, i, level, score, others in zip(
                part.column("row").to_pylist(),
                part.column("id").to_pylist(),
                part.column("suicide_level").to_pylist(),
                part.column("suicide_score").to_pylist(),
                part.column("about_others").to_pylist(),
                strict=True,
            )
        ]
        yield assess_author(authors[start], posts), read_user(readings)
        start = end


def alerts_table(table: Any) -> Any:
    """The authors output as an Arrow table: alerts first by alert row, then by author."""
    import pyarrow as pa

    records = [alert_record(a, r) for a, r in authors_from_sorted(sort_posts(table))]
    records.sort(key=order_key)
    return pa.Table.from_pylist(records, schema=alert_schema())


def order_key(record: dict[str, Any]) -> tuple[int, int, str]:
    if record["alert"]:
        return (0, int(record["alert_row"]), str(record["author"]))
    return (1, 0, str(record["author"]))


def write_alerts(table: Any, path: Path, fmt: str) -> None:
    """Write the authors table in `fmt` (jsonl, csv, parquet)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".writing")
    if fmt == "parquet":
        pq.write_table(table, tmp)
    elif fmt == "csv":
        pacsv.write_csv(table, tmp)
    else:
        with tmp.open("w", encoding="utf-8") as out:
            for record in table.to_pylist():
                out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    tmp.replace(path)
