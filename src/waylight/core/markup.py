"""A small markup for channel-neutral content: places where each shell puts its own control.

Content is read on the command line, on the web and in printouts, so it never names a command
or a URL for getting help. It writes `[[Help now]]` where a reader should be pointed to help, in
every language (the mark is the same in a translation; only the words it shows change);
the command line shows the words with the `help-now` command, the web a link to the help-now
page, plain text just the words.

    render_marks("Help is near: [[Help now]].", help_now=lambda: "Help now (waylight help-now)")
"""

from __future__ import annotations

import re
from collections.abc import Callable

HELP_NOW = "[[Help now]]"
HELP_NOW_WORDS = "Help now"

# Any double-bracketed mark; only the ones listed in KNOWN_MARKS may appear in content.
MARK = re.compile(r"\[\[([^\[\]]*)\]\]")
KNOWN_MARKS = frozenset({HELP_NOW})


def unknown_marks(text: str) -> list[str]:
    """Marks in `text` that no shell knows how to show (a typo would print brackets)."""
    return [m.group(0) for m in MARK.finditer(text) if m.group(0) not in KNOWN_MARKS]


def render_marks(text: str, *, help_now: Callable[[], str]) -> str:
    """`text` with every mark replaced by what the shell shows for it."""
    return text.replace(HELP_NOW, help_now()) if HELP_NOW in text else text


def plain(text: str, *, words: str = HELP_NOW_WORDS) -> str:
    """`text` with marks as plain words, for places that cannot hold a link or a command.

    `words` is how the mark reads in the page's language (`waylight.core.i18n.help_now_words`).
    """
    return render_marks(text, help_now=lambda: words)


def split_marks(text: str, *, words: str = HELP_NOW_WORDS) -> list[tuple[str, str]]:
    """("text", words) and ("help_now", words) pieces in order, for shells that build markup."""
    pieces: list[tuple[str, str]] = []
    for part in re.split(f"({re.escape(HELP_NOW)})", text):
        if part == HELP_NOW:
            pieces.append(("help_now", words))
        elif part:
            pieces.append(("text", part))
    return pieces
