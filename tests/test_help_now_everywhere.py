"""Safety (SPEC section 3): every hard trigger reaches help-now in every output, and no result
ever hides help or predicts.

Each path below is one way a person can raise a hard trigger. For each, the JSON must say
help_now and list resources, and the human output must show help now and end with where to get
help. Negative results must still list resources.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from waylight.cli import cli
from waylight.core.rules import hard_trigger_ids

NO_EXTRAS = ["no", "", "no", "no"]

# (instrument, answers, the hard trigger it must raise)
TRIGGER_PATHS: list[tuple[str, list[str], str]] = [
    *[("phq9", ["0"] * 8 + [v], "HT-PHQ9-ITEM9") for v in ("1", "2", "3")],
    ("phq9", ["3"] * 8 + ["1", "3"], "HT-PHQ9-ITEM9"),
    *[("phqa", ["0"] * 8 + [v, *NO_EXTRAS], "HT-PHQA-ITEM9") for v in ("1", "2", "3")],
    ("phqa", ["0"] * 9 + ["no", "", "yes", "no"], "HT-PHQA-PASTMONTH"),
    ("phqa", ["0"] * 9 + ["no", "", "no", "yes"], "HT-PHQA-ATTEMPT"),
    *[
        ("asq", [value if i == q else "no" for i in range(4)] + ["no"], "HT-ASQ-POSITIVE")
        for q in range(4)
        for value in ("yes", "refused")
        if (q, value) != (3, "yes")
    ],
    ("asq", ["no", "no", "no", "yes", "no"], "HT-ASQ-PAST-ATTEMPT"),
    ("asq", ["yes", "no", "no", "no"], "HT-ASQ-ACUITY-UNKNOWN"),
    ("asq", ["yes", "no", "no", "no", "yes"], "HT-ASQ-ACUTE"),
    ("asq", ["no", "no", "no", "refused", "refused"], "HT-ASQ-ACUTE"),
    ("asq", ["no", "no", "no", "no", "yes"], "HT-ASQ-ACUTE"),
]

NEGATIVE_PATHS: list[tuple[str, list[str]]] = [
    ("phq9", ["0"] * 9),
    ("phq2", ["0", "0"]),
    ("phq2", ["3", "3"]),
    ("phqa", ["0"] * 9 + NO_EXTRAS),
    ("gad7", ["0"] * 7),
    ("gad7", ["3"] * 7),
    ("asq", ["no"] * 4),
]

FORBIDDEN = re.compile(
    r"low risk|high risk|medium risk|not at risk|you are safe|\bpredicts?\b|predicted|"
    r"likely to|nothing to worry|committed suicide",
    re.IGNORECASE,
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def test_every_hard_trigger_has_a_path_here() -> None:
    assert {trigger for _, _, trigger in TRIGGER_PATHS} == set(hard_trigger_ids())


@pytest.mark.parametrize(("instrument", "answers", "trigger"), TRIGGER_PATHS)
@pytest.mark.parametrize("country", ["GB", None])
def test_hard_trigger_sets_help_now_in_json(
    instrument: str, answers: list[str], trigger: str, country: str | None
) -> None:
    args = ["score", instrument, "--answers", ",".join(answers), "--json"]
    code, out = invoke(*args, *(["--country", country] if country else []))
    assert code == 0, out
    data = json.loads(out)
    assert data["help_now"] is True
    assert trigger in [flag["id"] for flag in data["flags"]]
    assert data["resources"], "a hard trigger must list resources"
    assert data["next_steps"][0].startswith("Please")  # the help-now step comes first


@pytest.mark.parametrize(("instrument", "answers", "trigger"), TRIGGER_PATHS)
def test_hard_trigger_shows_help_now_in_human_output(
    instrument: str, answers: list[str], trigger: str
) -> None:
    code, out = invoke("score", instrument, "--answers", ",".join(answers), "--country", "GB")
    assert code == 0, out
    assert out.startswith("╭─ Help now")
    last_panel = out[out.rindex("╭") :]
    assert last_panel.startswith("╭─ Where to get help")
    assert "116 123" in last_panel and "999" in last_panel


@pytest.mark.parametrize(("instrument", "answers"), NEGATIVE_PATHS)
def test_negative_results_never_hide_help_now(instrument: str, answers: list[str]) -> None:
    code, out = invoke("score", instrument, "--answers", ",".join(answers), "--json")
    data = json.loads(out)
    assert code == 0 and data["help_now"] is False
    assert data["resources"]
    code, out = invoke("score", instrument, "--answers", ",".join(answers), "--country", "US")
    assert code == 0
    last_panel = out[out.rindex("╭") :]
    assert last_panel.startswith("╭─ Where to get help") and "988" in last_panel


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [*NEGATIVE_PATHS, *[(i, a) for i, a, _ in TRIGGER_PATHS]],
)
def test_result_texts_never_predict_or_say_low_risk(instrument: str, answers: list[str]) -> None:
    _, as_json = invoke("score", instrument, "--answers", ",".join(answers), "--json")
    _, human = invoke("score", instrument, "--answers", ",".join(answers))
    data = json.loads(as_json)
    texts = [*data["next_steps"], *(flag["reason"] for flag in data["flags"]), human]
    for text in texts:
        assert not FORBIDDEN.search(text), text


@pytest.mark.parametrize("item", ["obs-wants-to-die", "obs-thinking-of-suicide", "obs-injured-now"])
def test_observer_talk_of_suicide_or_danger_reaches_help_now(item: str) -> None:
    code, out = invoke("signs", "--checked", item, "--json", "--country", "GB")
    data = json.loads(out)
    assert code == 0 and data["guidance"]["help_now"] is True and data["guidance"]["resources"]
    code, out = invoke("signs", "--checked", item, "--country", "GB")
    assert out.startswith("╭─ Help now") and "116 123" in out[:2000]
