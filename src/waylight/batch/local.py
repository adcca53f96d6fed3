"""The local scan engine: worker processes on all cores, checkpoints, resume.

The parent reads the input in chunks and hands them to worker processes (forked, so they share
the loaded detector); each worker scores a chunk and encodes its output; the parent writes the
answers back in input order. At most two chunks per worker are in flight, so memory stays flat
however large the input is.

Every `--checkpoint-rows` rows (20,000 by default) or `COMMIT_SECONDS`, the output is made
durable and a checkpoint is written to `<OUTPUT>.scan-work/state.json` (atomically: a new file,
fsynced, then renamed). A killed scan resumes from its last checkpoint with `--resume`: rows
after it are cut from the output and scored again, so no row is lost or written twice. A
finished scan removes its work folder.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from waylight.batch.authors import alerts_table, authors_path, write_alerts
from waylight.batch.inputs import InputProblem, RawChunk, Reader, file_identity
from waylight.batch.job import ScanJob, ScanSummary
from waylight.batch.outputs import PartsOutput, fsync_dir, open_output
from waylight.batch.work import (
    ChunkCounts,
    ChunkResult,
    author_schema,
    batch_environment,
    scan_chunk,
)

COMMIT_SECONDS = 10.0
STATE_FORMAT = 2  # 2: author records carry what the user-level reading needs

Progress = Callable[[int, int], None]  # (rows done, input units done)


class ScanInterrupted(Exception):
    """The scan was stopped (Ctrl+C); everything up to `rows` is committed."""

    def __init__(self, rows: int) -> None:
        super().__init__(f"stopped after {rows:,} rows")
        self.rows = rows


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_local(job: ScanJob, reader: Reader, progress: Progress | None = None) -> ScanSummary:
    """Run `job` on this machine and return its summary."""
    batch_environment()
    from waylight.core.textrisk import Detector
    from waylight.core.versions import detector_versions

    Detector.batch()  # loaded once before forking: every worker shares it
    versions = detector_versions()
    started = time.monotonic()
    state = _start_state(job, versions.__dict__)
    resumed_at = int(state["rows"]) if state else 0
    work = job.work_dir
    work.mkdir(parents=True, exist_ok=True)
    output = open_output(job.output, job.output_format, work, state["output"] if state else None)
    posts = None
    if job.fields.author:
        parts = state["authors"]["parts"] if state and state.get("authors") else None
        posts = PartsOutput(work / "posts", "posts", author_schema(), parts)
    counts = ChunkCounts.from_dict(state["counts"]) if state else ChunkCounts()
    rows = resumed_at
    units = int(state["progress"]) if state else 0
    committed = rows  # rows in the last checkpoint

    def commit() -> None:
        nonlocal committed
        _save_state(
            job,
            versions.__dict__,
            rows=rows,
            output=output.commit(),
            authors=posts.commit() if posts else None,
            counts=counts,
            progress=units,
        )
        committed = rows

    commit()
    last_commit_time = time.monotonic()
    workers = job.workers or default_workers()
    try:
        for result in _results(reader.chunks(skip=resumed_at), job, workers):
            output.write(result.payload)
            if posts is not None:
                posts.write(result.authors)
            counts.merge(result.counts)
            rows += result.counts.rows
            units = result.progress
            if progress:
                progress(rows, units)
            if rows - committed >= job.checkpoint_rows or (
                time.monotonic() - last_commit_time >= COMMIT_SECONDS
            ):
                commit()
                last_commit_time = time.monotonic()
    except KeyboardInterrupt:
        # Ctrl+C can land between writing a chunk and counting it: keep the last checkpoint,
        # as after a kill; --resume cuts off whatever was written after it.
        output.close()
        if posts:
            posts.close()
        raise ScanInterrupted(committed) from None
    commit()
    summary = ScanSummary(engine="local", output=job.output, counts=counts, resumed_at=resumed_at)
    if posts is not None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = posts.committed_parts()
        table = (
            pa.concat_tables(pq.read_table(p, schema=author_schema()) for p in parts)
            if parts
            else author_schema().empty_table()
        )
        alerts = alerts_table(table)
        summary.authors_output = authors_path(job.output)
        write_alerts(alerts, summary.authors_output, job.output_format)
        summary.authors = alerts.num_rows
        flags = alerts.column("alert").to_pylist()
        reasons = alerts.column("reason").to_pylist()
        summary.alerts = sum(1 for f in flags if f)
        summary.urgent_alerts = sum(1 for r in reasons if r == "urgent_post")
    output.finish()
    shutil.rmtree(work, ignore_errors=True)
    summary.seconds = time.monotonic() - started
    return summary


# ------------------------------------------------------------------------------ workers


def _results(chunks: Iterator[RawChunk], job: ScanJob, workers: int) -> Iterator[ChunkResult]:
    """Each chunk's result, in input order, scored here or by `workers` processes."""
    if workers <= 1:
        for chunk in chunks:
            yield scan_chunk(chunk, job.fields, job.output_format)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pending: deque[Any] = deque()
    with context.Pool(workers, initializer=_worker_start) as pool:
        try:
            for chunk in chunks:
                pending.append(pool.apply_async(scan_chunk, (chunk, job.fields, job.output_format)))
                while pending and (pending[0].ready() or len(pending) >= 2 * workers):
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
        except BaseException:
            pool.terminate()
            raise


def _worker_start() -> None:
    import signal

    # Ctrl+C goes to the whole process group: the parent decides what to do, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    batch_environment()
    from waylight.core.textrisk import Detector

    Detector.batch()


# ------------------------------------------------------------------------------ checkpoints


def _state_path(job: ScanJob) -> Path:
    return job.work_dir / "state.json"


def _identity(job: ScanJob, versions: dict[str, str]) -> dict[str, Any]:
    return {
        "format": STATE_FORMAT,
        "input": str(job.input.resolve()),
        "input_file": file_identity(job.input),
        "input_format": job.input_format,
        "output_format": job.output_format,
        "fields": job.fields.to_dict(),
        "versions": versions,
    }


def _start_state(job: ScanJob, versions: dict[str, str]) -> dict[str, Any] | None:
    """The checkpoint to resume from, or None for a fresh scan (after checking the options)."""
    path = _state_path(job)
    if not path.exists():
        if job.work_dir.exists():
            shutil.rmtree(job.work_dir)  # stopped before its first checkpoint: start again
        return None
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputProblem(
            f"the checkpoint {path} cannot be read ({exc}); delete {job.work_dir} to start again"
        ) from exc
    if not job.resume:
        raise InputProblem(
            f"{job.output.name} has an unfinished scan ({int(state.get('rows', 0)):,} rows "
            f"done): add --resume to continue it, or delete {job.work_dir} to start again"
        )
    expected = _identity(job, versions)
    for key, value in expected.items():
        if state.get(key) != value:
            raise InputProblem(
                f"cannot resume: the {key.replace('_', ' ')} differs from the interrupted "
                f"scan's ({state.get(key)!r} then, {value!r} now); run the scan as it was, or "
                f"delete {job.work_dir} to start again"
            )
    return state


def _save_state(job: ScanJob, versions: dict[str, str], **progress: Any) -> None:
    state = _identity(job, versions)
    counts = progress.pop("counts")
    state.update(progress)
    state["counts"] = counts.to_dict()
    path = _state_path(job)
    tmp = path.with_name("state.json.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(state, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)
