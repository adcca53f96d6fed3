"""`waylight score`: answer a questionnaire one question at a time, or score given answers.

    waylight score phq9 --answers 0,1,2,0,0,1,0,0,0 --json
    waylight score asq                      # in a terminal: one question at a time

Every result, whatever it says, ends with where to get help for the person's country.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from waylight.cli.errors import BadInput, emit_json, input_errors
from waylight.cli.i18n import _, current, lang_option

if TYPE_CHECKING:
    from rich.console import Console

    from waylight.core.assess import ScreeningResult
    from waylight.core.instruments import Instrument, Item


class Stopped(Exception):
    """The person stopped the questionnaire (Ctrl+C or end of input)."""


def interactive_terminal() -> bool:
    """Whether a person is typing: both ends of the terminal are attached."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def make_console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # highlight=False: rich would otherwise colour numbers, which reads oddly in phone numbers.
    return Console(highlight=False, stderr=stderr)


# -- results ----------------------------------------------------------------------------------


def render_result(console: Console, result: ScreeningResult) -> None:
    """The result panel; it always ends with where to get help.

    When a hard trigger fires, a "Help now" panel comes first with the trigger's reasons and
    its next step, and the total is shown with a note that it cannot show how safe someone is.
    """
    from rich.panel import Panel
    from rich.text import Text

    from waylight.cli.crisis import render_help_panel

    if result.help_now:
        urgent = Text(_("Please reach out for help.") + "\n", style="bold")
        for flag in result.hard_flags:
            urgent.append(f"\n• {flag.reason}")
        urgent.append(f"\n\n{result.next_steps[0]}")
        urgent.append("\n\n" + _("The contacts are listed at the end of this result."))
        console.print(Panel(urgent, title=_("Help now"), title_align="left", border_style="red"))

    body = Text()
    if result.total is not None:
        score_line = _("Score: {total} of {maximum}").format(
            total=result.total, maximum=result.max_total
        )
        body.append(score_line, style="bold")
        if result.total_note:
            body.append(f"\n{result.total_note}\n")
        else:
            body.append(f" ({result.band_label})\n")
    if result.result_label:
        body.append(_("Result: {label}").format(label=result.result_label) + "\n", style="bold")
    soft = [flag for flag in result.flags if not flag.hard]
    if soft:
        body.append("\n" + _("What stands out") + "\n", style="bold")
        for flag in soft:
            body.append(f"• {flag.reason}\n")
    body.append("\n" + _("Next steps") + "\n", style="bold")
    for n, step in enumerate(result.next_steps, 1):
        body.append(f"{n}. {step}\n")
    body.append("\n" + _("About this result: {about}").format(about=result.about) + "\n")
    body.append(f"\n{result.attribution}", style="dim")
    title = _("{questionnaire}: your result").format(questionnaire=result.title)
    console.print(Panel(body, title=title, title_align="left"))
    render_help_panel(
        console, result.country_help, heading=result.help_heading, intro=result.help_always
    )


# -- the questionnaire --------------------------------------------------------------------------


def option_keys(item: Item) -> list[tuple[str, int | str, str]]:
    """(key typed, value, label): numbers keep their value, words are numbered from 1."""
    if item.numeric:
        return [(str(o.value), o.value, o.label) for o in item.options]
    return [(str(n), o.value, o.label) for n, o in enumerate(item.options, 1)]


def ask_one(console: Console, item: Item) -> int | str | None:
    """One answer, typed as its number, or for yes/no items also as the word itself."""
    from rich.prompt import Prompt

    keys = option_keys(item)
    accepted: dict[str, int | str] = {}
    for key, value, label in keys:
        accepted[key] = value
        if not item.numeric:
            accepted[str(value).lower()] = value
            accepted[label.lower()] = value
    if not item.numeric:
        initials = [str(value)[0].lower() for _key, value, _label in keys]
        for (_key, value, _label), initial in zip(keys, initials, strict=True):
            if initials.count(initial) == 1:
                accepted.setdefault(initial, value)  # "y", "n", "r"
    prompt = _("Your answer") if item.required else _("Your answer (or press Enter to skip)")
    while True:
        try:
            reply = Prompt.ask(prompt, console=console, default="", show_default=False)
        except (EOFError, KeyboardInterrupt) as exc:
            raise Stopped from exc
        reply = reply.strip().lower()
        if reply in accepted:
            return accepted[reply]
        if not reply and not item.required:
            return None
        allowed = ", ".join(key for key, _value, _label in keys)
        console.print(_("Please type one of: {allowed}.").format(allowed=allowed))


def ask_questions(console: Console, instrument: Instrument) -> list[str]:
    """Ask every question that applies, one at a time; return the answers in item order.

    Which question comes next is the core's `next_item`, the same sequence the web follows.
    """
    from rich.panel import Panel

    from waylight.core.questions import next_item, question_stem
    from waylight.core.rules import Answer

    intro = [instrument.title, ""]
    if instrument.shown_in_other_language and instrument.language_note:
        intro += [instrument.language_note, ""]
    intro.append(_("Time span: {period}.").format(period=instrument.recall_period))
    intro.append(
        _(
            "Type the number of your answer and press Enter. "
            "Press Ctrl+C to stop at any time; nothing is saved."
        )
    )
    console.print(Panel("\n".join(intro), title=_("Check how you are doing"), title_align="left"))
    so_far: list[Answer] = []
    while (item := next_item(instrument, so_far)) is not None:
        so_far.extend([None] * (instrument.items.index(item) - len(so_far)))  # not asked
        of = max(instrument.min_answers, item.number)
        console.print("\n[dim]" + _("Question {n} of {total}").format(n=item.id, total=of) + "[/]")
        stem = question_stem(instrument, item)
        if stem:
            console.print(stem)
        console.print(f"[bold]{item.text}[/]")
        keys = option_keys(item)
        for key, _value, label in keys:
            console.print(f"  [bold]{key}[/]  {label}")
        so_far.append(ask_one(console, item))
    answers = ["" if value is None else str(value) for value in so_far]
    while answers and answers[-1] == "" and len(answers) > instrument.min_answers:
        answers.pop()
    return answers


def stopped_message(console: Console, country: str | None) -> None:
    """What a person sees when they stop part-way: nothing kept, and where help is."""
    from waylight.cli.crisis import render_help_panel
    from waylight.core.assess import load_wording
    from waylight.core.resources import help_for

    console.print("\n" + _("Stopped. Nothing was saved."))
    wording = load_wording(current())
    render_help_panel(
        console,
        help_for(country, lang=current()),
        heading=wording.help_heading,
        intro=wording.help_always,
    )


def run_interactive(console: Console, instrument_id: str, country: str | None) -> ScreeningResult:
    """Ask the questions, then assess them (shared with `waylight home`)."""
    from waylight.core.assess import assess
    from waylight.core.instruments import load_instrument

    instrument = load_instrument(instrument_id, current())
    answers = ask_questions(console, instrument)
    return assess(instrument.id, answers, country=country, lang=current())


def split_answers(text: str) -> list[str]:
    """`0,1,2` (an empty place skips an optional question), or `0 1 2` when there is no comma."""
    if "," not in text:
        return text.split() or [""]
    return [part.strip() for part in text.split(",")]


@click.command(name="score")
@click.argument("instrument")
@click.option(
    "--answers", "-a", help="Answers in item order, comma-separated: 0,1,2 or yes,no (or spaces)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (SPEC section 6).")
@click.option("--country", "-c", help="ISO country code for help-now resources, e.g. GB, US.")
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Ask the questions one at a time (the default in a terminal without --answers).",
)
@lang_option
def score(
    instrument: str, answers: str | None, as_json: bool, country: str | None, interactive: bool
) -> None:
    """Answer or score a questionnaire: phq9, phq2, phqa, gad7 or asq.

    Every result ends with where to get help. Wrong answers exit with code 2 and a message
    naming the question and the allowed values.
    """
    from waylight.core.assess import assess
    from waylight.core.instruments import load_instrument

    # With --json, stdout carries only the JSON; the questions go to stderr.
    console = make_console(stderr=as_json)
    with input_errors():
        chosen = load_instrument(instrument)
        if answers is None and not (interactive or interactive_terminal()):
            raise BadInput(
                f"Give the answers with --answers: {chosen.short_title} expects "
                f"{chosen.expected_count()} in item order ({chosen.answer_pattern()}). "
                "Or run the command in a terminal to answer one question at a time."
            )
        if answers is None:
            try:
                result = run_interactive(console, chosen.id, country)
            except Stopped:
                stopped_message(console, country)
                raise SystemExit(1) from None
        else:
            result = assess(chosen.id, split_answers(answers), country=country, lang=current())
    if as_json:
        emit_json(result.to_dict())
    else:
        render_result(console, result)
