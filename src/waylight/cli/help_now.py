"""`waylight help-now`: crisis lines and the emergency number for a country.

    waylight help-now --country GB
    waylight help-now --country us --json
    waylight help-now --list

Calm and short: the emergency number first, then the lines, each with a dial string a phone or a
script can use (`tel:116123`). Without --country it shows help that works anywhere and says how
to choose a country. The JSON shape is documented in docs/cli.md ("help-now").
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

from waylight.cli.errors import emit_json, input_errors

if TYPE_CHECKING:
    from rich.console import Console

    from waylight.core.resources import CountryHelp


@click.command(name="help-now")
@click.option(
    "--country",
    "-c",
    metavar="CC",
    help="Two-letter country code (ISO 3166), for example GB, US, FR. Any case.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see docs/cli.md).")
@click.option("--list", "list_only", is_flag=True, help="List the countries with their own lines.")
def help_now(country: str | None, as_json: bool, list_only: bool) -> None:
    """Crisis lines and the emergency number for a country.

    If you are in danger now, call your local emergency number.
    """
    from waylight.core.resources import help_for, list_countries

    if list_only:
        countries = list_countries()
        if as_json:
            emit_json({"countries": [{"code": c, "name": n} for c, n in countries]})
        else:
            _print_list(countries)
        return
    with input_errors():
        help_ = help_for(country)
    if as_json:
        emit_json(help_.to_dict())
        return
    print_help(help_, country_given=bool(country and country.strip()))


# ------------------------------------------------------------------------------ human output


def _console() -> Console:
    from rich.console import Console

    # highlight=False: rich would colour digits, which makes phone numbers harder to read.
    return Console(highlight=False)


def print_help(help_: CountryHelp, *, country_given: bool) -> None:
    """Print help now for one country: the emergency number, then each line."""
    from rich.text import Text

    console = _console()
    resources = help_.to_resources()
    emergency, services = resources[0], resources[1:]

    title = "Help now" if help_.code is None else f"Help now: {help_.name}"
    console.print(Text(title, style="bold"))
    console.print()
    if emergency["dial"]:
        line = Text("If you or someone else is in danger now, call ")
        line.append(emergency["phone"], style="bold")
        line.append(f" (emergency services, tel:{emergency['dial']}).")
        console.print(line)
        for other in emergency["other_numbers"]:
            label = f" ({other['label']})" if other.get("label") else ""
            console.print(f"  Also {other['phone']}{label}, tel:{other['dial']}")
        if emergency.get("notes"):
            console.print(f"  {emergency['notes']}")
        if not emergency["verified"]:
            console.print(
                _caveat(
                    "This emergency number is not yet confirmed from a public source.", indent=2
                )
            )
    else:
        console.print(Text(str(emergency["notes"]), style="bold"))
    console.print()

    if help_.is_fallback:
        console.print("To find a free, confidential helpline where you are:")
    else:
        console.print("You can talk to someone, free and in confidence:")
    for resource in services:
        _print_service(console, resource)

    console.print()
    console.print("You do not have to go through this alone. Reaching out is a strong step.")
    if help_.is_fallback:
        console.print(_hint(help_, country_given=country_given))
    else:
        console.print(
            Text(
                f"Lines last checked {_newest_check(resources)}. "
                "Another country: waylight help-now --country CC",
                style="dim",
            )
        )


def _print_service(console: Console, resource: dict[str, Any]) -> None:
    from rich.text import Text

    name = Text(f"  {resource['name']}", style="bold")
    if resource.get("region"):
        name.append(f" ({resource['region']})", style="")
    console.print(name)
    if resource.get("dial"):
        console.print(f"    Call {resource['phone']}    tel:{resource['dial']}")
    for other in resource.get("other_numbers") or []:
        label = f" ({other['label']})" if other.get("label") else ""
        hours = f", {other['hours']}" if other.get("hours") else ""
        console.print(f"    Call {other['phone']}{label}{hours}    tel:{other['dial']}")
    for text in resource.get("texts") or []:
        said = _text_said(text)
        link = f"    sms:{text['dial']}" if text["channel"] == "sms" else ""
        console.print(f"    {said}{link}")
    if resource.get("chat_url"):
        console.print(f"    Chat: {resource['chat_url']}")
    elif resource.get("website"):
        console.print(f"    Website: {resource['website']}")
    if resource.get("email"):
        console.print(f"    Email: {resource['email']}")
    details = [d for d in (resource.get("hours"), _audience(resource)) if d]
    if resource.get("languages"):
        details.append(", ".join(resource["languages"]))
    if details:
        console.print(Text("    " + " · ".join(details), style="dim"))
    if resource.get("notes"):
        console.print(Text(f"    {resource['notes']}", style="dim"))
    if resource.get("status") == "unverified":
        console.print(
            _caveat("Not yet confirmed from a public source: check before relying on it.")
        )
    elif resource.get("status") == "secondary":
        console.print(_caveat("Confirmed only by a secondary source."))


def _text_said(text: dict[str, Any]) -> str:
    verb = "WhatsApp" if text["channel"] == "whatsapp" else "Text"
    said = f"{verb} {text['number']}"
    if text.get("keyword"):
        said = f"{verb} {text['keyword']} to {text['number']}"
    return f"{said} ({text['label']})" if text.get("label") else said


def _audience(resource: dict[str, Any]) -> str:
    audience = resource.get("audience")
    return "" if not audience or audience == "everyone" else f"for {audience}"


def _caveat(message: str, *, indent: int = 4) -> Any:
    from rich.text import Text

    return Text(" " * indent + message, style="yellow")


def _newest_check(resources: list[dict[str, Any]]) -> str:
    return max(str(r["verified_at"]) for r in resources)


def _hint(help_: CountryHelp, *, country_given: bool) -> Any:
    from rich.text import Text

    from waylight.core.resources import guess_country

    if country_given:
        message = (
            f"Waylight does not list lines for {help_.name} yet; findahelpline.com does. "
            "Countries with their own lines: waylight help-now --list"
        )
    else:
        message = (
            "For your country's lines, add --country and its two-letter code, e.g. --country GB."
        )
        guess = guess_country(_language_from_locale(), os.environ.get("TZ"))
        if guess:
            message += f" This computer's settings suggest: waylight help-now --country {guess}"
    return Text(message, style="dim")


def _language_from_locale() -> str | None:
    """`en_GB.UTF-8` from the environment as a language tag (`en-GB`), if one is set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            return value.replace("_", "-")
    return None


def _print_list(countries: list[tuple[str, str]]) -> None:
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("Code")
    table.add_column("Country")
    for code, name in countries:
        table.add_row(code, name)
    console = _console()
    console.print(f"Countries with their own crisis lines ({len(countries)}):")
    console.print(table)
    console.print("Any other country: the emergency-number guidance and findahelpline.com.")
