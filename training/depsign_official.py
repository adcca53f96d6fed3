"""The depression level on DepSign's official test set, a held-out set the project never trained on.

    python -m training.depsign_official --file PATH/test.tsv

The LT-EDI 2022 shared task ("Detecting Signs of Depression from Social Media Text") labelled
Reddit posts `not depression`, `moderate` or `severe`. The project trains on the task's dev set
(`../shared/data/depsign_lt_edi_2022/dev.tsv`) and splits it for validation and testing; the
task's own test set, with its labels, was published later by a participating team
(rafalposwiata/depression-detection-lt-edi-2022, `data/original_dataset/test.tsv`, no licence
stated: it is read from where it lies and never copied into the repository). No decision in the
detector was made on it.

Posts whose text (lowercased, whitespace collapsed) also appears in any training data file are
dropped first, so that the figure is about unseen posts. The whole detector reads each post on
the batch path (the second reader never changes the depression level); its `mild` counts as
`moderate`, as on the project's own DepSign split. Beside it, for scale, the issue's baseline:
TF-IDF word 1-2 grams with logistic regression, fitted on every DepSign dev post (the project's
whole DepSign data) and on nothing else. Macro-F1 comes with a bootstrap 95 % interval over the
posts (2,000 resamples, seed 13).
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training import data as data_module
from training import held_out, metrics

LABELS = ["not depression", "moderate", "severe"]
# The detector's four levels on DepSign's three: mild is a moderate depression there.
DETECTOR_TO_DEPSIGN = {"none": 0, "mild": 1, "moderate": 1, "severe": 2}
RESAMPLES = 2000
SEED = 13
REPORT = Path(__file__).resolve().parent / "reports" / "depsign_official.md"


def read_test(path: Path) -> list[tuple[str, int]]:
    """(text, level index) for each labelled row of the task's test file."""
    csv.field_size_limit(sys.maxsize)
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            cells = {k.strip().lower(): (v or "") for k, v in row.items() if k}
            text = cells.get("text data", "").strip()
            label = cells.get("class labels", cells.get("label", "")).strip().lower()
            if text and label in LABELS:
                rows.append((text, LABELS.index(label)))
    return rows


def macro_f1_interval(predicted: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]) -> list[float]:
    rng = np.random.default_rng(SEED)
    scores = []
    for _ in range(RESAMPLES):
        idx = rng.integers(0, truth.size, truth.size)
        scores.append(metrics.multiclass_report(predicted[idx], truth[idx], LABELS)["macro_f1"])
    low, high = np.percentile(scores, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def detector_levels(texts: list[str]) -> np.ndarray[Any, Any]:
    from waylight.core.textrisk import Detector

    detector = Detector.default().variant(second_reader=False)
    results = detector.analyse_many(texts)
    return np.array([DETECTOR_TO_DEPSIGN[r.depression.level] for r in results], dtype=np.int64)


def baseline_levels(train: list[tuple[str, int]], texts: list[str]) -> np.ndarray[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vectoriser.fit_transform([t for t, _ in train])
    model = LogisticRegression(max_iter=2000, C=4.0)
    model.fit(x, [y for _, y in train])
    return np.asarray(model.predict(vectoriser.transform(texts)), dtype=np.int64)


def depsign_dev(root: Path) -> list[tuple[str, int]]:
    mapping = {0: 0, 2: 1, 3: 2}
    out = []
    for record in data_module.load_depsign(root):
        level = record.labels.get("level")
        if level is not None:
            out.append((record.text, mapping[int(level)]))
    return out


def measure(test_file: Path, data_path: str | None) -> dict[str, Any]:
    root = data_module.data_dir(data_path)
    rows = read_test(test_file)
    # One row per distinct unseen text (the file repeats a few posts).
    posts, dropped = held_out.unseen(rows, root)
    texts = [t for t, _ in posts]
    truth = np.array([y for _, y in posts], dtype=np.int64)

    started = time.perf_counter()
    ours = detector_levels(texts)
    seconds = time.perf_counter() - started
    base = baseline_levels(depsign_dev(root), texts)
    report: dict[str, Any] = {
        "rows_in_file": len(rows),
        "dropped_as_seen_in_training_data": dropped,
        "posts": len(posts),
        "levels": dict(zip(LABELS, np.bincount(truth, minlength=3).tolist(), strict=True)),
        "detector": metrics.multiclass_report(ours, truth, LABELS),
        "baseline_tfidf_logreg": metrics.multiclass_report(base, truth, LABELS),
        "detector_seconds": round(seconds, 1),
    }
    report["detector"]["macro_f1_95"] = macro_f1_interval(ours, truth)
    report["baseline_tfidf_logreg"]["macro_f1_95"] = macro_f1_interval(base, truth)
    return report


def markdown(report: dict[str, Any], model_version: str, content_version: str) -> str:
    lines = [
        "# Depression level on DepSign's official test set (held out)",
        "",
        f"Detector: model `{model_version}`, content `{content_version}` (batch path). "
        f"Rows in the file: {report['rows_in_file']}; dropped because the same text is in the "
        f"training data: {report['dropped_as_seen_in_training_data']}; distinct posts read: "
        f"{report['posts']} ({report['levels']}).",
        "",
        "| reader | macro-F1 (95 % interval) | accuracy | F1 not depression | F1 moderate "
        "| F1 severe |",
        "|---|---|---|---|---|---|",
    ]
    for name, key in (("whole detector", "detector"), ("baseline", "baseline_tfidf_logreg")):
        r = report[key]
        low, high = r["macro_f1_95"]
        f1 = [r["per_class"][label]["f1"] for label in LABELS]
        lines.append(
            f"| {name} | {r['macro_f1']} ({low}–{high}) | {r['accuracy']} | "
            + " | ".join(str(v) for v in f1)
            + " |"
        )
    matrix = report["detector"]["confusion"]["matrix"]
    lines += [
        "",
        "Whole detector, rows true, columns predicted:",
        "",
        "| true | " + " | ".join(LABELS) + " |",
        "|---|---|---|---|",
    ]
    for label, row in zip(LABELS, matrix, strict=True):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    return held_out.run(
        argv,
        description=__doc__.split("\n")[0],
        file_help="the task's labelled test.tsv",
        report=REPORT,
        measure=measure,
        markdown=markdown,
    )


if __name__ == "__main__":
    raise SystemExit(main())
