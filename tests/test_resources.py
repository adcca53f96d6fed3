"""The crisis-line directory: every number dialable, sourced, dated, and honest about doubt."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from waylight.core.errors import InputError, UnknownCountry
from waylight.core.resources import (
    CountryHelp,
    all_emergency_numbers,
    all_services,
    guess_country,
    help_for,
    list_countries,
)

# Short codes (988, 116 123, 024, 13 11 14, 90101) are 3 to 6 digits; full national numbers are
# 7 to 12 digits, and an international form (+ country code) at most 15 (E.164).
SHORT_CODE = re.compile(r"^[0-9]{3,6}$")
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
    if dial.startswith("+"):
        # Only a number printed in international form may be dialled with "+" (never "+1988").
        assert printed.startswith("+"), f"{where}: '+' in front of a national number"
    assert dial.lstrip("+") == dial_form_of(printed), f"{where}: {dial!r} is not {printed!r}"


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


def test_every_entry_has_a_source_url_and_a_verified_date() -> None:
    entries = [s for _, s in all_services()] + [e for _, e in all_emergency_numbers()]
    for entry in entries:
        assert entry.sources, entry
        assert all(url.startswith(("https://", "http://")) for url in entry.sources), entry
        assert isinstance(entry.verified_at, date)
        assert date(2020, 1, 1) <= entry.verified_at <= date.today(), entry


def test_unverified_entries_are_marked_and_not_shown_as_verified() -> None:
    # Lines the clinical reference marks [UNVERIFIED] must say so wherever they are shown.
    by_id = {s.id: s for _, s in all_services()}
    for service_id in ("au-suicide-call-back", "de-nummer-gegen-kummer", "at-rat-auf-draht"):
        assert by_id[service_id].status == "unverified"
    assert by_id["nz-lifeline-aotearoa"].status == "secondary"
    for resource in help_for("AU").to_resources():
        if resource["name"] == "Suicide Call Back Service":
            assert resource["verified"] is False
    unverified_emergency = {c for c, e in all_emergency_numbers() if e.status == "unverified"}
    assert {"CA", "NZ", "IN", "JP", "BR", "ZA", "PH", "SG"} <= unverified_emergency
    assert help_for("US").to_resources()[0]["verified"] is True


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
    ]
    required = {"name", "phone", "dial", "text", "chat_url", "hours", "audience", "verified",
                "verified_at", "source"}  # fmt: skip
    for resource in resources:
        assert required <= resource.keys()
        date.fromisoformat(resource["verified_at"])
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
