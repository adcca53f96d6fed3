"""Small text filters for templates."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from waylight.core.markup import plain, split_marks

register = template.Library()


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
