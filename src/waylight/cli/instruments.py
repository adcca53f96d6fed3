"""`waylight instruments`: the questionnaires Waylight offers, with citation and licence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from waylight.cli.errors import emit_json

if TYPE_CHECKING:
    from waylight.core.instruments import Instrument


def describe(instrument: Instrument) -> dict[str, Any]:
    """The `instruments --json` entry for one instrument."""
    return {
        "id": instrument.id,
        "title": instrument.title,
        "short_title": instrument.short_title,
        "items": len(instrument.items),
        "answers": instrument.expected_count(),
        "answer_format": instrument.answer_pattern(),
        "audience": instrument.audience,
        "recall_period": instrument.recall_period,
        "version": instrument.version,
        "citation": instrument.citation,
        "licence": instrument.licence,
        "source_url": instrument.source_url,
    }


@click.command(name="instruments")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def instruments(as_json: bool) -> None:
    """List the questionnaires Waylight offers, with their citation and licence.

    C-SSRS is not offered as a questionnaire: its text is licensed. A professional may record
    the result of a C-SSRS screen given elsewhere.
    """
    from waylight.core.instruments import list_instruments

    shipped = list_instruments()
    if as_json:
        emit_json([describe(i) for i in shipped])
        return
    from rich.console import Console
    from rich.panel import Panel
    from rich.text import Text

    console = Console(highlight=False)
    for instrument in shipped:
        body = Text()
        body.append(f"{len(instrument.items)} questions · {instrument.audience}\n")
        body.append(f"Answers: {instrument.expected_count()} ({instrument.answer_pattern()})\n")
        body.append(f"Version: {instrument.version}\n")
        body.append(f"Citation: {instrument.citation}\n")
        body.append(f"Licence: {instrument.licence}", style="dim")
        title = f"{instrument.id}: {instrument.title}"
        console.print(Panel(body, title=title, title_align="left"))
    console.print(
        "Start one with `waylight score ID`. C-SSRS is not embedded (its text is licensed); "
        "the ASQ is the self-report suicide screen."
    )
