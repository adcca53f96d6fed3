"""The command line's own words in the person's language.

Content (the knowledge base, results, crisis lines) comes translated from the core. The words of
the command line itself (headings, prompts, "Call", "Chat") are marked with `_()` and translated
with gettext from the same catalog as the web app, `waylight/locale/<lang>/LC_MESSAGES/django.mo`,
so a third language is one catalog for both shells (docs/languages.md).

Every command that prints content takes `--lang` (or `WAYLIGHT_LANG`); English is the default,
so scripts see the same output as before unless they ask for another language.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DOMAIN = "django"  # one catalog for the web app and the command line
ENV = "WAYLIGHT_LANG"

_state: dict[str, Any] = {"lang": "en", "translation": gettext.NullTranslations()}


def locale_dir() -> str:
    return str(resources.files("waylight") / "locale")


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang], fallback=True)


def use_language(value: str | None) -> str:
    """Switch the command line to `value` (a language code or tag); returns the code.

    An unknown language raises UnknownLanguage (exit code 2 through the commands' handler).
    """
    from waylight.core.i18n import normalise_language

    if not value:
        reset()  # the default: no content read, nothing written to the cache
        return "en"
    code = normalise_language(value)
    _state["lang"] = code
    _state["translation"] = _translation(code)
    return code


def reset() -> None:
    """Back to English, the default, without reading any content (a command may then set
    another language with its --lang)."""
    _state["lang"] = "en"
    _state["translation"] = gettext.NullTranslations()


def current() -> str:
    """The command line's language code now ("en" until a command sets it)."""
    lang: str = _state["lang"]
    return lang


def _(message: str) -> str:
    """`message` in the command line's language (English when not translated)."""
    translation: gettext.NullTranslations = _state["translation"]
    return translation.gettext(message)


def gettext_noop(message: str) -> str:
    """Mark a constant for translation where it is defined; `_()` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    translation: gettext.NullTranslations = _state["translation"]
    return translation.ngettext(singular, plural, n)


def lang_option(function: F) -> F:
    """`--lang LANG` for a command that prints content; sets the language before it runs."""

    def set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        from waylight.core.errors import UnknownLanguage

        try:
            return use_language(value)
        except UnknownLanguage as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc

    decorated = click.option(
        "--lang",
        metavar="LANG",
        envvar=ENV,
        callback=set_language,
        is_eager=True,
        expose_value=False,
        help=f"Language of the output: en (default) or es. {ENV} sets it too.",
    )(function)
    return decorated


def in_english_note(lang: str | None = None) -> str | None:
    """The note beside a text shown in English on a page in another language."""
    from waylight.core.i18n import in_english_note as note

    return note(lang or current())


def environment_language() -> str | None:
    return os.environ.get(ENV)
