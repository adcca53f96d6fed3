"""Crisis lines and emergency numbers by country (SPEC capability C3).

`help_for(country)` is the one call every shell makes to find help for a person: a country we
list gives its lines; a valid country we do not list, or no country at all, gives the fallback
(emergency-number guidance and findahelpline.com); a string that is not a country code is an
error, so a typo never silently hides a country's own lines.

The data lives in `content/resources/` (crisis_lines.yaml, iso_countries.yaml, time_zones.yaml);
how entries are kept and re-verified is in docs/crisis-lines.md.

`help_for(country, lang="es")` gives the same lines with the words people read in Spanish
(`content/i18n/es/resources/crisis_lines.yaml`), and lists first the lines that answer in that
language. A word not yet translated stays in English, and the line says so (`Service.in_english`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError, UnknownCountry
from waylight.core.i18n import (
    SOURCE_LANGUAGE,
    language,
    load_translation,
    normalise_language,
    translation_relpath,
    words,
)

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
    language: str | None = None  # set when it answers in another language than the service's


@dataclass(frozen=True)
class TextLine:
    """A number to text (SMS) or message (WhatsApp), with its keyword where one is needed."""

    number: str
    keyword: str | None = None
    channel: str = "sms"
    label: str | None = None
    language: str | None = None  # set when it answers in another language than the service's
    lang: str = SOURCE_LANGUAGE  # the language `describe` speaks

    @property
    def dial(self) -> str:
        return re.sub(r"\D", "", self.number)

    def describe(self) -> str:
        """How a person would say it: "Text SHOUT to 85258", "WhatsApp 324 011 7252"."""
        forms = _text_forms(self.lang)
        kind = "whatsapp" if self.channel == "whatsapp" else "text"
        form = forms[f"{kind}_keyword" if self.keyword else kind]
        said = form.format(number=self.number, keyword=self.keyword or "")
        return f"{said} ({self.label})" if self.label else said

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "dial": self.dial,
            "keyword": self.keyword,
            "channel": self.channel,
            "label": self.label,
        }


# How a text line is said, per language; {number} and {keyword} are filled in.
_ENGLISH_TEXT_FORMS = {
    "text": "Text {number}",
    "text_keyword": "Text {keyword} to {number}",
    "whatsapp": "WhatsApp {number}",
    "whatsapp_keyword": "WhatsApp {keyword} to {number}",
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
    lang: str = SOURCE_LANGUAGE  # the page language these words were asked in
    in_english: tuple[str, ...] = ()  # fields still in English on a page in `lang`
    audience_key: str = ""  # the audience as the English file says it, whatever the language
    languages_shown: tuple[str, ...] = ()  # `languages` in the page's language, for display

    @property
    def for_everyone(self) -> bool:
        """True for a line open to everyone (the English file's audience "everyone")."""
        return (self.audience_key or self.audience) == "everyone"

    @property
    def verified(self) -> bool:
        return self.provenance.verified

    def speaks(self, lang: str) -> bool:
        """Whether the line answers in `lang` (itself, or through one of its numbers)."""
        names = set(language(lang).speaks)
        return bool(names & set(self.languages)) or any(t.language in names for t in self.texts)

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
        return _check_note(self.provenance, emergency=False, lang=self.lang)

    @property
    def cost_label(self) -> str:
        """ "Free", "Local call rate" or "Cost not known", as the content words it."""
        return _notices(self.lang).cost[self.cost]

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
    lang: str = SOURCE_LANGUAGE
    in_english: tuple[str, ...] = ()

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
        return _check_note(self.provenance, emergency=True, lang=self.lang)


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
    lang: str = SOURCE_LANGUAGE
    emergency_name: str = "Emergency services"

    def to_resources(self) -> list[dict[str, Any]]:
        """The JSON list used in every `resources` field: emergency number first, then services."""
        return [self._emergency_resource(), *(s.to_resource() for s in self.services)]

    def _emergency_resource(self) -> dict[str, Any]:
        em = self.emergency
        base: dict[str, Any] = {
            "kind": "emergency",
            "id": f"{(self.code or 'fallback').lower()}-emergency",
            "name": self.emergency_name,
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


def _check_note(provenance: Provenance, *, emergency: bool, lang: str) -> str | None:
    if provenance.verified:
        return None
    notices = _notices(lang)
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


def help_for(country: str | None, *, lang: str | None = None) -> CountryHelp:
    """Crisis lines and emergency number for `country` (ISO 3166-1 alpha-2, any case), with the
    words in `lang` (default English) and, outside English, the lines that answer in that
    language first.

    None or an empty string gives the fallback; so does a valid code we do not list.
    Raises UnknownCountry for anything that is not a country code, UnknownLanguage for a
    language Waylight does not speak.
    """
    page = normalise_language(lang)
    if country is None or (isinstance(country, str) and not country.strip()):
        country = DEFAULT_COUNTRY
    if country is None:
        return _localised(_fallback(None, "Your country"), page)
    code = normalise_country(country)
    listed = _directory().get(code)
    if listed is not None:
        return _localised(listed, page)
    return _localised(_fallback(code, _iso_names()[code]), page)


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


def list_countries(lang: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every country with its own lines, sorted by its name in `lang`."""
    page = normalise_language(lang)
    names = _translation(page).get("countries", {}) if page != SOURCE_LANGUAGE else {}
    pairs = ((c.code or "", names.get(c.code, c.name)) for c in _directory().values())
    return sorted(pairs, key=lambda p: _sort_key(p[1]))


def _sort_key(name: str) -> str:
    import unicodedata

    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch)
    )


def unchecked_notice(lang: str | None = None) -> str:
    """The note beside a line not yet checked against the service's own page."""
    return _notices(normalise_language(lang)).unchecked_service


def all_unchecked_notice(lang: str | None = None) -> str:
    """The one sentence said under a short list of lines that are not yet checked."""
    return _notices(normalise_language(lang)).all_unchecked


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
def _notices(lang: str = SOURCE_LANGUAGE) -> Notices:
    raw = load_data(CRISIS_LINES_FILE, schema="crisis_lines")["notices"]
    if lang != SOURCE_LANGUAGE:
        raw = _translation(lang).get("notices", raw)
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
        languages_shown=tuple(raw["languages"]),
        audience=raw["audience"],
        audience_key=raw["audience"],
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
                language=t.get("language"),
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
        language=raw.get("language"),
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


# ------------------------------------------------------------------------------ translations


@cache
def _translation(lang: str) -> dict[str, Any]:
    """The `lang` words for the directory; {} when there are none."""
    data = load_translation(CRISIS_LINES_FILE, lang, schema="crisis_lines_i18n")
    if data is None:
        return {}
    file = translation_relpath(CRISIS_LINES_FILE, lang)
    known = {s.id for _, s in all_services()}
    unknown = sorted(set(data["services"]) - known)
    if unknown:
        raise ContentError(file, f"translates unknown service {unknown[0]!r}", field="services")
    unknown = sorted(set(data["countries"]) - set(_iso_names()))
    if unknown:
        raise ContentError(file, f"names unknown country {unknown[0]!r}", field="countries")
    return dict(data)


def _text_forms(lang: str) -> dict[str, str]:
    if lang == SOURCE_LANGUAGE:
        return _ENGLISH_TEXT_FORMS
    phrases = _translation(lang).get("phrases", {})
    return {key: phrases.get(form, form) for key, form in _ENGLISH_TEXT_FORMS.items()}


def _localised(help_here: CountryHelp, lang: str) -> CountryHelp:
    """`help_here` with the words people read in `lang`, lines in that language first."""
    if lang == SOURCE_LANGUAGE:
        return help_here
    return _localised_cached(help_here.code, help_here.is_fallback, lang, help_here)


@cache
def _localised_cached(
    code: str | None, is_fallback: bool, lang: str, help_here: CountryHelp
) -> CountryHelp:
    words_for = _translation(lang)
    services = tuple(_localised_service(s, lang) for s in help_here.services)
    # Lines that answer in the page's language first; otherwise the directory's own order.
    services = tuple(sorted(services, key=lambda s: not s.speaks(lang)))
    fallback = words_for.get("fallback", {})
    guidance: str | None = help_here.guidance
    if is_fallback:
        listed_name = words_for.get("countries", {}).get(code) if code else None
        name = listed_name or (help_here.name if code else fallback.get("name", help_here.name))
        guidance = words(fallback.get("guidance", help_here.guidance))
    else:
        name = words_for.get("countries", {}).get(code or "", help_here.name)
    emergency = help_here.emergency
    if emergency is not None:
        emergency = _localised_emergency(emergency, code or "", lang)
    return replace(
        help_here,
        name=name,
        services=services,
        emergency=emergency,
        guidance=guidance,
        lang=lang,
        emergency_name=words_for.get("emergency_name", help_here.emergency_name),
    )


def _phrase(text: str | None, lang: str, missing: list[str], field: str) -> str | None:
    if not text:
        return text
    found = _translation(lang).get("phrases", {}).get(text)
    if found is None:
        missing.append(field)
        return text
    return str(found)


def _localised_service(service: Service, lang: str) -> Service:
    own = _translation(lang).get("services", {}).get(service.id, {})
    missing: list[str] = []
    notes = words(own["notes"]) if "notes" in own else service.notes
    if service.notes and "notes" not in own:
        missing.append("notes")
    cost_note = words(own["cost_note"]) if "cost_note" in own else service.cost_note
    if service.cost_note and "cost_note" not in own:
        missing.append("cost_note")
    region = own.get("region") or _phrase(service.region, lang, missing, "region")
    others = tuple(
        replace(
            n,
            label=_phrase(n.label, lang, missing, "other_numbers"),
            hours=_phrase(n.hours, lang, missing, "other_numbers"),
        )
        for n in service.other_numbers
    )
    speaks = set(language(lang).speaks)
    shown_languages = tuple(
        _phrase(name, lang, missing, "languages") or name for name in service.languages
    )
    texts = tuple(
        sorted(
            (
                replace(t, label=_phrase(t.label, lang, missing, "texts"), lang=lang)
                for t in service.texts
            ),
            key=lambda t: t.language not in speaks,
        )
    )
    return replace(
        service,
        name=own.get("name", service.name),
        hours=_phrase(service.hours, lang, missing, "hours"),
        audience=_phrase(service.audience, lang, missing, "audience") or service.audience,
        region=region,
        other_numbers=others,
        texts=texts,
        notes=notes,
        cost_note=cost_note,
        lang=lang,
        in_english=tuple(dict.fromkeys(missing)),
        languages_shown=shown_languages,
    )


def _localised_emergency(emergency: EmergencyNumber, code: str, lang: str) -> EmergencyNumber:
    missing: list[str] = []
    notes = _translation(lang).get("emergency_notes", {})
    note = words(notes[code]) if code in notes else emergency.note
    if emergency.note and code not in notes:
        missing.append("note")
    others = tuple(
        replace(
            n,
            label=_phrase(n.label, lang, missing, "other_numbers"),
            hours=_phrase(n.hours, lang, missing, "other_numbers"),
        )
        for n in emergency.other_numbers
    )
    return replace(
        emergency,
        note=note,
        other_numbers=others,
        lang=lang,
        in_english=tuple(dict.fromkeys(missing)),
    )
