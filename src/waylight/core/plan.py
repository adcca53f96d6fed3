"""The safety plan's sections: the six steps of safety planning plus reasons for living.

The words are content (`content/plan/sections.yaml`, our own wording of the Stanley and Brown
structure; `content/i18n/<lang>/plan/sections.yaml` in other languages). The section keys are
stored with each plan and never change with the language: a plan written on a Spanish page
opens on an English one, under the same headings in English.

    >>> [s.key for s in load_plan_sections("es").sections][:2]
    ['warning_signs', 'coping_alone']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language

SECTIONS_FILE = "plan/sections.yaml"
ENGLISH_EXAMPLE_LABEL = "For example:"


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str
    short_title: str
    hint: str
    example: str  # shown inside the empty box: "For example:" then one idea per line
    lang: str = SOURCE_LANGUAGE


@dataclass(frozen=True)
class PlanSections:
    sections: tuple[PlanSection, ...]
    max_lines: int
    max_line_chars: int
    lang: str = SOURCE_LANGUAGE

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(section.key for section in self.sections)

    def section(self, key: str) -> PlanSection:
        return next(s for s in self.sections if s.key == key)


def _section(raw: dict[str, Any], label: str, lang: str, key: str | None = None) -> PlanSection:
    return PlanSection(
        key=key or raw["key"],
        title=raw["title"],
        short_title=raw["short_title"],
        hint=raw["hint"],
        example="\n".join([label, *raw["examples"]]),
        lang=lang,
    )


@cache
def load_plan_sections(lang: str | None = None) -> PlanSections:
    """The plan's sections in `lang` (default English); a section not translated stays English."""
    code = normalise_language(lang)
    data = load_data(SECTIONS_FILE, schema="plan_sections")
    english = tuple(
        _section(raw, ENGLISH_EXAMPLE_LABEL, SOURCE_LANGUAGE) for raw in data["sections"]
    )
    sections = english
    if code != SOURCE_LANGUAGE:
        raw = load_translation(SECTIONS_FILE, code, schema="plan_sections_i18n")
        if raw is not None:
            unknown = sorted(set(raw["sections"]) - {s.key for s in english})
            if unknown:
                raise ContentError(
                    f"i18n/{code}/{SECTIONS_FILE}", f"translates unknown section {unknown[0]!r}"
                )
            sections = tuple(
                _section(raw["sections"][s.key], raw["example_label"], code, s.key)
                if s.key in raw["sections"]
                else s
                for s in english
            )
    return PlanSections(sections, data["max_lines"], data["max_line_chars"], code)
