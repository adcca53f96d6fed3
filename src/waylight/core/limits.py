"""Input limits and the checks every shell shares, so the CLI, the API and batch agree.

    TEXT_MAX_CHARS_API   20,000   one text sent to the web API
    LINE_MAX_BYTES       1 MiB    one line of `check-text --jsonl` (longer lines are skipped
                                  unread and reported as a line error)
    STDIN_MAX_BYTES      1 MiB    the text of `check-text -` read from stdin
    JSON_MAX_DEPTH       20       nesting of one JSON line (a deeper one is a line error)

A text must be a string with at least one visible character: whitespace and invisible
formatting characters alone (zero-width spaces, joiners, direction marks) are "empty", and a
text that is not valid Unicode (a lone surrogate) is refused rather than guessed at.
"""

from __future__ import annotations

import unicodedata

from waylight.core.errors import InputError

TEXT_MAX_CHARS_API = 20_000
LINE_MAX_BYTES = 1 << 20
STDIN_MAX_BYTES = 1 << 20
JSON_MAX_DEPTH = 20

# Unicode categories that show nothing on their own: separators, controls, formatting
# (zero-width space and joiners, direction marks), unassigned and private-use code points.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs"}


def has_visible_text(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE for ch in text)


def check_text(value: object) -> str:
    """The text itself, or InputError: not a string, not valid Unicode, or nothing visible."""
    if not isinstance(value, str):
        raise InputError(f"The text must be a string, not {type(value).__name__}.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("The text has characters that are not valid Unicode.") from None
    if not has_visible_text(value):
        raise InputError("The text is empty: give some words to check.")
    return value


def json_depth(value: object) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar is 0)."""
    depth = 0
    level: list[object] = [value]
    while level:
        nested: list[object] = []
        for item in level:
            if isinstance(item, dict):
                nested.extend(item.values())
            elif isinstance(item, list):
                nested.extend(item)
        if not nested and not any(isinstance(i, dict | list) for i in level):
            break
        depth += 1
        level = nested
    return depth
