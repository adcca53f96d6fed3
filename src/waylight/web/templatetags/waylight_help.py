"""Filters for the crisis-line panel (includes/help_panel.html)."""

from __future__ import annotations

from django import template

from waylight.core.resources import TextLine
from waylight.web import helplines

register = template.Library()


@register.filter
def sms_href(text: TextLine) -> str:
    """The `sms:` link for a text line, or "" when it cannot be opened as a text (WhatsApp)."""
    return helplines.sms_href(text) or ""
