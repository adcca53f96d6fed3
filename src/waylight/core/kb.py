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
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError, InputError
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
def load_knowledge_base() -> KnowledgeBase:
    """Load, validate and cross-check every section named in `content/kb/index.yaml`."""
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


def _check_marks(section: Section) -> None:
    file = f"kb/{section.id}.yaml"
    _check_text(file, "intro", section.intro)
    _check_text(file, "review_note", section.review_note)
    for position, item in enumerate(section.items):
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
