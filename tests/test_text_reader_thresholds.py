"""`python -m training.reader_thresholds`: which grid point of the reader's thresholds it chooses,
against the shipped point's recall or against recall floors given on the command line.

A fake reader gives fixed at-risk probabilities to two texts no rule lists, so that the grid's
at-risk thresholds decide what is found and what is wrongly flagged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import training.reader_thresholds as thresholds
from tests.fake_readers import FakeEncoder, FakeReader
from training.second_readings import Tally

from waylight.core.textrisk import Detector
from waylight.core.textrisk.combine import load_operating_point
from waylight.core.textrisk.evaluate_cases import Case, combined_flagged, flagged, flags

CASES = [
    # found at an at-risk threshold of 0.55 or lower, missed at 0.6 (the fixture's point)
    Case(
        "Long week again. Lately I picture the lanterns going dark for me.",
        "ideation",
        False,
        "concern",
        kind="wishes",
    ),
    # wrongly flagged at 0.5 or lower
    Case(
        "Long week again. Lately I picture the kettle going cold on the stove.",
        "none",
        False,
        "none",
        kind="everyday",
    ),
    # found by the rules at every point
    Case("I cut myself again last night", "behavior", True, "concern", kind="sh_plain"),
]


@pytest.fixture(scope="module")
def swept() -> tuple[Detector, list[tuple[Case, Any]]]:
    reader = FakeReader(by_word={"lanterns": (0.57, 0.0), "kettle": (0.52, 0.0)})
    # The cases are written for full at-risk and self-harm thresholds of 0.6 and 0.5, whatever
    # the shipped ones are.
    shipped = load_operating_point()
    op = replace(
        shipped,
        reader={
            **shipped.reader,
            "full": {**shipped.reader["full"], "at_risk": 0.6, "self_harm": 0.5},
        },
    )
    detector = Detector(None, reader=reader, encoder=FakeEncoder(), operating_point=op)  # type: ignore[arg-type]
    read = list(zip(CASES, detector.layers([c.text for c in CASES]), strict=True))
    return detector, read


def test_against_the_shipped_recall_the_shipped_point_stands(swept: Any) -> None:
    detector, read = swept
    assert thresholds.sweep(detector, "full", read, slack=0.01) == (
        0.0,
        "at_risk 0.6, self_harm 0.5, vetoed 0.5",
    )


def test_a_recall_floor_chooses_the_point_that_reaches_it_with_fewest_false_alarms(
    swept: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    detector, read = swept
    # 0.55 finds the text 0.6 misses and flags nothing; 0.5 finds it too, with a false alarm
    chosen = thresholds.sweep(detector, "full", read, slack=0.01, floors=(1.0, 1.0))
    assert chosen == (0.0, "at_risk 0.55, self_harm 0.5, vetoed 0.5")
    assert "with at-risk recall at least 1.0 and self-harm recall at least 1.0" in (
        capsys.readouterr().out
    )
    assert thresholds.sweep(detector, "full", read, slack=0.01, floors=(1.0, 1.01)) is None
    assert "no point of the grid" in capsys.readouterr().out


def test_fewest_false_alarms_keeps_the_first_of_equals_and_respects_both_floors() -> None:
    def one(risk: int, sh: int, false_alarms: int) -> Tally:
        return Tally(risk, 10, risk, sh, 10, false_alarms, 100)

    points = [("a", one(9, 9, 5)), ("b", one(8, 9, 2)), ("c", one(9, 8, 1)), ("d", one(9, 9, 5))]
    assert thresholds.fewest_false_alarms(points, (0.9, 0.9)) == (0.05, "a")
    assert thresholds.fewest_false_alarms(points, (0.8, 0.9)) == (0.02, "b")
    assert thresholds.fewest_false_alarms(points, (0.8, 0.8)) == (0.01, "c")
    assert thresholds.fewest_false_alarms(points, (0.95, 0.0)) is None


def test_the_command_passes_the_floors_to_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, float, tuple[float, float] | None]] = []
    monkeypatch.setattr(thresholds, "detector_for", lambda path: Detector(None))
    monkeypatch.setattr(thresholds, "read_rounds", lambda detector, first, last: [])

    def sweep(detector: Detector, head: str, read: Any, slack: float, floors: Any, title: str):
        calls.append((head, slack, floors))

    monkeypatch.setattr(thresholds, "sweep", sweep)
    assert thresholds.main(["--last", "2", "--recall-floor", "0.93", "0.9"]) == 0
    assert calls == [("full", 0.01, (0.93, 0.9)), ("fast", 0.01, (0.93, 0.9))]
    calls.clear()
    assert thresholds.main(["--last", "2", "--path", "batch", "--recall-slack", "0.02"]) == 0
    assert calls == [("fast", 0.02, None)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--recall-floor", "0.9"],
        ["--recall-floor", "1.2", "0.9"],
        ["--recall-floor", "high", "0.9"],
        ["--recall-floor", "0.9", "0.9", "--recall-slack", "0.02"],
    ],
)
def test_bad_recall_floors_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        thresholds.main(["--last", "2", *argv])
    assert refused.value.code == 2


def test_one_flag_rule_for_cases_results_and_combined_layers(swept: Any) -> None:
    detector, read = swept
    assert flags("ideation", False, "none") and flags("none", True, "none")
    assert flags("none", False, "concern") and flags("none", False, "urgent")
    assert not flags("none", False, "watch")
    for case, layers in read:
        both = detector.combined(layers)
        result = detector.analyse(case.text)
        assert combined_flagged(both) == flagged(result)
        assert case.flagged == flags(case.suicide, case.self_harm, case.concern)


def test_second_readings_report_the_concern_tier_agreement_only_where_tiers_were_counted() -> None:
    counted = Tally(9, 10, 9, 8, 10, 1, 100, tier_same=3, texts=4)
    assert counted.line().endswith("concern tier agreement 0.750 (3/4)")
    assert "concern tier" not in Tally(9, 10, 9, 8, 10, 1, 100).line()
