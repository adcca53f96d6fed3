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
from typing import TYPE_CHECKING

import click

from waylight.cli.errors import emit_json, input_errors
from waylight.cli.i18n import _, current, lang_option

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
@lang_option
def help_now(country: str | None, as_json: bool, list_only: bool) -> None:
    """Crisis lines and the emergency number for a country.

    If you are in danger now, call your local emergency number.
    """
    from waylight.core.resources import help_for, list_countries

    if list_only:
        countries = list_countries(current())
        if as_json:
            emit_json({"countries": [{"code": c, "name": n} for c, n in countries]})
        else:
            _print_list(countries)
        return
    with input_errors():
        help_ = help_for(country, lang=current())
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
    from waylight.cli.crisis import render_help_page

    if help_.is_fallback:
        hint = _hint(help_, country_given=country_given)
    else:
        hint = _("Another country: {command}").format(command=_command("--country CC"))
    render_help_page(_console(), help_, hint=hint)


def _command(arguments: str) -> str:
    """`waylight help-now ARGUMENTS`, in the page's language when it is not English."""
    lang = f" --lang {current()}" if current() != "en" else ""
    return f"waylight help-now {arguments}{lang}"


def _hint(help_: CountryHelp, *, country_given: bool) -> str:
    from waylight.core.resources import guess_country

    if country_given:
        message = _(
            "Waylight does not list lines for {country} yet; findahelpline.com does. "
            "Countries with their own lines: {command}"
        ).format(country=help_.name, command=_command("--list"))
    else:
        message = _(
            "For your country's lines, add --country and its two-letter code, e.g. --country GB."
        )
        guess = guess_country(_language_from_locale(), os.environ.get("TZ"))
        if guess:
            message += " " + _("This computer's settings suggest: {command}").format(
                command=_command(f"--country {guess}")
            )
    return message


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
    table.add_column(_("Code"))
    table.add_column(_("Country"))
    for code, name in countries:
        table.add_row(code, name)
    console = _console()
    console.print(
        _("Countries with their own crisis lines ({count}):").format(count=len(countries))
    )
    console.print(table)
    console.print(_("Any other country: the emergency-number guidance and findahelpline.com."))
