"""The one command-line renderer of crisis resources (help now, emergency numbers, lines).

Every command that shows where to get help (`help-now`, `score`, `signs`, `check-text`, `home`,
`learn`) prints it through this module, from the core's typed objects (`CountryHelp`,
`Service`, `EmergencyNumber`), so a line reads the same everywhere and carries the same honest
notes: whether it has been checked against the service's own page, and what a call costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from waylight.cli.i18n import _, current

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from waylight.core.resources import CountryHelp, EmergencyNumber, PhoneNumber, Service

HELP_NOW_COMMAND = "waylight help-now"


def help_now_command(country: str | None = None) -> str:
    """The command that shows help now, with the country when one is known (and the language,
    when it is not English, so the pointer leads to the same language)."""
    command = f"{HELP_NOW_COMMAND} --country {country}" if country else HELP_NOW_COMMAND
    return command if current() == "en" else f"{command} --lang {current()}"


def render_marks(text: str, *, country: str | None = None) -> str:
    """Content text with its channel-neutral marks as this shell shows them.

    Content says "[[Help now]]"; on the command line that is the words and the command.
    """
    from waylight.core.i18n import help_now_words
    from waylight.core.markup import render_marks as render

    words = help_now_words(current())
    return render(text, help_now=lambda: f"{words} (`{help_now_command(country)}`)")


# ------------------------------------------------------------------------------ pieces


def emergency_sentence(help_: CountryHelp) -> str:
    """One sentence: the emergency number to call now, or how to find it."""
    emergency = help_.emergency
    if emergency is None:
        return help_.guidance or _("If you are in danger now, call your local emergency number.")
    what = f", {emergency.note.rstrip('.').lower()}" if emergency.note else ""
    return _(
        "If you or someone else is in danger now, call {number} (emergency services{what})."
    ).format(number=emergency.number, what=what)


def _other_number(number: PhoneNumber) -> str:
    label = f" ({number.label})" if number.label else ""
    hours = f", {number.hours}" if number.hours else ""
    cost = " · " + _("Free") if number.cost == "free" else ""
    return _("Call {phone}").format(phone=number.phone) + f"{label}{hours}{cost}"


def ways_to_reach(service: Service) -> list[str]:
    """How to reach a service: call, text, chat, website, email; most direct first."""
    ways: list[str] = []
    if service.phone:
        ways.append(_("Call {phone}").format(phone=service.phone))
    ways.extend(_other_number(n) for n in service.other_numbers)
    ways.extend(t.describe() for t in service.texts)
    if service.chat_url:
        ways.append(_("Chat: {url}").format(url=service.chat_url))
    elif service.website:
        ways.append(_("Website: {url}").format(url=service.website))
    if service.email:
        ways.append(_("Email: {address}").format(address=service.email))
    return ways


def details(service: Service, *, languages: bool = True) -> str:
    """Hours, who it is for, cost and languages, on one line."""
    parts = [service.hours or _("Hours not known")]
    if service.audience and not service.for_everyone:
        parts.append(_("for {audience}").format(audience=service.audience))
    if service.region:
        parts.append(service.region)
    if service.phone or service.texts:  # a website alone costs nothing to name
        parts.append(service.cost_label)
    if languages and service.languages:
        parts.append(", ".join(service.languages_shown or service.languages))
    return " · ".join(parts)


def _note_lines(entry: Service | EmergencyNumber) -> list[str]:
    cost_note: str | None = getattr(entry, "cost_note", None)  # emergency numbers have none
    return [note for note in (cost_note, entry.check_note) if note]


# ------------------------------------------------------------------------------ the page


def render_help_page(console: Console, help_: CountryHelp, *, hint: str | None = None) -> None:
    """The `help-now` page: the emergency number first, then every line in full."""
    from rich.text import Text

    title = _("Help now") if help_.code is None else _("Help now: {country}")
    console.print(Text(title.format(country=help_.name), "bold"))
    console.print()
    emergency = help_.emergency
    if emergency is None:
        console.print(Text(emergency_sentence(help_), style="bold"))
    else:
        line = Text(_("If you or someone else is in danger now, call") + " ")
        line.append(emergency.number, style="bold")
        line.append(" " + _("(emergency services, tel:{dial}).").format(dial=emergency.dial))
        console.print(line)
        if emergency.note:
            console.print(f"  {emergency.note}")
        for other in emergency.other_numbers:
            label = f" ({other.label})" if other.label else ""
            also = _("Also {phone}").format(phone=other.phone)
            console.print(f"  {also}{label}, tel:{other.dial}")
        for note in _note_lines(emergency):
            console.print(_caveat(note, indent=2))
        _in_english(console, emergency.in_english, indent=2)
    console.print()
    if help_.is_fallback:
        console.print(_("To find a helpline where you are:"))
    else:
        console.print(_("You can talk to someone:"))
    for service in help_.services:
        _print_service(console, service)
    console.print()
    console.print(_("You do not have to go through this alone. Reaching out is a strong step."))
    if hint:
        console.print(Text(hint, style="dim"))


def _print_service(console: Console, service: Service) -> None:
    from rich.text import Text

    name = Text(f"  {service.name}", style="bold")
    console.print(name)
    if service.dial:
        call = _("Call {phone}").format(phone=service.phone)
        console.print(f"    {call}    tel:{service.dial}")
    for other in service.other_numbers:
        console.print(f"    {_other_number(other)}    tel:{other.dial}")
    for text in service.texts:
        link = f"    sms:{text.dial}" if text.channel == "sms" else ""
        console.print(f"    {text.describe()}{link}")
    if service.chat_url:
        console.print("    " + _("Chat: {url}").format(url=service.chat_url))
    elif service.website:
        console.print("    " + _("Website: {url}").format(url=service.website))
    if service.email:
        console.print("    " + _("Email: {address}").format(address=service.email))
    console.print(Text(f"    {details(service)}", style="dim"))
    if service.notes:
        console.print(Text(f"    {service.notes}", style="dim"))
    for note in _note_lines(service):
        console.print(_caveat(note))
    _in_english(console, service.in_english)


def _in_english(console: Console, fields: tuple[str, ...], *, indent: int = 4) -> None:
    """Say so when some of a line's words are still in English on a page in another language."""
    from rich.text import Text

    from waylight.cli.i18n import in_english_note

    note = in_english_note()
    if fields and note:
        console.print(Text(" " * indent + note, style="dim"))


def _caveat(message: str, *, indent: int = 4) -> Text:
    from rich.text import Text

    return Text(" " * indent + message, style="yellow")


# ------------------------------------------------------------------------------ the panel


def help_lines(help_: CountryHelp, *, limit: int | None = None) -> list[tuple[str, str]]:
    """(text, style) lines for a compact list: emergency first, then each line in short.

    A note every line shares ("not yet checked against the service's own page") is said once at
    the end, not under each line, so the list stays short enough to read in a hurry.
    """
    lines: list[tuple[str, str]] = [(emergency_sentence(help_), "bold")]
    emergency = help_.emergency
    if emergency is not None:
        lines.extend(
            (
                "  "
                + _("Also {phone}").format(phone=o.phone)
                + " ("
                + (o.label or _("other"))
                + ")",
                "",
            )
            for o in emergency.other_numbers
        )
    services = help_.services if limit is None else help_.services[:limit]
    shared = _shared_check_note(services)
    for service in services:
        ways = "; ".join(ways_to_reach(service))
        lines.append((service.name + (f": {ways}" if ways else ""), "bold"))
        lines.append((f"  {details(service, languages=False)}", ""))
        if service.cost_note:
            lines.append((f"  {service.cost_note}", ""))
        if service.notes and not service.phone:
            lines.append((f"  {service.notes}", ""))
        if service.check_note and service.check_note != shared:
            lines.append((f"  {service.check_note}", "yellow"))
    if shared:
        lines.append((_shared_sentence(), "yellow"))
    return lines


def _shared_check_note(services: tuple[Service, ...]) -> str | None:
    from waylight.core.resources import unchecked_notice

    notice = unchecked_notice(current())
    return notice if any(s.check_note == notice for s in services) else None


def _shared_sentence() -> str:
    from waylight.core.resources import all_unchecked_notice

    return all_unchecked_notice(current())


def render_help_panel(
    console: Console,
    help_: CountryHelp,
    *,
    heading: str,
    intro: str,
    border: str = "green",
    limit: int | None = None,
) -> None:
    """The "where to get help" panel that ends every result, and opens it when help is urgent."""
    from rich.panel import Panel
    from rich.text import Text

    body = Text(intro + "\n")
    for text, style in help_lines(help_, limit=limit):
        body.append("\n" + text, style=style)
    if limit is not None and len(help_.services) > limit:
        more = _("More lines: {command}").format(command=help_now_command(help_.code))
        body.append(f"\n{more}", style="dim")
    console.print(Panel(body, title=heading, title_align="left", border_style=border))


def render_pointer(console: Console, help_: CountryHelp) -> None:
    """One line for a result that needs no panel: help stays one step away."""
    from rich.text import Text

    emergency = help_.emergency
    command = help_now_command(help_.code)
    if emergency is not None:
        said = _(
            "If you or someone else is in danger now, call {number} or see Help now: `{command}`."
        ).format(number=emergency.number, command=command)
    else:
        said = _("If you or someone else is in danger now, see Help now: `{command}`.").format(
            command=command
        )
    console.print(Text(said))
