"""Small text filters for templates."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def keep_together(value: str) -> str:
    """Use non-breaking hyphens so names such as "PHQ-9" never break across two lines."""
    return str(value).replace("-", "\u2011")
