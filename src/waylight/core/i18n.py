"""The languages Waylight speaks, and where each translation of the content lives.

English is the source. Every other language is kept as data beside it, under
`content/i18n/<code>/`, mirroring the English file it translates and using the same ids:

    content/kb/signs.yaml            ->  content/i18n/es/kb/signs.yaml
    content/results/next_steps.yaml  ->  content/i18n/es/results/next_steps.yaml

A translation file carries words only, keyed by the English ids; links, scores, rules and
numbers stay in the English file, so there is one set of ids and one logic. Each loader that
takes a `lang` falls back to English per item when a translation is missing, and marks the item
with the language it is really in, so that a shell can say so beside it.

    >>> normalise_language("es-MX")
    'es'
    >>> pick_language("fr-FR, es;q=0.8, en;q=0.5")
    'es'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import content_path, load_data
from waylight.core.errors import UnknownLanguage

LANGUAGES_FILE = "i18n/languages.yaml"
SOURCE_LANGUAGE = "en"
TRANSLATIONS_FOLDER = "i18n"

_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


@dataclass(frozen=True)
class Language:
    """One language Waylight speaks."""

    code: str
    name: str
    native: str
    help_now_words: str
    in_english: str | None  # the note beside a text shown in English; None for English
    speaks: tuple[str, ...]  # the names crisis lines use for it


@cache
def _languages() -> tuple[tuple[Language, ...], str]:
    data = load_data(LANGUAGES_FILE, schema="i18n_languages")
    found = tuple(
        Language(
            code=raw["code"],
            name=raw["name"],
            native=raw["native"],
            help_now_words=raw["help_now_words"],
            in_english=raw["in_english"],
            speaks=tuple(raw["speaks"]),
        )
        for raw in data["languages"]
    )
    return found, str(data["default"])


def languages() -> tuple[Language, ...]:
    """Every language, the source language (English) first."""
    return _languages()[0]


def language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in languages())


def default_language() -> str:
    return _languages()[1]


def language(code: str) -> Language:
    """The language with this code (already normalised)."""
    for lang in languages():
        if lang.code == code:
            return lang
    raise UnknownLanguage(_unknown_message(code))


def normalise_language(value: str | None) -> str:
    """The code of a language Waylight speaks: "es-MX" -> "es"; None or "" -> the default.

    Raises UnknownLanguage (a clear message listing the languages) for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_language()
    if not isinstance(value, str):  # a JSON body or a form can carry anything
        raise UnknownLanguage(_unknown_message(repr(value)))
    match = _TAG.match(value)
    code = match.group(1).lower() if match else ""
    if code not in language_codes():
        raise UnknownLanguage(_unknown_message(repr(value.strip()[:24])))
    return code


def _unknown_message(given: str) -> str:
    listed = ", ".join(f"{lang.code} ({lang.name})" for lang in languages())
    return f"{given} is not a language Waylight speaks. Choose one of: {listed}."


def pick_language(accept_language: str | None) -> str:
    """The language to use from a browser's Accept-Language header: its highest-quality
    language that Waylight speaks, else the default. Never raises: the header is a hint."""
    best: tuple[float, int, str] | None = None
    for position, item in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = item.partition(";")
        match = _TAG.match(tag)
        if not match:
            continue
        code = match.group(1).lower()
        if code not in language_codes():
            continue
        quality = 1.0
        found = re.search(r"q\s*=\s*([0-9.]+)", params)
        if found:
            try:
                quality = float(found.group(1))
            except ValueError:
                continue
        if quality <= 0:
            continue
        key = (-quality, position, code)
        if best is None or key < best:
            best = key
    return best[2] if best else default_language()


def translation_relpath(relpath: str, lang: str) -> str:
    """Where the `lang` translation of the English content file `relpath` lives."""
    return f"{TRANSLATIONS_FOLDER}/{lang}/{relpath}"


def has_translation(relpath: str, lang: str) -> bool:
    return lang != SOURCE_LANGUAGE and content_path(translation_relpath(relpath, lang)).is_file()


def load_translation(relpath: str, lang: str, *, schema: str) -> Any | None:
    """The validated `lang` translation of `relpath`, or None when there is none (or `lang` is
    the source language). Callers fall back to English for whatever it does not cover."""
    if not has_translation(relpath, lang):
        return None
    return load_data(translation_relpath(relpath, lang), schema=schema)


# In a translation that mirrors its English file ("same shape"), these keys hold ids and
# references, not words: they must be the English file's, character for character.
SAME_IN_EVERY_LANGUAGE = frozenset({"id", "sense", "from_kb", "kb_item", "earliest", "version"})


def shape_problems(english: Any, translated: Any, where: str = "") -> list[str]:
    """How a "same shape" translation differs from its English file in anything but words.

    Keys, list lengths, numbers, booleans and the ids in `SAME_IN_EVERY_LANGUAGE` must be the
    same; only the other strings (the words) may differ.
    """
    here = where or "(top level)"
    if isinstance(english, dict):
        if not isinstance(translated, dict) or set(english) != set(translated):
            return [f"{here}: the keys differ from the English file"]
        found: list[str] = []
        for key, value in english.items():
            path = f"{where}/{key}" if where else str(key)
            if key in SAME_IN_EVERY_LANGUAGE and value != translated[key]:
                found.append(f"{path}: must be {value!r}, as in the English file")
            else:
                found += shape_problems(value, translated[key], path)
        return found
    if isinstance(english, list):
        if not isinstance(translated, list) or len(english) != len(translated):
            return [f"{here}: not the same number of entries as the English file"]
        return [
            p
            for i, (a, b) in enumerate(zip(english, translated, strict=True))
            for p in shape_problems(a, b, f"{where}/{i}")
        ]
    if isinstance(english, str):
        return [] if isinstance(translated, str) else [f"{here}: must be text"]
    return [] if english == translated else [f"{here}: must be {english!r}, as in the English file"]


def load_same_shape(relpath: str, lang: str | None, *, schema: str) -> tuple[Any, str]:
    """(data, language) of a content file whose translation mirrors it with words changed.

    Without a `lang` translation the English file comes back with "en", so callers can say
    that it is in English. A translation that changes ids, numbers or structure is refused
    (ContentError naming the field): one set of ids and one logic in every language.
    """
    from waylight.core.errors import ContentError

    code = normalise_language(lang)
    english = load_data(relpath, schema=schema)
    translated = load_translation(relpath, code, schema=schema)
    if translated is None:
        return english, SOURCE_LANGUAGE
    problems = shape_problems(english, translated)
    if problems:
        raise ContentError(translation_relpath(relpath, code), problems[0])
    return translated, code


@cache
def translator(lang: str | None) -> Callable[[str], str]:
    """gettext for the core's few messages (a form's "please ..."), from the same catalog as
    the shells (waylight/locale/<lang>/LC_MESSAGES/django.mo); English when there is none."""
    import gettext
    from importlib import resources

    code = normalise_language(lang)
    locale_dir = str(resources.files("waylight") / "locale")
    return gettext.translation("django", locale_dir, languages=[code], fallback=True).gettext


# The language of the core's messages in this context (a web request, a command): set by the
# shell with `messages_in`, read by `tr`. A ContextVar, so threads and requests never mix.
_MESSAGES_LANGUAGE: ContextVar[str] = ContextVar("waylight_messages_language", default="en")


def tr(message: str) -> str:
    """`message` in the current messages language (English unless a shell set another).

    Core modules import it as `_`, so the message extractor finds their messages."""
    return translator(_MESSAGES_LANGUAGE.get())(message)


@contextmanager
def messages_in(lang: str | None) -> Iterator[str]:
    """Within the block, `tr` answers in `lang` (normalised; an unknown code raises)."""
    token = _MESSAGES_LANGUAGE.set(normalise_language(lang))
    try:
        yield _MESSAGES_LANGUAGE.get()
    finally:
        _MESSAGES_LANGUAGE.reset(token)


def in_english_note(lang: str) -> str | None:
    """The note a shell shows beside a text that is in English on a `lang` page."""
    return None if lang == SOURCE_LANGUAGE else language(lang).in_english


def help_now_words(lang: str) -> str:
    """How the content mark [[Help now]] reads in `lang`."""
    return language(lang).help_now_words


def words(text: str | None) -> str:
    """Text from a YAML file with its line wrapping undone."""
    return " ".join((text or "").split())
