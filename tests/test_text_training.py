"""Weak supervision for the sentence readers (training/sentence_data.py), on made-up votes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from training.sentence_data import (
    SentenceTable,
    Votes,
    augmented_negatives,
    dawid_skene,
    third_person,
    weak_labels,
)
from training.train_reader import _with_shipped
from training.written import load_sealed


def synthetic_votes(n: int = 4000, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Three functions of known quality voting on n items with 20 % positives."""
    rng = np.random.default_rng(seed)
    truth = rng.random(n) < 0.2
    votes = np.full((3, n), -1, dtype=np.int8)
    # a precise positive-only function, a noisy two-way one, a negative-only one
    fires = rng.random(n) < 0.6
    votes[0, truth & fires] = 1
    votes[0, ~truth & (rng.random(n) < 0.02)] = 1
    noisy = rng.random(n) < 0.8
    votes[1, noisy] = np.where(rng.random(int(noisy.sum())) < 0.75, truth[noisy], ~truth[noisy])
    votes[2, ~truth & (rng.random(n) < 0.5)] = 0
    return votes, truth


def test_the_label_model_learns_which_functions_to_trust() -> None:
    votes, truth = synthetic_votes()
    model = dawid_skene(votes)
    p = model.posterior(votes)
    assert abs(model.share - truth.mean()) < 0.05
    # better than a plain majority of the votes cast
    cast = (votes >= 0).sum(axis=0)
    majority = np.where(cast > 0, (votes == 1).sum(axis=0) > (votes == 0).sum(axis=0), False)
    assert np.mean((p >= 0.5) == truth) > np.mean(majority == truth)
    # the negative-only function is read as evidence against, not ignored
    assert model.theta[2, 0, 1] > model.theta[2, 1, 1]


def test_hard_labels_override_the_label_model() -> None:
    soft, _ = synthetic_votes(n=10)
    hard = np.array([1, 0, -1, -1, -1, -1, -1, -1, -1, -1], dtype=np.int8)
    votes = Votes(hard={"risk": hard, "self_harm": hard}, soft={"risk": soft, "self_harm": soft})
    p, covered = weak_labels(votes)["risk"]
    assert p[0] == 1.0 and p[1] == 0.0
    assert covered[0] and covered[1]


def test_third_person_rewrites_keep_the_act_and_change_whose_it_is() -> None:
    assert third_person("I cut myself last night") == "my friend says she cut herself last night"
    assert third_person("I'm done with my life") == "my friend says she's done with her life"


def test_augmented_negatives_come_from_confident_first_person_training_sentences() -> None:
    texts = ["I hurt myself again", "she went out", "I want to die", "I want to die"]
    table = SentenceTable(
        post=np.arange(4),
        start=np.zeros(4, dtype=np.int64),
        end=np.array([len(t) for t in texts]),
        split=np.array(["train", "train", "train", "test"]),
        source=np.array(["sdcnl"] * 4),
        texts=texts,
    )
    p = {"risk": np.array([0.1, 0.9, 0.95, 0.95]), "self_harm": np.array([0.9, 0.9, 0.1, 0.1])}
    out = augmented_negatives(table, p, split="train", limit=10, seed=1)
    assert sorted(out) == sorted([third_person(texts[0]), third_person(texts[2])])


def test_a_sealed_round_is_trained_on_only_after_its_first_run(tmp_path: Path) -> None:
    # A round without its committed first run has not measured the detector yet.
    round_text = (
        "cases:\n"
        "  - {text: we had soup, suicide: none, self_harm: false, concern: none, kind: everyday}\n"
    )
    (tmp_path / "sealed-1.yaml").write_text(round_text, encoding="utf-8")
    with pytest.raises(ValueError, match="no committed first run"):
        load_sealed(1, folder=tmp_path)
    (tmp_path / "sealed-1.first-run.md").write_text("# first run\n", encoding="utf-8")
    loaded = load_sealed(1, folder=tmp_path)
    assert [c.text for c in loaded.cases] == ["we had soup"]
    assert list(loaded.writer) == ["sealed-1"]


def test_refitting_one_head_set_alone_keeps_the_other_sets_record() -> None:
    # `train_reader --heads fast` (or `full`) writes the other shipped heads back unchanged;
    # reader.json must still say what those were trained on, and say it again after a refit.
    shipped = {
        "trained_on": {"sealed_rounds": 15},
        "heads": {"fast": {"temperature": 1.0}, "full": {"temperature": 1.2}},
        "thresholds": {"fast": {"at_risk": 0.6}, "full": {"at_risk": 0.6}},
        "threshold_rule": "chosen on rounds 16 to 18",
        "thresholds_out_of_writer": {"fast": {"at_risk": 0.33}, "full": {"at_risk": 0.31}},
        "seed": 13,
        "versions": {"numpy": "1"},
        "seconds": 4000.0,
    }
    fast = {
        "trained_on": {"sealed_rounds": 23},
        "heads": {"fast": {"temperature": 1.1}},
        "thresholds": {"fast": {"at_risk": 0.4}},
        "threshold_rule": "F2",
        "seed": 13,
        "versions": {"numpy": "2"},
        "seconds": 900.0,
    }
    once = _with_shipped(fast, shipped, kept="full")
    assert once["trained_on"] == {"fast": {"sealed_rounds": 23}, "full": {"sealed_rounds": 15}}
    assert once["heads"]["full"] == {"temperature": 1.2}
    assert once["thresholds"] == {"fast": {"at_risk": 0.4}, "full": {"at_risk": 0.6}}
    assert once["thresholds_out_of_writer"] == {"full": {"at_risk": 0.31}}
    assert once["threshold_rule"]["full"] == "chosen on rounds 16 to 18"
    twice = _with_shipped(fast, once, kept="full")
    assert twice["trained_on"] == once["trained_on"]
    assert twice["seconds"] == {"fast": 900.0, "full": 4000.0}
    # Then `--heads full`: the full heads refitted, the fast heads' record (itself split per
    # head set by the refit above) kept as it was.
    full = {
        "trained_on": {"sealed_rounds": 23},
        "heads": {"full": {"temperature": 1.3}},
        "thresholds": {"full": {"at_risk": 0.5}},
        "threshold_rule": "F2",
        "seed": 13,
        "versions": {"numpy": "3"},
        "seconds": 2000.0,
    }
    third = _with_shipped(full, twice, kept="fast")
    assert third["trained_on"] == {"fast": {"sealed_rounds": 23}, "full": {"sealed_rounds": 23}}
    assert third["heads"] == {"fast": {"temperature": 1.1}, "full": {"temperature": 1.3}}
    assert third["thresholds"] == {"fast": {"at_risk": 0.4}, "full": {"at_risk": 0.5}}
    assert third["seconds"] == {"fast": 900.0, "full": 2000.0}
    assert "full heads refitted alone" in third["what"]
