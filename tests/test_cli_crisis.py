"""One command-line renderer of crisis resources: every command shows a line the same way."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from waylight.cli import cli
from waylight.cli.crisis import help_lines, render_marks
from waylight.core.resources import all_unchecked_notice, help_for

SAMARITANS = (
    "Samaritans: Call 116 123; Website: https://www.samaritans.org; Email: jo@samaritans.org"
)


def flat(output: str) -> str:
    """The output as one line of words, without panel borders."""
    return " ".join(output.replace("│", " ").split())


@pytest.mark.parametrize(
    "args",
    [
        ["score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--country", "GB"],
        ["score", "gad7", "--answers", "0,0,0,0,0,0,0", "--country", "GB"],
        ["signs", "--checked", "obs-wants-to-die", "--country", "GB"],
        ["signs", "--checked", "obs-withdrawing", "--country", "GB"],
        ["check-text", "I want to kill myself", "--country", "GB"],
    ],
)
def test_every_command_shows_the_same_line_with_its_cost_and_caveat(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    shown = flat(result.output)
    assert SAMARITANS in shown
    assert "24/7 · Free Free from any phone." in shown
    assert flat(all_unchecked_notice()) in shown
    assert "If you or someone else is in danger now, call 999" in shown


def test_the_compact_list_says_a_shared_caveat_once_and_an_unsourced_one_per_line() -> None:
    lines = [text for text, _ in help_lines(help_for("AU"))]
    assert lines.count(all_unchecked_notice()) == 1
    call_back = lines.index(next(t for t in lines if t.startswith("Suicide Call Back Service")))
    assert "any public source" in " ".join(lines[call_back : call_back + 3])


def test_content_marks_become_the_command_on_the_command_line() -> None:
    assert render_marks("See [[Help now]].", country="GB") == (
        "See Help now (`waylight help-now --country GB`)."
    )
    assert render_marks("No mark here.") == "No mark here."
