"""`python -m waylight.core.textrisk.evaluate_cases`: the command that scores sealed rounds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import (
    Bootstrap,
    Case,
    evaluate,
    load_case_file,
    main,
)

DEV = Path(__file__).parent / "data" / "text_cases" / "dev.yaml"

OLD_STYLE = """\
cases:
  - {text: "I want to die", suicide: ideation, self_harm: false, concern: urgent}
  - {text: "I cut myself last night", suicide: behavior, self_harm: true, concern: concern}
  - {text: "I'd kill for a pizza", suicide: none, self_harm: false, concern: none}
  - {text: "lovely walk today", suicide: none, self_harm: false, concern: none}
"""

SEALED_STYLE = """\
round: test-round
cases:
  - text: "I want to die"
    suicide: ideation
    self_harm: false
    concern: urgent
    kind: wishes
    register: plain
  - text: "sh'd again last night"
    suicide: behavior
    self_harm: true
    concern: concern
    kind: sh_shorthand
    register: teen_chat
  - text: "this exam is killing me"
    suicide: none
    self_harm: false
    concern: none
    kind: idiom
    register: plain
  - text: "my friend cuts herself"
    suicide: none
    self_harm: false
    concern: none
    kind: third_person
    register: teen_chat
  - text: "pick up milk on the way home"
    suicide: none
    self_harm: false
    concern: none
    kind: everyday
    register: text_message
"""


def test_one_command_prints_every_figure_table_and_the_ablation_for_a_sealed_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "round.yaml"
    path.write_text(SEALED_STYLE, encoding="utf-8")
    assert main([str(path), "--ablation", "--resamples", "200"]) == 0
    out = capsys.readouterr().out
    assert "## Detector on round `test-round`" in out
    for figure in (
        "at-risk recall",
        "at-risk precision",
        "self-harm recall",
        "self-harm precision",
        "false-alarm rate (negative kinds)",
        "level agreement",
        "concern agreement",
    ):
        assert f"| {figure} |" in out, figure
    assert "| kind | n | flag recall | wrongly flagged |" in out
    assert "| register | n |" in out
    assert "| sh_shorthand | 1 |" in out and "| teen_chat | 2 |" in out
    assert "| rules alone |" in out
    assert "| rules + fast heads, no encoder (the batch path) |" in out
    assert "| rules + reader, encoder on every text (shipped for single texts) |" in out
    assert "model `" in out and "content `" in out  # which detector produced the figures


def test_old_case_files_without_kind_or_register_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD_STYLE, encoding="utf-8")
    assert main([str(path), "--resamples", "100"]) == 0
    out = capsys.readouterr().out
    assert "| at-risk recall | 1.000" in out
    assert "| kind |" not in out  # no kinds: no per-kind table


def test_a_bad_case_file_is_a_clear_message_and_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("cases:\n  - {text: hi, suicide: maybe, self_harm: false, concern: none}\n")
    done = subprocess.run(
        [sys.executable, "-m", "waylight.core.textrisk.evaluate_cases", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "case 0" in done.stderr and "Traceback" not in done.stderr


def test_intervals_are_reproducible_and_contain_the_value() -> None:
    cases = load_case_file(DEV).cases[:120]
    a = evaluate(cases, Detector(None), resamples=300, seed=5).figures()
    b = evaluate(cases, Detector(None), resamples=300, seed=5).figures()
    for name, fig in a.items():
        assert (fig.value, fig.low, fig.high) == (b[name].value, b[name].low, b[name].high)
        if fig.value is not None and fig.low is not None and fig.high is not None:
            assert fig.low <= fig.value <= fig.high, name


def test_the_bootstrap_share_matches_a_direct_count() -> None:
    boot = Bootstrap(4, resamples=50, seed=1)
    hit = np.array([True, False, True, True])
    within = np.array([True, True, True, False])
    fig = boot.share(hit, within)
    assert fig.value == pytest.approx(2 / 3) and fig.n == 3
    assert boot.counts.sum(axis=1).tolist() == [4] * 50


def test_false_alarms_count_only_negative_kinds_expected_unflagged() -> None:
    cases = [
        Case("my friend cuts herself", "none", False, "none", kind="third_person"),
        Case("I want to die", "ideation", False, "urgent", kind="third_person"),
        Case("I want to die", "ideation", False, "urgent", kind="wishes"),
    ]
    fig = evaluate(cases, Detector(None), resamples=50).figures()
    assert fig["false-alarm rate (negative kinds)"].n == 1
    assert fig["false-alarm rate (negative kinds)"].value == 0.0


def test_misses_are_counted_by_kind_and_each_failure_names_its_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Labels chosen so the detector must disagree: an everyday sentence labelled as self-harm
    # (a miss of both kinds) and a plain wish to die filed under idioms as harmless (a false
    # alarm). The per-kind counts are what the docs' per-kind miss tables are built from.
    cases = [
        Case("pick up milk on the way home", "behavior", True, "concern", kind="sh_traces"),
        Case("I want to die", "none", False, "none", kind="idiom"),
        Case("I want to die", "ideation", False, "urgent", kind="wishes"),
    ]
    report = evaluate(cases, Detector(None), resamples=50)
    assert report.misses_by_kind() == {"idiom": (0, 0, 1), "sh_traces": (1, 1, 0)}
    assert "| all | 1 | 1 | 1 |" in report.misses_markdown()

    path = tmp_path / "round.yaml"
    path.write_text(
        "round: mislabelled\ncases:\n"
        '  - {text: "pick up milk on the way home", suicide: behavior, self_harm: true,'
        " concern: concern, kind: sh_traces, register: text_message}\n",
        encoding="utf-8",
    )
    assert main([str(path), "--failures", "--resamples", "50"]) == 0
    out = capsys.readouterr().out
    assert "| sh_traces | 1 | 1 | 0 |" in out
    assert "- [sh_traces] suicide, self_harm, concern: want behavior/True/concern" in out
