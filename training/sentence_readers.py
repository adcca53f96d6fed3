"""Train the two sentence readers on weakly labelled sentences of `../shared/data`.

- The second reader's heads (`semantic_heads.npz`): logistic regression on the sentence
  encoder's vectors, one head for the writer's own suicidal thoughts (risk) and one for
  self-harm, trained on the label model's probabilities (`sentence_data.py`).
- The fast reader's sentence heads (inside `text_model.npz`): logistic regression on hashed
  words, word pairs and character n-grams (`features.hashed_counts(subwords=True)`), trained on
  the same labels; cheap enough to read every sentence of a batch.

Both are calibrated (Platt scaling) on the validation split's sentences, against the label
model's verdict there (probability at least 0.5). Test-split sentences are never used here.

Sentence vectors are cached in `training/cache/` under a hash of the encoder file and the
sentences, so a second run (or `training.evaluate`) does not encode 180,000 sentences again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from training import sentence_data
from training.features import fit_idf, tfidf_matrix
from training.prototypes import RISK, SELF_HARM
from training.train import Example
from waylight.core.textrisk.encoder import ENCODER_NPZ, SentenceEncoder
from waylight.core.textrisk.features import hashed_counts

HEADS = sentence_data.HEADS
SEMANTIC_C_GRID = (1.0, 4.0, 16.0)
FAST_C_GRID = (1.0, 4.0)
AUGMENT_LIMIT = 6000
ENCODE_STEP = 4096

FloatArray = npt.NDArray[np.float64]


@dataclass
class LinearHeads:
    """Weights (features, 2), bias (2), and Platt scaling per head."""

    weights: FloatArray
    bias: FloatArray
    platt_scale: FloatArray
    platt_shift: FloatArray
    selection: dict[str, Any]


@dataclass
class SentenceReaders:
    semantic: LinearHeads
    fast: LinearHeads
    fast_idf: FloatArray
    table: sentence_data.SentenceTable
    labels: dict[str, tuple[FloatArray, npt.NDArray[np.bool_]]]
    counts: dict[str, Any]


def _encoder_digest() -> str:
    from importlib import resources

    path = resources.files("waylight.core.textrisk").joinpath("model").joinpath(ENCODER_NPZ)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def encode_cached(texts: Sequence[str], cache_dir: Path, *, log: bool = True) -> np.ndarray:
    """Encoder vectors of `texts` (float16), from the cache when the same texts were encoded
    with the same encoder file before."""
    digest = hashlib.sha256(_encoder_digest().encode())
    for text in texts:
        digest.update(text.encode("utf-8", "replace") + b"\0")
    path = cache_dir / f"sentence-vectors-{digest.hexdigest()[:20]}.npy"
    if path.exists():
        cached: np.ndarray = np.load(path)
        return cached
    encoder = SentenceEncoder.load()
    out = np.zeros((len(texts), 384), dtype=np.float16)
    for start in range(0, len(texts), ENCODE_STEP):
        out[start : start + ENCODE_STEP] = encoder.encode(list(texts[start : start + ENCODE_STEP]))
        if log:
            print(f"encoded {min(start + ENCODE_STEP, len(texts))} of {len(texts)} sentences")
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def _soft_fit(x: Any, targets: FloatArray, c: float, *, seed: int, sparse_input: bool) -> Any:
    """Logistic regression on probabilities: each row once as positive (weight p) and once as
    negative (weight 1 - p)."""
    from sklearn.linear_model import LogisticRegression

    keep_pos = targets > 0.01
    keep_neg = targets < 0.99
    stack = sparse.vstack if sparse_input else np.vstack
    x2 = stack([x[keep_pos], x[keep_neg]])
    y2 = np.concatenate([np.ones(int(keep_pos.sum())), np.zeros(int(keep_neg.sum()))])
    w2 = np.concatenate([targets[keep_pos], 1.0 - targets[keep_neg]])
    if sparse_input:
        model = LogisticRegression(C=c, solver="liblinear", random_state=seed)
    else:
        model = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    return model.fit(x2, y2, sample_weight=w2)


def _platt(raw: FloatArray, y: npt.NDArray[np.bool_]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e4, max_iter=1000).fit(raw.reshape(-1, 1), y.astype(int))
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def fit_heads(
    x_train: Any,
    targets: dict[str, FloatArray],
    x_val: Any,
    val_truth: dict[str, npt.NDArray[np.bool_]],
    *,
    c_grid: Sequence[float],
    seed: int,
    sparse_input: bool,
) -> LinearHeads:
    """One head per name in HEADS: C chosen on validation ROC AUC, then Platt scaling."""
    from sklearn.metrics import roc_auc_score

    n_features = x_train.shape[1]
    weights = np.zeros((n_features, len(HEADS)))
    bias = np.zeros(len(HEADS))
    scale = np.ones(len(HEADS))
    shift = np.zeros(len(HEADS))
    selection: dict[str, Any] = {}
    for column, head in enumerate(HEADS):
        best: tuple[float, Any] | None = None
        for c in c_grid:
            model = _soft_fit(x_train, targets[head], c, seed=seed, sparse_input=sparse_input)
            auc = float(roc_auc_score(val_truth[head], model.decision_function(x_val)))
            selection.setdefault(head, {})[f"val_auc_C={c}"] = round(auc, 4)
            if best is None or auc > best[0]:
                best = (auc, model)
        assert best is not None
        model = best[1]
        selection[head]["chosen_C"] = float(model.C)
        weights[:, column] = model.coef_[0]
        bias[column] = model.intercept_[0]
        scale[column], shift[column] = _platt(model.decision_function(x_val), val_truth[head])
    return LinearHeads(weights, bias, scale, shift, selection)


def train_sentence_readers(
    examples: Sequence[Example], *, seed: int, cache_dir: Path
) -> SentenceReaders:
    table = sentence_data.sentence_table(examples)
    vectors = encode_cached(table.texts, cache_dir).astype(np.float32)
    encoder = SentenceEncoder.load()
    similarity = {
        "risk": (vectors @ encoder.encode(list(RISK)).T).max(axis=1),
        "self_harm": (vectors @ encoder.encode(list(SELF_HARM)).T).max(axis=1),
    }
    labels = sentence_data.weak_labels(
        sentence_data.all_votes(examples, table, similarity), fit_on=table.split == "train"
    )
    probabilities = {head: labels[head][0] for head in HEADS}
    augmented = sentence_data.augmented_negatives(
        table, probabilities, split="train", limit=AUGMENT_LIMIT, seed=seed
    )
    augmented_vectors = encode_cached(augmented, cache_dir, log=False).astype(np.float32)

    train = table.split == "train"
    val = table.split == "val"
    # Train on sentences with a label for both heads (nearly all), plus the rewrites.
    covered = labels["risk"][1] & labels["self_harm"][1]
    rows = np.flatnonzero(train & covered)
    val_rows = np.flatnonzero(val & covered)
    targets = {
        head: np.concatenate([probabilities[head][rows], np.zeros(len(augmented))])
        for head in HEADS
    }
    val_truth = {head: probabilities[head][val_rows] >= 0.5 for head in HEADS}

    semantic = fit_heads(
        np.vstack([vectors[rows], augmented_vectors]),
        targets,
        vectors[val_rows],
        val_truth,
        c_grid=SEMANTIC_C_GRID,
        seed=seed,
        sparse_input=False,
    )

    train_texts = [table.texts[k] for k in rows.tolist()] + augmented
    train_counts = hashed_counts(train_texts, subwords=True)
    fast_idf = fit_idf(train_counts)
    fast = fit_heads(
        tfidf_matrix(train_counts, fast_idf),
        targets,
        tfidf_matrix(
            hashed_counts([table.texts[k] for k in val_rows.tolist()], subwords=True), fast_idf
        ),
        val_truth,
        c_grid=FAST_C_GRID,
        seed=seed,
        sparse_input=True,
    )
    counts = {
        "sentences": len(table),
        "train_sentences": int(rows.size),
        "validation_sentences": int(val_rows.size),
        "third_person_rewrites": len(augmented),
        "weak_positives": {
            split: {
                head: int((probabilities[head][table.split == split] >= 0.5).sum())
                for head in HEADS
            }
            for split in ("train", "val", "test")
        },
    }
    return SentenceReaders(semantic, fast, fast_idf, table, labels, counts)
