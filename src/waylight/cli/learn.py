"""`waylight learn`: read the knowledge base, or search it in everyday words.

    waylight learn                          the sections, with how many items each has
    waylight learn forms                    the items of a section (title and summary)
    waylight learn forms form-hair-pulling  one item in full (the section can be left out)
    waylight learn --search "pull my hair"  the best matches for everyday words

Every form takes `--json` (shapes in docs/cli.md, "## learn"). Every output ends with where to
get help now, because someone reading about self-harm may need it at that very moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from waylight.cli.errors import emit_json, reports_input_errors
from waylight.cli.i18n import _, current, in_english_note, lang_option

if TYPE_CHECKING:
    from rich.console import Console

    from waylight.core.kb import Item, KnowledgeBase, Section
    from waylight.core.search import SearchHit
    from waylight.core.search_lead import SearchLead

SEARCH_LIMIT = 5


@click.command("learn")
@click.argument("section", required=False)
@click.argument("item", required=False)
@click.option("--search", "query", metavar="WORDS", help="Find items from everyday words.")
@click.option(
    "--limit",
    default=SEARCH_LIMIT,
    show_default=True,
    type=click.IntRange(1, 50),
    help="How many search results to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@lang_option
@reports_input_errors
def learn(
    section: str | None, item: str | None, query: str | None, limit: int, as_json: bool
) -> None:
    """Read the knowledge base, or search it in everyday words.

    With no SECTION, list the sections. With a SECTION, list its items; add an ITEM id to read
    it in full. An item id on its own works too.
    """
    from waylight.core.kb import load_knowledge_base

    kb = load_knowledge_base(current())
    if query is not None:
        if item is not None:
            raise click.UsageError(_("Use --search on its own, or with a SECTION to search in."))
        _show_search(kb, query, section, limit, as_json)
    elif section is None:
        _show_overview(kb, as_json)
    elif item is None and kb.has_item(section) and section not in {s.id for s in kb.sections}:
        _show_item(kb, kb.item(section), as_json)
    elif item is None:
        _show_section(kb, kb.section(section), as_json)
    else:
        kb.section(section)  # an unknown section is reported before an unknown item
        _show_item(kb, kb.item(item, section=section), as_json)


# --- JSON -----------------------------------------------------------------------------------


def _rendered(data: dict[str, Any]) -> dict[str, Any]:
    """JSON content with its channel-neutral marks as the command line shows them."""
    from waylight.cli.crisis import render_marks

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return render_marks(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return {key: walk(value) for key, value in data.items()}


def overview_json(kb: KnowledgeBase) -> dict[str, Any]:
    return _rendered(
        {
            "sections": [{"id": s.id, "title": s.title, "count": s.count} for s in kb.sections],
            "help": kb.help_now,
        }
    )


def section_json(kb: KnowledgeBase, section: Section) -> dict[str, Any]:
    return _rendered(
        {
            "section": section.id,
            "title": section.title,
            "items": [entry.to_dict() for entry in section.items],
            "help": kb.help_now,
        }
    )


def item_json(kb: KnowledgeBase, item: Item) -> dict[str, Any]:
    # An item read on its own spells out its sources, where a section list gives their ids.
    entry = item.to_dict()
    entry["sources"] = [kb.sources[s].to_dict() for s in item.sources]
    if item.lang != kb.lang:
        entry["lang"] = item.lang  # shown in English on a page in another language
    return _rendered({"section": item.section, "item": entry, "help": kb.help_now})


def search_json(
    kb: KnowledgeBase, query: str, hits: list[SearchHit], lead: SearchLead
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": query,
        "help_first": lead.help_first,
        "about_someone": lead.about_someone,
        "results": [hit.to_dict() for hit in hits],
        "help": kb.help_now,
    }
    if lead.help_first:
        # Crisis words in a search: the crisis lines travel with the answer (SPEC safety rule 1).
        from waylight.core.resources import help_for

        body["resources"] = help_for(None, lang=kb.lang).to_resources()
    return _rendered(body)


# --- the five views ---------------------------------------------------------------------------


def _show_overview(kb: KnowledgeBase, as_json: bool) -> None:
    if as_json:
        emit_json(overview_json(kb))
        return
    from rich.table import Table

    console = _console()
    console.print(f"[bold]{_esc(kb.title)}[/bold]\n")
    console.print(_esc(kb.intro) + "\n")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(_("Section"))
    table.add_column(_("About"))
    table.add_column(_("Items"), justify="right")
    for section in kb.sections:
        table.add_row(section.id, _esc(section.title), str(section.count))
    console.print(table)
    console.print(
        "\n"
        + _("Read a section: {command}").format(command=_bold(_learn("SECTION")))
        + "   "
        + _("Search: {command}").format(command=_bold(_learn('--search "your words"')))
    )
    _help_line(console, kb)


def _show_section(kb: KnowledgeBase, section: Section, as_json: bool) -> None:
    if as_json:
        emit_json(section_json(kb, section))
        return
    console = _console()
    console.print(f"[bold]{_esc(section.title)}[/bold]\n")
    console.print(_esc(section.intro) + "\n")
    for entry in section.items:
        console.print(f"[bold]{_esc(entry.title)}[/bold]  [dim]{entry.id}[/dim]")
        console.print(f"  {_esc(entry.summary)}\n")
    if section.review_note:
        note = _("Review note: {note}").format(note=_esc(section.review_note))
        console.print(f"[dim]{note}[/dim]\n")
    console.print(
        _("Read one in full: {command}").format(command=_bold(_learn(f"{section.id} ITEM")))
    )
    _help_line(console, kb)


def _show_item(kb: KnowledgeBase, item: Item, as_json: bool) -> None:
    if as_json:
        emit_json(item_json(kb, item))
        return
    console = _console()
    section = kb.section(item.section)
    console.print(f"[dim]{_esc(section.title)}[/dim]")
    console.print(f"[bold]{_esc(item.title)}[/bold]\n")
    if item.lang != kb.lang and in_english_note(kb.lang):
        console.print(f"[dim]{_esc(in_english_note(kb.lang) or '')}[/dim]\n")
    if item.myth and item.fact:
        console.print(_bold(_("Myth:")) + f" {_esc(item.myth)}")
        console.print(_bold(_("Fact:")) + f" {_esc(item.fact)}\n")
    for paragraph in item.paragraphs:
        console.print(_esc(" ".join(paragraph.split())) + "\n")
    if item.points:
        console.print(_bold(_esc(section.points_label or _("Points"))))
        for point in item.points:
            console.print(f"  • {_esc(point)}")
        console.print()
    if item.phq9_items:
        numbers = ", ".join(str(n) for n in item.phq9_items)
        console.print(_bold(_("Matches PHQ-9 question(s):")) + f" {numbers}\n")
    if item.authors:
        authors = f"{_esc(item.authors)} ({_esc(item.date or '')})"
        console.print(_bold(_("Authors:")) + f" {authors}\n")
    if item.related:
        related = ", ".join(f"{r} ({_esc(kb.item(r).title)})" for r in item.related)
        console.print(_bold(_("Related:")) + f" {related}\n")
    console.print(_bold(_("Sources")))
    for source_id in item.sources:
        console.print(f"  • {_esc(kb.sources[source_id].citation)}")
    if item.review_note:
        note = _("Review note: {note}").format(note=_esc(item.review_note))
        console.print(f"\n[dim]{note}[/dim]")
    _help_line(console, kb)


def _show_search(
    kb: KnowledgeBase, query: str, section_id: str | None, limit: int, as_json: bool
) -> None:
    from waylight.core.search import search
    from waylight.core.search_lead import lead_for, order_hits

    lead = lead_for(query, lang=kb.lang)
    if section_id is not None:
        kb.section(section_id)  # reports an unknown section before searching
        # Search wide, then keep the section's items: ranking stays the same as without it.
        wide = search(query, limit=len(kb.items), lang=kb.lang)
        hits = [h for h in wide if h.item.section == section_id][:limit]
    else:
        hits = search(query, limit=limit, lang=kb.lang)
    hits = order_hits(hits, lead)
    if as_json:
        emit_json(search_json(kb, query, hits, lead))
        return
    console = _console()
    if lead.help_first:
        _help_first(console)
    if lead.about_someone:
        console.print(
            _(
                "{worried} What the signs can mean and how to help: {helping} and {signs}. "
                "If they may be in danger now, call your local emergency number."
            ).format(
                worried=_bold(_("Worried about someone?")),
                helping=_bold(_learn("helping")),
                signs=_bold(_learn("signs")),
            )
            + "\n",
            soft_wrap=True,
        )
    if not hits:
        console.print(
            _(
                "Nothing matched “{query}”. "
                "Try other words, or run {command} to browse the sections."
            ).format(query=_esc(query), command=_bold(_learn("")))
        )
    for rank, hit in enumerate(hits, start=1):
        console.print(
            f"{rank}. [bold]{_esc(hit.item.title)}[/bold]  "
            f"[dim]{hit.item.section} / {hit.item.id}[/dim]"
        )
        console.print(f"   {_esc(hit.item.summary)}\n")
    if hits:
        console.print(_("Read one in full: {command}").format(command=_bold(_learn("ITEM"))))
    _help_line(console, kb)


# --- helpers --------------------------------------------------------------------------------


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _bold(text: str) -> str:
    return f"[bold]{text}[/bold]"


def _learn(arguments: str) -> str:
    """`waylight learn ARGUMENTS`, in the page's language when it is not English."""
    lang = f" --lang {current()}" if current() != "en" else ""
    return " ".join(f"waylight learn {arguments}{lang}".split())


def _esc(text: str) -> str:
    """Content text as this shell prints it: marks rendered, rich markup escaped."""
    from rich.markup import escape

    from waylight.cli.crisis import render_marks

    return escape(render_marks(text))


def _help_first(console: Console) -> None:
    """Before any article: the crisis lines, exactly as `waylight help-now` prints them."""
    from waylight.cli.help_now import print_help
    from waylight.core.resources import help_for

    console.print(
        _bold(_("What you typed sounds really hard. You can talk to someone now.")) + "\n"
    )
    print_help(help_for(None, lang=current()), country_given=False)
    console.print("\n" + _bold(_("What Waylight has on this")) + "\n")


def _help_line(console: Console, kb: KnowledgeBase) -> None:
    """The last line of every learn output: where to get help now, on one line."""
    console.print()
    console.print(f"[bold]{_esc(kb.help_now)}[/bold]", soft_wrap=True)
