"""Crisis lines and emergency numbers by country (SPEC capability C3).

`help_for(country)` is the one call every shell makes to find help for a person: a country we
list gives its lines; a valid country we do not list, or no country at all, gives the fallback
(emergency-number guidance and findahelpline.com); a string that is not a country code is an
error, so a typo never silently hides a country's own lines.

The data lives in `content/resources/` (crisis_lines.yaml, iso_countries.yaml, time_zones.yaml);
how entries are kept and re-verified is in docs/crisis-lines.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import UnknownCountry

CRISIS_LINES_FILE = "resources/crisis_lines.yaml"
ISO_COUNTRIES_FILE = "resources/iso_countries.yaml"
TIME_ZONES_FILE = "resources/time_zones.yaml"

# No country is assumed: a person who has not chosen one gets the fallback, never another
# country's numbers.
DEFAULT_COUNTRY: str | None = None

STATUSES = ("verified", "unverified")
SOURCE_KINDS = ("public_page", "secondary", "reference_only", "none")
COSTS = ("free", "local_rate", "unknown")


@dataclass(frozen=True)
class Notices:
    """Plain words shown beside an entry: how sure we are of it, and what a call costs."""

    unchecked_service: str
    unsourced_service: str
    unchecked_emergency: str
    unsourced_emergency: str
    all_unchecked: str
    cost: dict[str, str]


@dataclass(frozen=True)
class Provenance:
    """Where an entry comes from and how sure we are of it (docs/crisis-lines.md).

    `verified_at` is the day the entry was checked against the service's own page (for an
    emergency number, an official page); it is None, and `status` is "unverified", until someone
    has really done that. `source_date` is the date the newest dated source itself gives.
    """

    sources: tuple[str, ...]
    source_kind: str
    origin: str
    status: str
    verified_at: date | None = None
    source_date: str | None = None
    source_note: str | None = None

    @property
    def verified(self) -> bool:
        """True only when the entry was checked against the service's own page on a known day."""
        return self.status == "verified" and self.verified_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "status": self.status,
            "verified_at": self.verified_at.isoformat() if self.verified_at else None,
            "source_kind": self.source_kind,
            "source_date": self.source_date,
            "origin": self.origin,
            "source": self.sources[0] if self.sources else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class PhoneNumber:
    """One more number for a service (a free line, a legacy number, police...)."""

    phone: str
    dial: str
    label: str | None = None
    hours: str | None = None
    cost: str | None = None  # only where it differs from, or is surer than, the service's


@dataclass(frozen=True)
class TextLine:
    """A number to text (SMS) or message (WhatsApp), with its keyword where one is needed."""

    number: str
    keyword: str | None = None
    channel: str = "sms"
    label: str | None = None

    @property
    def dial(self) -> str:
        return re.sub(r"\D", "", self.number)

    def describe(self) -> str:
        """How a person would say it: "Text SHOUT to 85258", "WhatsApp 324 011 7252"."""
        verb = "WhatsApp" if self.channel == "whatsapp" else "Text"
        said = f"{verb} {self.number}"
        if self.keyword:
            said = f"{verb} {self.keyword} to {self.number}"
        return f"{said} ({self.label})" if self.label else said

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "dial": self.dial,
            "keyword": self.keyword,
            "channel": self.channel,
            "label": self.label,
        }


@dataclass(frozen=True)
class Service:
    """A crisis line or helpline, with where it comes from and how sure we are of it."""

    id: str
    name: str
    phone: str | None
    dial: str | None
    hours: str | None
    languages: tuple[str, ...]
    audience: str
    provenance: Provenance
    cost: str
    region: str | None = None
    other_numbers: tuple[PhoneNumber, ...] = ()
    texts: tuple[TextLine, ...] = ()
    chat_url: str | None = None
    website: str | None = None
    email: str | None = None
    notes: str | None = None
    cost_note: str | None = None

    @property
    def verified(self) -> bool:
        return self.provenance.verified

    @property
    def status(self) -> str:
        return self.provenance.status

    @property
    def sources(self) -> tuple[str, ...]:
        return self.provenance.sources

    @property
    def verified_at(self) -> date | None:
        return self.provenance.verified_at

    @property
    def check_note(self) -> str | None:
        """What a person should know about how sure we are of this line; None when verified."""
        return _check_note(self.provenance, emergency=False)

    @property
    def cost_label(self) -> str:
        """ "Free", "Local call rate" or "Cost not known", as the content words it."""
        return _notices().cost[self.cost]

    @property
    def texts_said(self) -> str | None:
        return "; ".join(t.describe() for t in self.texts) or None

    def to_resource(self) -> dict[str, Any]:
        return {
            "kind": "service",
            "id": self.id,
            "name": self.name,
            "phone": self.phone,
            "dial": self.dial,
            "other_numbers": [_number_dict(n) for n in self.other_numbers],
            "text": self.texts_said,
            "texts": [t.to_dict() for t in self.texts],
            "chat_url": self.chat_url,
            "website": self.website,
            "email": self.email,
            "hours": self.hours,
            "languages": list(self.languages),
            "audience": self.audience,
            "region": self.region,
            "notes": self.notes,
            "cost": self.cost,
            "cost_label": self.cost_label,
            "cost_note": self.cost_note,
            "check_note": self.check_note,
            **self.provenance.to_dict(),
        }


@dataclass(frozen=True)
class EmergencyNumber:
    """A country's emergency number: the medical emergency (ambulance) number first."""

    number: str
    dial: str
    provenance: Provenance
    note: str | None = None
    other_numbers: tuple[PhoneNumber, ...] = ()

    @property
    def verified(self) -> bool:
        return self.provenance.verified

    @property
    def status(self) -> str:
        return self.provenance.status

    @property
    def sources(self) -> tuple[str, ...]:
        return self.provenance.sources

    @property
    def verified_at(self) -> date | None:
        return self.provenance.verified_at

    @property
    def check_note(self) -> str | None:
        return _check_note(self.provenance, emergency=True)


@dataclass(frozen=True)
class CountryHelp:
    """Everything Waylight knows about getting help now in one country."""

    code: str | None
    name: str
    emergency_number: str | None
    services: tuple[Service, ...]
    is_fallback: bool
    emergency: EmergencyNumber | None = None
    guidance: str | None = None

    def to_resources(self) -> list[dict[str, Any]]:
        """The JSON list used in every `resources` field: emergency number first, then services."""
        return [self._emergency_resource(), *(s.to_resource() for s in self.services)]

    def _emergency_resource(self) -> dict[str, Any]:
        em = self.emergency
        base: dict[str, Any] = {
            "kind": "emergency",
            "id": f"{(self.code or 'fallback').lower()}-emergency",
            "name": "Emergency services",
            "text": None,
            "texts": [],
            "chat_url": None,
            "website": None,
            "email": None,
            "hours": "24/7",
            "languages": [],
            "audience": "everyone",
            "region": None,
            # Waylight states no cost for emergency numbers: it has no source for one.
            "cost": None,
            "cost_label": None,
            "cost_note": None,
        }
        if em is None:
            # Fallback: we do not know the number, so we say how to find it instead of guessing.
            # There is no number to check, so there is no caveat to show either.
            return base | {
                "phone": None,
                "dial": None,
                "other_numbers": [],
                "notes": self.guidance,
                "check_note": None,
                **_fallback_guidance_provenance().to_dict(),
            }
        return base | {
            "phone": em.number,
            "dial": em.dial,
            "other_numbers": [_number_dict(n) for n in em.other_numbers],
            "notes": em.note,
            "check_note": em.check_note,
            **em.provenance.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        """The `help-now --json` shape (docs/cli.md)."""
        return {
            "country": self.code,
            "name": self.name,
            "emergency_number": self.emergency_number,
            "is_fallback": self.is_fallback,
            "resources": self.to_resources(),
        }


def _check_note(provenance: Provenance, *, emergency: bool) -> str | None:
    if provenance.verified:
        return None
    notices = _notices()
    if provenance.source_kind == "none":
        return notices.unsourced_emergency if emergency else notices.unsourced_service
    return notices.unchecked_emergency if emergency else notices.unchecked_service


def _number_dict(number: PhoneNumber) -> dict[str, Any]:
    return {
        "phone": number.phone,
        "dial": number.dial,
        "label": number.label,
        "hours": number.hours,
        "cost": number.cost,
    }


# ------------------------------------------------------------------------------ public calls


def help_for(country: str | None) -> CountryHelp:
    """Crisis lines and emergency number for `country` (ISO 3166-1 alpha-2, any case).

    None or an empty string gives the fallback; so does a valid code we do not list.
    Raises UnknownCountry for anything that is not a country code.
    """
    if country is None or (isinstance(country, str) and not country.strip()):
        country = DEFAULT_COUNTRY
    if country is None:
        return _fallback(None, "Your country")
    code = normalise_country(country)
    listed = _directory().get(code)
    if listed is not None:
        return listed
    return _fallback(code, _iso_names()[code])


def normalise_country(country: str) -> str:
    """The upper-case ISO code for `country`, or UnknownCountry with a message saying what works."""
    if not isinstance(country, str):  # a JSON body or a form can carry anything
        raise UnknownCountry(_unknown_message(repr(country)))
    code = country.strip().upper()
    code = _iso_aliases().get(code, code)
    if code not in _iso_names():
        raise UnknownCountry(_unknown_message(repr(country.strip())))
    return code


def _unknown_message(given: str) -> str:
    shown = given if len(given) <= 24 else given[:20] + "..."  # never echo a huge input back
    return (
        f"{shown} is not a country code. Use a two-letter ISO 3166 code such as GB, US or FR; "
        "run `waylight help-now --list` to see the countries Waylight lists."
    )


def list_countries() -> list[tuple[str, str]]:
    """(code, name) for every country with its own lines, sorted by name."""
    return sorted(((c.code or "", c.name) for c in _directory().values()), key=lambda p: p[1])


def unchecked_notice() -> str:
    """The note beside a line not yet checked against the service's own page."""
    return _notices().unchecked_service


def all_unchecked_notice() -> str:
    """The one sentence said under a short list of lines that are not yet checked."""
    return _notices().all_unchecked


def all_services() -> list[tuple[str | None, Service]]:
    """Every service we ship, with its country code (None for the fallback): for checks."""
    rows: list[tuple[str | None, Service]] = [(None, s) for s in _fallback_parts()[0]]
    for code, country in sorted(_directory().items()):
        rows.extend((code, s) for s in country.services)
    return rows


def all_emergency_numbers() -> list[tuple[str, EmergencyNumber]]:
    """Every country's emergency number, by code: for checks."""
    return [(code, c.emergency) for code, c in sorted(_directory().items()) if c.emergency]


_LANGUAGE_RANGE = re.compile(r"^\s*([A-Za-z]{1,8})(?:-([A-Za-z0-9]{1,8}))*\s*$")


def guess_country(accept_language: str | None, time_zone: str | None) -> str | None:
    """A country to suggest from the browser's time zone, else its language ("en-GB" -> GB).

    The time zone says where the device is, so it wins over language (English is set in many
    countries). Only a suggestion: the person can always change it. None when nothing fits.
    """
    if time_zone:
        code = _time_zones().get(time_zone.strip())
        if code is not None:
            return code
    for tag in _language_tags(accept_language or ""):
        parts = tag.split("-")
        for subtag in parts[1:]:
            if len(subtag) == 2 and subtag.isalpha():
                code = _iso_aliases().get(subtag.upper(), subtag.upper())
                if code in _iso_names():
                    return code
    return None


def _language_tags(header: str) -> list[str]:
    """Language tags of an Accept-Language header, highest quality first."""
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:20]):  # a header is short; cap the work
        tag, _, params = item.partition(";")
        if not _LANGUAGE_RANGE.match(tag):
            continue
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                continue
        if quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


# ------------------------------------------------------------------------------ loading


@cache
def _directory() -> dict[str, CountryHelp]:
    data = load_data(CRISIS_LINES_FILE, schema="crisis_lines")
    countries: dict[str, CountryHelp] = {}
    for entry in data["countries"]:
        emergency = _emergency(entry["emergency"])
        countries[entry["code"]] = CountryHelp(
            code=entry["code"],
            name=entry["name"],
            emergency_number=emergency.number,
            services=tuple(_service(s) for s in entry["services"]),
            is_fallback=False,
            emergency=emergency,
        )
    return countries


def _fallback(code: str | None, name: str) -> CountryHelp:
    services, guidance = _fallback_parts()
    return CountryHelp(
        code=code,
        name=name,
        emergency_number=None,
        services=services,
        is_fallback=True,
        emergency=None,
        guidance=guidance,
    )


@cache
def _fallback_parts() -> tuple[tuple[Service, ...], str]:
    data = load_data(CRISIS_LINES_FILE, schema="crisis_lines")["fallback"]
    return tuple(_service(s) for s in data["services"]), str(data["guidance"])


def _fallback_guidance_provenance() -> Provenance:
    # The fallback's "call your local emergency number" names no number of its own; it rests on
    # the directory it points to.
    return _fallback_parts()[0][0].provenance


@cache
def _notices() -> Notices:
    raw = load_data(CRISIS_LINES_FILE, schema="crisis_lines")["notices"]
    return Notices(
        unchecked_service=" ".join(raw["unchecked_service"].split()),
        unsourced_service=" ".join(raw["unsourced_service"].split()),
        unchecked_emergency=" ".join(raw["unchecked_emergency"].split()),
        unsourced_emergency=" ".join(raw["unsourced_emergency"].split()),
        all_unchecked=" ".join(raw["all_unchecked"].split()),
        cost=dict(raw["cost"]),
    )


def _provenance(raw: dict[str, Any]) -> Provenance:
    verified_at = raw.get("verified_at")
    return Provenance(
        sources=tuple(raw["sources"]),
        source_kind=raw["source_kind"],
        origin=raw["origin"],
        status=raw["status"],
        verified_at=date.fromisoformat(verified_at) if verified_at else None,
        source_date=raw.get("source_date"),
        source_note=raw.get("source_note"),
    )


def _service(raw: dict[str, Any]) -> Service:
    return Service(
        id=raw["id"],
        name=raw["name"],
        phone=raw["phone"],
        dial=raw["dial"],
        hours=raw["hours"],
        languages=tuple(raw["languages"]),
        audience=raw["audience"],
        provenance=_provenance(raw),
        cost=raw["cost"],
        region=raw.get("region"),
        other_numbers=tuple(_phone_number(n) for n in raw.get("other_numbers", ())),
        texts=tuple(
            TextLine(
                number=t["number"],
                keyword=t.get("keyword"),
                channel=t.get("channel", "sms"),
                label=t.get("label"),
            )
            for t in raw.get("texts", ())
        ),
        chat_url=raw.get("chat_url"),
        website=raw.get("website"),
        email=raw.get("email"),
        notes=raw.get("notes"),
        cost_note=raw.get("cost_note"),
    )


def _emergency(raw: dict[str, Any]) -> EmergencyNumber:
    return EmergencyNumber(
        number=raw["number"],
        dial=raw["dial"],
        provenance=_provenance(raw),
        note=raw.get("note"),
        other_numbers=tuple(_phone_number(n) for n in raw.get("other_numbers", ())),
    )


def _phone_number(raw: dict[str, Any]) -> PhoneNumber:
    return PhoneNumber(
        phone=raw["phone"],
        dial=raw["dial"],
        label=raw.get("label"),
        hours=raw.get("hours"),
        cost=raw.get("cost"),
    )


@cache
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = load_data(ISO_COUNTRIES_FILE, schema="iso_countries")["countries"]
    return names


@cache
def _iso_aliases() -> dict[str, str]:
    aliases: dict[str, str] = load_data(ISO_COUNTRIES_FILE, schema="iso_countries")["aliases"]
    return aliases


@cache
def _time_zones() -> dict[str, str]:
    zones: dict[str, str] = load_data(TIME_ZONES_FILE, schema="time_zones")["zones"]
    return zones
