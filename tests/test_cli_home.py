"""`waylight home`: the interactive start screen, driven by keyboard input."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from waylight.cli import cli


def home(keys: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["home", "--country", "GB", *args], input=keys)
    return result.exit_code, result.output


def test_menu_offers_the_four_paths_and_help_now_first_in_the_welcome() -> None:
    code, out = home("q\n")
    assert code == 0
    assert "choose 4 or call your local emergency number" in out
    for label in ("Learn", "Check how I am doing", "worried about someone", "Help now"):
        assert label in out


def test_help_now_is_one_key_away() -> None:
    code, out = home("4\nq\n")
    assert code == 0
    assert "116 123" in out and "999" in out


def test_check_myself_runs_a_questionnaire_and_ends_with_help() -> None:
    # 2 = check myself, 2 = PHQ-2, answers 3 and 3, then quit.
    code, out = home("2\n2\n3\n3\nq\n")
    assert code == 0
    assert "Score: 6 of 6" in out
    assert "Take the full PHQ-9" in out
    result_part = out[out.index("Score: 6 of 6") :]
    assert "Where to get help" in result_part and "116 123" in result_part


def test_check_myself_with_a_hard_trigger_shows_help_now() -> None:
    # 2 = check myself, 1 = PHQ-9; item 9 answered 1; the difficulty question follows.
    code, out = home("2\n1\n" + "0\n" * 8 + "1\n1\nq\n")
    assert code == 0
    assert "Help now" in out and "better off dead" in out and "116 123" in out


def test_worried_about_someone_gives_guidance_not_a_score() -> None:
    code, out = home("3\n3\nq\n")
    assert code == 0
    assert "What to say" in out and "What not to say" in out and "Look after yourself" in out
    assert "Score" not in out


def test_learn_opens_the_knowledge_base_or_explains_why_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "waylight.cli.learn", None)  # as if not installed
    code, out = home("1\nq\n")
    assert code == 0
    assert "knowledge base is not available" in out


def test_end_of_input_leaves_quietly() -> None:
    code, out = home("")
    assert code == 0 and "Take care" in out


def test_an_invalid_country_exits_2() -> None:
    result = CliRunner().invoke(cli, ["home", "--country", "QQQ"], input="q\n")
    assert result.exit_code == 2


def test_waylight_alone_opens_the_home() -> None:
    result = CliRunner().invoke(cli, [], input="q\n")
    assert result.exit_code == 0 and "Welcome to Waylight" in result.output
