"""Small text filters for templates."""

from __future__ import annotations

import re
from datetime import date, datetime

from django import template
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext

from waylight.core.markup import plain, split_marks

register = template.Library()

# A phone number as people type it: digits with spaces, hyphens or brackets between them, an
# optional leading "+". Dots are left out so dates ("12.05.2025") never become links.
_PHONE = re.compile(r"(?<![\w+(])(?:\+|\()?\d[\d\s()-]*\d(?![\w])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _help_now_words() -> str:
    """How the content mark [[Help now]] reads on this page."""
    from waylight.core.i18n import help_now_words

    return help_now_words(_page_language())


# The date formats the pages use (Django's format characters). Each is translated in the
# catalog with the context "date format", so that a Spanish page reads "martes, 1 de diciembre
# de 2026" where an English one reads "Tuesday 1 December 2026".
DATE_FORMATS = {
    "day": "l j F Y",
    "date": "j F Y",
    "short": "j M Y",
    "short_time": "j M Y, H:i",
    "day_month": "j M",
}


def _date_formats_for_the_catalog() -> None:  # pragma: no cover - read by the message extractor
    pgettext("date format", "l j F Y")
    pgettext("date format", "j F Y")
    pgettext("date format", "j M Y")
    pgettext("date format", "j M Y, H:i")
    pgettext("date format", "j M")


@register.filter(expects_localtime=True)
def local_date(value: date | datetime | None, name: str) -> str:
    """`value` in the page's language, in one of `DATE_FORMATS` ("day", "short", ...)."""
    if value in (None, ""):
        return ""
    return dateformat.format(value, pgettext("date format", DATE_FORMATS[name]))


def _page_language() -> str:
    from waylight.core.i18n import normalise_language

    try:
        return normalise_language(get_language())
    except Exception:  # an unknown code never breaks a page
        return "en"


@register.filter
def other_language(lang: str | None) -> bool:
    """True when content in `lang` is not in the page's language (a text not translated yet):
    the template then marks it with `lang="..."` and says so with `in_english_note`."""
    return bool(lang) and lang != _page_language()


@register.simple_tag
def in_english_note() -> str:
    """The page language's note beside a text shown in English because it is not translated."""
    from waylight.core.i18n import in_english_note as note

    return note(_page_language()) or ""


@register.filter
def keep_together(value: str) -> str:
    """Use non-breaking hyphens so names such as "PHQ-9" never break across two lines."""
    return str(value).replace("-", "\u2011")


@register.filter
def content_links(value: str) -> SafeString:
    """Content text, escaped, with its channel-neutral marks as links ("[[Help now]]")."""
    pieces = []
    for kind, words in split_marks(str(value), words=_help_now_words()):
        if kind == "help_now":
            pieces.append(format_html('<a href="{}">{}</a>', reverse("help_now"), words))
        else:
            pieces.append(escape(words))
    return mark_safe("".join(pieces))  # every piece is escaped or built by format_html


@register.filter
def content_plain(value: str) -> str:
    """Content text with its marks as plain words, for places that already are a link."""
    return plain(str(value), words=_help_now_words())


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
