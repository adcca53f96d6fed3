"""The Spark engine: the same scan as a PySpark job, through Arrow batches.

The job reads the input with the same readers as the local engine (so a broken row gets the
same error), scores with the same core function, and writes the same columns:

1. The driver cuts the input into splits: JSON lines by byte ranges (a line belongs to the
   split its first byte is in; a first small job counts each split's lines so every row keeps
   its input row number), Parquet by row groups, CSV as one split (a quoted field may hold a
   line break, so a CSV file cannot be cut safely).
2. Split i is partition i. `mapInArrow` reads each split into raw rows, and a second
   `mapInArrow` scores them with `waylight.batch.work`, which calls the core
   (`waylight.core.scan`). With at least one split per core nothing moves between executors
   and partition order is input order; with fewer (one CSV file), the rows are spread over
   every core (`repartition`) and sorted back by input row before writing.
3. The scored rows are kept (memory and disk) and written by Spark into the OUTPUT folder as
   part files in order; the summary counts come from the kept rows; with an author field,
   `groupBy(author)` plus `applyInArrow` runs the core's early warning per author.

Files are opened with pyarrow's file systems, so a path every executor can read works (a
local path in local mode, a shared mount, `hdfs://` or `s3://` where pyarrow can reach them).
Executors set WAYLIGHT_CONTENT_CACHE=off: they write nothing under $HOME.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from waylight.batch.authors import AUTHOR_OUTPUT_COLUMNS
from waylight.batch.inputs import (
    CHUNK_ROWS,
    Fields,
    InputProblem,
    RawChunk,
    Reader,
    csv_chunks,
    jsonl_chunks,
    parquet_chunks,
)
from waylight.batch.job import ScanJob, ScanSummary
from waylight.batch.work import (
    EXAMPLES,
    ChunkCounts,
    batch_environment,
    label_text,
    time_text,
)
from waylight.core.scan import COLUMN_TYPES, COLUMNS, id_text

# JSON-lines splits: at least this big, and about this many per core.
MIN_SPLIT_BYTES = 1 << 20
MAX_SPLIT_BYTES = 64 << 20
SPLITS_PER_CORE = 4

SPLIT_SCHEMA = "split long, path string, kind string, start long, end long, first_row long"
RAW_SCHEMA = (
    "row long, line binary, id string, text binary, author string, time string, problem string"
)
SCORED_EXTRA = (
    "row long, author string, time string, time_key double, about_others boolean, line string"
)


def spark_schema(names: tuple[str, ...], types: dict[str, str]) -> str:
    return ", ".join(f"`{n}` {types[n]}" for n in names)


def run_spark(job: ScanJob, master: str | None = None) -> ScanSummary:
    """Run `job` on Spark (`master`, else local[*] or the master spark-submit configured)."""
    batch_environment()
    started = time.monotonic()
    _check_input(job)
    spark = _session(master)
    try:
        return _run(spark, job, started)
    finally:
        spark.stop()


def _check_input(job: ScanJob) -> None:
    if "://" not in str(job.input):
        Reader(job.input, job.input_format, job.fields)  # raises InputProblem: exit 2


def _session(master: str | None) -> Any:
    import warnings

    from pyspark.sql import SparkSession

    # PySpark warns about pandas 3 on every Arrow call; the scan does not use pandas.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")

    builder = SparkSession.builder.appName("waylight-scan")
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit set the master already
    chosen = master or (None if under_submit else "local[*]")
    if chosen:
        builder = builder.master(chosen)
    if chosen and chosen.startswith("local"):
        # Local mode: executors are this interpreter (with Waylight installed); no web UI.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
    builder = (
        builder.config("spark.executorEnv.WAYLIGHT_CONTENT_CACHE", "off")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(CHUNK_ROWS))
        .config("spark.ui.showConsoleProgress", "true" if sys.stderr.isatty() else "false")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _run(spark: Any, job: ScanJob, started: float) -> ScanSummary:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    fields = job.fields
    parallelism = max(1, int(spark.sparkContext.defaultParallelism))
    splits = _splits(spark, job, parallelism)
    # Split i is partition i, so when there are enough splits to keep every core busy the
    # rows never move: partition order is input order and the output needs no sort.
    in_order = len(splits) >= parallelism
    split_rdd = spark.sparkContext.parallelize(splits, len(splits))
    split_df = spark.createDataFrame(split_rdd, SPLIT_SCHEMA)

    def read(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            for split in batch.to_pylist():
                yield from _read_split(split, fields)

    raw = split_df.mapInArrow(read, RAW_SCHEMA)
    if not in_order:  # a CSV file is one split: spread its rows over every core
        raw = raw.repartition(parallelism * SPLITS_PER_CORE)
    out_fmt = job.output_format
    scored_schema = spark_schema(COLUMNS, COLUMN_TYPES) + ", " + SCORED_EXTRA

    def score(batches: Iterator[Any]) -> Iterator[Any]:
        batch_environment()
        for batch in batches:
            yield from _score_batch(batch, fields, out_fmt)

    # Kept for the summary and the authors after the output is written, so nothing is scored
    # twice; with JSON-lines output the long columns live only in the encoded line.
    scored = raw.mapInArrow(score, scored_schema).persist(StorageLevel.MEMORY_AND_DISK)
    ordered = scored if in_order else scored.orderBy("row")
    out = str(job.output)
    if out_fmt == "jsonl":
        ordered.select("line").write.mode("overwrite").text(out)
    elif out_fmt == "csv":
        ordered.select(*COLUMNS).write.mode("overwrite").options(header=True, escape='"').csv(out)
    else:
        ordered.select(*COLUMNS).write.mode("overwrite").parquet(out)

    summary = ScanSummary(engine="spark", output=job.output, counts=_counts(scored, F))
    if fields.author:
        _authors(scored, job, summary, F)
    scored.unpersist()
    summary.seconds = time.monotonic() - started
    return summary


# ------------------------------------------------------------------------------ splits


def _splits(spark: Any, job: ScanJob, parallelism: int) -> list[tuple[Any, ...]]:
    import pyarrow.fs as pafs

    path = str(job.input)
    fs, inner = pafs.FileSystem.from_uri(path if "://" in path else str(Path(path).resolve()))
    info = fs.get_file_info(inner)
    if info.type != pafs.FileType.File:
        raise InputProblem(f"input file not found: {path}")
    uri = path if "://" in path else str(Path(path).resolve())
    if job.input_format == "csv":
        return [(0, uri, "csv", 0, info.size, 1)]
    if job.input_format == "parquet":
        import pyarrow.parquet as pq

        with fs.open_input_file(inner) as handle:
            meta = pq.ParquetFile(handle).metadata
        rows, out = 0, []
        for group in range(meta.num_row_groups):
            out.append((group, uri, "parquet", group, group + 1, rows + 1))
            rows += meta.row_group(group).num_rows
        return out or [(0, uri, "parquet", 0, 0, 1)]
    size = info.size
    step = min(MAX_SPLIT_BYTES, max(MIN_SPLIT_BYTES, size // (parallelism * SPLITS_PER_CORE) + 1))
    ranges = [(start, min(size, start + step)) for start in range(0, max(size, 1), step)]
    ranges_df = spark.createDataFrame(
        [(i, uri, "jsonl", s, e, 0) for i, (s, e) in enumerate(ranges)], SPLIT_SCHEMA
    ).repartition(len(ranges), "split")

    def count(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            for split in batch.to_pylist():
                n = sum(1 for _ in _split_lines(split["path"], split["start"], split["end"]))
                yield pa.RecordBatch.from_pydict({"split": [split["split"]], "lines": [n]})

    counts = dict(
        (int(r["split"]), int(r["lines"]))
        for r in ranges_df.mapInArrow(count, "split long, lines long").collect()
    )
    out, first = [], 1
    for i, (s, e) in enumerate(ranges):
        out.append((i, uri, "jsonl", s, e, first))
        first += counts.get(i, 0)
    return out


def _open(uri: str) -> tuple[Any, str]:
    import pyarrow.fs as pafs

    fs, inner = pafs.FileSystem.from_uri(uri if "://" in uri else str(Path(uri).resolve()))
    return fs, inner


def _split_lines(uri: str, start: int, end: int) -> Iterator[tuple[bytes, int]]:
    """The lines whose first byte lies in [start, end), with the byte position after each.

    Like Hadoop's line reader: a split that does not start the file first skips to just after
    the first newline at or after `start - 1`; the line in progress belongs to the split before.
    """
    fs, inner = _open(uri)
    block = 4 << 20
    with fs.open_input_file(inner) as handle:
        offset = max(0, start - 1)
        handle.seek(offset)
        skipping = start > 0
        buffered = b""
        searched = 0
        while True:
            cut = buffered.find(b"\n", searched)
            if cut < 0:
                searched = len(buffered)
                data = handle.read(block)
                if not data:
                    if buffered and not skipping and offset < end:
                        yield buffered, offset + len(buffered)
                    return
                buffered += data
                continue
            line, buffered, searched = buffered[: cut + 1], buffered[cut + 1 :], 0
            line_start, offset = offset, offset + len(line)
            if skipping:
                skipping = False  # the end of the line before (or the newline at start - 1)
                continue
            if line_start >= end:
                return
            yield line, offset


def _read_split(split: dict[str, Any], fields: Fields) -> Iterator[Any]:
    """A split's rows as raw Arrow batches (`RAW_SCHEMA`)."""
    batch_environment()
    uri, kind = split["path"], split["kind"]
    if kind == "jsonl":
        lines = _split_lines(uri, split["start"], split["end"])
        chunks = jsonl_chunks(lines, first_row=split["first_row"])
        for chunk in chunks:
            yield _raw_batch(chunk)
        return
    fs, inner = _open(uri)
    if kind == "csv":
        with fs.open_input_stream(inner) as handle:
            for chunk in csv_chunks(handle, fields):
                yield _raw_batch(chunk)
        return
    import pyarrow.parquet as pq

    with fs.open_input_file(inner) as handle:
        pf = pq.ParquetFile(handle)
        groups = list(range(split["start"], split["end"]))
        for chunk in parquet_chunks(pf, fields, row_groups=groups):
            yield _raw_batch(chunk)


def _raw_batch(chunk: RawChunk) -> Any:
    import pyarrow as pa

    n = len(chunk)
    rows = list(range(chunk.first_row, chunk.first_row + n))
    none: list[Any] = [None] * n
    if chunk.kind == "jsonl":
        cols = {"row": rows, "line": list(chunk.lines), "id": none, "text": none,
                "author": none, "time": none, "problem": none}  # fmt: skip
    else:
        ids, texts, authors, times, problems = (list(c) for c in zip(*chunk.values, strict=True))
        cols = {
            "row": rows,
            "line": none,
            "id": [id_text(v) for v in ids],
            "text": [_bytes(v) for v in texts],
            "author": [label_text(v) for v in authors],
            "time": [time_text(v) for v in times],
            "problem": problems,
        }
    schema = pa.schema(
        [
            ("row", pa.int64()),
            ("line", pa.binary()),
            ("id", pa.string()),
            ("text", pa.binary()),
            ("author", pa.string()),
            ("time", pa.string()),
            ("problem", pa.string()),
        ]
    )
    return pa.RecordBatch.from_pydict(cols, schema=schema)


def _bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    return json.dumps(value).encode() if not isinstance(value, int | float) else None


# ------------------------------------------------------------------------------ scoring


def _score_batch(batch: Any, fields: Fields, out_fmt: str) -> Iterator[Any]:
    """Score raw rows with the same chunk function as the local engine."""
    import pyarrow as pa

    data = batch.to_pydict()
    rows = data["row"]
    if not rows:
        return
    # Rows of one Arrow batch need not be consecutive after the shuffle: score them as one
    # chunk, then put each result back with its own row number.
    chunks: list[tuple[list[int], RawChunk]] = []
    jsonl = [i for i, line in enumerate(data["line"]) if line is not None]
    values = [i for i, line in enumerate(data["line"]) if line is None]
    if jsonl:
        lines = tuple(data["line"][i] for i in jsonl)
        chunks.append(([rows[i] for i in jsonl], RawChunk(1, "jsonl", lines=lines)))
    if values:
        vals = tuple(
            (data["id"][i], _text_value(data["text"][i]), data["author"][i], data["time"][i],
             data["problem"][i])
            for i in values
        )  # fmt: skip
        chunks.append(([rows[i] for i in values], RawChunk(1, "values", values=vals)))
    from waylight.batch.work import inputs_of, post_about_others
    from waylight.core.early_warning import time_key
    from waylight.core.scan import scan_rows

    for row_numbers, chunk in chunks:
        inputs, extra = inputs_of(chunk, fields)
        results = scan_rows(inputs)
        cols: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for result in results:
            for name, value in zip(COLUMNS, result.values(), strict=True):
                cols[name].append(value)
        cols["row"] = row_numbers
        cols["author"] = [a for a, _ in extra]
        cols["time"] = [t for _, t in extra]
        cols["time_key"] = [time_key(t) for _, t in extra]
        cols["about_others"] = [post_about_others(r.signals) for r in results]
        cols["line"] = (
            [r.to_json() for r in results] if out_fmt == "jsonl" else [None] * len(results)
        )
        yield pa.RecordBatch.from_pydict(cols, schema=_scored_arrow_schema())


def _text_value(value: bytes | None) -> Any:
    """Bytes back to the text the local readers would give (invalid UTF-8 kept as bytes)."""
    if value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value


def _scored_arrow_schema() -> Any:
    import pyarrow as pa

    from waylight.batch.work import arrow_schema

    base = arrow_schema()
    extra = pa.schema(
        [
            ("row", pa.int64()),
            ("author", pa.string()),
            ("time", pa.string()),
            ("time_key", pa.float64()),
            ("about_others", pa.bool_()),
            ("line", pa.string()),
        ]
    )
    return pa.schema(list(base) + list(extra))


# ------------------------------------------------------------------------------ summary


def _counts(scored: Any, F: Any) -> ChunkCounts:
    counts = ChunkCounts()
    for r in scored.groupBy("concern").count().collect():
        n = int(r["count"])
        counts.rows += n
        if r["concern"] is None:
            counts.errors += n
        else:
            counts.tiers[str(r["concern"])] = n
    counts.cut = scored.filter(F.col("concern").isNotNull() & F.col("error").isNotNull()).count()
    urgent = scored.filter(F.col("concern") == "urgent").orderBy("row").select("row", "id")
    counts.urgent_examples = [(int(r["row"]), r["id"]) for r in urgent.limit(EXAMPLES).collect()]
    errors = scored.filter(F.col("concern").isNull()).orderBy("row").select("row", "id", "error")
    counts.error_examples = [
        (int(r["row"]), r["id"], str(r["error"])) for r in errors.limit(EXAMPLES).collect()
    ]
    return counts


# ------------------------------------------------------------------------------ authors


def _authors(scored: Any, job: ScanJob, summary: ScanSummary, F: Any) -> None:
    from waylight.batch.authors import authors_path
    from waylight.batch.work import AUTHOR_COLUMNS

    posts = scored.filter(F.col("author").isNotNull()).select(*AUTHOR_COLUMNS)
    schema = spark_schema(AUTHOR_OUTPUT_COLUMNS, _ALERT_TYPES) + ", line string"

    def assess(table: Any) -> Any:
        import pyarrow as pa

        from waylight.batch.authors import alerts_table

        batch_environment()
        alerts = alerts_table(table)
        lines = [
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in alerts.to_pylist()
        ]
        return alerts.append_column("line", pa.array(lines, pa.string()))

    alerts = posts.groupBy("author").applyInArrow(assess, schema).persist()
    ordered = alerts.orderBy(
        F.when(F.col("alert"), 0).otherwise(1),
        F.when(F.col("alert"), F.col("alert_row")).otherwise(0),
        "author",
    )
    path = str(authors_path(job.output))
    if job.output_format == "jsonl":
        ordered.select("line").write.mode("overwrite").text(path)
    elif job.output_format == "csv":
        ordered.select(*AUTHOR_OUTPUT_COLUMNS).write.mode("overwrite").options(
            header=True, escape='"'
        ).csv(path)
    else:
        ordered.select(*AUTHOR_OUTPUT_COLUMNS).write.mode("overwrite").parquet(path)
    summary.authors_output = Path(path)
    summary.authors = alerts.count()
    summary.alerts = alerts.filter(F.col("alert")).count()
    summary.urgent_alerts = alerts.filter(F.col("reason") == "urgent_post").count()
    alerts.unpersist()


_ALERT_TYPES: dict[str, str] = {
    "author": "string",
    "posts": "long",
    "alert": "boolean",
    "reason": "string",
    "alert_row": "long",
    "alert_post_id": "string",
    "alert_time": "string",
    "posts_to_alert": "long",
    "evidence": "double",
    "evidence_posts": "string",
    "highest_concern": "string",
    "urgent_posts": "long",
    "concern_posts": "long",
    "watch_posts": "long",
    "user_level": "string",
    "user_score": "double",
    "user_posts": "string",
    "user_explanation": "string",
}
