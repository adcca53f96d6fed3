"""Small text filters for templates."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from waylight.core.markup import plain, split_marks

register = template.Library()

# A phone number as people type it: digits with spaces, hyphens or brackets between them, an
# optional leading "+". Dots are left out so dates ("12.05.2025") never become links.
_PHONE = re.compile(r"(?<![\w+(])(?:\+|\()?\d[\d\s()-]*\d(?![\w])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@register.filter
def keep_together(value: str) -> str:
    """Use non-breaking hyphens so names such as "PHQ-9" never break across two lines."""
    return str(value).replace("-", "\u2011")


@register.filter
def content_links(value: str) -> SafeString:
    """Content text, escaped, with its channel-neutral marks as links ("[[Help now]]")."""
    pieces = []
    for kind, words in split_marks(str(value)):
        if kind == "help_now":
            pieces.append(format_html('<a href="{}">{}</a>', reverse("help_now"), words))
        else:
            pieces.append(escape(words))
    return mark_safe("".join(pieces))  # every piece is escaped or built by format_html


@register.filter
def content_plain(value: str) -> str:
    """Content text with its marks as plain words, for places that already are a link."""
    return plain(str(value))


def dial_string(text: str) -> str | None:
    """The digits to dial for a typed number, or None when it does not look like one.

    Three to fifteen digits (short codes such as 999 or 116 123, up to international numbers);
    a lone four-digit year is not a phone number.
    """
    digits = re.sub(r"\D", "", text)
    if not 3 <= len(digits) <= 15 or _YEAR.match(text.strip()):
        return None
    return ("+" if text.strip().startswith("+") else "") + digits


@register.filter
def phone_links(value: str) -> SafeString:
    """Escape `value`, turning each typed phone number into a tap-to-call `tel:` link."""
    text = str(value)
    out: list[str] = []
    last = 0
    for match in _PHONE.finditer(text):
        number = match.group(0).strip()
        if number.startswith("(") and ")" not in number:
            number = number[1:]  # "(116 123)": the bracket belongs to the sentence
        dial = dial_string(number)
        if dial is None:
            continue
        start = match.start() + match.group(0).index(number[0])
        out.append(str(conditional_escape(text[last:start])))
        out.append(f'<a href="tel:{dial}">{conditional_escape(number)}</a>')
        last = start + len(number)
    out.append(str(conditional_escape(text[last:])))
    return mark_safe("".join(out))  # every piece of `value` above went through the escaper
