"""What a knowledge-base search shows before its articles.

Someone may type their crisis into a search box ("I want to kill myself"), or ask about another
person ("my daughter cuts herself"). Both shells (the web search and `waylight learn --search`)
ask `lead_for(query)` and put what it says first:

    >>> lead_for("I want to kill myself").help_first
    True
    >>> lead_for("my daughter is cutting herself").about_someone
    True
    >>> lead_for("I pull my hair when I'm stressed")
    SearchLead(help_first=False, about_someone=False)

Crisis words are heard by the text detector (`waylight.core.textrisk`), whose own help-now
decision is used unchanged, so a search and a journal note are read the same way. A search about
someone else is recognised from the words in `content/search/lead.yaml`, and its articles are
reordered so that what the signs mean and how to help come before pages about kinds of self-harm.

In another language (`lead_for(query, lang="es")`), `content/i18n/<lang>/search/lead.yaml` adds
that language's words for other people, and the crisis phrases that put help first: the text
detector reads English only, so it cannot hear "me quiero morir". English words still count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language
from waylight.core.search import SearchHit, fold_accents

LEAD_FILE = "search/lead.yaml"


@dataclass(frozen=True)
class SearchLead:
    """What comes before the articles.

    `help_first`: the words suggest the person searching may be at risk now, so the crisis lines
    come first. `about_someone`: the search is about another person, so guidance for someone
    worried about another person comes first. Both can hold at once.
    """

    help_first: bool
    about_someone: bool


def lead_for(query: str, *, lang: str | None = None) -> SearchLead:
    """Read a search query as the text detector would, and say what should lead the results.

    `lang` is the page's language: its own crisis phrases and words for other people count too.
    """
    from waylight.core.textrisk import analyse

    code = normalise_language(lang)
    text = query.strip()
    if not text:
        return SearchLead(help_first=False, about_someone=False)
    reading = analyse(text)
    return SearchLead(
        # A query the detector could not read (another language) is read by the phrase list only.
        help_first=(reading.read and reading.help_now) or _says_crisis(text, code),
        # Not the detector's "other" experiencer: it also covers general questions ("what is
        # self-harm"), and those are better answered plainly.
        about_someone=_names_someone_else(text, code),
    )


def order_hits(hits: Sequence[SearchHit], lead: SearchLead) -> list[SearchHit]:
    """The hits in the order to show them: unchanged, except for a search about someone else.

    For that, sections that help a worried person (what the signs mean, how to help) come first
    and pages about kinds of self-harm last; within each group the search's own order is kept.
    """
    if not lead.about_someone:
        return list(hits)
    first, last = _about_someone_sections()

    def group(hit: SearchHit) -> int:
        if hit.item.section in first:
            return 0
        return 2 if hit.item.section in last else 1

    return sorted(hits, key=group)  # sorted() is stable: the ranking holds within a group


def _folded(text: str) -> str:
    return fold_accents(text.lower().replace("’", "'"))


def _names_someone_else(text: str, lang: str = SOURCE_LANGUAGE) -> bool:
    return any(p.search(_folded(text)) for p in _someone_else_patterns(lang))


def _says_crisis(text: str, lang: str) -> bool:
    pattern = _crisis_pattern(lang)
    return pattern is not None and pattern.search(_folded(text)) is not None


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(_folded(w)).replace(r"\ ", r"\s+") for w in words)


def _someone_else_pattern_for(data: Any, determiners: Sequence[str]) -> re.Pattern[str]:
    people = _alternatives(data["people"])
    parts = [rf"\b(?:{_alternatives(determiners)})\s+(?:{people})s?\b"]
    parts += [
        rf"\b(?:{words})\b"
        for words in (_alternatives(data["pronouns"]), _alternatives(data["phrases"]))
        if words
    ]
    return re.compile("|".join(parts))


@cache
def _someone_else_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    english = load_data(LEAD_FILE, schema="search_lead")
    patterns = [_someone_else_pattern_for(english, ("my", "our", "a", "his", "her", "their"))]
    translated = _translated_lead(lang)
    if translated is not None:
        patterns.append(_someone_else_pattern_for(translated, translated["determiners"]))
    return tuple(patterns)


@cache
def _crisis_pattern(lang: str) -> re.Pattern[str] | None:
    translated = _translated_lead(lang)
    if translated is None:
        return None
    return re.compile(rf"\b(?:{_alternatives(translated['crisis_phrases'])})\b")


def _translated_lead(lang: str) -> Any | None:
    if lang == SOURCE_LANGUAGE:
        return None
    return load_translation(LEAD_FILE, lang, schema="search_lead_i18n")


@cache
def _about_someone_sections() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data(LEAD_FILE, schema="search_lead")["about_someone"]
    return frozenset(data["first_sections"]), frozenset(data["last_sections"])
