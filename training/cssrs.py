"""User-level figures on Reddit users rated on the C-SSRS scale: an evaluation, never training.

    python -m training.cssrs --data PATH/500_Reddit_users_posts_labels.csv [--out DIR]

The data set (Gaur et al., "Knowledge-aware assessment of severity of suicide risk for early
intervention", WWW 2019; Zenodo, doi:10.5281/zenodo.2667859, CC BY) holds 500 Reddit users,
each with their posts in r/SuicideWatch and neighbouring forums and one label given by
clinicians on the Columbia scale: Supportive (posts supporting others), Indicator, Ideation,
Behavior, Attempt. It is not in `../shared/data` and is not shipped: pass a copy of its CSV
(`User`, `Post` as a list of strings, `Label`). Its texts were preprocessed by the authors
(some words replaced by medical terms), which makes them harder for any reader.

How a user is read, decided before the first run and not tuned: every post is read by the
detector (`--path` says which: `full`, the encoder on every post, as for single texts; or
`batch`, as `waylight scan` reads), and the user gets the highest level and the highest
suicide-risk score over their posts (a user is as much at risk as their most worrying post).
Levels map one to one: none -> Supportive, indicator -> Indicator, ideation -> Ideation,
behavior -> Behavior, attempt -> Attempt.

Reported: at-risk ROC AUC (Ideation, Behavior or Attempt against Supportive or Indicator, on
the user's highest score), 5-level macro-F1, the confusion matrix, and at-risk recall and
precision at the detector's own levels. Writes `training/reports/cssrs.{json,md}` (numbers
only, never texts).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score

from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.rules import LEVELS

REPORT_DIR = Path(__file__).resolve().parent / "reports"
CLASSES = ("Supportive", "Indicator", "Ideation", "Behavior", "Attempt")
AT_RISK = {"Ideation", "Behavior", "Attempt"}
# A post list is written as a Python list literal whose quoting is not always valid Python;
# posts are cut at the separators between quoted items instead of evaluating it.
_SEPARATOR = re.compile(r"""['"],\s*['"]""")


def posts_of(cell: str) -> list[str]:
    """The posts in one `Post` cell: a list literal of quoted strings."""
    inner = cell.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1].strip()
    if inner[:1] in {"'", '"'}:
        inner = inner[1:]
    if inner[-1:] in {"'", '"'}:
        inner = inner[:-1]
    return [p.strip() for p in _SEPARATOR.split(inner) if p.strip()]


def load_users(path: Path) -> list[tuple[list[str], str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    users = [(posts_of(r["Post"]), r["Label"].strip()) for r in rows]
    unknown = {label for _, label in users} - set(CLASSES)
    if unknown:
        raise SystemExit(f"{path}: unknown labels {sorted(unknown)}")
    return users


def evaluate(users: Sequence[tuple[list[str], str]], detector: Detector) -> dict[str, Any]:
    texts = [p for posts, _ in users for p in posts]
    owner = np.repeat(np.arange(len(users)), [len(posts) for posts, _ in users])
    results = detector.analyse_many(texts)
    level = np.zeros(len(users), dtype=np.int64)
    score = np.zeros(len(users))
    for i, result in zip(owner.tolist(), results, strict=True):
        level[i] = max(level[i], LEVELS.index(result.suicide_risk.level))
        score[i] = max(score[i], result.suicide_risk.score)
    truth = np.array([CLASSES.index(label) for _, label in users])
    at_risk_truth = np.isin(truth, [CLASSES.index(c) for c in AT_RISK])
    at_risk_found = level >= LEVELS.index("ideation")
    hit = int((at_risk_truth & at_risk_found).sum())
    return {
        "users": len(users),
        "posts": len(texts),
        "per_label": {c: int((truth == i).sum()) for i, c in enumerate(CLASSES)},
        "at_risk_auc": round(float(roc_auc_score(at_risk_truth, score)), 3),
        "macro_f1_5_levels": round(
            float(f1_score(truth, level, average="macro", zero_division=0)), 3
        ),
        "per_level_f1": {
            c: round(float(f), 3)
            for c, f in zip(
                CLASSES,
                f1_score(truth, level, average=None, labels=range(len(CLASSES)), zero_division=0),
                strict=True,
            )
        },
        "at_risk_recall": round(hit / max(int(at_risk_truth.sum()), 1), 3),
        "at_risk_precision": round(hit / max(int(at_risk_found.sum()), 1), 3),
        "confusion": confusion_matrix(truth, level, labels=range(len(CLASSES))).tolist(),
    }


def markdown(reports: dict[str, dict[str, Any]], command: str) -> str:
    lines = [
        "# C-SSRS-rated Reddit users (Gaur et al. 2019): user-level figures",
        "",
        f"Generated by `{command}`; numbers only. Never trained or tuned on. A user's level and "
        "score are the highest over their posts.",
        "",
        "| detector | users | posts | at-risk AUC | 5-level macro-F1 | at-risk recall | "
        "at-risk precision |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in reports.items():
        lines.append(
            f"| {name} | {r['users']} | {r['posts']} | {r['at_risk_auc']} | "
            f"{r['macro_f1_5_levels']} | {r['at_risk_recall']} | {r['at_risk_precision']} |"
        )
    for name, r in reports.items():
        lines += [
            "",
            f"## {name}: confusion (rows = clinicians, columns = detector)",
            "",
            "| clinicians \\ detector | " + " | ".join(CLASSES) + " | F1 |",
            "|---" * (len(CLASSES) + 2) + "|",
        ]
        for c, row in zip(CLASSES, r["confusion"], strict=True):
            cells = " | ".join(str(v) for v in row)
            lines.append(f"| {c} | {cells} | {r['per_level_f1'][c]} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the 500-user C-SSRS CSV")
    parser.add_argument("--out", type=Path, default=REPORT_DIR)
    args = parser.parse_args(argv)
    users = load_users(args.data)
    reports = {}
    for name, detector in (
        ("full (encoder on every post)", Detector.default()),
        ("batch (as `waylight scan`)", Detector.batch()),
    ):
        started = time.time()
        reports[name] = evaluate(users, detector)
        print(f"{name}: {time.time() - started:.0f} s {json.dumps(reports[name])}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    command = "python -m training.cssrs --data PATH/500_Reddit_users_posts_labels.csv"
    (args.out / "cssrs.json").write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    text = markdown(reports, command)
    (args.out / "cssrs.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
