"""The moderation-samples measurement (training/moderation_samples.py) on a made-up file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
from training.moderation_samples import KEYWORDS, read_samples, recall_precision


def test_only_samples_with_a_known_self_harm_label_are_read(tmp_path: Path) -> None:
    path = tmp_path / "samples.jsonl.gz"
    rows = [
        {"prompt": "first text", "SH": 1, "V": 0},
        {"prompt": "second text", "SH": 0},
        {"prompt": "label unknown", "V": 1},
        {"prompt": "   ", "SH": 1},
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in rows) + "\n\n")
    assert read_samples(path) == [("first text", 1), ("second text", 0)]


def test_recall_and_precision_count_what_a_reader_would() -> None:
    truth = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    flag = np.array([1, 1, 1, 0, 1, 0, 0, 0, 0, 0], dtype=bool)
    got = recall_precision(flag, truth)
    assert got["recall"] == 0.75
    assert got["precision"] == 0.75
    assert got["flagged"] == 4
    assert got["flagged_negatives_share"] == round(1 / 6, 3)
    low, high = got["recall_95"]
    assert low <= 0.75 <= high


def test_the_keyword_baseline_reads_words_not_parts_of_words() -> None:
    assert KEYWORDS.search("I keep thinking about suicide")
    assert KEYWORDS.search("she wants to end it all")
    assert not KEYWORDS.search("the suitcase handle broke")
    assert not KEYWORDS.search("we hung the picture ourselves")
