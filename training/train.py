"""Train the shipped text model from ../shared/data, reproducibly.

    python -m training.train [--data PATH] [--out FOLDER] [--seed 13]

Steps: load every data file (`training.data`), group copies of the same post across ALL files
and split whole groups 70/10/20 into train/validation/test (`training.splits`), hash texts
into TF-IDF features with the run-time code (`waylight.core.textrisk.features`), fit one
logistic regression per head on the training split, calibrate each on the validation split
(Platt scaling for the binary heads, a temperature for the depression levels), pick operating
thresholds on the validation split, and write:

- `src/waylight/core/textrisk/model/text_model.npz`: the weights (numbers only);
- `src/waylight/core/textrisk/model/text_model.json`: heads, thresholds, calibration;
- `src/waylight/core/textrisk/model/training_report.json`: seed, package versions, data sha256
  (checked against MANIFEST.md), split sizes and validation metrics.

The test split is never looked at here; `python -m training.evaluate` reports on it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import platform
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from training import data as data_module
from training import splits
from training.features import counts_of, fit_idf, tfidf_matrix
from waylight.core.textrisk.encoder import ENCODER_NPZ
from waylight.core.textrisk.features import N_FEATURES
from waylight.core.textrisk.model import BINARY_HEADS, DEPRESSION_LEVELS, MODEL_JSON, MODEL_NPZ
from waylight.core.textrisk.semantic import HEADS_JSON, HEADS_NPZ, SENTENCE_HEADS

if TYPE_CHECKING:
    from training.sentence_readers import SentenceReaders

SEED = 13
CACHE_DIR = data_module.REPO_ROOT / "training" / "cache"
MODEL_DIR = data_module.REPO_ROOT / "src" / "waylight" / "core" / "textrisk" / "model"
REPORT_JSON = "training_report.json"
# Regularisation strengths tried per head; the best on validation ROC AUC (log loss for levels).
C_GRID = (1.0, 4.0, 16.0)
LEVEL_C_GRID = (1.0, 4.0)
# Operating points: recall on the writer's own suicide risk and self-harm matters more than
# precision, so their thresholds keep at least this recall on the validation split.
TARGET_RECALL = {"suicide": 0.9, "self_harm": 0.85}
# Which source wins when copies of one post carry different texts (SDCNL keeps the title).
SOURCE_PRIORITY = (
    "sdcnl",
    "cams_intent",
    "irf",
    "cams_added",
    "depsign",
    "naseem",
    "dreaddit",
    "reddit_cleaned",
    "counsel_question",
    "counsel_answer",
)

FloatArray = npt.NDArray[np.float64]


@dataclass
class Example:
    """One post (a group of copies), with labels merged from every copy."""

    text: str
    sources: tuple[str, ...]
    split: str
    labels: dict[str, int | None] = field(default_factory=dict)
    short_texts: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return data_module.FAMILY_OF_SOURCE[self.sources[0]]


def build_examples(records: Sequence[data_module.Record], *, seed: int) -> list[Example]:
    """One example per group of copies; binary labels merge by max, levels by max."""
    groups, split_names = splits.assign_splits([r.text for r in records], seed=seed)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    rank = {s: i for i, s in enumerate(SOURCE_PRIORITY)}
    examples: list[Example] = []
    for group in sorted(members):
        indices = sorted(members[group], key=lambda i: (rank[records[i].source], i))
        labels: dict[str, int | None] = {}
        for head in (*BINARY_HEADS, "level"):
            values = [records[i].labels.get(head) for i in indices]
            known = [v for v in values if v is not None]
            labels[head] = max(known) if known else None
        sources = tuple(dict.fromkeys(records[i].source for i in indices))
        short = tuple(dict.fromkeys(t for i in indices for t in records[i].short_texts))
        text, split = records[indices[0]].text, split_names[indices[0]]
        examples.append(Example(text, sources, split, labels, short))
    return examples


def with_short_texts(examples: Sequence[Example]) -> list[Example]:
    """The examples plus one extra row per title, labelled like its post for suicide and
    depression (a title says less than its post, so no self-harm or level label).

    Used for the training split only: titles stay in their post's split, and calibration and
    thresholds are still chosen on whole posts.
    """
    extra = [
        Example(
            short,
            e.sources,
            e.split,
            {
                "suicide": e.labels["suicide"],
                "self_harm": None,
                "depression": e.labels["depression"],
                "level": None,
            },
        )
        for e in examples
        for short in e.short_texts
    ]
    return [*examples, *extra]


def labelled(examples: Sequence[Example], head: str) -> tuple[list[int], npt.NDArray[np.int64]]:
    indices = [i for i, e in enumerate(examples) if e.labels.get(head) is not None]
    return indices, np.array([examples[i].labels[head] for i in indices], dtype=np.int64)


@dataclass
class FittedModel:
    idf: FloatArray
    weights: FloatArray  # (N_FEATURES, 7)
    bias: FloatArray  # (7,)
    platt_scale: FloatArray  # (3,)
    platt_shift: FloatArray  # (3,)
    level_temperature: float
    thresholds: dict[str, float]
    selection: dict[str, Any]


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


def _fit_platt(raw: FloatArray, y: npt.NDArray[np.int64]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e4, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def threshold_for_recall(scores: FloatArray, y: npt.NDArray[np.int64], recall: float) -> float:
    """The highest threshold whose recall on (scores, y) is at least `recall` plus a margin.

    The margin is one standard error of a recall measured on this many positives: validation
    sets are small (about a hundred suicidal posts), and a threshold that only just reaches the
    target there falls short of it on new data about half the time.
    """
    positives = np.sort(scores[y == 1])[::-1]
    if positives.size == 0:
        return 0.5
    target = min(0.99, recall + float(np.sqrt(recall * (1 - recall) / positives.size)))
    needed = int(np.ceil(target * positives.size))
    return float(positives[max(needed - 1, 0)])


def threshold_for_f1(scores: FloatArray, y: npt.NDArray[np.int64]) -> float:
    best, best_f1 = 0.5, -1.0
    for t in np.unique(np.round(scores, 3)):
        predicted = scores >= t
        tp = float(np.sum(predicted & (y == 1)))
        f1 = 2 * tp / (predicted.sum() + (y == 1).sum()) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def fit_heads(
    x_train: sparse.csr_matrix,
    x_train_masked: sparse.csr_matrix,
    x_val: sparse.csr_matrix,
    x_val_masked: sparse.csr_matrix,
    train: Sequence[Example],
    val: Sequence[Example],
    idf: FloatArray,
    *,
    seed: int,
    c_grid: Sequence[float] = C_GRID,
    level_c_grid: Sequence[float] = LEVEL_C_GRID,
) -> FittedModel:
    """Fit, calibrate and pick thresholds for every head."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score

    n_out = len(BINARY_HEADS) + len(DEPRESSION_LEVELS)
    weights = np.zeros((N_FEATURES, n_out), dtype=np.float64)
    bias = np.zeros(n_out)
    scale = np.ones(len(BINARY_HEADS))
    shift = np.zeros(len(BINARY_HEADS))
    thresholds: dict[str, float] = {}
    selection: dict[str, Any] = {}

    for column, head in enumerate(BINARY_HEADS):
        # The self-harm head never sees the phrases that made its weak labels (see data.py).
        xt, xv = (x_train_masked, x_val_masked) if head == "self_harm" else (x_train, x_val)
        rows_t, y_t = labelled(train, head)
        rows_v, y_v = labelled(val, head)
        best: tuple[float, Any] | None = None
        for c in c_grid:
            clf = LogisticRegression(
                C=c, solver="liblinear", class_weight="balanced", random_state=seed
            ).fit(xt[rows_t], y_t)
            auc = float(roc_auc_score(y_v, clf.decision_function(xv[rows_v])))
            selection.setdefault(head, {})[f"val_auc_C={c}"] = round(auc, 4)
            if best is None or auc > best[0]:
                best = (auc, clf)
        assert best is not None
        clf = best[1]
        selection[head]["chosen_C"] = float(clf.C)
        weights[:, column] = clf.coef_[0]
        bias[column] = clf.intercept_[0]
        raw_v = clf.decision_function(xv[rows_v])
        scale[column], shift[column] = _fit_platt(raw_v, y_v)
        calibrated = _sigmoid(raw_v * scale[column] + shift[column])
        if head in TARGET_RECALL:
            thresholds[head] = threshold_for_recall(calibrated, y_v, TARGET_RECALL[head])
        else:
            thresholds[head] = threshold_for_f1(calibrated, y_v)

    rows_t, y_t = labelled(train, "level")
    rows_v, y_v = labelled(val, "level")
    best_level: tuple[float, Any] | None = None
    for c in level_c_grid:
        clf = LogisticRegression(C=c, max_iter=300, class_weight="balanced", random_state=seed)
        clf.fit(x_train[rows_t], y_t)
        loss = float(log_loss(y_v, clf.predict_proba(x_val[rows_v]), labels=[0, 1, 2, 3]))
        selection.setdefault("level", {})[f"val_logloss_C={c}"] = round(loss, 4)
        if best_level is None or loss < best_level[0]:
            best_level = (loss, clf)
    assert best_level is not None
    clf = best_level[1]
    selection["level"]["chosen_C"] = float(clf.C)
    n_bin = len(BINARY_HEADS)
    weights[:, n_bin:] = clf.coef_.T
    bias[n_bin:] = clf.intercept_
    raw_levels = np.asarray(x_val[rows_v] @ clf.coef_.T) + clf.intercept_
    temperature = _fit_temperature(raw_levels, y_v)
    return FittedModel(idf, weights, bias, scale, shift, temperature, thresholds, selection)


def _fit_temperature(raw: FloatArray, y: npt.NDArray[np.int64]) -> float:
    best_t, best_loss = 1.0, float("inf")
    for t in np.arange(0.5, 4.01, 0.05):
        z = raw / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = float(-log_p[np.arange(len(y)), y].mean())
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return round(best_t, 2)


@dataclass
class Matrices:
    idf: FloatArray
    by_split: dict[str, tuple[list[Example], sparse.csr_matrix, sparse.csr_matrix]]


def featurise(examples: Sequence[Example], *, with_titles: bool = False) -> Matrices:
    """TF-IDF matrices per split (plain, and self-harm phrases masked), IDF from train only.

    `with_titles` adds post titles as extra one-line training rows. It is off for the shipped
    model: it raised recall on short texts but also raised ordinary one-line messages (see the
    model card, "Short texts").
    """
    by_split_examples = {s: [e for e in examples if e.split == s] for s in splits.SPLITS}
    idf = fit_idf(counts_of([e.text for e in by_split_examples["train"]]))
    if with_titles:
        by_split_examples["train"] = with_short_texts(by_split_examples["train"])
    out: dict[str, tuple[list[Example], sparse.csr_matrix, sparse.csr_matrix]] = {}
    for name, items in by_split_examples.items():
        plain = tfidf_matrix(counts_of([e.text for e in items]), idf)
        masked = tfidf_matrix(
            counts_of([data_module.mask_self_harm_phrases(e.text) for e in items]), idf
        )
        out[name] = (items, plain, masked)
    return Matrices(idf, out)


def train_model(
    examples: Sequence[Example], *, seed: int, with_titles: bool = False
) -> tuple[FittedModel, Matrices]:
    matrices = featurise(examples, with_titles=with_titles)
    train, xt, xtm = matrices.by_split["train"]
    val, xv, xvm = matrices.by_split["val"]
    return fit_heads(xt, xtm, xv, xvm, train, val, matrices.idf, seed=seed), matrices


def package_versions() -> dict[str, str]:
    import pandas
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "pandas": pandas.__version__,
    }


def split_sizes(examples: Sequence[Example]) -> dict[str, Any]:
    sizes: dict[str, Any] = {}
    for name in splits.SPLITS:
        part = [e for e in examples if e.split == name]
        per_head = {}
        for head in (*BINARY_HEADS, "level"):
            counts = Counter(e.labels[head] for e in part if e.labels[head] is not None)
            per_head[head] = {str(k): v for k, v in sorted(counts.items())}
        sizes[name] = {"posts": len(part), "labels": per_head}
    return sizes


def save_model(
    model: FittedModel,
    out_dir: Path,
    report: dict[str, Any],
    *,
    readers: SentenceReaders | None = None,
    with_titles: bool = False,
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    sentence_arrays: dict[str, Any] = {}
    if readers is not None:
        fast = readers.fast
        sentence_arrays = {
            "sentence_idf": readers.fast_idf.astype(np.float32),
            "sentence_weights": fast.weights.astype(np.float16),
            "sentence_bias": fast.bias,
            "sentence_platt_scale": fast.platt_scale,
            "sentence_platt_shift": fast.platt_shift,
        }
        semantic = readers.semantic
        np.savez_compressed(
            out_dir / HEADS_NPZ,
            weights=semantic.weights.astype(np.float32),
            bias=semantic.bias,
            platt_scale=semantic.platt_scale,
            platt_shift=semantic.platt_shift,
        )
        heads_info = {
            "format": 1,
            "heads": list(SENTENCE_HEADS),
            "features": "all-MiniLM-L6-v2 sentence vectors (model/encoder.npz)",
            "labels": "weak supervision over sentences of ../shared/data (sentence_data.py)",
            "calibration": "Platt scaling per head on validation sentences",
            "chosen_C": {h: v["chosen_C"] for h, v in semantic.selection.items()},
            "seed": report["seed"],
            "model_card": "docs/model-card.md",
        }
        (out_dir / HEADS_JSON).write_text(json.dumps(heads_info, indent=2) + "\n", encoding="utf-8")
    np.savez_compressed(
        out_dir / MODEL_NPZ,
        idf=model.idf.astype(np.float32),
        weights=model.weights.astype(np.float16),
        bias=model.bias,
        platt_scale=model.platt_scale,
        platt_shift=model.platt_shift,
        level_temperature=np.float64(model.level_temperature),
        **sentence_arrays,
    )
    info = {
        "format": 2,
        "version": model_version(out_dir),
        "n_features": N_FEATURES,
        "features": "word unigrams + bigrams, CRC-32 hashed, sublinear TF x IDF, L2 norm",
        "outputs": [*BINARY_HEADS, *(f"level_{lvl}" for lvl in DEPRESSION_LEVELS)],
        "binary_heads": list(BINARY_HEADS),
        "depression_levels": list(DEPRESSION_LEVELS),
        "thresholds": {k: round(v, 4) for k, v in model.thresholds.items()},
        "threshold_rule": {
            **{
                h: f"recall >= {r} + one standard error on validation"
                for h, r in TARGET_RECALL.items()
            },
            "depression": "best F1 on validation",
        },
        "calibration": "Platt scaling per binary head, temperature for levels, on validation",
        "chosen_C": {h: v["chosen_C"] for h, v in model.selection.items()},
        "seed": report["seed"],
        "with_titles": with_titles,
        "sentence_heads": (
            {
                "heads": list(SENTENCE_HEADS),
                "features": "word unigrams + bigrams + character 3-4-grams, hashed, TF-IDF",
                "chosen_C": {h: v["chosen_C"] for h, v in readers.fast.selection.items()},
            }
            if readers is not None
            else None
        ),
        "model_card": "docs/model-card.md",
    }
    (out_dir / MODEL_JSON).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (out_dir / REPORT_JSON).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def model_version(out_dir: Path) -> str:
    """The training date and a hash of the weight files, e.g. "2026-12-01+3fa9c0d1e2b4"."""
    digest = hashlib.sha256()
    for name in (MODEL_NPZ, HEADS_NPZ, ENCODER_NPZ):
        path = out_dir / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return f"{datetime.date.today().isoformat()}+{digest.hexdigest()[:12]}"


def load_examples(data_path: str | None, *, seed: int) -> tuple[Path, list[Example]]:
    root = data_module.data_dir(data_path)
    if not root.exists():
        raise SystemExit(f"data folder not found: {root} (use --data or WAYLIGHT_DATA)")
    return root, build_examples(data_module.load_all(root), seed=seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="data folder (default: $WAYLIGHT_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(MODEL_DIR), help="where to write the model files")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--with-titles", action="store_true", help="add post titles as one-line training rows"
    )
    parser.add_argument(
        "--skip-sentence-readers",
        action="store_true",
        help="train the post model only (the sentence readers take most of the time)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    np.random.seed(args.seed)
    root, examples = load_examples(args.data, seed=args.seed)
    provenance = data_module.data_provenance(root)
    mismatched = [p["file"] for p in provenance if not p["matches_manifest"]]
    model, _ = train_model(examples, seed=args.seed, with_titles=args.with_titles)
    readers = None
    if not args.skip_sentence_readers:
        from training.sentence_readers import train_sentence_readers

        readers = train_sentence_readers(examples, seed=args.seed, cache_dir=CACHE_DIR)
    report = {
        "seed": args.seed,
        "versions": package_versions(),
        "data": provenance,
        "data_matches_manifest": not mismatched,
        "split_rule": "union of copies across all files by normalised-text keys; 70/10/20 by group",
        "splits": split_sizes(examples),
        "title_rows_added_to_train": sum(
            len(e.short_texts) for e in examples if e.split == "train"
        ),
        "model_selection": model.selection,
        "thresholds": model.thresholds,
        "platt_scale": model.platt_scale.tolist(),
        "platt_shift": model.platt_shift.tolist(),
        "level_temperature": model.level_temperature,
        "sentence_readers": (
            {
                "counts": readers.counts,
                "semantic_selection": readers.semantic.selection,
                "fast_selection": readers.fast.selection,
                "semantic_platt": [
                    readers.semantic.platt_scale.tolist(),
                    readers.semantic.platt_shift.tolist(),
                ],
                "fast_platt": [
                    readers.fast.platt_scale.tolist(),
                    readers.fast.platt_shift.tolist(),
                ],
            }
            if readers is not None
            else None
        ),
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    save_model(model, Path(args.out), report, readers=readers, with_titles=args.with_titles)
    print(json.dumps({k: report[k] for k in ("thresholds", "model_selection", "train_seconds")}))
    if mismatched:
        print(f"warning: files differ from MANIFEST.md: {', '.join(map(str, mismatched))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
