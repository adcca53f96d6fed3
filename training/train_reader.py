"""Train the shipped learned reader (`model/reader.npz`, `model/reader.json`), reproducibly.

    python -m training.train_reader

Needs the static table (`python -m training.static_table`) and the encoder
(`python -m training.encoder_weights`). Steps:

1. features of every labelled text (`training.written`: the three writers' corpus and the dev
   cases; `training.real_controls`: real posts of the research data's train split that are
   not about the writer's risk, labelled `none`), computed by the run-time code
   (`reader_train.build_inputs`);
2. out-of-writer predictions: for each writer, heads trained on the two others and the dev
   cases score that writer's texts;
3. calibration (temperature, Platt) and operating thresholds chosen on those predictions
   (`reader_train.choose_point`);
4. the heads fitted on every text, given that calibration, written with their thresholds.

The thresholds must then stand in content/text/operating_point.yaml (`reader:`): the script
prints them, and a test checks the two agree. Same data, same seed, same package versions
give the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import time
from collections.abc import Sequence

import numpy as np

from training import reader_train as rt
from training.npz import save_npz
from training.real_controls import joined, load_real_controls
from training.train import MODEL_DIR
from training.written import (
    CORPUS_DIR,
    DEV_CASES,
    TRAIN_ONLY,
    WRITERS,
    load_labelled,
    load_sealed,
    sealed_file,
)
from waylight.core.textrisk.reader import FORMAT, READER_JSON, READER_NPZ, heads_to_arrays

SEED = 13
# Sealed rounds the shipped reader trained on (1 to this); its at-risk and self-harm thresholds
# were then chosen on rounds 16 to 18 by training.reader_thresholds (model/reader.json says so).
SEALED_THROUGH = 15


def _sha256(path: object) -> str:
    from pathlib import Path

    return hashlib.sha256(Path(str(path)).read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", help="research data folder (default: ../shared/data)")
    parser.add_argument(
        "--without-real-posts",
        action="store_true",
        help="train on the written corpus and dev cases only (the previous recipe)",
    )
    parser.add_argument(
        "--sealed-through",
        type=int,
        default=SEALED_THROUGH,
        metavar="N",
        help=f"also train on sealed rounds 1 to N, each run once (default {SEALED_THROUGH})",
    )
    args = parser.parse_args(argv)
    started = time.time()
    data = load_labelled()
    if args.sealed_through:
        data = joined(data, load_sealed(args.sealed_through))
    real_counts: dict[str, int] = {}
    if not args.without_real_posts:
        real, real_counts = load_real_controls(args.data)
        data = joined(data, real)
    labels = rt.Labels.of(data)
    inputs = rt.build_inputs(data.texts, encoder=rt.CachedEncoder())
    rows = np.arange(len(data))
    heads = {}
    points = {}
    for name, full in (("fast", False), ("full", True)):
        uncalibrated, oof = rt.fitted_and_out_of_writer(
            inputs, labels, data.writer, rows, full=full
        )
        fitted = rt.calibrated(uncalibrated, oof, labels, rows)
        ok = ~np.isnan(oof[:, 0])
        point = rt.choose_point(rt.probabilities(fitted, oof[ok]), labels, rows[ok], inputs.signals)
        heads[name], points[name] = fitted, point.as_dict()
        print(f"{name} heads: thresholds {points[name]}", flush=True)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    save_npz(MODEL_DIR / READER_NPZ, heads_to_arrays(heads))
    import sklearn

    info = {
        "format": FORMAT,
        "what": "learned reader: suicide level, self-harm and urgent heads (fast and full)",
        "trained_on": {
            "texts": len(data),
            "per_writer_fold": {w: int((data.writer == w).sum()) for w in (*WRITERS, "dev")},
            "files_sha256": {
                **{
                    f"written-{w}.yaml": _sha256(CORPUS_DIR / f"written-{w}.yaml")
                    for w in (*WRITERS, *TRAIN_ONLY)
                },
                "dev.yaml": _sha256(DEV_CASES),
                **{
                    sealed_file(n).name: _sha256(sealed_file(n))
                    for n in range(1, args.sealed_through + 1)
                },
            },
            "sealed_rounds": int(args.sealed_through),
            "real_control_posts": {
                "split": "train",
                "per_source": real_counts,
                "label": "none",
            },
        },
        "features": {
            "hashed_buckets": rt.N_BUCKETS,
            "block_weights": rt.BLOCK_WEIGHTS,
            "regularisation_C": rt.C,
        },
        "heads": rt.describe(heads),
        "thresholds": points,
        "threshold_rule": "F2 for at risk and self-harm, F1 for indicator, among the "
        f"thresholds within {rt.BOUNDS} (precision; false alarms on the negative kinds); F2 "
        "for urgent; on out-of-writer predictions, next to what the rules already flag",
        "seed": SEED,
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "seconds": round(time.time() - started, 1),
    }
    (MODEL_DIR / READER_JSON).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(points, indent=2))
    print("Put these thresholds in content/text/operating_point.yaml (reader: fast, full).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
