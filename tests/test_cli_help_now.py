"""`waylight help-now`: the emergency number first, dialable lines, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from waylight.cli import cli


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["help-now", *args], env=env)
    return result.exit_code, result.output


def test_json_has_the_documented_shape_with_the_emergency_number_first() -> None:
    code, out = run("--country", "gb", "--json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"country", "name", "emergency_number", "is_fallback", "resources"}
    assert payload["country"] == "GB" and payload["emergency_number"] == "999"
    assert payload["is_fallback"] is False
    first, *services = payload["resources"]
    assert first["kind"] == "emergency" and first["dial"] == "999"
    samaritans = services[0]
    assert samaritans["name"] == "Samaritans" and samaritans["dial"] == "116123"
    for key in ("phone", "text", "chat_url", "hours", "audience", "verified", "verified_at"):
        assert key in samaritans
    assert samaritans["source"].startswith("https://")


def test_human_output_starts_with_the_emergency_number_and_gives_tel_links() -> None:
    code, out = run("--country", "GB")
    assert code == 0
    assert out.index("999") < out.index("Samaritans")
    assert "tel:999" in out and "tel:116123" in out
    assert "Text SHOUT to 85258" in out and "sms:85258" in out


def test_unverified_lines_carry_a_caveat() -> None:
    _, out = run("--country", "AU")
    assert "Suicide Call Back Service" in out
    assert "Not yet confirmed by any public source" in out  # no source at all
    _, out = run("--country", "GP")  # no page names Guadeloupe for its 112 yet
    assert "Not yet confirmed by a public source" in out
    _, out = run("--country", "BR")  # the health ministry's SAMU page, read but not checked live
    assert "call 192" in out and "Not yet checked against an official page." in out


def test_no_line_claims_a_check_that_was_not_made() -> None:
    # Nobody has checked the lines against the services' own pages, so no date may be shown as
    # if they had, and every line says in plain words that it is not yet checked.
    _, out = run("--country", "GB")
    assert "last checked" not in out.lower()
    assert "2026-11-01" not in out
    services = json.loads(run("--country", "GB", "--json")[1])["resources"][1:]
    assert out.count("Not yet checked against the service's own page.") == len(services)
    assert "Not yet checked against an official page." in out  # the emergency number too


def test_every_line_states_its_cost_and_only_sourced_lines_say_free() -> None:
    _, out = run("--country", "GB")
    samaritans = out[out.index("Samaritans") : out.index("Shout 85258")]
    assert "· Free ·" in samaritans
    shout = out[out.index("Shout 85258") : out.index("Childline")]
    assert "Cost not known" in shout
    assert "free and in confidence" not in out  # the old blanket promise
    payload = json.loads(run("--country", "IT", "--json")[1])
    amico = payload["resources"][1]
    assert amico["cost"] == "unknown" and amico["cost_label"] == "Cost not known"


def test_the_youth_and_text_lines_the_review_asked_for_are_listed() -> None:
    gb = json.loads(run("--country", "GB", "--json")[1])["resources"]
    dials = {r["dial"] for r in gb}
    assert {"08001111", "08000684141", "111"} <= dials  # Childline, HOPELINE247, NHS 111
    ie = json.loads(run("--country", "IE", "--json")[1])["resources"]
    assert any(t["number"] == "50808" for r in ie for t in r["texts"])
    nz = json.loads(run("--country", "NZ", "--json")[1])["resources"]
    assert any(r["name"] == "Youthline" and r["dial"] == "0800376633" for r in nz)
    us = json.loads(run("--country", "US", "--json")[1])["resources"]
    trevor = next(r for r in us if r["id"] == "us-trevor-project")
    assert trevor["source_kind"] == "secondary" and trevor["status"] == "unverified"
    for line in (*gb[1:], *ie[1:], *nz[1:], *us[1:]):
        assert line["status"] == "unverified" and line["verified_at"] is None


def test_a_country_we_do_not_list_gets_the_fallback() -> None:
    code, out = run("--country", "IS", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["is_fallback"] is True and payload["country"] == "IS"
    assert payload["emergency_number"] is None
    assert any(r.get("website") == "https://findahelpline.com" for r in payload["resources"])
    code, out = run("--country", "IS")
    assert "Iceland" in out and "findahelpline.com" in out and "--list" in out


def test_without_a_country_shows_the_fallback_and_how_to_choose_one() -> None:
    code, out = run(env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "TZ": ""})
    assert code == 0
    assert "emergency number" in out and "findahelpline.com" in out
    assert "--country" in out
    payload = json.loads(run("--json")[1])
    assert payload["country"] is None and payload["is_fallback"] is True


def test_without_a_country_suggests_one_from_the_locale_but_does_not_choose_it() -> None:
    _, out = run(env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert "--country FR" in out
    assert "3114" not in out  # a suggestion only: never another country's numbers unasked


@pytest.mark.parametrize("bad", ["XX1", "ZZ", "france", "1"])
def test_an_invalid_country_is_exit_2_with_a_message_and_no_traceback(bad: str) -> None:
    code, out = run("--country", bad)
    assert code == 2
    assert "two-letter ISO 3166 code" in out and "waylight help-now --list" in out
    assert "Traceback" not in out


def test_list_shows_every_country_with_its_own_lines() -> None:
    code, out = run("--list", "--json")
    countries = json.loads(out)["countries"]
    assert code == 0 and len(countries) >= 25
    assert {"code": "JP", "name": "Japan"} in countries
    code, out = run("--list")
    assert code == 0 and "Japan" in out and "South Africa" in out
