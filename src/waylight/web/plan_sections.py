"""The safety plan's sections, for the form, the pages and the PDF.

The words are content, loaded by the core (`waylight.core.plan`, our own wording of the Stanley
and Brown structure, in each language). The English sections and the limits are exposed here
as constants because the stored keys and the limits never change with the language.
"""

from __future__ import annotations

from waylight.core.plan import PlanSection, PlanSections, load_plan_sections

__all__ = ["MAX_LINES", "MAX_LINE_CHARS", "SECTIONS", "SECTION_KEYS", "PlanSection", "sections_for"]

_ENGLISH = load_plan_sections()
SECTIONS: tuple[PlanSection, ...] = _ENGLISH.sections
SECTION_KEYS = _ENGLISH.keys
MAX_LINES: int = _ENGLISH.max_lines
MAX_LINE_CHARS: int = _ENGLISH.max_line_chars


def sections_for(lang: str | None) -> PlanSections:
    """The sections with their words in `lang`."""
    return load_plan_sections(lang)
