"""The detector on Waylight's own hard cases (tests/data/text_hard_cases.yaml).

Pinned cases must never regress; the rest must agree above a measured floor. Print the full
confusion matrix with
`python -m waylight.core.textrisk.evaluate_cases tests/data/text_hard_cases.yaml`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from waylight.core.textrisk import Detector, analyse
from waylight.core.textrisk.evaluate_cases import Case, Report, evaluate, load_cases

CASES_FILE = Path(__file__).parent / "data" / "text_hard_cases.yaml"
CASES = load_cases(CASES_FILE)
PINNED = [c for c in CASES if c.pin]

# Measured 2026-11-27 (274 cases): suicide level 98.9 %, concern 98.2 %, self-harm 99.6 %,
# recall of own risk 98.0 % (rules + model).
# The floors leave a little room for model retraining, none for rule regressions.
MIN_SUICIDE_AGREEMENT = 0.95
MIN_CONCERN_AGREEMENT = 0.94
MIN_SELF_HARM_AGREEMENT = 0.98
MIN_OWN_RISK_RECALL = 0.96


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(CASES)


def test_the_case_file_is_big_and_covers_every_level_and_theme() -> None:
    assert len(CASES) >= 170
    assert {c.suicide for c in CASES} == {"none", "indicator", "ideation", "behavior", "attempt"}
    tags = {t for c in CASES for t in c.tags}
    for theme in (
        "nssi",
        "slang",
        "negation",
        "hypothetical",
        "third_person",
        "support",
        "recovery",
        "news",
        "lyrics",
        "idiom",
        "ordinary",
        "emoji",
        "long",
        "attempt",
        "preparation",
    ):
        assert theme in tags, theme


@pytest.mark.parametrize("case", PINNED, ids=[c.text[:40] for c in PINNED])
def test_pinned_case_never_regresses(case: Case) -> None:
    result = analyse(case.text)
    assert result.suicide_risk.level == case.suicide
    assert result.self_harm.present is case.self_harm
    assert result.concern == case.concern


@pytest.mark.parametrize("case", PINNED, ids=[c.text[:40] for c in PINNED])
def test_pinned_case_holds_with_rules_alone(case: Case) -> None:
    # The rules are the floor: a model that fails to load must not lose a pinned answer.
    result = Detector(None).analyse(case.text)
    assert result.suicide_risk.level == case.suicide
    assert result.self_harm.present is case.self_harm


def test_overall_agreement_stays_above_the_measured_floor(report: Report) -> None:
    failures = "\n".join(f"{w}: {c.text}" for c, _, w in report.failures())
    assert report.agreement("suicide") >= MIN_SUICIDE_AGREEMENT, failures
    assert report.agreement("concern") >= MIN_CONCERN_AGREEMENT, failures
    assert report.agreement("self_harm") >= MIN_SELF_HARM_AGREEMENT, failures
    assert report.recall_own_risk() >= MIN_OWN_RISK_RECALL, failures


def test_every_hard_signal_carries_help_now(report: Report) -> None:
    for result in report.results:
        hard = result.suicide_risk.level in ("ideation", "behavior", "attempt")
        if hard or result.self_harm.present or result.concern == "urgent":
            assert result.help_now, result.explanation
            assert result.resources


def test_the_confusion_matrix_prints_as_markdown(report: Report) -> None:
    text = report.markdown()
    assert "| expected \\ detector | none | indicator | ideation | behavior | attempt |" in text
    assert f"Hard cases: {len(CASES)}" in text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I want to die", "ideation"),
        ("kms", "ideation"),
        ("i wanna kms", "ideation"),
        ("I want to unalive myself", "ideation"),
    ],
)
def test_plain_and_coded_wishes_to_die_are_at_least_ideation_with_help(
    text: str, level: str
) -> None:
    result = analyse(text)
    assert result.suicide_risk.level == level
    assert result.help_now is True
    assert result.resources
