"""Self-harm in public moderation samples labelled by people: held out, never trained on.

    python -m training.moderation_samples --file PATH/samples-1680.jsonl.gz

OpenAI's moderation evaluation set (openai/moderation-api-release, `data/samples-1680.jsonl.gz`,
MIT licence; Markov et al. 2022, "A Holistic Approach to Undesired Content Detection") holds
1,680 texts, each labelled by human annotators for several categories; `SH` (self-harm) is 1 for
content that "promotes, encourages, or depicts acts of self-harm, such as suicide, cutting, and
eating disorders", 0 where it does not, and missing where the label is unknown. The file is read
from where it lies and never copied into the repository; no decision in the detector was made
on it.

Waylight flags the writer's own risk, while `SH` also covers content that depicts or encourages
self-harm without being the writer's own, so the two measure slightly different things; the
report says which share of each comes from which. A text counts as flagged when the detector
reads it at risk, with the writer's own self-harm, or with concern at least `concern` (the same
rule as the hand-written rounds). Both paths are read: single texts (every text through the
encoder) and the batch path. Beside them, for scale, a ten-term keyword regex. Texts whose words
(lowercased, whitespace collapsed) also appear in any training data file are dropped first.
Recall and precision come with bootstrap 95 % intervals over the texts (2,000 resamples, seed 13).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training import data as data_module
from training import held_out

RESAMPLES = 2000
SEED = 13
REPORT = Path(__file__).resolve().parent / "reports" / "moderation_samples.md"
# The baseline: ten plain keywords a moderator might start from.
KEYWORDS = re.compile(
    r"\b(suicid\w*|kill (my|your)self|self[- ]?harm\w*|cut(ting)? (my|your)self|"
    r"end (my|your|it) (life|all)|want to die|overdos\w*|slit|hang (my|your)self|anorexi\w*)\b",
    re.IGNORECASE,
)


def read_samples(path: Path) -> list[tuple[str, int]]:
    """(text, SH label) for each sample whose self-harm label is known."""
    opener = gzip.open if path.suffix == ".gz" else open
    rows: list[tuple[str, int]] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            label = record.get("SH")
            text = str(record.get("prompt", "")).strip()
            if text and label in (0, 1):
                rows.append((text, int(label)))
    return rows


def recall_precision(flag: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]) -> dict[str, Any]:
    """Recall, precision and their bootstrap intervals for a flag against a 0/1 label."""

    def point(f: np.ndarray[Any, Any], t: np.ndarray[Any, Any]) -> tuple[float, float]:
        hits = float((f & t).sum())
        return (
            hits / max(int(t.sum()), 1),
            hits / int(f.sum()) if f.sum() else float("nan"),
        )

    rng = np.random.default_rng(SEED)
    recalls, precisions = [], []
    for _ in range(RESAMPLES):
        idx = rng.integers(0, truth.size, truth.size)
        r, p = point(flag[idx], truth[idx])
        recalls.append(r)
        precisions.append(p)
    r, p = point(flag, truth)

    def interval(values: list[float]) -> list[float]:
        low, high = np.nanpercentile(values, [2.5, 97.5])
        return [round(float(low), 3), round(float(high), 3)]

    negatives = ~truth
    return {
        "recall": round(r, 3),
        "recall_95": interval(recalls),
        "precision": round(p, 3),
        "precision_95": interval(precisions),
        "flagged": int(flag.sum()),
        "flagged_negatives_share": round(
            float((flag & negatives).sum()) / max(int(negatives.sum()), 1), 3
        ),
    }


def measure(sample_file: Path, data_path: str | None) -> dict[str, Any]:
    from waylight.core.textrisk import Detector
    from waylight.core.textrisk.evaluate_cases import flagged

    root = data_module.data_dir(data_path)
    rows = read_samples(sample_file)
    kept, dropped = held_out.unseen(rows, root)
    texts = [t for t, _ in kept]
    truth = np.array([y for _, y in kept], dtype=bool)

    report: dict[str, Any] = {
        "rows_with_known_label": len(rows),
        "dropped_as_seen_in_training_data": dropped,
        "texts": len(texts),
        "labelled_self_harm": int(truth.sum()),
    }
    for name, detector in (("single", Detector.default()), ("batch", Detector.batch())):
        started = time.perf_counter()
        results = detector.analyse_many(texts)
        seconds = time.perf_counter() - started
        flag = np.array([flagged(r) for r in results], dtype=bool)
        own_sh = np.array([r.self_harm.present for r in results], dtype=bool)
        report[name] = recall_precision(flag, truth)
        report[name]["self_harm_only"] = recall_precision(own_sh, truth)
        report[name]["seconds"] = round(seconds, 1)
    keyword = np.array([bool(KEYWORDS.search(t)) for t in texts], dtype=bool)
    report["keyword_regex"] = recall_precision(keyword, truth)
    return report


def markdown(report: dict[str, Any], model_version: str, content_version: str) -> str:
    lines = [
        "# Self-harm in public moderation samples (held out)",
        "",
        f"Detector: model `{model_version}`, content `{content_version}`. Texts with a known "
        f"self-harm label: {report['rows_with_known_label']}; dropped because the same text is "
        f"in the training data: {report['dropped_as_seen_in_training_data']}; read: "
        f"{report['texts']}, of which {report['labelled_self_harm']} labelled self-harm.",
        "",
        "| reader | recall (95 % interval) | precision (95 % interval) | texts flagged "
        "| texts not labelled self-harm, flagged |",
        "|---|---|---|---|---|",
    ]
    rows = (
        ("detector, single texts: any flag", report["single"]),
        ("detector, single texts: own self-harm only", report["single"]["self_harm_only"]),
        ("detector, batch path: any flag", report["batch"]),
        ("detector, batch path: own self-harm only", report["batch"]["self_harm_only"]),
        ("ten-keyword regex", report["keyword_regex"]),
    )
    for name, r in rows:
        lines.append(
            f"| {name} | {r['recall']} ({r['recall_95'][0]}–{r['recall_95'][1]}) | "
            f"{r['precision']} ({r['precision_95'][0]}–{r['precision_95'][1]}) | "
            f"{r['flagged']} | {r['flagged_negatives_share']:.1%} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    return held_out.run(
        argv,
        description=__doc__.split("\n")[0],
        file_help="samples-1680.jsonl.gz",
        report=REPORT,
        measure=measure,
        markdown=markdown,
    )


if __name__ == "__main__":
    raise SystemExit(main())
