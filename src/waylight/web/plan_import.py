"""Reading a safety plan back from its "Download (JSON)" file, for a new phone.

Only the plan's own words are taken: each section's entries, by section id. Everything else in
the file (dates, the crisis lines of the day it was saved) is left out; the lines shown with
the plan are always today's, for this device's country. The result goes through the same form
checks as typing the plan in.
"""

from __future__ import annotations

import json
from typing import Any

from waylight.web.plan_sections import SECTION_KEYS

FORMAT = "waylight-safety-plan"
MAX_FILE_BYTES = 256 * 1024  # a full plan is a few kilobytes


class PlanFileError(ValueError):
    """The file is not a Waylight safety plan we can read; the message says what to do."""


NOT_A_PLAN = (
    "That file is not a Waylight safety plan. Choose the file you saved with "
    "“Download (JSON)”, usually called my-safety-plan.json."
)


def read_plan_file(data: bytes) -> dict[str, str]:
    """The plan in `data` as form fields (section key -> one entry per line)."""
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError("That file is too large to be a safety plan. Nothing was changed.")
    try:
        payload: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PlanFileError(NOT_A_PLAN) from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise PlanFileError(NOT_A_PLAN)
    if payload.get("version") != 1:
        raise PlanFileError(
            "That plan was saved by a newer version of Waylight, so it cannot be read here yet. "
            "Nothing was changed."
        )
    sections = payload.get("sections")
    if not isinstance(sections, list):
        raise PlanFileError(NOT_A_PLAN)
    fields = {key: "" for key in SECTION_KEYS}
    for section in sections:
        if not isinstance(section, dict) or section.get("id") not in SECTION_KEYS:
            continue  # a part this version does not have: leave it out, keep the rest
        entries = section.get("entries")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise PlanFileError(NOT_A_PLAN)
        # One entry per line, as the form expects; a line break inside an entry splits it.
        fields[section["id"]] = "\n".join(entries)
    return fields
