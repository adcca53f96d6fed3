"""Metrics for the evaluation report: plain numpy, so they read the same for every model."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _r(x: float) -> float:
    return round(float(x), 4)


def roc_auc(scores: FloatArray, y: IntArray) -> float | None:
    """Area under the ROC curve (ties count half); None when only one class is present."""
    pos, neg = scores[y == 1], scores[y == 0]
    if pos.size == 0 or neg.size == 0:
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(order.size)
    values = np.concatenate([pos, neg])[order]
    # average ranks over ties
    _, first, counts = np.unique(values, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(avg, counts)
    auc = (ranks[: pos.size].sum() - pos.size * (pos.size + 1) / 2) / (pos.size * neg.size)
    return _r(auc)


def average_precision(scores: FloatArray, y: IntArray) -> float | None:
    if (y == 1).sum() == 0:
        return None
    order = np.argsort(-scores, kind="mergesort")
    hits = y[order] == 1
    precision_at = np.cumsum(hits) / np.arange(1, hits.size + 1)
    return _r(precision_at[hits].mean())


def binary_at(scores: FloatArray, y: IntArray, threshold: float) -> dict[str, Any]:
    predicted = scores >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    tn = int(np.sum(~predicted & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": _r(threshold),
        "precision": _r(precision),
        "recall": _r(recall),
        "f1": _r(f1),
        "false_positive_rate": _r(fp / (fp + tn)) if fp + tn else None,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def calibration(scores: FloatArray, y: IntArray, n_bins: int = 10) -> dict[str, Any]:
    """Brier score, expected calibration error and reliability bins (equal width)."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1]), 0, n_bins - 1)
    bins = []
    ece = 0.0
    for b in range(n_bins):
        members = which == b
        n = int(members.sum())
        if n == 0:
            continue
        mean_score = float(scores[members].mean())
        observed = float(y[members].mean())
        ece += n / scores.size * abs(mean_score - observed)
        bins.append(
            {
                "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                "n": n,
                "mean_score": _r(mean_score),
                "observed_rate": _r(observed),
            }
        )
    return {
        "brier": _r(float(np.mean((scores - y) ** 2))),
        "ece": _r(ece),
        "reliability": bins,
    }


def binary_report(
    scores: FloatArray, y: IntArray, threshold: float, *, with_calibration: bool = True
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "n": int(y.size),
        "positives": int((y == 1).sum()),
        "roc_auc": roc_auc(scores, y),
        "average_precision": average_precision(scores, y),
        "at_threshold": binary_at(scores, y, threshold),
    }
    if with_calibration:
        report["calibration"] = calibration(scores, y)
    return report


def multiclass_report(predicted: IntArray, y: IntArray, labels: list[str]) -> dict[str, Any]:
    k = len(labels)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (y, predicted), 1)
    per_class = {}
    f1s = []
    for c, name in enumerate(labels):
        tp = confusion[c, c]
        support = int(confusion[c].sum())
        precision = tp / confusion[:, c].sum() if confusion[:, c].sum() else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[name] = {
            "precision": _r(precision),
            "recall": _r(recall),
            "f1": _r(f1),
            "support": support,
        }
        if support:
            f1s.append(f1)
    return {
        "n": int(y.size),
        "macro_f1": _r(np.mean(f1s)) if f1s else None,
        "accuracy": _r(np.trace(confusion) / max(int(y.size), 1)),
        "per_class": per_class,
        "confusion": {"rows_true_cols_predicted": labels, "matrix": confusion.tolist()},
    }
