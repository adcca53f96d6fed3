"""Waylight's command line.

Each command lives in its own module and is imported only when it runs, so `waylight --help`
stays fast (SPEC section 7: under 300 ms). To add a command, add one line to `COMMANDS`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

# name -> (module, attribute, one-line help shown by `waylight --help` without importing it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "home": (
        "waylight.cli.home",
        "home",
        "Start here: learn, check, worried about someone, help now.",
    ),
    "help-now": (
        "waylight.cli.help_now",
        "help_now",
        "Crisis lines and the emergency number for a country.",
    ),
    "learn": (
        "waylight.cli.learn",
        "learn",
        "Read the knowledge base, or search it in everyday words.",
    ),
    "signs": (
        "waylight.cli.signs",
        "signs",
        "Worried about someone? Go through the signs together.",
    ),
    "instruments": (
        "waylight.cli.instruments",
        "instruments",
        "List the questionnaires Waylight offers.",
    ),
    "score": (
        "waylight.cli.score",
        "score",
        "Answer or score a questionnaire (PHQ-9, GAD-7, ASQ, ...).",
    ),
    "check-text": ("waylight.cli.check_text", "check_text", "Look for risk signals in a text."),
    "scan": (
        "waylight.cli.scan",
        "scan",
        "Screen a file of texts (JSON lines, CSV, Parquet) at scale.",
    ),
    "doctor": (
        "waylight.cli.doctor",
        "doctor",
        "Check the shipped content and crisis lines for problems.",
    ),
    "serve": ("waylight.cli.serve", "serve", "Run the Waylight web app."),
    "keys": ("waylight.cli.keys", "keys", "Make, rotate and apply the encryption keys."),
    "apikey": (
        "waylight.cli.apikey",
        "apikey",
        "Make, list and revoke the API keys platforms send posts with.",
    ),
    "reviewer": (
        "waylight.cli.reviewer",
        "reviewer",
        "Add, remove and list the triage queue's reviewers.",
    ),
    "queue": (
        "waylight.cli.queue",
        "queue",
        "Triage queue upkeep: purge, export false alarms, send webhooks.",
    ),
    "audit": (
        "waylight.cli.audit",
        "audit",
        "Check the audit log of who looked at a person's data.",
    ),
    "admin": (
        "waylight.cli.admin",
        "admin",
        "Team tasks: make an admin account, verify a professional.",
    ),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr, _ = entry
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text comes from COMMANDS so that --help imports no command module.
        rows = [(name, short) for name, (_, _, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


HELP = """Waylight: help around self-harm and depression.

If you are in danger now, call your local emergency number, or run `waylight help-now`.
"""


@click.group(cls=LazyGroup, help=HELP, invoke_without_command=True)
@click.version_option(package_name="waylight")
@click.pass_context
def cli(ctx: click.Context) -> None:
    from waylight.cli.i18n import reset

    # English unless the command's own --lang (or WAYLIGHT_LANG) says otherwise; set afresh for
    # every command, so one command's language never carries over to the next in one process.
    reset()
    if ctx.invoked_subcommand is None:
        # A person who types `waylight` alone gets the friendly home, not a usage screen.
        ctx.invoke(cli.get_command(ctx, "home"))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the `waylight` console script.

    Errors the core raises on purpose (bad answers, unknown country, ...) become a one-line
    message and exit code 2, never a stack trace.
    """
    from waylight.core.errors import WaylightError

    try:
        return cli.main(args=argv, prog_name="waylight", standalone_mode=True)
    except WaylightError as exc:  # pragma: no cover - commands catch their own; last resort
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
