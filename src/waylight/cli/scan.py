"""`waylight scan`: screen a file of texts (JSON lines, CSV or Parquet) at scale.

    waylight scan posts.jsonl -o results.parquet
    waylight scan posts.csv -o results.csv --text-field body --id-field post_id
    waylight scan posts.parquet -o results.parquet --author-field user --time-field created
    waylight scan posts.jsonl -o results.jsonl --resume          # continue an interrupted scan
    waylight scan posts.parquet -o results --engine spark         # the same job on Spark

One output row per input row, in order, with a fixed set of columns; the options, columns,
files and exit codes are in docs/cli.md ("scan") and docs/batch.md. Results are signals for a
human reader, never a diagnosis.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from waylight.cli.errors import BadInput

if TYPE_CHECKING:
    from waylight.batch.job import ScanJob, ScanSummary

EXIT_FAILED = 1
EXIT_STOPPED = 130


@click.command(name="scan")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    "output_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the results (format from its extension; see --output-format).",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help="Input format (default: from INPUT's extension).",
)
@click.option(
    "--output-format",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help="Output format (default: from OUTPUT's extension, else the input's format).",
)
@click.option("--text-field", default="text", show_default=True, help="Field with the text.")
@click.option("--id-field", default="id", show_default=True, help="Field with each row's id.")
@click.option("--author-field", help="Field with the author: writes the authors output too.")
@click.option("--time-field", help="Field with the post's time (ISO 8601 or epoch seconds).")
@click.option(
    "--workers",
    type=click.IntRange(0, 256),
    default=0,
    show_default="0: one per core",
    help="Local engine: worker processes.",
)
@click.option("--resume", is_flag=True, help="Continue an interrupted scan of the same files.")
@click.option(
    "--checkpoint-rows",
    type=click.IntRange(1, 10_000_000),
    default=20_000,
    show_default=True,
    help="Local engine: save progress every N rows (at most N rows are redone on --resume).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Run here (local) or as a Spark job (needs the spark extra).",
)
@click.option("--master", help="Spark master URL (default local[*]); only with --engine spark.")
@click.option(
    "--country", "-c", metavar="CC", help="Country for the help-now lines in the summary."
)
def scan(
    input_path: Path,
    output_path: Path,
    input_format: str | None,
    output_format: str | None,
    text_field: str,
    id_field: str,
    author_field: str | None,
    time_field: str | None,
    workers: int,
    resume: bool,
    checkpoint_rows: int,
    engine: str,
    master: str | None,
    country: str | None,
) -> None:
    """Look for risk signals in every text of INPUT and write one result row per input row.

    Results are signals for a person to look at, not a diagnosis. If you are in danger now,
    call your local emergency number or run `waylight help-now`.
    """
    from waylight.batch.work import batch_environment

    # A scan is a batch job, whether run by hand or by a scheduler: like its workers, it
    # writes nothing under $HOME (the content loader validates in memory instead of caching).
    batch_environment()
    from waylight.batch.inputs import Fields, InputProblem, Reader, detect_format, format_of
    from waylight.batch.job import ScanJob
    from waylight.cli.errors import input_errors
    from waylight.core.textrisk.result import check_country

    with input_errors():
        check_country(country)
    if master and engine != "spark":
        raise BadInput("--master needs --engine spark.")
    if time_field and not author_field:
        raise BadInput("--time-field orders each author's posts: give --author-field too.")
    fields = Fields(
        text=text_field,
        id=id_field,
        author=author_field,
        time=time_field,
        id_given=_given("id_field"),
    )
    try:
        in_fmt = detect_format(input_path, input_format)
        out_fmt = output_format or format_of(output_path) or in_fmt
        if output_path.resolve() == input_path.resolve():
            raise InputProblem("OUTPUT is the INPUT file: choose another output path")
        if not output_path.parent.exists():
            raise InputProblem(f"the output folder does not exist: {output_path.parent}")
        if engine == "local" and output_path.is_dir():
            raise InputProblem(f"OUTPUT is a folder (a Spark result?): {output_path}")
        job = ScanJob(
            input_path, in_fmt, output_path, out_fmt, fields, workers, resume, checkpoint_rows
        )
        if engine == "spark":
            summary = _run_spark(job, master)
        else:
            reader = Reader(input_path, in_fmt, fields)
            summary = _run_local(job, reader)
    except InputProblem as exc:
        raise BadInput(str(exc)) from exc
    except OSError as exc:  # a full disk, a folder we may not write to, ...
        where = f" ({exc.filename})" if exc.filename else ""
        click.echo(
            f"Error: the scan stopped: {exc.strerror or exc}{where}. Rows up to the last "
            "checkpoint are saved: fix the cause and run the same command with --resume.",
            err=True,
        )
        sys.exit(EXIT_FAILED)
    print_summary(summary, country)


def _given(param: str) -> bool:
    ctx = click.get_current_context()
    source = ctx.get_parameter_source(param)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def _run_local(job: ScanJob, reader: Any) -> ScanSummary:
    from waylight.batch.local import ScanInterrupted, run_local

    try:
        if not sys.stderr.isatty():
            return run_local(job, reader)
        with _ProgressBar(reader.total, reader.unit) as bar:
            return run_local(job, reader, bar.update)
    except ScanInterrupted as exc:
        click.echo(
            f"Stopped. The first {exc.rows:,} rows are saved (the last checkpoint); run the "
            "same command with --resume to continue from there.",
            err=True,
        )
        sys.exit(EXIT_STOPPED)


def _run_spark(job: ScanJob, master: str | None) -> ScanSummary:
    if job.resume:
        raise BadInput(
            "--resume is for the local engine; Spark reruns failed tasks itself and writes "
            "its output only when the whole job succeeds."
        )
    try:
        from waylight.batch.spark import run_spark
    except ImportError as exc:
        raise BadInput(
            "the Spark engine needs PySpark: pip install 'waylight[spark]' (and Java 17)"
        ) from exc
    return run_spark(job, master=master or "local[*]")


class _ProgressBar:
    """A Rich progress bar on stderr: share done, rows, rows per second and time left."""

    def __init__(self, total: int, unit: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("Scanning"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]:,} rows"),
            TextColumn("{task.fields[rate]:,.0f} rows/s"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("scan", total=max(total, 1), rows=0, rate=0.0)
        self.unit = unit
        self._start: float | None = None
        self._first_rows = 0

    def __enter__(self) -> _ProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, rows: int, units: int) -> None:
        import time

        now = time.monotonic()
        if self._start is None:
            self._start, self._first_rows = now, 0
        elapsed = max(now - self._start, 1e-6)
        self.progress.update(
            self.task, completed=units, rows=rows, rate=(rows - self._first_rows) / elapsed
        )


def print_summary(summary: ScanSummary, country: str | None) -> None:
    """The end-of-scan summary: counts, where the output went, and help now, listed once."""
    c = summary.counts
    rate = (c.rows - summary.resumed_at) / summary.seconds if summary.seconds else 0.0
    lines = [
        f"Scanned {c.rows:,} rows with the {summary.engine} engine in "
        f"{_duration(summary.seconds)} ({rate:,.0f} rows/s)"
        + (f", resumed after row {summary.resumed_at:,}." if summary.resumed_at else "."),
        f"Results: {summary.output}",
        "Concern: "
        + ", ".join(
            f"{tier} {c.tiers.get(tier, 0):,}" for tier in ("urgent", "concern", "watch", "none")
        ),
        f"Rows with an error (no result, see the error column): {c.errors:,}",
    ]
    for row, ident, error in c.error_examples[:3]:
        lines.append(f"  row {row:,}{_id(ident)}: {error}")
    if c.cut:
        lines.append(f"Texts cut (read in part, noted in the error column): {c.cut:,}")
    if summary.authors_output is not None:
        lines.append(
            f"Authors: {summary.authors:,}, early-warning alerts: {summary.alerts:,} "
            f"({summary.urgent_alerts:,} raised by an urgent post): {summary.authors_output}"
        )
    urgent = c.tiers.get("urgent", 0)
    if urgent:
        shown = ", ".join(f"row {r:,}{_id(i)}" for r, i in c.urgent_examples[:5])
        lines.append(f"Urgent rows (act now): {urgent:,}, the first: {shown}")
    for line in lines:
        click.echo(line)
    _print_help_now(country, urgent > 0)
    click.echo(
        "These are signals for a human reader, not a diagnosis; a 'none' never means "
        "someone is safe."
    )


def _id(ident: str | None) -> str:
    return f" (id {ident})" if ident is not None else ""


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s"


def _print_help_now(country: str | None, urgent: bool) -> None:
    """Help-now resources once for the whole scan (never per row), first when rows are urgent."""
    from waylight.core.resources import help_for

    help_ = help_for(country)
    resources = help_.to_resources()
    emergency, services = resources[0], resources[1:]
    if not urgent:
        number = f"call {emergency['phone']} or " if emergency.get("phone") else ""
        click.echo(
            f"If someone may be in danger now, {number}run `waylight help-now --country CC`."
        )
        return
    click.echo("Help now, for the people behind the urgent rows:")
    if emergency.get("phone"):
        click.echo(f"  In danger now: call {emergency['phone']} (emergency services).")
    elif emergency.get("notes"):
        click.echo(f"  {emergency['notes']}")
    for service in services[:4]:
        parts = [str(service["name"])]
        for key in ("phone", "text", "chat_url", "hours"):
            if service.get(key):
                parts.append(("call " if key == "phone" else "") + str(service[key]))
        click.echo("  " + ", ".join(parts))
    click.echo("  More lines and other countries: waylight help-now --country CC")
