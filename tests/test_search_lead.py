"""A search that hears crisis words leads with help now; a search about someone else leads with
guidance for the person who is worried. One core decision, used by the web and the command line.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from waylight.cli import cli
from waylight.core.search import search
from waylight.core.search_lead import SearchLead, lead_for, order_hits


@pytest.mark.parametrize(
    "query",
    ["I want to kill myself", "kms", "I don't want to be here anymore", "i keep cutting myself"],
)
def test_crisis_words_in_a_search_put_help_first(query: str) -> None:
    assert lead_for(query).help_first


@pytest.mark.parametrize(
    "query",
    [
        "I pull my hair when I'm stressed",
        "this exam is killing me",
        "what are the signs of depression",
        "treatments that help",
    ],
)
def test_everyday_searches_do_not(query: str) -> None:
    assert lead_for(query) == SearchLead(help_first=False, about_someone=False)


@pytest.mark.parametrize(
    "query",
    [
        "my daughter is cutting herself",
        "My son hurts himself",
        "how can I help my friend",
        "worried about someone at school",
        "our teenager seems withdrawn",
        "she keeps hurting herself",
    ],
)
def test_a_search_about_someone_else_is_recognised(query: str) -> None:
    lead = lead_for(query)
    assert lead.about_someone
    assert not lead.help_first


def test_about_someone_puts_helping_and_signs_before_pages_about_kinds_of_self_harm() -> None:
    query = "my daughter is cutting herself"
    plain = search(query, limit=10)
    assert any(hit.item.section == "forms" for hit in plain), "the test needs a forms hit"
    ordered = order_hits(plain, lead_for(query))
    assert sorted(h.item.id for h in ordered) == sorted(h.item.id for h in plain)  # same hits
    assert ordered[0].item.section in {"helping", "signs", "depression-links"}
    sections = [hit.item.section for hit in ordered]
    first_forms = sections.index("forms")
    assert all(section == "forms" for section in sections[first_forms:]), sections


def test_a_plain_search_keeps_its_ranking() -> None:
    query = "I pull my hair when I'm stressed"
    plain = search(query, limit=5)
    assert order_hits(plain, lead_for(query)) == plain


def test_the_command_line_prints_help_before_articles_for_crisis_words() -> None:
    result = CliRunner().invoke(cli, ["learn", "--search", "I want to kill myself"])
    assert result.exit_code == 0, result.output
    output = result.output
    assert "emergency number" in output
    assert output.index("emergency number") < output.index("1. "), output


def test_the_command_line_json_carries_the_lead_and_the_crisis_lines() -> None:
    result = CliRunner().invoke(cli, ["learn", "--search", "I want to kill myself", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["help_first"] is True
    assert data["about_someone"] is False
    assert data["resources"] and data["resources"][0]["kind"] == "emergency"
    assert data["results"]

    calm = json.loads(
        CliRunner().invoke(cli, ["learn", "--search", "pull my hair", "--json"]).output
    )
    assert calm["help_first"] is False
    assert "resources" not in calm


def test_the_command_line_leads_with_worried_guidance_for_someone_else() -> None:
    result = CliRunner().invoke(cli, ["learn", "--search", "my daughter is cutting herself"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("Worried about someone?")
