"""`waylight learn`: its JSON shapes (docs/cli.md, "## learn"), its text, and its exit codes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from waylight.cli import cli

HELP_POINTER = "waylight help-now"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["learn", *args])


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def last_line(result: Result) -> str:
    return [line for line in result.output.splitlines() if line.strip()][-1]


def test_no_section_lists_every_section_with_its_count() -> None:
    data = run_json()
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["signs"] == {"id": "signs", "title": sections["signs"]["title"], "count": 8}
    assert sections["depression-links"]["count"] == 4
    assert len(sections) == 12 and sections["care"]["count"] == 6
    assert HELP_POINTER in data["help"]
    assert "[[" not in data["help"]  # the content's mark is shown as this shell's command


def test_content_marks_are_rendered_as_the_command_in_text_and_json() -> None:
    text = run("faq", "faq-help-right-now").output
    assert "Help now (`waylight help-now`)" in " ".join(text.split())
    assert "[[" not in text
    data = run_json("faq", "faq-help-right-now")
    assert "Help now (`waylight help-now`)" in data["item"]["body"]


def test_a_section_lists_its_items_in_full() -> None:
    data = run_json("myths")
    assert data["section"] == "myths"
    assert data["title"]
    assert len(data["items"]) == 6
    for item in data["items"]:
        assert {"id", "title", "summary", "body", "related", "sources"} <= set(item)
        assert item["myth"] and item["fact"]
    weakness = next(i for i in data["items"] if i["id"] == "myth-weakness")
    attention = next(i for i in data["items"] if i["id"] == "myth-attention-seeking")
    assert weakness["review_note"]
    assert "review_note" not in attention  # present only where the seed was corrected


def test_depression_links_carry_their_phq9_items() -> None:
    data = run_json("depression-links")
    anhedonia = next(i for i in data["items"] if i["id"] == "link-anhedonia")
    assert anhedonia["phq9_items"] == [1]


def test_an_item_can_be_read_with_or_without_its_section() -> None:
    with_section = run_json("forms", "form-hair-pulling")
    alone = run_json("form-hair-pulling")
    assert with_section == alone
    assert alone["section"] == "forms"
    assert alone["item"]["id"] == "form-hair-pulling"
    assert alone["item"]["sources"][0]["id"] == "seed"


def test_search_returns_ranked_results() -> None:
    data = run_json("--search", "my daughter wears hoodies in summer")
    assert data["query"] == "my daughter wears hoodies in summer"
    first = data["results"][0]
    assert set(first) == {"id", "section", "title", "summary", "score"}
    assert first["id"] == "sign-covering-up"
    # A search about someone else is regrouped (how to help and the signs first)...
    assert data["about_someone"] is True
    assert HELP_POINTER in data["help"]
    # ...while any other search keeps the plain ranking, best first.
    plain = run_json("--search", "wearing hoodies in summer")
    assert plain["about_someone"] is False
    scores = [r["score"] for r in plain["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_within_a_section_keeps_only_that_section() -> None:
    data = run_json("treatments", "--search", "pull my hair when stressed")
    assert data["results"]
    assert {r["section"] for r in data["results"]} == {"treatments"}


def test_a_search_that_finds_nothing_still_points_to_help() -> None:
    data = run_json("--search", "xylophone zeppelin")
    assert data["results"] == []
    result = run("--search", "xylophone zeppelin")
    assert result.exit_code == 0
    assert "Nothing matched" in result.output
    assert HELP_POINTER in last_line(result)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["signs"],
        ["risk-factors", "risk-practical-legal"],
        ["study-lai-2021"],
        ["--search", "I want to die"],
    ],
)
def test_every_text_output_ends_with_the_help_now_pointer(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert HELP_POINTER in last_line(result)


def test_an_item_shows_its_full_body_and_review_note() -> None:
    result = run("risk-factors", "risk-practical-legal")
    assert "not a crime" in result.output
    assert "Review note:" in result.output
    assert "What this can include" in result.output


def test_an_unknown_section_exits_2_and_lists_the_sections() -> None:
    result = run("nope")
    assert result.exit_code == 2
    assert "no section 'nope'" in result.output
    assert "signs, forms, causes" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_item_exits_2_and_lists_the_section_items() -> None:
    result = run("forms", "form-nope")
    assert result.exit_code == 2
    assert "form-hair-pulling" in result.output


def test_an_item_from_another_section_exits_2() -> None:
    assert run("signs", "form-cutting").exit_code == 2


def test_an_empty_search_exits_2_with_a_message() -> None:
    result = run("--search", "  ")
    assert result.exit_code == 2
    assert "Type a few words" in result.output
