"""The crisis-line directory: every number dialable, sourced, dated, and honest about doubt."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest

import waylight
from waylight.core.content import load_data
from waylight.core.errors import InputError, UnknownCountry
from waylight.core.resources import (
    CountryHelp,
    EmergencyNumber,
    Service,
    all_emergency_numbers,
    all_services,
    guess_country,
    help_for,
    list_countries,
)

CONTENT = Path(waylight.__file__).parent / "content"

# Short codes (988, 116 123, 024, 13 11 14, 90101) are 3 to 6 digits, a star code (*4141 in
# Chile) a star and 3 to 5 digits; full national numbers are 7 to 12 digits, and an
# international form (+ country code) at most 15 (E.164).
SHORT_CODE = re.compile(r"^(?:[0-9]{3,6}|\*[0-9]{3,5})$")
FULL_NUMBER = re.compile(r"^[0-9]{7,12}$")
INTERNATIONAL = re.compile(r"^\+[0-9]{8,15}$")

# Letters on a phone keypad, to check a vanity number ("1-866-APPELLE") against its digits.
KEYPAD = {c: str(d) for d, letters in {
    2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"
}.items() for c in letters}  # fmt: skip


def every_dialable() -> list[tuple[str, str, str]]:
    """(where, printed, dial) for every phone number we ship, emergency numbers included."""
    rows: list[tuple[str, str, str]] = []
    for code, service in all_services():
        where = f"{code or 'fallback'}/{service.id}"
        if service.phone is not None:
            assert service.dial is not None, f"{where} prints a phone but has no dial string"
            rows.append((where, service.phone, service.dial))
        rows.extend((f"{where} (other)", n.phone, n.dial) for n in service.other_numbers)
    for code, emergency in all_emergency_numbers():
        rows.append((f"{code}/emergency", emergency.number, emergency.dial))
        rows.extend((f"{code}/emergency (other)", n.phone, n.dial) for n in emergency.other_numbers)
    return rows


def dial_form_of(printed: str) -> str:
    """The digits a printed number stands for; a vanity number uses its bracketed digits."""
    bracketed = re.search(r"\(([0-9][0-9 -]+)\)", printed)
    if re.search(r"[A-Za-z]", printed.split("(")[0]):
        if bracketed:
            return re.sub(r"\D", "", bracketed.group(1))
        return "".join(KEYPAD.get(c, c) for c in printed.upper() if c.isalnum())
    return re.sub(r"\D", "", printed.split("(")[0])


@pytest.mark.parametrize("where,printed,dial", every_dialable())
def test_every_dial_string_is_dialable_and_matches_the_printed_number(
    where: str, printed: str, dial: str
) -> None:
    assert SHORT_CODE.match(dial) or FULL_NUMBER.match(dial) or INTERNATIONAL.match(dial), (
        f"{where}: {dial!r} is not a dialable string"
    )
    if dial.startswith("*"):
        # A star code is dialled with its star, exactly as printed.
        assert printed.startswith("*"), f"{where}: {dial!r} has a star that {printed!r} lacks"
    if dial.startswith("+"):
        # Only a number printed in international form may be dialled with "+" (never "+1988").
        assert printed.startswith("+"), f"{where}: '+' in front of a national number"
    assert dial.lstrip("+*") == dial_form_of(printed), f"{where}: {dial!r} is not {printed!r}"


def test_a_vanity_number_is_dialled_by_its_digits() -> None:
    aqps = next(s for c, s in all_services() if s.id == "ca-aqps")
    assert aqps.phone is not None and "APPELLE" in aqps.phone
    assert aqps.dial == "18662773553"
    letters_as_digits = "".join(KEYPAD.get(c, c) for c in "1866APPELLE")
    assert letters_as_digits == aqps.dial


def test_text_numbers_are_digits_and_keywords_are_words() -> None:
    for code, service in all_services():
        for line in service.texts:
            assert SHORT_CODE.match(line.dial) or FULL_NUMBER.match(line.dial), (code, line)
            assert line.keyword is None or line.keyword.isalnum()


def every_entry() -> list[tuple[str, Service | EmergencyNumber]]:
    rows: list[tuple[str, Service | EmergencyNumber]] = [
        (f"{code or 'fallback'}/{s.id}", s) for code, s in all_services()
    ]
    rows += [(f"{code}/emergency", e) for code, e in all_emergency_numbers()]
    return rows


@pytest.mark.parametrize("where,entry", every_entry(), ids=[w for w, _ in every_entry()])
def test_every_entry_says_honestly_how_sure_we_are_of_it(
    where: str, entry: Service | EmergencyNumber
) -> None:
    provenance = entry.provenance
    assert provenance.status in ("verified", "unverified")
    # A date means the entry was checked against the service's own page on that day.
    assert (provenance.verified_at is not None) == (provenance.status == "verified"), where
    if provenance.verified_at is not None:
        assert provenance.verified_at <= date.today(), where
    assert all(url.startswith(("https://", "http://")) for url in provenance.sources), where
    if provenance.source_kind in ("public_page", "secondary"):
        assert provenance.sources, f"{where}: a page is named but no URL given"
    else:
        assert provenance.source_note, f"{where}: say why there is no page"
    if provenance.source_date:
        year, *rest = provenance.source_date.split("-")
        assert date(int(year), int(rest[0]) if rest else 1, 1) <= date.today(), where
    assert provenance.origin in ("clinical_reference", "clinical_review", "general_knowledge")
    assert (entry.check_note is None) == entry.verified, where


def test_no_entry_claims_a_check_nobody_made() -> None:
    # Nobody working on the directory could open the services' own pages, so as shipped no
    # entry is verified and none carries the old made-up date. When someone really checks an
    # entry, they set status and verified_at together (docs/crisis-lines.md) and update this.
    for where, entry in every_entry():
        assert entry.status == "unverified" and entry.verified_at is None, where
    for resource in help_for("GB").to_resources():
        assert resource["verified"] is False and resource["verified_at"] is None
        assert resource["check_note"], resource["name"]


def test_a_line_is_free_only_where_a_source_says_so() -> None:
    assert {service.cost for _, service in all_services()} <= {"free", "local_rate", "unknown"}
    raw = load_data("resources/crisis_lines.yaml", schema="crisis_lines")
    services = [s for c in raw["countries"] for s in c["services"]] + raw["fallback"]["services"]
    for service in services:
        if service["cost"] in ("free", "local_rate"):
            assert service["cost_source"].startswith(("https://", "http://")), service["id"]
    by_id = {s.id: s for _, s in all_services()}
    # Numbers the sources do not call free stay "unknown": a Milan number, a national-rate line,
    # a shared-cost 0570 number (its 0120 line is the free one).
    for not_said_free in ("it-telefono-amico", "es-telefono-esperanza", "jp-inochi-no-denwa"):
        assert by_id[not_said_free].cost == "unknown"
    free_line = next(n for n in by_id["jp-inochi-no-denwa"].other_numbers if n.dial[:4] == "0120")
    assert free_line.cost == "free"
    assert by_id["gb-samaritans"].cost == "free" and by_id["gb-samaritans"].cost_label == "Free"


def test_a_free_claim_without_a_source_fails_the_schema() -> None:
    from waylight.core.content import schema_errors

    raw = load_data("resources/crisis_lines.yaml", schema="crisis_lines")
    schema = json.loads((CONTENT / "schema" / "crisis_lines.schema.json").read_text())
    assert schema_errors(raw, schema) == []

    def samaritans(data: dict) -> dict:  # type: ignore[type-arg]
        gb = next(c for c in data["countries"] if c["code"] == "GB")
        return next(s for s in gb["services"] if s["id"] == "gb-samaritans")  # type: ignore[no-any-return]

    broken = copy.deepcopy(raw)
    assert samaritans(broken)["cost"] == "free"
    samaritans(broken).pop("cost_source")
    assert schema_errors(broken, schema)
    dated = copy.deepcopy(raw)
    samaritans(dated)["verified_at"] = "2026-11-01"  # a date, while still marked unverified
    assert schema_errors(dated, schema)
    undated = copy.deepcopy(raw)
    samaritans(undated)["status"] = "verified"  # verified, but no day it was checked
    assert schema_errors(undated, schema)


def test_the_first_emergency_number_is_the_one_for_a_medical_emergency() -> None:
    first = {code: e for code, e in all_emergency_numbers()}
    assert first["KR"].number == "119"
    assert {n.phone: n.label for n in first["KR"].other_numbers} == {"112": "Police"}
    assert first["ZA"].number == "10177"
    assert {n.phone for n in first["ZA"].other_numbers} == {"112", "10111"}
    assert first["NO"].number == "113" and first["CH"].number == "144"
    assert first["JP"].number == "119" and first["SG"].number == "995"
    assert first["BR"].number == "192"  # SAMU, the ambulance
    # Austria's 112 is answered by the police; 144 is the ambulance (Rettungsdienst).
    assert first["AT"].number == "144"
    assert {n.phone for n in first["AT"].other_numbers} == {"112"}
    # France keeps 112 (a two-digit dial string cannot be stored) and names SAMU's 15 beside it.
    assert first["FR"].number == "112" and "15 (SAMU)" in (first["FR"].note or "")
    assert {n.phone: n.label for n in first["PL"].other_numbers} == {"999": "Ambulance"}
    for code, emergency in first.items():
        # A police-only number must never come first.
        assert not (emergency.note or "").lower().startswith("police"), code
    # The well-known numbers the reference marks unconfirmed now rest on dated pages, but nobody
    # checked them live on a given day: still unverified, and shown as not yet checked.
    for code in ("CA", "NZ", "IN", "JP", "SG", "BR", "PH"):
        provenance = first[code].provenance
        assert provenance.source_kind in ("public_page", "secondary"), code
        assert provenance.sources and provenance.source_date, code
        assert provenance.status == "unverified" and provenance.verified_at is None, code
        assert help_for(code).to_resources()[0]["check_note"] == (
            "Not yet checked against an official page."
        )
    # News reports are secondary sources, never an official page.
    assert first["IN"].provenance.source_kind == "secondary"


# Emergency numbers no dated source could be found for (searched 2026-12-01 in stored copies of
# public pages; docs/crisis-lines.md lists what was searched). Keep this list short and named: a
# new country, or a source that loses its date, must not slip in unnoticed.
EMERGENCY_NUMBERS_WITHOUT_A_DATED_SOURCE = {
    "LI": "144: a personal blog only, undated",
    "UY": "911: news pages, undated",
    "GP": "112: no page names the overseas department",
    "MQ": "112: no page names the overseas department",
    "GF": "112: no page names the overseas department",
    "RE": "112: no page names the overseas department",
    "YT": "112: no page names the overseas department",
}


def test_every_emergency_number_rests_on_a_dated_source_or_is_a_named_gap() -> None:
    gaps = EMERGENCY_NUMBERS_WITHOUT_A_DATED_SOURCE
    listed = ", ".join(f"{code} ({what})" for code, what in gaps.items())
    print("Emergency numbers without a dated source:", listed)
    numbers = dict(all_emergency_numbers())
    assert set(gaps) <= set(numbers), "a named gap is not a listed country"
    assert len(gaps) <= 8, "the gap list is meant to stay small"
    for code, emergency in numbers.items():
        provenance = emergency.provenance
        if code in gaps:
            # Still honest: no invented date, and a note that says what the entry rests on.
            assert provenance.source_date is None, f"{code} has a dated source now: drop the gap"
            assert provenance.source_note, code
            continue
        assert provenance.sources, f"{code}: the emergency number names no page"
        assert provenance.source_date, f"{code}: no source date for the emergency number"
        assert provenance.source_kind in ("public_page", "secondary"), code
        # The note says the page was read as a stored copy, never that it was checked live.
        assert "not checked live" in (provenance.source_note or ""), code


def test_no_emergency_number_rests_on_the_reference_alone_or_on_general_knowledge() -> None:
    for code, emergency in all_emergency_numbers():
        kind = emergency.provenance.source_kind
        assert kind != "reference_only", f"{code}: find a page for it"
        if kind == "none":
            assert code in EMERGENCY_NUMBERS_WITHOUT_A_DATED_SOURCE, code


def test_lines_the_reference_marks_unconfirmed_say_so() -> None:
    by_id = {s.id: s for _, s in all_services()}
    for service_id in ("au-suicide-call-back", "de-nummer-gegen-kummer", "at-rat-auf-draht"):
        assert by_id[service_id].provenance.source_kind == "none"
        assert by_id[service_id].check_note and "any public source" in by_id[service_id].check_note
    assert by_id["nz-lifeline-aotearoa"].provenance.source_kind == "secondary"
    for service_id in ("no-mental-helse", "dk-livslinien", "fi-mieli", "pl-116123"):
        assert by_id[service_id].provenance.origin == "general_knowledge"


def test_the_directory_covers_at_least_25_countries_each_with_an_emergency_number() -> None:
    countries = list_countries()
    assert len(countries) >= 25
    for code, name in countries:
        help_ = help_for(code)
        assert help_.name == name
        assert help_.emergency_number and help_.services and not help_.is_fallback


def test_every_country_in_the_clinical_reference_is_listed() -> None:
    # Section 7 of the clinical reference: a country dropped by accident would silently fall back.
    reference = {"US", "CA", "GB", "IE", "AU", "NZ", "IN", "DE", "FR", "ES", "IT", "NL", "BE",
                 "SE", "CH", "LI", "AT", "JP", "KR", "BR", "MX", "ZA", "PH", "SG"}  # fmt: skip
    assert reference <= {code for code, _ in list_countries()}


def test_country_codes_are_case_insensitive_and_common_aliases_work() -> None:
    assert help_for("gb") == help_for("GB") == help_for(" Gb ")
    assert help_for("UK").code == "GB"


def test_resources_list_emergency_first_with_every_field_json_ready() -> None:
    import json

    resources = help_for("US").to_resources()
    assert resources[0]["kind"] == "emergency" and resources[0]["dial"] == "911"
    assert [r["name"] for r in resources[1:]] == [
        "988 Suicide & Crisis Lifeline",
        "Crisis Text Line",
        "The Trevor Project (TrevorLifeline)",
    ]
    required = {"name", "phone", "dial", "text", "chat_url", "hours", "audience", "verified",
                "verified_at", "source", "sources", "source_kind", "source_date", "origin",
                "cost", "check_note"}  # fmt: skip
    for resource in resources:
        assert required <= resource.keys()
        assert resource["verified_at"] is None or date.fromisoformat(resource["verified_at"])
    assert resources[2]["text"] == "Text HOME to 741741"
    assert json.loads(json.dumps(resources)) == resources


def test_a_country_we_do_not_list_gets_the_fallback_with_findahelpline() -> None:
    help_ = help_for("IS")  # a valid ISO code with no entry of its own
    assert help_.is_fallback and help_.code == "IS" and help_.name == "Iceland"
    resources = help_.to_resources()
    assert resources[0]["kind"] == "emergency" and resources[0]["dial"] is None
    assert "emergency number" in resources[0]["notes"]
    assert any("findahelpline.com" in (r["website"] or "") for r in resources)


def test_no_country_gets_the_fallback_never_another_countrys_numbers() -> None:
    for nothing in (None, "", "  "):
        help_ = help_for(nothing)
        assert help_.is_fallback and help_.code is None and help_.emergency_number is None


@pytest.mark.parametrize("bad", ["XX1", "ZZ", "G", "GBR", "12", "é"])
def test_an_invalid_code_is_an_input_error_naming_the_allowed_form(bad: str) -> None:
    with pytest.raises(UnknownCountry) as info:
        help_for(bad)
    assert isinstance(info.value, InputError)
    message = str(info.value)
    assert "two-letter ISO 3166 code" in message and "waylight help-now --list" in message


def test_odd_input_is_an_input_error_with_a_short_message() -> None:
    with pytest.raises(UnknownCountry) as info:
        help_for("Q" * 10_000)
    assert len(str(info.value)) < 200
    with pytest.raises(UnknownCountry):
        help_for(44)  # type: ignore[arg-type]


def test_country_help_is_frozen() -> None:
    help_ = help_for("FR")
    assert isinstance(help_, CountryHelp)
    with pytest.raises(dataclasses.FrozenInstanceError):
        help_.name = "Elsewhere"  # type: ignore[misc]


@pytest.mark.parametrize(
    "accept_language,time_zone,expected",
    [
        ("en-GB", None, "GB"),
        ("en-GB,en;q=0.9", None, "GB"),
        ("fr;q=0.9, de-AT;q=0.8", None, "AT"),
        ("en;q=0.5, pt-BR", None, "BR"),
        ("zh-Hant-TW", None, "TW"),
        (None, "Europe/Paris", "FR"),
        (None, "Asia/Calcutta", "IN"),  # an older name that links to Asia/Kolkata
        ("en-US", "Europe/Berlin", "DE"),  # the device's place beats the language setting
        ("en-US", "UTC", "US"),
        ("fr", None, None),  # a language alone does not say where someone is
        ("es-419", None, None),
        ("", "", None),
        (None, None, None),
        ("en-GB;q=0", None, None),
        ("garbage;;,,q=x", "Not/AZone", None),
    ],
)
def test_guess_country(
    accept_language: str | None, time_zone: str | None, expected: str | None
) -> None:
    assert guess_country(accept_language, time_zone) == expected
