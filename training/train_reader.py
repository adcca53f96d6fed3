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

    python -m training.train_reader --heads fast --sealed-through N

fits the fast heads alone (they read no encoder vectors, so none are computed) and writes the
shipped full heads back unchanged from the existing `model/reader.npz`; `--heads full` fits
the full heads alone and keeps the shipped fast heads. `model/reader.json` then records per
head set what it trained on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from training import reader_train as rt
from training.npz import save_npz
from training.real_controls import joined, load_real_controls, load_real_positives
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
# Sealed rounds the shipped full heads trained on (1 to this); their at-risk and self-harm
# thresholds were then chosen on rounds 16 to 18 by training.reader_thresholds. The shipped fast
# heads were refitted alone with more rounds (`--heads fast`); model/reader.json says which.
SEALED_THROUGH = 15


def _sha256(path: object) -> str:
    from pathlib import Path

    return hashlib.sha256(Path(str(path)).read_bytes()).hexdigest()


def _shipped_arrays(head_set: str) -> dict[str, np.ndarray]:
    """One head set's arrays of the shipped `model/reader.npz`, exactly as stored."""
    with np.load(MODEL_DIR / READER_NPZ) as parts:
        kept = {k: np.asarray(parts[k]) for k in parts.files if k.startswith(f"{head_set}_")}
    if not kept:
        raise SystemExit(f"the shipped reader has no {head_set} heads to keep")
    return kept


def _with_shipped(info: dict[str, Any], shipped: dict[str, Any], *, kept: str) -> dict[str, Any]:
    """`info` of one newly fitted head set, with the other (`kept`) set's own record: what it
    trained on, its calibration and thresholds, as `shipped` (the previous reader.json) says;
    `trained_on` and the threshold records then hold one entry per head set."""
    fitted = "full" if kept == "fast" else "fast"
    out = dict(info)
    out["what"] = (
        "learned reader: suicide level, self-harm and urgent heads (fast and full); the "
        f"{fitted} heads refitted alone, the {kept} heads kept as shipped"
    )
    for key in ("trained_on", "threshold_rule", "seed", "versions", "seconds"):
        both = {fitted: info[key], kept: _part(shipped[key], kept)}
        out[key] = {name: both[name] for name in ("fast", "full")}
    for key in ("heads", "thresholds"):
        both = {**info[key], kept: shipped[key][kept]}
        out[key] = {name: both[name] for name in ("fast", "full")}
    if kept in shipped.get("thresholds_out_of_writer", {}):
        out["thresholds_out_of_writer"] = {kept: shipped["thresholds_out_of_writer"][kept]}
    return out


def _part(value: Any, head_set: str) -> Any:
    """One head set's part of a reader.json entry: itself when one entry serves both head
    sets, its own entry when the head sets were recorded apart."""
    if isinstance(value, dict) and set(value) == {"fast", "full"}:
        return value[head_set]
    return value


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
    parser.add_argument(
        "--heads",
        choices=("both", "fast", "full"),
        default="both",
        help="fit both head sets (default), or one alone, keeping the shipped other set as it is",
    )
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="fits run at once")
    parser.add_argument(
        "--no-sealed-folds",
        dest="sealed_folds",
        action="store_false",
        help="out-of-writer predictions from writers A, B and C only: the sealed rounds are "
        "always trained on, not each held out in turn (4 fits instead of 4 + N)",
    )
    parser.add_argument(
        "--real-positives",
        action="store_true",
        help="also train the level head on the train split's r/SuicideWatch posts (weak label)",
    )
    parser.add_argument(
        "--weak-weight",
        type=float,
        default=1.0,
        metavar="W",
        help="sample weight of each weak r/SuicideWatch label (default 1: unweighted fits)",
    )
    parser.add_argument(
        "--stress-controls",
        type=int,
        default=0,
        metavar="N",
        help="also take up to N train-split control posts of the stress-forum family "
        "(Naseem/Dreaddit) as real controls (default 0: none)",
    )
    args = parser.parse_args(argv)
    started = time.time()
    fitted_sets = ("fast", "full") if args.heads == "both" else (args.heads,)
    kept_set = {"fast": "full", "full": "fast"}.get(args.heads)
    data = load_labelled()
    if args.sealed_through:
        data = joined(data, load_sealed(args.sealed_through))
    real_counts: dict[str, int] = {}
    if not args.without_real_posts:
        real, real_counts = load_real_controls(args.data, stress_per_source=args.stress_controls)
        data = joined(data, real)
    real_positives = 0
    if args.real_positives:
        positives = load_real_positives(args.data)
        real_positives = len(positives)
        data = joined(data, positives)
    labels = rt.Labels.of(data)
    weights = None
    if args.weak_weight != 1.0:
        weights = np.where(labels.weak, args.weak_weight, 1.0)
    # The fast heads read no encoder vectors: none are computed when they are fitted alone.
    needs_encoder = "full" in fitted_sets
    inputs = rt.build_inputs(data.texts, encoder=rt.CachedEncoder() if needs_encoder else None)
    rows = np.arange(len(data))
    heads = {}
    points = {}
    for name in fitted_sets:
        full = name == "full"
        uncalibrated, oof = rt.fitted_and_out_of_writer(
            inputs,
            labels,
            data.writer,
            rows,
            full=full,
            jobs=args.jobs,
            sealed_folds=args.sealed_folds,
            weights=weights,
        )
        fitted = rt.calibrated(uncalibrated, oof, labels, rows)
        # The weak labels say nothing of self-harm or urgency: thresholds come from the rest.
        ok = ~np.isnan(oof[:, 0]) & ~labels.weak
        point = rt.choose_point(rt.probabilities(fitted, oof[ok]), labels, rows[ok], inputs.signals)
        heads[name], points[name] = fitted, point.as_dict()
        print(f"{name} heads: thresholds {points[name]}", flush=True)
    arrays = heads_to_arrays(heads)
    shipped: dict[str, Any] = {}
    if kept_set is not None:
        arrays.update(_shipped_arrays(kept_set))
        shipped = json.loads((MODEL_DIR / READER_JSON).read_text(encoding="utf-8"))
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    save_npz(MODEL_DIR / READER_NPZ, arrays)
    import sklearn

    info: dict[str, Any] = {
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
            "held_out_in_turn": rt.fold_writers(data.writer, rows, args.sealed_folds),
            "real_control_posts": {
                "split": "train",
                "per_source": real_counts,
                "label": "none",
            },
            "real_suicide_posts": {
                "split": "train",
                "posts": real_positives,
                "label": "ideation (weak: level head only)",
                "weight": args.weak_weight,
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
    if kept_set is not None:
        info = _with_shipped(info, shipped, kept=kept_set)
    (MODEL_DIR / READER_JSON).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(points, indent=2))
    print("Put these thresholds in content/text/operating_point.yaml (reader: fast, full).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
