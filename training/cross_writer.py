"""Leave-one-writer-out evaluation of the whole detector: the honest proxy for a new writer.

    python -m training.cross_writer [--out training/reports/cross_writer.md] [--no-nested]
                                    [--without-real-posts] [--leave-out WRITER ...]

For each of the three writers of the written corpus: the learned reader is trained on the other
two writers, the dev cases and the real control posts of their folds
(`training.real_controls`), its calibration and thresholds are chosen on out-of-writer
predictions among those two (nested: each of them scored by heads trained on the other), and
the whole detector (rules, reader, post model, through `Detector.analyse_many` and the same
figures as `evaluate_cases`) reads the held-out writer's texts. Reported: each fold, and the
mean of the three, for the rules alone, the fast heads (the encoder reads nothing), the batch
path (the encoder reads the texts the fast heads are unsure about) and the full detector (the
encoder reads every text, as for single texts and sealed rounds).

These figures are cross-validated on data the project owns and tuned designs were chosen on:
they are not sealed first-run figures. `--no-nested` skips the inner loop (fixed thresholds
from content/text/operating_point.yaml, no calibration): quicker, for comparing designs only.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypedDict

import numpy as np
import numpy.typing as npt

from training import reader_train as rt
from training.real_controls import joined, load_real_controls
from training.written import TRAIN_ONLY, WRITERS, Labelled, load_labelled
from waylight.core.textrisk.combine import OperatingPoint, load_operating_point
from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.evaluate_cases import Report
from waylight.core.textrisk.level_head import LevelHead
from waylight.core.textrisk.model import TextModel
from waylight.core.textrisk.reader import Heads, Reader
from waylight.core.textrisk.static import StaticEmbedder

REPORT = Path(__file__).resolve().parent / "reports" / "cross_writer.md"


class Variant(TypedDict, total=False):
    """Layers left out of the shipped detector (`Detector.variant`'s keyword arguments)."""

    model: bool
    second_reader: bool | Literal["unsure"]


PATHS: tuple[tuple[str, Variant], ...] = (
    ("rules alone", dict(model=False, second_reader=False)),
    ("fast heads, no encoder (the batch path)", dict(second_reader=False)),
    ("encoder where the fast heads are unsure (--second-reader)", dict(second_reader="unsure")),
    ("full (encoder on every text)", dict(second_reader=True)),
)
FIGURES = (
    "at-risk recall",
    "at-risk precision",
    "self-harm recall",
    "self-harm precision",
    "false-alarm rate (negative kinds)",
    "level agreement",
    "concern agreement",
)


@dataclass
class Fold:
    held: str
    points: dict[str, dict[str, float]]
    reports: dict[str, Report]
    encoder_share: float


def operating_point(
    base: OperatingPoint, points: Mapping[str, Mapping[str, float]]
) -> OperatingPoint:
    reader = {k: dict(v) for k, v in base.reader.items()}
    for name, values in points.items():
        reader[name] = dict(values)
    return replace(base, reader=reader)


def train_fold(
    inputs: rt.ReaderInputs,
    labels: rt.Labels,
    writer: npt.NDArray[np.str_],
    rows: npt.NDArray[np.int64],
    *,
    nested: bool,
    log: bool = True,
) -> tuple[dict[str, Heads], dict[str, dict[str, float]]]:
    """Heads trained on `rows`, calibrated and thresholded on out-of-writer predictions among
    them (when `nested`)."""
    heads: dict[str, Heads] = {}
    points: dict[str, dict[str, float]] = {}
    for name, full in (("fast", False), ("full", True)):
        started = time.time()
        fitted, oof = rt.fitted_and_out_of_writer(inputs, labels, writer, rows, full=full)
        if nested:
            fitted = rt.calibrated(fitted, oof, labels, rows)
            ok = ~np.isnan(oof[:, 0])
            scores = rt.probabilities(fitted, oof[ok])
            points[name] = rt.choose_point(scores, labels, rows[ok], inputs.signals).as_dict()
        heads[name] = fitted
        if log:
            print(
                f"  {name} heads: {time.time() - started:.0f} s {points.get(name, '')}", flush=True
            )
    return heads, points


def run(
    *,
    nested: bool,
    real_posts: bool = True,
    leave_out: Sequence[str] = (),
    log: bool = True,
) -> tuple[list[Fold], Labelled]:
    # Leaving a train-only writer out measures what that writer's texts added.
    data = load_labelled((*WRITERS, *(w for w in TRAIN_ONLY if w not in leave_out)))
    if real_posts:  # as `training.train_reader` trains: each real post sits in a writer's fold
        data = joined(data, load_real_controls()[0])
    labels = rt.Labels.of(data)
    encoder = rt.CachedEncoder()
    started = time.time()
    inputs = rt.build_inputs(data.texts, encoder=encoder)
    if log:
        print(f"features of {len(data)} texts: {time.time() - started:.0f} s", flush=True)
    base = load_operating_point()
    model = TextModel.load()
    static = StaticEmbedder.load()
    level_head = LevelHead.load() if LevelHead.available() else None
    folds = []
    everything = np.arange(len(data))
    for held in WRITERS:
        if log:
            print(f"fold: writer {held} held out", flush=True)
        train_rows = everything[data.writer != held]
        test_rows = everything[data.writer == held]
        heads, points = train_fold(inputs, labels, data.writer, train_rows, nested=nested, log=log)
        op = operating_point(base, points) if nested else base
        reader = Reader(static, heads, {"fold": held})
        shipped = Detector(
            model,
            reader=reader,
            encoder=encoder,  # type: ignore[arg-type]
            operating_point=op,
            level_head=level_head,
        )
        cases = [data.cases[i] for i in test_rows]
        texts = [c.text for c in cases]
        reports = {}
        share = 0.0
        for name, layers in PATHS:
            detector = shipped.variant(**layers)
            results = detector.analyse_many(texts)
            reports[name] = Report(cases, results)
            if layers.get("second_reader") == "unsure" and detector.reader is not None:
                signals = detector.signal_vectors(texts)
                chosen = detector.full_choice(detector.reader.score(texts, signals))
                share = len(chosen) / len(texts)
        folds.append(Fold(held, points, reports, share))
    return folds, data


def markdown(folds: Sequence[Fold], data: Labelled, *, nested: bool) -> str:
    lines = [
        "# Cross-writer evaluation (leave one writer out)",
        "",
        "Cross-validated on the written corpus: **tuned data, not sealed figures**. Each row: "
        "the reader trained on the two other writers and the dev cases"
        + (", thresholds chosen on out-of-writer predictions among those two" if nested else "")
        + "; the held-out writer's texts read by the whole detector.",
        "",
        "Texts per writer ("
        + ", ".join(w.upper() for w in TRAIN_ONLY)
        + " and the dev cases are always trained on, never held out; 0 = left out): "
        f"{', '.join(f'{w} {int((data.writer == w).sum())}' for w in (*WRITERS, *TRAIN_ONLY))}."
        " Command: `python -m training.cross_writer`" + ("" if nested else " --no-nested") + ".",
        "",
    ]
    for name, _ in PATHS:
        lines += [f"## {name}", "", "| held-out writer | " + " | ".join(FIGURES) + " |"]
        lines.append("|---" * (len(FIGURES) + 1) + "|")
        values: dict[str, list[float]] = {f: [] for f in FIGURES}
        for fold in folds:
            figures = fold.reports[name].figures()
            cells = []
            for f in FIGURES:
                fig = figures[f]
                cells.append(fig.cell())
                if fig.value is not None:
                    values[f].append(fig.value)
            lines.append(f"| {fold.held} | " + " | ".join(cells) + " |")
        lines.append(
            "| **mean** | "
            + " | ".join(f"**{np.mean(values[f]):.3f}**" if values[f] else "–" for f in FIGURES)
            + " |"
        )
        lines.append("")
    lines += [
        "Share of texts `--second-reader` sends to the encoder (the `unsure` band), per fold: "
        + ", ".join(f"{f.held} {f.encoder_share:.1%}" for f in folds)
        + ".",
        "",
    ]
    if nested:
        lines += ["Thresholds chosen per fold (fast / full):", ""]
        for fold in folds:
            lines.append(f"- {fold.held}: {json.dumps(fold.points)}")
        lines.append("")
    lines += kinds_table(folds, "full (encoder on every text)")
    return "\n".join(lines)


def kinds_table(folds: Sequence[Fold], path: str) -> list[str]:
    """Flag recall and wrong flags per kind, pooled over the three held-out writers."""
    pooled: dict[str, list[int]] = {}
    for fold in folds:
        report = fold.reports[path]
        want, got = report.want_flag(), report.got_flag()
        for case, w, g in zip(report.cases, want, got, strict=True):
            row = pooled.setdefault(case.kind or "-", [0, 0, 0, 0])
            if w:
                row[0] += 1
                row[1] += int(g)
            else:
                row[2] += 1
                row[3] += int(g)
    lines = [
        f"## Per kind, {path}, pooled over the held-out writers",
        "",
        "| kind | flag recall | wrongly flagged |",
        "|---|---|---|",
    ]
    for kind, (n_want, hit, n_not, wrong) in sorted(pooled.items()):
        recall = f"{hit / n_want:.2f} ({n_want})" if n_want else "–"
        false = f"{wrong / n_not:.2f} ({n_not})" if n_not else "–"
        lines.append(f"| {kind} | {recall} | {false} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--no-nested", action="store_true")
    parser.add_argument(
        "--without-real-posts", action="store_true", help="the written corpus and dev cases only"
    )
    parser.add_argument(
        "--leave-out",
        action="append",
        default=[],
        choices=TRAIN_ONLY,
        metavar="WRITER",
        help=f"train without this always-trained writer ({', '.join(TRAIN_ONLY)}); repeatable",
    )
    args = parser.parse_args(argv)
    folds, data = run(
        nested=not args.no_nested,
        real_posts=not args.without_real_posts,
        leave_out=args.leave_out,
    )
    text = markdown(folds, data, nested=not args.no_nested)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
