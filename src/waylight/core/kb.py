"""The knowledge base (SPEC C1): what self-harm is, its signs, and its link with depression.

Example:
    >>> kb = load_knowledge_base()
    >>> kb.section("forms").count
    8
    >>> kb.item("form-hair-pulling").section
    'forms'

The text lives in `content/kb/` as one YAML file per section, listed in order by
`content/kb/index.yaml`. Each file is checked against `kb_section.schema.json`; this module then
checks what a schema cannot: ids are unique across the whole knowledge base, and every related id
and every source id points at something that exists.

Other languages: `load_knowledge_base("es")` lays the words of `content/i18n/es/kb/` over the
English items, keyed by the same ids. An item without a translation stays in English and says so
(`Item.lang` is the language it is really in), so a partly translated section still works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError, InputError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language
from waylight.core.markup import HELP_NOW, unknown_marks

INDEX_FILE = "kb/index.yaml"
SEED_SOURCE = "seed"


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: the seed article, a cited study, or a guideline."""

    id: str
    citation: str
    url: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"id": self.id, "citation": self.citation}
        if self.url:
            data["url"] = self.url
        return data


@dataclass(frozen=True)
class Item:
    """One entry of a section: a sign, a form, a myth, a study, ..."""

    id: str
    section: str
    title: str
    summary: str
    body: str
    related: tuple[str, ...]
    sources: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    phq9_items: tuple[int, ...] = ()
    myth: str | None = None
    fact: str | None = None
    authors: str | None = None
    date: str | None = None
    journal: str | None = None
    doi: str | None = None
    design: str | None = None
    review_note: str | None = None
    lang: str = SOURCE_LANGUAGE  # the language this item's words are in

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs (blank-line separated, in the YAML)."""
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        """The item as `waylight learn SECTION --json` prints it."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "body": self.body.strip(),
            "related": list(self.related),
            "sources": list(self.sources),
        }
        extras: dict[str, Any] = {
            "points": list(self.points),
            "phq9_items": list(self.phq9_items),
            "myth": self.myth,
            "fact": self.fact,
            "authors": self.authors,
            "date": self.date,
            "journal": self.journal,
            "doi": self.doi,
            "design": self.design,
            "review_note": self.review_note,
        }
        data.update({key: value for key, value in extras.items() if value})
        return data


@dataclass(frozen=True)
class Section:
    """One section of the knowledge base, its items in reading order."""

    id: str
    title: str
    intro: str
    items: tuple[Item, ...]
    points_label: str | None = None
    review_note: str | None = None
    lang: str = SOURCE_LANGUAGE  # the language of the title and intro

    @property
    def count(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)


@dataclass(frozen=True)
class KnowledgeBase:
    """Every section, in order, with look-ups by id."""

    title: str
    intro: str
    help_now: str
    sections: tuple[Section, ...]
    sources: Mapping[str, Source]
    _items: Mapping[str, Item] = field(repr=False)
    lang: str = SOURCE_LANGUAGE  # the language asked for; items may fall back to English

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(self._items.values())

    def section(self, section_id: str) -> Section:
        """The section with this id; InputError listing the valid ids otherwise."""
        for section in self.sections:
            if section.id == section_id:
                return section
        valid = ", ".join(s.id for s in self.sections)
        raise InputError(f"There is no section '{section_id}'. Sections: {valid}.")

    def item(self, item_id: str, *, section: str | None = None) -> Item:
        """The item with this id (within `section` when given); InputError otherwise."""
        found = self._items.get(item_id)
        if found is not None and (section is None or found.section == section):
            return found
        if section is not None:
            valid = ", ".join(i.id for i in self.section(section).items)
            raise InputError(f"Section '{section}' has no item '{item_id}'. Items: {valid}.")
        raise InputError(f"There is no item '{item_id}'. Run `waylight learn` to see the sections.")

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items


@cache
def load_knowledge_base(lang: str | None = None) -> KnowledgeBase:
    """Every section named in `content/kb/index.yaml`, validated and cross-checked, in `lang`
    (default English). Items without a translation stay in English (`Item.lang` says so)."""
    code = normalise_language(lang)
    if code != lang:
        return load_knowledge_base(code)  # one cached knowledge base per language
    if code == SOURCE_LANGUAGE:
        return _load_english()
    return _load_translated(code)


def _load_english() -> KnowledgeBase:
    index = load_data(INDEX_FILE, schema="kb_index")
    sections = tuple(
        _build_section(load_data(f"kb/{section_id}.yaml", schema="kb_section"), section_id)
        for section_id in index["sections"]
    )
    items = _index_items(sections)
    sources = _collect_sources(index, sections)
    for section in sections:
        _check_references(section, items, sources)
        _check_marks(section)
    _check_text(INDEX_FILE, "help_now", index["help_now"])
    return KnowledgeBase(
        title=index["title"],
        intro=index["intro"].strip(),
        help_now=index["help_now"].strip(),
        sections=sections,
        sources=sources,
        _items=items,
    )


def _build_section(data: dict[str, Any], expected_id: str) -> Section:
    file = f"kb/{expected_id}.yaml"
    if data["id"] != expected_id:
        raise ContentError(file, f"id is '{data['id']}', expected '{expected_id}'", field="id")
    items = tuple(_build_item(raw, expected_id) for raw in data["items"])
    return Section(
        id=data["id"],
        title=data["title"],
        intro=data["intro"].strip(),
        items=items,
        points_label=data.get("points_label"),
        review_note=data.get("review_note"),
    )


def _build_item(raw: dict[str, Any], section_id: str) -> Item:
    return Item(
        id=raw["id"],
        section=section_id,
        title=raw["title"],
        summary=raw["summary"].strip(),
        body=raw["body"].strip(),
        related=tuple(raw["related"]),
        sources=tuple(raw["sources"]),
        keywords=tuple(raw.get("keywords", ())),
        points=tuple(raw.get("points", ())),
        phq9_items=tuple(raw.get("phq9_items", ())),
        myth=raw.get("myth"),
        fact=raw.get("fact"),
        authors=raw.get("authors"),
        date=raw.get("date"),
        journal=raw.get("journal"),
        doi=raw.get("doi"),
        design=raw.get("design"),
        review_note=raw.get("review_note"),
    )


def _index_items(sections: tuple[Section, ...]) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for section in sections:
        for position, item in enumerate(section.items):
            if item.id in items:
                raise ContentError(
                    f"kb/{section.id}.yaml",
                    f"id '{item.id}' is already used in section '{items[item.id].section}'",
                    field=f"items/{position}/id",
                )
            items[item.id] = item
    return items


def _collect_sources(index: dict[str, Any], sections: tuple[Section, ...]) -> dict[str, Source]:
    sources = {
        raw["id"]: Source(id=raw["id"], citation=raw["citation"], url=raw.get("url"))
        for raw in index["sources"]
    }
    # The cited studies are items of the references section and sources at the same time.
    for section in sections:
        if section.id == "references":
            for study in section.items:
                citation = f"{study.authors} ({study.date}). {study.title}. {study.journal}."
                url = f"https://doi.org/{study.doi}" if study.doi else None
                sources[study.id] = Source(id=study.id, citation=citation, url=url)
    if SEED_SOURCE not in sources:
        raise ContentError(
            INDEX_FILE, f"the seed article ('{SEED_SOURCE}') is not listed", field="sources"
        )
    return sources


# Text shown in several channels never names a command or carries code: it writes the
# channel-neutral mark [[Help now]] and each shell renders it (docs/knowledge-base.md).
_COMMAND = re.compile(
    r"`|\bwaylight\s+(?:help-now|learn|score|signs|check-text|doctor|instruments|serve|scan|"
    r"home|audit)\b",
    re.IGNORECASE,
)


def _check_text(file: str, field: str, text: str | None) -> None:
    if not text:
        return
    unknown = unknown_marks(text)
    if unknown:
        raise ContentError(file, f"unknown mark {unknown[0]!r}; use {HELP_NOW}", field=field)
    found = _COMMAND.search(text)
    if found:
        raise ContentError(
            file,
            f"names a command or code ({found.group(0)!r}): write {HELP_NOW} and let each "
            "shell show it",
            field=field,
        )


def _check_marks(section: Section, *, file: str | None = None) -> None:
    file = file or f"kb/{section.id}.yaml"
    _check_text(file, "intro", section.intro)
    _check_text(file, "review_note", section.review_note)
    for position, item in enumerate(section.items):
        if item.lang != section.lang:
            continue  # an item still in English was checked with the English file
        for name in ("summary", "body", "myth", "fact", "review_note"):
            _check_text(file, f"items/{position}/{name}", getattr(item, name))
        for n, point in enumerate(item.points):
            _check_text(file, f"items/{position}/points/{n}", point)


def _check_references(
    section: Section, items: Mapping[str, Item], sources: Mapping[str, Source]
) -> None:
    file = f"kb/{section.id}.yaml"
    for position, item in enumerate(section.items):
        for n, related_id in enumerate(item.related):
            if related_id not in items:
                raise ContentError(
                    file,
                    f"item '{item.id}' relates to '{related_id}', which does not exist",
                    field=f"items/{position}/related/{n}",
                )
            if related_id == item.id:
                raise ContentError(
                    file,
                    f"item '{item.id}' relates to itself",
                    field=f"items/{position}/related/{n}",
                )
        for n, source_id in enumerate(item.sources):
            if source_id not in sources:
                raise ContentError(
                    file,
                    f"item '{item.id}' cites source '{source_id}', which is not listed in "
                    f"{INDEX_FILE} or the references section",
                    field=f"items/{position}/sources/{n}",
                )


# ------------------------------------------------------------------------------ translations


def _load_translated(lang: str) -> KnowledgeBase:
    english = load_knowledge_base(SOURCE_LANGUAGE)
    index_file = f"i18n/{lang}/{INDEX_FILE}"
    index = load_translation(INDEX_FILE, lang, schema="kb_index_i18n") or {}
    sections = tuple(_translate_section(section, lang) for section in english.sections)
    items = {item.id: item for section in sections for item in section.items}
    cited = dict(index.get("sources", {}))
    unknown = sorted(set(cited) - set(english.sources))
    if unknown:
        raise ContentError(index_file, f"translates unknown source {unknown[0]!r}", field="sources")
    sources = {
        key: Source(source.id, " ".join(cited[key].split()), source.url) if key in cited else source
        for key, source in english.sources.items()
    }
    for section in sections:
        if section.lang == lang:
            _check_marks(section, file=f"i18n/{lang}/kb/{section.id}.yaml")
    help_now = index.get("help_now", english.help_now).strip()
    _check_text(index_file, "help_now", help_now)
    return KnowledgeBase(
        title=index.get("title", english.title),
        intro=index.get("intro", english.intro).strip(),
        help_now=help_now,
        sections=sections,
        sources=sources,
        _items=items,
        lang=lang,
    )


# Fields a translated item must carry whenever the English item has them: a half-translated
# item would mix languages on one page without saying so.
_TRANSLATED_FIELDS = ("title", "summary", "body", "points", "myth", "fact", "design", "review_note")


def _translate_section(section: Section, lang: str) -> Section:
    relpath = f"kb/{section.id}.yaml"
    file = f"i18n/{lang}/{relpath}"
    data = load_translation(relpath, lang, schema="kb_section_i18n")
    if data is None:
        return section
    if data["id"] != section.id:
        raise ContentError(file, f"id is '{data['id']}', expected '{section.id}'", field="id")
    words: dict[str, dict[str, Any]] = data["items"]
    known = {item.id for item in section.items}
    for item_id in words:
        if item_id not in known:
            raise ContentError(
                file,
                f"translates '{item_id}', which section '{section.id}' does not have",
                field=f"items/{item_id}",
            )
    for name in ("points_label", "review_note"):
        if getattr(section, name) and name not in data:
            raise ContentError(file, f"lacks '{name}', which the English section has")
    items = tuple(
        _translate_item(item, words[item.id], file, lang) if item.id in words else item
        for item in section.items
    )
    return Section(
        id=section.id,
        title=data["title"],
        intro=data["intro"].strip(),
        items=items,
        points_label=data.get("points_label"),
        review_note=data.get("review_note"),
        lang=lang,
    )


def _translate_item(item: Item, raw: dict[str, Any], file: str, lang: str) -> Item:
    where = f"items/{item.id}"
    for name in _TRANSLATED_FIELDS:
        # A study keeps its published (English) title: it is the paper's name.
        if name == "title" and item.section == "references":
            continue
        if getattr(item, name) and name not in raw:
            raise ContentError(file, f"lacks '{name}', which the English item has", field=where)
        if name in raw and not getattr(item, name):
            raise ContentError(file, f"has '{name}', which the English item lacks", field=where)
    points = tuple(raw.get("points", ()))
    if len(points) != len(item.points):
        raise ContentError(
            file,
            f"has {len(points)} points where the English item has {len(item.points)}",
            field=f"{where}/points",
        )
    return Item(
        id=item.id,
        section=item.section,
        title=raw.get("title", item.title),
        summary=raw["summary"].strip(),
        body=raw["body"].strip(),
        related=item.related,
        sources=item.sources,
        keywords=tuple(raw.get("keywords", ())),
        points=points,
        phq9_items=item.phq9_items,
        myth=raw.get("myth"),
        fact=raw.get("fact"),
        authors=item.authors,
        date=item.date,
        journal=item.journal,
        doi=item.doi,
        design=raw.get("design"),
        review_note=raw.get("review_note"),
        lang=lang,
    )
