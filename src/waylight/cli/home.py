"""`waylight home`: the interactive start screen (learn, check myself, worried, help now).

A small menu that calls the other commands' own functions, so the home adds no logic of its
own. Help now is always one key away, and is listed first on every screen.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

import click

from waylight.cli.errors import input_errors
from waylight.cli.i18n import _, current, gettext_noop, lang_option
from waylight.cli.score import (
    Stopped,
    make_console,
    render_result,
    run_interactive,
)

if TYPE_CHECKING:
    from rich.console import Console

MENU = (
    ("1", gettext_noop("Learn about self-harm and depression")),
    ("2", gettext_noop("Check how I am doing (a short questionnaire)")),
    ("3", gettext_noop("I'm worried about someone")),
    ("4", gettext_noop("Help now: crisis lines and the emergency number")),
    ("q", gettext_noop("Quit")),
)

WELCOME = gettext_noop(
    "Welcome to Waylight. Nothing you type here is saved or sent anywhere.\n"
    "If you are in danger now, choose 4 or call your local emergency number."
)


def country_from_environment() -> str | None:
    """A best guess from the terminal's language and time zone (LANG=en_GB.UTF-8, TZ=...)."""
    from waylight.core.resources import guess_country

    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    tag = lang.split(".")[0].replace("_", "-")
    tag = "" if tag in ("C", "POSIX") else tag
    try:
        return guess_country(tag or None, os.environ.get("TZ") or None)
    except Exception:  # a guess must never stop the home screen from opening
        return None


def choose(console: Console, prompt: str, keys: list[str]) -> str:
    """A menu choice; end of input or Ctrl+C counts as quitting."""
    from rich.prompt import Prompt

    try:
        reply: str = Prompt.ask(prompt, console=console, choices=keys, show_choices=False)
    except (EOFError, KeyboardInterrupt):
        return "q"
    return reply


def show_help_now(console: Console, country: str | None) -> None:
    from waylight.cli.crisis import render_help_panel
    from waylight.core.assess import load_wording
    from waylight.core.resources import help_for

    intro = load_wording(current()).help_now_intro
    render_help_panel(
        console, help_for(country, lang=current()), heading=_("Help now"), intro=intro, border="red"
    )


def learn(ctx: click.Context, console: Console) -> None:
    """Open the knowledge base through the learn command's module, if it is installed."""
    try:
        module = importlib.import_module("waylight.cli.learn")
    except ImportError:
        console.print(_("The knowledge base is not available in this installation yet."))
        return
    command: click.Command = module.learn
    words = ""
    if "query" in {param.name for param in command.params}:
        from rich.prompt import Prompt

        try:
            words = Prompt.ask(
                _("What would you like to know? Type a few words, or press Enter for the overview"),
                console=console,
                default="",
                show_default=False,
            ).strip()
        except (EOFError, KeyboardInterrupt):
            return
    if words:
        ctx.invoke(command, query=words)
    else:
        ctx.invoke(command)


def check_myself(console: Console, country: str | None) -> None:
    from waylight.core.instruments import list_instruments

    shipped = list_instruments(current())
    console.print("\n[bold]" + _("Which questionnaire?") + "[/]")
    for n, instrument in enumerate(shipped, 1):
        count = _("{count} questions").format(count=len(instrument.items))
        in_english = " · " + _("in English") if instrument.shown_in_other_language else ""
        console.print(f"  {n}  {instrument.title} ({count}{in_english})")
    console.print(
        "  [dim]"
        + _(
            "PHQ-9 (or PHQ-A for ages 12 to 18) asks about mood, GAD-7 about worry, "
            "ASQ about thoughts of suicide."
        )
        + "[/]"
    )
    keys = [str(n) for n in range(1, len(shipped) + 1)]
    reply = choose(console, _("Choose a number (or q to go back)"), [*keys, "q"])
    if reply == "q":
        return
    try:
        result = run_interactive(console, shipped[int(reply) - 1].id, country)
    except Stopped:
        console.print("\n" + _("Stopped. Nothing was saved."))
        show_help_now(console, country)
        return
    render_result(console, result)


def worried(console: Console, country: str | None) -> None:
    from waylight.cli.signs import ask_checked, render_checklist, render_guidance
    from waylight.core.observer import guide, load_checklist

    numbered = render_checklist(console, load_checklist(current()))
    try:
        ids = ask_checked(console, numbered)
    except Stopped:
        show_help_now(console, country)
        return
    render_guidance(console, guide(ids, country=country, lang=current()))


@click.command(name="home")
@click.option("--country", "-c", help="ISO country code for help-now resources, e.g. GB, US.")
@lang_option
@click.pass_context
def home(ctx: click.Context, country: str | None) -> None:
    """Start here: learn, check how you are doing, worried about someone, help now."""
    from rich.panel import Panel

    from waylight.core.resources import help_for

    console = make_console()
    with input_errors():
        if country is None:
            country = country_from_environment()
        else:
            help_for(country)  # an unknown code stops here with a clear message
    console.print(Panel(_(WELCOME), title="Waylight", title_align="left"))
    while True:
        console.print()
        for key, label in MENU:
            console.print(f"  [bold]{key}[/]  {_(label)}")
        reply = choose(console, _("Choose"), [key for key, _label in MENU])
        if reply == "q":
            from waylight.cli.crisis import help_now_command

            console.print(
                _("Take care. Help is there any time: run `{command}`.").format(
                    command=help_now_command()
                )
            )
            return
        with input_errors():
            if reply == "1":
                learn(ctx, console)
            elif reply == "2":
                check_myself(console, country)
            elif reply == "3":
                worried(console, country)
            else:
                show_help_now(console, country)
