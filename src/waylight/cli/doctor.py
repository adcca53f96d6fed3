"""`waylight doctor`: check the shipped content and crisis lines for problems.

    waylight doctor                 # human report
    waylight doctor --json          # one JSON object (docs/cli.md, "doctor")
    waylight doctor --today 2027-12-01 --strict

Exit code 0 when there are no errors, 1 when there are (with --strict, warnings count too),
2 for bad input. Crisis lines honestly marked unverified are listed as info and never fail the
check: people see them with a caveat. Run it before each release: crisis-line numbers change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from waylight.cli.errors import BadInput, emit_json

if TYPE_CHECKING:
    from waylight.core.doctor import DoctorReport


def _parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(
            f"--today must be a date as YYYY-MM-DD, for example 2027-01-31 (got {value!r})."
        ) from None


@click.command(name="doctor")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see docs/cli.md).")
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Check as if today were this date (crisis lines older than 12 months are stale).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) on warnings too. Lines honestly marked unverified stay info.",
)
@click.option(
    "--content-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Check another content folder instead of the shipped one.",
)
@click.option(
    "--templates-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Check another templates folder instead of the shipped one.",
)
def doctor(
    as_json: bool,
    today: str | None,
    strict: bool,
    content_root: Path | None,
    templates_root: Path | None,
) -> None:
    """Check the shipped content and crisis lines for problems.

    Reports verified crisis lines last checked more than 12 months ago, lines not yet checked
    against the service's own page (info, with the age of their sources), content files that
    fail their schema, and shipped text that breaks the safe-messaging rules.
    Exit code 0: no errors; 1: errors found (or warnings, with --strict).
    """
    import waylight
    from waylight.core.doctor import run_checks

    day = _parse_today(today)
    package = Path(waylight.__file__).parent
    if content_root is None:
        content_root = package / "content"
        if templates_root is None:
            templates_root = package / "web" / "templates"
    report = run_checks(content_root, templates_root=templates_root, today=day)
    if as_json:
        emit_json(report.to_dict() | {"strict": strict, "ok": report.exit_code(strict=strict) == 0})
    else:
        _print_report(report, strict=strict)
    raise SystemExit(report.exit_code(strict=strict))


def _print_report(report: DoctorReport, *, strict: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan", "note": "dim"}
    headings = {"error": "Errors", "warning": "Warnings", "info": "Info", "note": "Notes"}
    for severity in ("error", "warning", "info", "note"):
        problems = report.of(severity)
        if not problems:
            continue
        console.print(Text(f"{headings[severity]} ({len(problems)})", style=styles[severity]))
        for problem in problems:
            line = Text(f"  {problem.where}", style="bold")
            line.append(f"  [{problem.check}] {problem.message}", style="")
            console.print(line)
        console.print()
    summary = (
        f"{len(report.of('error'))} errors, {len(report.of('warning'))} warnings, "
        f"{len(report.of('info'))} info, {len(report.of('note'))} notes; "
        f"{report.files_checked} files checked against their schemas, as of {report.today}."
    )
    console.print(summary)
    console.print(
        f"Crisis entries: {report.crisis_entries_checked}, of which "
        f"{report.crisis_entries_verified} checked against the service's own page in the last "
        "12 months; the others are shown to people as not yet checked."
    )
    if report.exit_code(strict=strict) == 0:
        console.print(Text("No problems that block a release.", style="green"))
    else:
        console.print(Text("Problems found: fix them before a release.", style="bold red"))
