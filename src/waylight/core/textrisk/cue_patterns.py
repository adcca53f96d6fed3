"""Regular expressions built from the context cues' word lists (`context.yaml`).

The content files write an apostrophe a post may leave out as `{q}` ("i{q}m"); these helpers
turn a cue list into one alternation with it written as a regular expression.
"""

from __future__ import annotations

from collections.abc import Sequence


def expanded(patterns: Sequence[str]) -> list[str]:
    """`patterns` with `{q}` written as an optional apostrophe."""
    return [p.replace("{q}", "'?") for p in patterns]


def either(patterns: Sequence[str]) -> str:
    """One non-capturing alternation of `patterns`, to be bounded by the caller."""
    return "(?:" + "|".join(expanded(patterns)) + ")"
