"""How `training.depression_level` chooses the depression level offsets, on made-up readings."""

from __future__ import annotations

import numpy as np
from training.depression_level import (
    NO_GATE,
    SCHEMES,
    Readings,
    candidates,
    macro_f1,
    out_of_bag,
)
from training.metrics import multiclass_report

GATE = 0.5


def test_macro_f1_is_the_reports_over_the_classes_present() -> None:
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 3, 200)
    predicted = rng.integers(0, 4, 200)
    want = multiclass_report(predicted, truth, ["a", "b", "c", "d"])["macro_f1"]
    assert round(macro_f1(predicted, truth, 4), 4) == want


def test_a_tie_keeps_the_gate_and_the_smaller_offsets() -> None:
    severe = candidates("severe", GATE)
    assert severe[0] == (0.0, 0.0, GATE)
    assert {p[0] for p in severe} == {0.0}
    both = candidates("mild+severe", GATE)
    assert both.index((0.0, 1.0, GATE)) < both.index((0.0, 1.0, NO_GATE))
    assert both.index((0.25, 0.5, GATE)) < both.index((0.5, 0.5, GATE))
    assert set(severe) < set(both)


def readings_where(good: tuple[float, float, float], n: int = 120) -> Readings:
    """Every candidate gets every level wrong except `good`, which gets them right."""
    rng = np.random.default_rng(2)
    truth = {s: rng.integers(0, len(labels), n) for s, (labels, _) in SCHEMES.items()}
    predicted = {
        s: {
            p: truth[s] if p == good else (truth[s] + 1) % len(SCHEMES[s][0])
            for p in candidates("mild+severe", GATE)
        }
        for s in SCHEMES
    }
    return Readings(truth, predicted)


def test_the_best_point_and_the_simpler_procedure_when_it_does_as_well() -> None:
    readings = readings_where((0.0, 1.0, GATE))
    assert readings.best(candidates("severe", GATE)) == (0.0, 1.0, GATE)
    assert readings.objective((0.0, 1.0, GATE)) == 1.0
    bag = out_of_bag(readings, gate=GATE, resamples=20, seed=3)
    assert bag["procedure"] == "severe"
    assert bag["gain"]["severe"]["share_above_0"] == 1.0


def test_two_offsets_win_only_when_they_gain_clearly_more() -> None:
    readings = readings_where((0.75, 1.0, GATE))
    bag = out_of_bag(readings, gate=GATE, resamples=20, seed=3)
    assert bag["procedure"] == "mild+severe"
    assert bag["chosen_points"]["mild+severe"][0] == {
        "mild": 0.75,
        "severe": 1.0,
        "gate": GATE,
        "times": 20,
    }
