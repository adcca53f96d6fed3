"""The depression level on hand-written texts whose writer gave one.

    python -m training.depression_written [--sealed FIRST LAST] [--corpus] [--dev]
                                          [--path batch full]

Sealed rounds, the written training corpus and the dev cases carry an optional `depression`
label (none, mild, moderate, severe) where the writer made the level clear. This reads those
texts with the whole detector on each path asked for and prints, per source, how many texts,
exact agreement, macro-F1 over the levels present in the labels, and the confusion matrix.
A sealed round read here after its first run is design data, never a test figure.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training import metrics
from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import load_case_file

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "text_cases"
CORPUS = ROOT / "training" / "corpus"
LEVELS = ["none", "mild", "moderate", "severe"]


def labelled(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """Texts and their writers' depression levels, where a level was given."""
    texts: list[str] = []
    levels: list[str] = []
    for path in paths:
        for case in load_case_file(path).cases:
            if case.depression is not None:
                texts.append(case.text)
                levels.append(case.depression)
    return texts, levels


def report(texts: Sequence[str], levels: Sequence[str], detector: Detector) -> dict[str, Any]:
    """Exact agreement, macro-F1 and confusion of the detector's level against the writers'."""
    got = [r.depression.level for r in detector.analyse_many(list(texts))]
    index = {level: i for i, level in enumerate(LEVELS)}
    y = np.array([index[level] for level in levels], dtype=np.int64)
    predicted = np.array([index[level] for level in got], dtype=np.int64)
    return metrics.multiclass_report(predicted, y, LEVELS)


def _sources(args: argparse.Namespace) -> dict[str, list[Path]]:
    sources: dict[str, list[Path]] = {}
    if args.sealed:
        first, last = args.sealed
        sources[f"sealed rounds {first}-{last}"] = [
            CASES / f"sealed-{n}.yaml" for n in range(first, last + 1)
        ]
    if args.corpus:
        sources["written corpus"] = sorted(CORPUS.glob("written-*.yaml"))
    if args.dev:
        sources["dev cases"] = [CASES / "dev.yaml"]
    return sources


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sealed", nargs=2, type=int, metavar=("FIRST", "LAST"))
    parser.add_argument("--corpus", action="store_true")
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--path", nargs="+", choices=["batch", "full"], default=["batch"])
    args = parser.parse_args(argv)
    sources = _sources(args)
    if not sources:
        parser.error("name at least one source: --sealed FIRST LAST, --corpus or --dev")
    detectors = {"batch": Detector.batch, "full": Detector.default}
    for path in args.path:
        detector = detectors[path]()
        for name, files in sources.items():
            texts, levels = labelled(files)
            result = report(texts, levels, detector)
            print(
                f"{name}, {path} path: {result['n']} texts, exact agreement "
                f"{result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}"
            )
            print("  rows: the writer's level; columns: the detector's (" + ", ".join(LEVELS) + ")")
            for level, row in zip(LEVELS, result["confusion"]["matrix"], strict=True):
                print(f"  {level:>8}: " + " ".join(f"{n:>5}" for n in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
