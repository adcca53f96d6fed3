"""`waylight signs`: worried about someone? Go through what you noticed, get guidance.

    waylight signs                                   # in a terminal: tick what you noticed
    waylight signs --checked obs-withdrawing,obs-numb --json

Not a validated test and never a score about the other person: the output is what to do next,
and it always ends with where to get help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from waylight.cli.errors import emit_json, input_errors
from waylight.cli.i18n import _, current, lang_option
from waylight.cli.score import (
    Stopped,
    interactive_terminal,
    make_console,
    stopped_message,
)

if TYPE_CHECKING:
    from rich.console import Console

    from waylight.core.observer import Checklist, ObserverGuidance


def render_checklist(
    console: Console, checklist: Checklist, *, show_ids: bool = False
) -> list[str]:
    """Print the checklist with numbers (and ids, for --checked); return the ids in order."""
    from rich.panel import Panel

    console.print(Panel(f"{checklist.intro}\n\n{checklist.about}", title=checklist.title))
    numbered: list[str] = []
    for group in checklist.groups:
        console.print(f"\n[bold]{group.title}[/]")
        for item in group.items:
            numbered.append(item.id)
            label = f"  {len(numbered):>2}  {item.text}"
            console.print(label + (f"  [dim]({item.id})[/]" if show_ids else ""))
    return numbered


def ask_checked(console: Console, numbered: list[str]) -> list[str]:
    """Ask for the numbers that apply, until the reply is usable."""
    from rich.prompt import Prompt

    while True:
        try:
            reply = Prompt.ask(
                "\n"
                + _("Type the numbers that apply, separated by commas (or press Enter for none)"),
                console=console,
                default="",
                show_default=False,
            )
        except (EOFError, KeyboardInterrupt) as exc:
            raise Stopped from exc
        parts = [p.strip() for p in reply.replace(" ", ",").split(",") if p.strip()]
        if all(p.isascii() and p.isdigit() and 1 <= int(p) <= len(numbered) for p in parts):
            return [numbered[int(p) - 1] for p in parts]
        console.print(
            _("Please use numbers from 1 to {last}, for example: 3, 7").format(last=len(numbered))
        )


def render_guidance(console: Console, guidance: ObserverGuidance) -> None:
    """Guidance panels: help-now first when it is needed, where to get help always last."""
    from rich.panel import Panel
    from rich.text import Text

    from waylight.cli.crisis import render_help_panel
    from waylight.core.assess import load_wording

    wording = load_wording(current())
    if guidance.help_now:
        headline = Text(guidance.headline, style="bold")
        console.print(Panel(headline, title=_("Help now"), title_align="left", border_style="red"))
        render_help_panel(
            console,
            guidance.country_help,
            heading=_("Help now"),
            intro=wording.help_now_intro,
            border="red",
        )
    else:
        console.print(Panel(guidance.headline, title=_("What you noticed")))
    for section in (*guidance.group_guidance, *guidance.sections):
        body = "\n".join(f"• {point}" for point in section.points)
        console.print(Panel(body, title=section.title, title_align="left"))
    console.print(Text(guidance.about, style="dim"))
    render_help_panel(
        console, guidance.country_help, heading=wording.help_heading, intro=wording.help_always
    )


@click.command(name="signs")
@click.option("--checked", help="Checklist item ids you noticed, comma-separated.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--country", "-c", help="ISO country code for help-now resources, e.g. GB, US.")
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Tick items one by one (the default in a terminal without --checked).",
)
@lang_option
def signs(checked: str | None, as_json: bool, country: str | None, interactive: bool) -> None:
    """Worried about someone? Go through the signs and get guidance on what to do next.

    This checklist is not a validated test and gives no score.
    """
    from waylight.core.observer import guide, load_checklist

    checklist = load_checklist(current())
    console = make_console(stderr=as_json)
    with input_errors():
        if checked is not None:
            ids = [part.strip() for part in checked.split(",") if part.strip()]
        elif interactive or interactive_terminal():
            numbered = render_checklist(console, checklist)
            try:
                ids = ask_checked(console, numbered)
            except Stopped:
                stopped_message(console, country)
                raise SystemExit(1) from None
        else:
            ids = []
            if not as_json:
                render_checklist(console, checklist, show_ids=True)
                console.print(
                    "\n" + _("Tick items with --checked ID,ID. General guidance follows.") + "\n"
                )
        guidance = guide(ids, country=country, lang=current())
    if as_json:
        emit_json({**checklist.to_dict(), "guidance": guidance.to_dict()})
    else:
        render_guidance(console, guidance)
