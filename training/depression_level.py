"""Choose the depression level decision (the level offsets) on the validation split.

    python -m training.depression_level [--data PATH] [--seed 13] [--resamples 200]
                                        [--out training/reports]

The post model's level head gives probabilities of none, mild, moderate and severe; its most
likely level alone almost never says mild or severe, which is where macro-F1 is lost. (This
choice was made, and is reproduced here, with the post model's own level head; the detector
has read the depression level head of `training.train_level_head` since, with offsets of 0.) The
detector adds an offset to each level's log-probability before it takes the most likely
(`depression_level_offsets` in content/text/operating_point.yaml). Only mild and severe get
offsets, and only offsets of zero or more, so the line between none and moderate, which
decides whether a text is flagged at all, stays the model's own: the severe offset alone
only ever moves a text up a tier (to `concern`); a mild offset also moves texts from none
up to `watch`, but can take a text from severe down to mild. Each point is tried with the
offsets counting everywhere and counting only where the binary depression score reaches the
operating point's `depression_present` (`model.depression_offsets_from`): the gate keeps
texts the model reads as not depressed at their plain most likely level.

Each candidate is read by the whole detector (the batch path: rules, the learned reader's
fast heads and the post model; the encoder does not change the depression level) with those
offsets in its operating point, on the validation split's DepSign and Naseem posts. The
objective is the mean of DepSign macro-F1 (not depression, moderate, severe; the detector's
mild counts as moderate) and Naseem macro-F1 (none, mild, moderate, severe).

Two procedures compete: the severe offset alone, and the mild and severe offsets together
(each with or without the gate; a tie keeps the gate and the smaller offsets).
Each is run on bootstrap resamples of the validation posts and scored on the posts a
resample left out (out of bag), against no offsets on the same posts. The simpler procedure
is kept unless the other gains more by over one standard error of their paired difference
(the spread of that difference across resamples).
The chosen procedure's point on the whole validation split is the answer; the report shows
its neighbours and how often each point won a resample, to show whether it is stable, and,
measured after the choice and never used for it, how the concern tier of every validation
post moves and how often posts labelled neither depressed nor suicidal are flagged.

Writes `depression_level.json` and `.md` (numbers only, never texts) and prints the chosen
offsets. The test split is never read here. Offsets go into content/text/operating_point.yaml
only once `python -m training.evaluate --depression-only`, run once on the test split with
them in place, confirms the gain; the first choice (severe 1.0, gated) did not hold there
(DepSign 0.524 against 0.538 with no offsets), so the shipped offsets are 0
(docs/model-card.md, "Depression level of the whole detector").
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from training import data as data_module
from training import train
from training.train import Example
from waylight.core.textrisk import Detector
from waylight.core.textrisk.combine import DEPRESSION_LEVELS
from waylight.core.textrisk.evaluate_cases import flagged
from waylight.core.textrisk.model import MODEL_NPZ

REPORT_DIR = data_module.REPO_ROOT / "training" / "reports"
IntArray = npt.NDArray[np.int64]
# Offsets tried for mild and for severe (log-probability units; 0.25 ~ a factor of 1.28).
GRID = tuple(round(0.25 * i, 2) for i in range(9))  # 0 .. 2
RESAMPLES = 200
# Each scheme: its labels and how the detector's four levels (and the data's) map onto them.
SCHEMES: dict[str, tuple[list[str], dict[int, int]]] = {
    "depsign": (["not depression", "moderate", "severe"], {0: 0, 1: 1, 2: 1, 3: 2}),
    "naseem": (list(DEPRESSION_LEVELS), {0: 0, 1: 1, 2: 2, 3: 3}),
}
PROCEDURES = ("severe", "mild+severe")
# The runs compared after the choice: no offsets, the chosen point, its other gate setting.
RUNS = ("none", "chosen", "other_gate")

# The gate: the depression score from which the offsets count (0: everywhere).
NO_GATE = 0.0

Offsets = tuple[float, float, float]  # (mild, severe, gate)


def candidates(procedure: str, gate: float) -> list[Offsets]:
    """The points a procedure may choose, smallest change first (so a tie keeps less): the
    gate before no gate, then the smaller offsets."""
    mild_values = (0.0,) if procedure == "severe" else GRID
    points = [(m, s, g) for m in mild_values for s in GRID for g in (gate, NO_GATE)]
    return sorted(points, key=lambda p: (p[0] + p[1], p[1], p[0], p[2] == NO_GATE))


def macro_f1(predicted: IntArray, truth: IntArray, k: int) -> float:
    """Macro-F1 over the classes present in `truth` (as `training.metrics.multiclass_report`)."""
    f1s = []
    for c in range(k):
        support = int(np.sum(truth == c))
        if not support:
            continue
        tp = int(np.sum((predicted == c) & (truth == c)))
        f1s.append(2 * tp / (support + int(np.sum(predicted == c))) if tp else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


@dataclass
class Readings:
    """Per scheme: the true levels (scheme's classes) and, per candidate, the detector's."""

    truth: dict[str, IntArray]
    predicted: dict[str, dict[Offsets, IntArray]]

    def objective(self, point: Offsets, rows: dict[str, IntArray] | None = None) -> float:
        """Mean macro-F1 over the schemes, on `rows` (indices per scheme) or all posts."""
        scores = []
        for scheme, (labels, _) in SCHEMES.items():
            truth, predicted = self.truth[scheme], self.predicted[scheme][point]
            if rows is not None:
                truth, predicted = truth[rows[scheme]], predicted[rows[scheme]]
            scores.append(macro_f1(predicted, truth, len(labels)))
        return float(np.mean(scores))

    def best(self, points: Sequence[Offsets], rows: dict[str, IntArray] | None = None) -> Offsets:
        values = [self.objective(p, rows) for p in points]
        return points[int(np.argmax(values))]


def out_of_bag(readings: Readings, *, gate: float, resamples: int, seed: int) -> dict[str, Any]:
    """Each procedure chosen on bootstrap resamples, scored on the posts each one left out."""
    rng = np.random.default_rng(seed)
    sizes = {s: readings.truth[s].size for s in SCHEMES}
    gains: dict[str, list[float]] = {p: [] for p in PROCEDURES}
    chosen: dict[str, Counter[Offsets]] = {p: Counter() for p in PROCEDURES}
    points = {p: candidates(p, gate) for p in PROCEDURES}
    for _ in range(resamples):
        drawn = {s: rng.integers(0, n, n) for s, n in sizes.items()}
        left = {s: np.setdiff1d(np.arange(n), drawn[s]) for s, n in sizes.items()}
        base = readings.objective((0.0, 0.0, gate), left)
        for procedure in PROCEDURES:
            point = readings.best(points[procedure], drawn)
            chosen[procedure][point] += 1
            gains[procedure].append(readings.objective(point, left) - base)
    difference = np.array(gains["mild+severe"]) - np.array(gains["severe"])
    # The spread of the difference across resamples is the bootstrap's estimate of its
    # standard error on a validation split of this size (not divided by the number of
    # resamples, which would only measure how many were drawn).
    standard_error = float(difference.std(ddof=1))
    return {
        "procedure": "mild+severe" if difference.mean() > standard_error else "severe",
        "resamples": resamples,
        "gain": {
            p: {
                "mean": round(float(np.mean(g)), 4),
                "sd": round(float(np.std(g)), 4),
                "share_above_0": round(float(np.mean(np.array(g) > 0)), 3),
            }
            for p, g in gains.items()
        },
        "paired_difference_two_minus_one": {
            "mean": round(float(difference.mean()), 4),
            "standard_error": round(standard_error, 4),
        },
        "chosen_points": {
            p: [
                {"mild": m, "severe": s, "gate": g, "times": n} for (m, s, g), n in c.most_common(6)
            ]
            for p, c in chosen.items()
        },
    }


def detector_with(base: Detector, point: Offsets) -> Detector:
    mild, severe, gate = point
    offsets = {"none": 0.0, "mild": mild, "moderate": 0.0, "severe": severe}
    model = {**base.op.model, "depression_offsets_from": gate}
    return base.with_operating_point(
        replace(base.op, model=model, depression_level_offsets=offsets)
    )


def read_validation(val: Sequence[Example], base: Detector, gate: float) -> Readings:
    """Every candidate's levels on the validation split's DepSign and Naseem posts."""
    points = candidates("mild+severe", gate)
    truth: dict[str, IntArray] = {}
    texts: dict[str, list[str]] = {}
    for scheme, (_, mapping) in SCHEMES.items():
        rows = [e for e in val if scheme in e.sources and e.labels.get("level") is not None]
        truth[scheme] = np.array([mapping[int(e.labels["level"] or 0)] for e in rows])
        texts[scheme] = [e.text for e in rows]
    predicted: dict[str, dict[Offsets, IntArray]] = {s: {} for s in SCHEMES}
    for point in points:
        detector = detector_with(base, point)
        for scheme, (_, mapping) in SCHEMES.items():
            results = detector.analyse_many(texts[scheme])
            predicted[scheme][point] = np.array(
                [mapping[DEPRESSION_LEVELS.index(r.depression.level)] for r in results]
            )
    return Readings(truth, predicted)


def per_scheme(readings: Readings, point: Offsets) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for scheme, (labels, _) in SCHEMES.items():
        truth, predicted = readings.truth[scheme], readings.predicted[scheme][point]
        confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
        np.add.at(confusion, (truth, predicted), 1)
        recall = confusion.diagonal() / np.maximum(confusion.sum(axis=1), 1)
        out[scheme] = {
            "posts": int(truth.size),
            "macro_f1": round(macro_f1(predicted, truth, len(labels)), 4),
            "accuracy": round(float(np.mean(truth == predicted)), 4),
            "recall": {lv: round(float(r), 3) for lv, r in zip(labels, recall, strict=True)},
            "confusion": confusion.tolist(),
        }
    return out


def tier_changes(
    val: Sequence[Example], base: Detector, point: Offsets, gate: float
) -> dict[str, Any]:
    """How the concern tier of every validation post moves with the chosen offsets, and how
    often posts labelled neither depressed nor suicidal are flagged (at risk, self-harm, or
    concern at least `concern`), by first source: with no offsets, the chosen point, and the
    chosen offsets with the other gate setting. Measured after the choice, never used for it.
    """
    other = (point[0], point[1], NO_GATE if point[2] != NO_GATE else gate)
    texts = [e.text for e in val]
    runs = {
        name: detector_with(base, p).analyse_many(texts)
        for name, p in zip(RUNS, ((0.0, 0.0, gate), point, other), strict=True)
    }
    moved: dict[str, Any] = {}
    flags: dict[str, Any] = {}
    for i, e in enumerate(val):
        source = e.sources[0]
        row = moved.setdefault(source, {"posts": 0, "changed": Counter()})
        row["posts"] += 1
        before, after = runs["none"][i].concern, runs["chosen"][i].concern
        if before != after:
            row["changed"][f"{before} -> {after}"] += 1
        if e.labels.get("depression") == 0 and e.labels.get("suicide") != 1:
            flag = flags.setdefault(source, {"posts": 0, **dict.fromkeys(runs, 0)})
            flag["posts"] += 1
            for name, results in runs.items():
                flag[name] += int(flagged(results[i]))
    flags["all"] = {k: sum(f[k] for f in flags.values()) for k in ("posts", *runs)}
    return {
        "other_gate": other[2],
        "moved": {
            s: {"posts": r["posts"], "changed": dict(r["changed"])}
            for s, r in sorted(moved.items())
        },
        "not_depressed_flagged": flags,
    }


def post_model_fingerprint() -> str:
    """sha256 (12 hex) of the post model's weights: the offsets belong to this level head."""
    path = data_module.REPO_ROOT / "src" / "waylight" / "core" / "textrisk" / "model" / MODEL_NPZ
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _gate_name(gate: float) -> str:
    return "everywhere" if gate == NO_GATE else f"from a depression score of {gate}"


def markdown(report: dict[str, Any]) -> str:
    chosen = report["chosen"]
    bag = report["out_of_bag"]
    lines = [
        "# Depression level offsets (validation split)",
        "",
        "`python -m training.depression_level` (numbers only). Objective: mean of DepSign "
        "macro-F1 (3 levels, mild counted as moderate) and Naseem macro-F1 (4 levels), whole "
        "detector, batch path.",
        "",
        f"Chosen: procedure `{report['procedure']}`, offsets mild {chosen['mild']}, "
        f"severe {chosen['severe']} (none and moderate 0), counting "
        f"{_gate_name(chosen['gate'])}; post model `{report['post_model']}`. Offsets chosen "
        "here go into the operating point only once `python -m training.evaluate "
        "--depression-only --level-offset LEVEL=OFFSET`, run once on the test split, confirms "
        "them (docs/model-card.md says whether they did).",
        "",
        "| validation | no offsets | chosen |",
        "|---|---|---|",
    ]
    for scheme in SCHEMES:
        a, b = report["validation"]["none"][scheme], report["validation"]["chosen"][scheme]
        lines.append(
            f"| {scheme} macro-F1 ({a['posts']} posts) | {a['macro_f1']} | {b['macro_f1']} |"
        )
        lines.append(f"| {scheme} accuracy | {a['accuracy']} | {b['accuracy']} |")
        for level in a["recall"]:
            lines.append(
                f"| {scheme} recall, {level} | {a['recall'][level]} | {b['recall'][level]} |"
            )
    lines += [
        f"| mean macro-F1 | {report['objective']['none']} | {report['objective']['chosen']} |",
        "",
        f"Out of bag ({bag['resamples']} bootstrap resamples of the validation posts; gain "
        "over no offsets on the posts each resample left out):",
        "",
        "| procedure | mean gain | sd | share above 0 | chosen most often: "
        "(mild, severe, gate): times |",
        "|---|---|---|---|---|",
    ]
    for procedure in PROCEDURES:
        g = bag["gain"][procedure]
        often = ", ".join(
            f"({p['mild']}, {p['severe']}, {p['gate']}): {p['times']}"
            for p in bag["chosen_points"][procedure]
        )
        lines.append(f"| {procedure} | {g['mean']} | {g['sd']} | {g['share_above_0']} | {often} |")
    d = bag["paired_difference_two_minus_one"]
    lines += [
        "",
        f"Paired difference (two offsets minus severe alone): {d['mean']} "
        f"(standard error {d['standard_error']}).",
    ]
    for gate, table in report["grid"].items():
        lines += [
            "",
            f"Mean macro-F1 on the whole validation split, offsets counting "
            f"{_gate_name(float(gate))} (rows mild, columns severe):",
            "",
            "| mild \\ severe | " + " | ".join(str(s) for s in GRID) + " |",
            "|---|" + "---|" * len(GRID),
        ]
        for mild in GRID:
            cells = [str(table[f"{mild},{severe}"]) for severe in GRID]
            lines.append(f"| {mild} | " + " | ".join(cells) + " |")
    changes = report["tier_changes"]
    lines += [
        "",
        "After the choice, not used for it: validation posts labelled neither depressed nor "
        "suicidal that are flagged (at risk, self-harm, or concern at least `concern`), with no "
        "offsets, the chosen ones, and the chosen ones counting "
        f"{_gate_name(changes['other_gate'])}:",
        "",
        "| first source | posts | no offsets | chosen | other gate |",
        "|---|---|---|---|---|",
    ]
    for source, row in changes["not_depressed_flagged"].items():
        cells = [f"{row[k]} ({row[k] / max(row['posts'], 1):.1%})" for k in RUNS]
        lines.append(f"| {source} | {row['posts']} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Concern tier of every validation post, no offsets -> chosen:",
        "",
        "| first source | posts | changed |",
        "|---|---|---|",
    ]
    for source, row in changes["moved"].items():
        changed = ", ".join(f"{k}: {v}" for k, v in sorted(row["changed"].items())) or "none"
        lines.append(f"| {source} | {row['posts']} | {changed} |")
    return "\n".join(lines) + "\n"


def choice_arguments(description: str, resamples: int) -> argparse.ArgumentParser:
    """The options of a depression-level choice script: data, report folder, seed, resamples."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", help="data folder (default: $WAYLIGHT_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(REPORT_DIR), help="where to write the reports")
    parser.add_argument("--seed", type=int, default=train.SEED)
    parser.add_argument("--resamples", type=int, default=resamples)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = choice_arguments(__doc__.split("\n")[0], RESAMPLES).parse_args(argv)

    started = time.perf_counter()
    _, examples = train.load_examples(args.data, seed=args.seed)
    val = [e for e in examples if e.split == "val"]
    # The offsets were chosen for the post model's own level head (the one shipped then).
    base = Detector.default().variant(second_reader=False, level_head=False)
    gate = float(base.op.model["depression_present"])
    readings = read_validation(val, base, gate)
    bag = out_of_bag(readings, gate=gate, resamples=args.resamples, seed=args.seed)
    # The simpler procedure unless the other gains more by over one standard error.
    procedure = str(bag["procedure"])
    point = readings.best(candidates(procedure, gate))
    plain = (0.0, 0.0, gate)
    report: dict[str, Any] = {
        "seed": args.seed,
        "post_model": post_model_fingerprint(),
        "procedure": procedure,
        "chosen": {"mild": point[0], "severe": point[1], "gate": point[2]},
        "objective": {
            "none": round(readings.objective(plain), 4),
            "chosen": round(readings.objective(point), 4),
        },
        "validation": {
            "none": per_scheme(readings, plain),
            "chosen": per_scheme(readings, point),
        },
        "grid": {
            str(g): {
                f"{m},{s}": round(readings.objective((m, s, g)), 4)
                for m, s in itertools.product(GRID, GRID)
            }
            for g in (gate, NO_GATE)
        },
        "out_of_bag": bag,
        "tier_changes": tier_changes(val, base, point, gate),
    }
    report["seconds"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "depression_level.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    (out / "depression_level.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    print("chosen (for content/text/operating_point.yaml once the test split confirms it):")
    print(f"  model: depression_offsets_from: {point[2]}")
    print(
        "  depression_level_offsets: "
        f"{{none: 0.0, mild: {point[0]}, moderate: 0.0, severe: {point[1]}}}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
