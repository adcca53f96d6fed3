"""`waylight instruments`: the questionnaires Waylight offers, with citation and licence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from waylight.cli.errors import emit_json
from waylight.cli.i18n import _, current, lang_option

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
        # In another language: the language the questions are shown in, and why if it differs.
        **(
            {
                "lang": instrument.lang,
                "language_note": instrument.language_note,
                "wording_source": instrument.wording_source,
            }
            if instrument.requested_lang != "en"
            else {}
        ),
    }


@click.command(name="instruments")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@lang_option
def instruments(as_json: bool) -> None:
    """List the questionnaires Waylight offers, with their citation and licence.

    C-SSRS is not offered as a questionnaire: its text is licensed. A professional may record
    the result of a C-SSRS screen given elsewhere.
    """
    from waylight.core.instruments import list_instruments

    shipped = list_instruments(current())
    if as_json:
        emit_json([describe(i) for i in shipped])
        return
    from rich.console import Console
    from rich.panel import Panel
    from rich.text import Text

    console = Console(highlight=False)
    for instrument in shipped:
        body = Text()
        questions = _("{count} questions").format(count=len(instrument.items))
        body.append(f"{questions} · {instrument.audience}\n")
        if instrument.shown_in_other_language and instrument.language_note:
            body.append(f"{instrument.language_note}\n", style="bold")
        answers = f"{instrument.expected_count()} ({instrument.answer_pattern()})"
        body.append(_("Answers: {answers}").format(answers=answers) + "\n")
        body.append(_("Version: {version}").format(version=instrument.version) + "\n")
        if instrument.wording_source:
            source = _("Wording: {source}").format(source=instrument.wording_source)
            body.append(source + "\n")
        body.append(_("Citation: {citation}").format(citation=instrument.citation) + "\n")
        body.append(_("Licence: {licence}").format(licence=instrument.licence), style="dim")
        title = f"{instrument.id}: {instrument.title}"
        console.print(Panel(body, title=title, title_align="left"))
    lang = f" --lang {current()}" if current() != "en" else ""
    console.print(
        _(
            "Start one with `{command}`. C-SSRS is not embedded (its text is licensed); "
            "the ASQ is the self-report suicide screen."
        ).format(command=f"waylight score ID{lang}")
    )
