"""Crisis lines as the web pages show them: call, text and chat links a phone can follow.

Only presentation: which lines exist, their numbers and their order come from
`waylight.core.resources` (emergency number first). This module turns each resource into links
(`tel:`, `sms:`) and short labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest

from waylight.core.resources import CountryHelp, help_for
from waylight.web.country import chosen_country


@dataclass(frozen=True)
class Link:
    label: str
    href: str | None  # None: show the words without a link (a WhatsApp number, for example)


@dataclass(frozen=True)
class Line:
    name: str
    is_emergency: bool
    about: str | None
    calls: list[Link] = field(default_factory=list)
    texts: list[Link] = field(default_factory=list)
    chat_url: str | None = None
    website: str | None = None
    hours: str | None = None
    audience: str | None = None
    check_note: str | None = None  # how sure we are of the line, in the directory's own words
    cost: str | None = None  # "Free", "Cost not known"...: every line states its cost


def current_help(request: HttpRequest) -> CountryHelp:
    """Help for the country this person chose (or the one we guessed, or the fallback)."""
    return help_for(chosen_country(request))


def lines_for(help_: CountryHelp) -> list[Line]:
    return [_line(resource) for resource in help_.to_resources()]


def sms_href(number: str, keyword: str | None) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    # "?&body=" is understood by both Android and iOS messaging apps.
    return f"sms:{digits}?&body={quote(keyword)}" if keyword else f"sms:{digits}"


def _line(resource: dict[str, Any]) -> Line:
    is_emergency = resource.get("kind") == "emergency"
    calls: list[Link] = []
    if resource.get("dial"):
        calls.append(
            Link(f"Call {resource.get('phone') or resource['dial']}", f"tel:{resource['dial']}")
        )
    for other in resource.get("other_numbers") or []:
        label = f"Call {other['phone']}" + (f" ({other['label']})" if other.get("label") else "")
        calls.append(Link(label, f"tel:{other['dial']}"))
    texts: list[Link] = []
    for text in resource.get("texts") or []:
        verb = "WhatsApp" if text.get("channel") == "whatsapp" else "Text"
        said = (
            f"{verb} {text['keyword']} to {text['number']}"
            if text.get("keyword")
            else f"{verb} {text['number']}"
        )
        if text.get("label"):
            said += f" ({text['label']})"
        href = sms_href(text["number"], text.get("keyword")) if verb == "Text" else None
        texts.append(Link(said, href))
    hours = resource.get("hours")
    return Line(
        name=resource.get("name") or "Helpline",
        is_emergency=is_emergency,
        about=resource.get("notes"),
        calls=calls,
        texts=texts,
        chat_url=resource.get("chat_url"),
        website=resource.get("website") if not resource.get("chat_url") else None,
        hours=hours,
        audience=None if resource.get("audience") in (None, "everyone") else resource["audience"],
        check_note=resource.get("check_note"),
        cost=(
            resource.get("cost_label") if resource.get("dial") or resource.get("texts") else None
        ),
    )
