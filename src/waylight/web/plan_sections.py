"""The safety plan's sections: the six steps of safety planning plus reasons for living.

The words are content, kept in `content/plan/sections.yaml` (our own wording of the Stanley and
Brown structure); this module turns them into objects for the form, the pages and the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waylight.core.content import load_data

SECTIONS_FILE = "plan/sections.yaml"


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str
    short_title: str
    hint: str
    example: str  # shown inside the empty box: "For example:" then one idea per line


def _section(raw: dict[str, Any]) -> PlanSection:
    return PlanSection(
        key=raw["key"],
        title=raw["title"],
        short_title=raw["short_title"],
        hint=raw["hint"],
        example="\n".join(["For example:", *raw["examples"]]),
    )


_DATA = load_data(SECTIONS_FILE, schema="plan_sections")
SECTIONS: tuple[PlanSection, ...] = tuple(_section(raw) for raw in _DATA["sections"])
SECTION_KEYS = tuple(section.key for section in SECTIONS)
MAX_LINES: int = _DATA["max_lines"]
MAX_LINE_CHARS: int = _DATA["max_line_chars"]
