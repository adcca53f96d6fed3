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
    assert "Not yet confirmed" in out
    _, out = run("--country", "CA")  # Canada's emergency number is unverified in the reference
    assert "not yet confirmed" in out


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
