"""Fit the learned reader's heads (`waylight.core.textrisk.reader`) on labelled texts.

Features are computed by the run-time code (hashed counts, the static table, the detector's own
rule signals, the encoder's vectors through the same `text_pieces`), so the heads see in
training exactly what they see in use. Each head set is three logistic regressions over the
same features: a multinomial one for the five suicide levels, and binary ones for the writer's
own current self-harm and for `urgent` concern.

Calibration (a temperature for the levels, Platt scaling for the binary heads) and the
operating thresholds are fitted on out-of-writer predictions: for each writer, heads trained
without that writer score that writer's texts (`out_of_writer`). A threshold is therefore
chosen on texts written by someone the heads never read, like the texts they will meet.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt
from scipy import sparse

from training.npz import save_npz
from training.vector_cache import CACHE_DIR, VectorCache
from training.written import DEV, TRAIN_ONLY, Labelled
from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.encoder import SentenceEncoder, mean_of_pieces, text_pieces
from waylight.core.textrisk.evaluate_cases import NEGATIVE_KINDS
from waylight.core.textrisk.features import HashedCounts, hashed_counts
from waylight.core.textrisk.reader import (
    N_LEVELS,
    N_OUTPUTS,
    Heads,
    ReaderScores,
    heads_from_arrays,
    heads_to_arrays,
)
from waylight.core.textrisk.rules import LEVELS
from waylight.core.textrisk.static import StaticEmbedder

N_BUCKETS = 1 << 17
# The kind given to real control posts (`training.real_controls`).
REAL_CONTROL = "real_control"
# Real r/SuicideWatch posts given the level `ideation` as a weak label: they teach the level
# head what real posts at risk sound like, and are left out of the self-harm and urgent heads
# (their data set says nothing about either).
REAL_POSITIVE = "real_suicide_post"
# Bump when what a cached fit holds changes.
FOLD_CACHE_FORMAT = 1
# Regularisation (inverse strength) of every head; chosen by the cross-writer evaluation.
C = 16.0
# Weight of each dense block relative to the TF-IDF block (folded into the stored weights).
BLOCK_WEIGHTS = {"static": 1.0, "signals": 1.0, "encoder": 1.0}


class Bounds(TypedDict, total=False):
    """Bounds on a threshold's choice (`f_beta_threshold`'s keyword arguments)."""

    min_precision: float
    max_false_alarms: float
    max_real_false_alarms: float


# Operating points are chosen for recall first (F-beta with beta 2), among the thresholds
# that keep false alarms on the negative kinds (idioms, news, fiction, supporters, third
# persons, everyday talk, negations: `NEGATIVE_KINDS`) and precision within these bounds, on
# out-of-writer predictions, next to what the rules already flag. The targets are 8 %
# false alarms for the whole detector and precision 0.80 for being at risk; a self-harm flag
# also makes a text at risk, so the two budgets share the 8 %. Without the bounds F2 alone
# chose thresholds near 0.15, which flagged about a quarter of everyday texts.
BETA = 2.0
# `max_real_false_alarms` bounds the share of real control posts (`training.real_controls`)
# flagged: everyday writing is mostly calm, and a platform's queue fills with whatever the
# detector flags among it.
BOUNDS: dict[str, Bounds] = {
    "at_risk": {"min_precision": 0.80, "max_false_alarms": 0.065, "max_real_false_alarms": 0.04},
    "self_harm": {"min_precision": 0.70, "max_false_alarms": 0.04, "max_real_false_alarms": 0.02},
    # `indicator` puts a text on `watch`: F1 alone (0.38) put a quarter of everyday texts
    # there, because the corpus holds far more risk than everyday writing does (short calm
    # texts read as distress). Here the false alarms are the negative-kind texts labelled
    # `none` read as `indicator` or above, the rules' own included.
    "indicator": {"min_precision": 0.0, "max_false_alarms": 0.06},
}

FloatArray = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]


@dataclass
class ReaderInputs:
    """Every feature of a list of texts, computed once and shared by all fits."""

    texts: list[str]
    counts: HashedCounts
    static: F32
    signals: F32
    encoder: F32 | None = None

    def dense(self, rows: npt.NDArray[np.int64], *, full: bool) -> F32:
        blocks = [self.static[rows], self.signals[rows]]
        if full:
            if self.encoder is None:
                raise ValueError("these inputs have no encoder vectors")
            blocks.append(self.encoder[rows])
        return np.hstack(blocks).astype(np.float32)


class CachedEncoder:
    """The sentence encoder's `encode_texts`, with every piece's vector cached on disk."""

    def __init__(self, cache: VectorCache | None = None) -> None:
        self.cache = cache or VectorCache()
        self.tokenizer = SentenceEncoder.load().tokenizer

    def encode_texts(self, texts: Sequence[str]) -> F32:
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            parts = text_pieces(text, self.tokenizer)
            pieces.extend(parts)
            owners.extend([index] * len(parts))
        return mean_of_pieces(self.cache.vectors(pieces, log=True), owners, len(texts))


def build_inputs(
    texts: Sequence[str], *, encoder: CachedEncoder | None = None, rules: Detector | None = None
) -> ReaderInputs:
    rules = rules or Detector(None)
    signals = np.asarray(rules.signal_vectors(texts), dtype=np.float32)
    return ReaderInputs(
        texts=list(texts),
        counts=hashed_counts(list(texts), subwords=True),
        static=StaticEmbedder.load().embed(list(texts)),
        signals=signals,
        encoder=encoder.encode_texts(texts) if encoder is not None else None,
    )


def select_docs(counts: HashedCounts, rows: npt.NDArray[np.int64]) -> HashedCounts:
    """The entries of the chosen texts, renumbered in the given order."""
    position = np.full(counts.n_docs, -1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    keep = position[counts.doc] >= 0
    doc = position[counts.doc[keep]]
    order = np.argsort(doc, kind="stable")
    return HashedCounts(
        n_docs=len(rows),
        doc=doc[order],
        feature=counts.feature[keep][order],
        count=counts.count[keep][order],
    )


def fit_idf(counts: HashedCounts, n_buckets: int) -> FloatArray:
    """Smoothed IDF over folded buckets (a text counts once per bucket)."""
    key = np.unique(counts.doc * n_buckets + (counts.feature & (n_buckets - 1)))
    df = np.bincount(key % n_buckets, minlength=n_buckets)
    idf: FloatArray = np.log((1.0 + counts.n_docs) / (1.0 + df)) + 1.0
    return idf


def sparse_design(counts: HashedCounts, idf: FloatArray) -> sparse.csr_matrix:
    """The TF-IDF block exactly as `Heads.logits` computes it."""
    n_buckets = idf.shape[0]
    feature = counts.feature & (n_buckets - 1)
    values = (1.0 + np.log(counts.count)) * idf[feature]
    norms = np.sqrt(np.bincount(counts.doc, weights=values * values, minlength=counts.n_docs))
    norms[norms == 0.0] = 1.0
    values = values / norms[counts.doc]
    return sparse.csr_matrix((values, (counts.doc, feature)), shape=(counts.n_docs, n_buckets))


@dataclass
class Labels:
    level: npt.NDArray[np.int64]
    self_harm: npt.NDArray[np.int64]
    urgent: npt.NDArray[np.int64]
    # Texts of the negative kinds that must not be flagged (the false-alarm denominator).
    negative: npt.NDArray[np.bool_]
    # Real control posts (`training.real_controls`): a second false-alarm denominator.
    real: npt.NDArray[np.bool_]
    # Weakly labelled real posts at risk: read by the level head only.
    weak: npt.NDArray[np.bool_]

    @classmethod
    def of(cls, data: Labelled) -> Labels:
        negative = np.array(
            [c.kind in NEGATIVE_KINDS and not c.flagged for c in data.cases], dtype=bool
        )
        real = np.array([c.kind == REAL_CONTROL for c in data.cases], dtype=bool)
        weak = np.array([c.kind == REAL_POSITIVE for c in data.cases], dtype=bool)
        return cls(data.level, data.self_harm, data.urgent, negative, real, weak)


def dense_scale(inputs: ReaderInputs, *, full: bool) -> F32:
    """Per dense column, the weight of its block (`BLOCK_WEIGHTS`)."""
    parts = [
        np.full(inputs.static.shape[1], BLOCK_WEIGHTS["static"], dtype=np.float32),
        np.full(inputs.signals.shape[1], BLOCK_WEIGHTS["signals"], dtype=np.float32),
    ]
    if full:
        parts.append(np.full(384, BLOCK_WEIGHTS["encoder"], dtype=np.float32))
    return np.concatenate(parts)


def fit_heads(
    inputs: ReaderInputs,
    labels: Labels,
    rows: npt.NDArray[np.int64],
    *,
    full: bool,
    c: float = C,
    seed: int = 13,
    weights: npt.NDArray[np.float64] | None = None,
) -> Heads:
    """One head set fitted on `rows` (uncalibrated: temperature 1, Platt identity);
    `weights` (one per text of `inputs`) weigh the rows."""
    from sklearn.linear_model import LogisticRegression

    counts = select_docs(inputs.counts, rows)
    idf = fit_idf(counts, N_BUCKETS)
    scale = dense_scale(inputs, full=full)
    x = sparse.hstack(
        [sparse_design(counts, idf), sparse.csr_matrix(inputs.dense(rows, full=full) * scale)]
    ).tocsr()
    sparse_w = np.zeros((N_BUCKETS, N_OUTPUTS), dtype=np.float64)
    dense_w = np.zeros((scale.shape[0], N_OUTPUTS), dtype=np.float64)
    bias = np.zeros(N_OUTPUTS)
    w = None if weights is None else weights[rows]
    level = LogisticRegression(C=c, max_iter=4000, random_state=seed).fit(
        x, labels.level[rows], sample_weight=w
    )
    coef = np.zeros((N_LEVELS, x.shape[1]))
    intercept = np.zeros(N_LEVELS)
    coef[level.classes_] = level.coef_
    intercept[level.classes_] = level.intercept_
    if len(level.classes_) < N_LEVELS:  # a level never seen: never predicted
        missing = [k for k in range(N_LEVELS) if k not in set(level.classes_)]
        intercept[missing] = -30.0
    sparse_w[:, :N_LEVELS] = coef[:, :N_BUCKETS].T
    dense_w[:, :N_LEVELS] = coef[:, N_BUCKETS:].T
    bias[:N_LEVELS] = intercept
    strong = ~labels.weak[rows]
    for column, target in ((N_LEVELS, labels.self_harm), (N_LEVELS + 1, labels.urgent)):
        model = LogisticRegression(C=c, max_iter=4000, random_state=seed).fit(
            x[strong], target[rows][strong], sample_weight=None if w is None else w[strong]
        )
        sparse_w[:, column] = model.coef_[0, :N_BUCKETS]
        dense_w[:, column] = model.coef_[0, N_BUCKETS:]
        bias[column] = model.intercept_[0]
    return Heads(
        idf=idf,
        sparse=sparse_w.astype(np.float32),
        dense=(dense_w * scale[:, None]).astype(np.float32),
        bias=bias,
        temperature=1.0,
        platt_scale=np.ones(2),
        platt_shift=np.zeros(2),
    )


def raw_outputs(
    heads: Heads, inputs: ReaderInputs, rows: npt.NDArray[np.int64], *, full: bool
) -> FloatArray:
    """The heads' raw outputs for `rows`, computed by the run-time code."""
    return heads.logits(select_docs(inputs.counts, rows), inputs.dense(rows, full=full))


def out_of_writer(
    inputs: ReaderInputs,
    labels: Labels,
    writer: npt.NDArray[np.str_],
    rows: npt.NDArray[np.int64],
    *,
    full: bool,
    c: float = C,
    jobs: int = 1,
    sealed_folds: bool = True,
) -> FloatArray:
    """Raw outputs for every row of `rows` whose writer is held out in turn, each from heads
    trained on the other writers among `rows` (and the always-trained writers and dev cases);
    NaN for the always-trained rows. Each sealed round is a writer held out in turn unless
    `sealed_folds` is False (then always trained on). `jobs` fits run at once (same outputs)."""
    folds = _folds(writer, rows, sealed_folds)
    fits = fit_many(inputs, labels, [rows[~held] for held in folds], full=full, c=c, jobs=jobs)
    return _held_out_outputs(inputs, rows, folds, fits, full=full)


def fold_writers(
    writer: npt.NDArray[np.str_], rows: npt.NDArray[np.int64], sealed_folds: bool
) -> list[str]:
    """The writers among `rows` held out in turn: all but the always-trained ones (and the
    sealed rounds too, unless `sealed_folds`)."""
    writers = sorted({str(w) for w in writer[rows]} - {DEV, *TRAIN_ONLY})
    if not sealed_folds:
        writers = [w for w in writers if not w.startswith("sealed-")]
    return writers


def _folds(
    writer: npt.NDArray[np.str_], rows: npt.NDArray[np.int64], sealed_folds: bool
) -> list[npt.NDArray[np.bool_]]:
    """Per writer held out in turn, which of `rows` it wrote."""
    return [writer[rows] == held for held in fold_writers(writer, rows, sealed_folds)]


def _held_out_outputs(
    inputs: ReaderInputs,
    rows: npt.NDArray[np.int64],
    folds: Sequence[npt.NDArray[np.bool_]],
    fits: Sequence[Heads],
    *,
    full: bool,
) -> FloatArray:
    out = np.full((len(rows), N_OUTPUTS), np.nan)
    for held, heads in zip(folds, fits, strict=True):
        out[held] = raw_outputs(heads, inputs, rows[held], full=full)
    return out


def fit_many(
    inputs: ReaderInputs,
    labels: Labels,
    trains: Sequence[npt.NDArray[np.int64]],
    *,
    full: bool,
    c: float = C,
    jobs: int = 1,
    weights: npt.NDArray[np.float64] | None = None,
) -> list[Heads]:
    """`fit_heads` on each set of rows of `trains`, `jobs` at once."""
    if jobs <= 1:
        return [
            fit_heads(inputs, labels, train, full=full, c=c, weights=weights) for train in trains
        ]
    from joblib import Parallel, delayed

    found: list[Heads] = Parallel(n_jobs=jobs)(
        delayed(fit_heads)(inputs, labels, train, full=full, c=c, weights=weights)
        for train in trains
    )
    return found


def _fold_key(
    inputs: ReaderInputs,
    labels: Labels,
    rows: npt.NDArray[np.int64],
    full: bool,
    sealed_folds: bool = True,
    weights: npt.NDArray[np.float64] | None = None,
) -> str:
    """What a fold's fits depend on: the texts, their rule signals (a change to the rules or
    their context changes the features), labels and weights of its rows, and the fitting
    choices."""
    digest = hashlib.sha256()
    for i in rows.tolist():
        digest.update(inputs.texts[i].encode("utf-8", "replace") + b"\0")
    digest.update(np.ascontiguousarray(inputs.signals[rows]).tobytes())
    for array in (labels.level, labels.self_harm, labels.urgent):
        digest.update(np.ascontiguousarray(array[rows]).tobytes())
    settings: list[Any] = [N_BUCKETS, C, sorted(BLOCK_WEIGHTS.items()), full, FOLD_CACHE_FORMAT]
    if not sealed_folds:  # (the default leaves the keys of earlier caches as they were)
        settings.append("sealed rounds always trained on")
    if weights is not None:  # (as above: unweighted fits keep their keys)
        digest.update(np.ascontiguousarray(weights[rows], dtype=np.float64).tobytes())
    digest.update(json.dumps(settings).encode())
    return digest.hexdigest()[:20]


def fitted_and_out_of_writer(
    inputs: ReaderInputs,
    labels: Labels,
    writer: npt.NDArray[np.str_],
    rows: npt.NDArray[np.int64],
    *,
    full: bool,
    jobs: int = 1,
    sealed_folds: bool = True,
    weights: npt.NDArray[np.float64] | None = None,
) -> tuple[Heads, FloatArray]:
    """Heads fitted on `rows` (uncalibrated, weights rounded as shipped) and the out-of-writer
    raw outputs among them (`out_of_writer`), cached in training/cache/ so that a change to
    calibration, thresholds or the detector does not refit them (fits are the slow part);
    `jobs` fits run at once; `weights` (one per text, or None for all 1) weigh the rows."""
    key = _fold_key(inputs, labels, rows, full, sealed_folds, weights)
    path = CACHE_DIR / f"reader-fold-{key}.npz"
    if path.exists():
        with np.load(path) as parts:
            arrays = {k: np.asarray(parts[k]) for k in parts.files}
        oof = arrays.pop("out_of_writer")
        return heads_from_arrays(arrays)["fast"], oof
    folds = _folds(writer, rows, sealed_folds)
    trains = [rows, *(rows[~held] for held in folds)]
    fits = fit_many(inputs, labels, trains, full=full, jobs=jobs, weights=weights)
    fitted = fits[0]
    oof = _held_out_outputs(inputs, rows, folds, fits[1:], full=full)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_npz(path, {"out_of_writer": oof, **heads_to_arrays({"fast": fitted})}, compressed=False)
    return heads_from_arrays(heads_to_arrays({"fast": fitted}))["fast"], oof


# ------------------------------------------------------------------ calibration, thresholds


def fit_temperature(raw_levels: FloatArray, level: npt.NDArray[np.int64]) -> float:
    """The temperature that minimises the log loss of the level probabilities."""
    best, best_loss = 1.0, np.inf
    for t in np.exp(np.linspace(np.log(0.25), np.log(4.0), 81)):
        z = raw_levels / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float(logp[np.arange(len(level)), level].mean())
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def fit_platt(raw: FloatArray, y: npt.NDArray[np.int64]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def calibrated(
    heads: Heads, raw_oof: FloatArray, labels: Labels, rows: npt.NDArray[np.int64]
) -> Heads:
    """`heads` with the calibration fitted on out-of-writer raw outputs of `rows`."""
    ok = ~np.isnan(raw_oof[:, 0])
    raw, chosen = raw_oof[ok], rows[ok]
    temperature = fit_temperature(raw[:, :N_LEVELS], labels.level[chosen])
    strong = ~labels.weak[chosen]
    sh = fit_platt(raw[strong, N_LEVELS], labels.self_harm[chosen][strong])
    ur = fit_platt(raw[strong, N_LEVELS + 1], labels.urgent[chosen][strong])
    return replace(
        heads,
        temperature=temperature,
        platt_scale=np.array([sh[0], ur[0]]),
        platt_shift=np.array([sh[1], ur[1]]),
    )


def probabilities(heads: Heads, raw: FloatArray) -> ReaderScores:
    levels, harm, urgent = heads.probabilities(raw)
    return ReaderScores(levels, harm, urgent, np.zeros(len(raw), dtype=bool))


def f_beta_threshold(
    scores: FloatArray,
    truth: npt.NDArray[np.bool_],
    floor: npt.NDArray[np.bool_],
    beta: float,
    *,
    negative: npt.NDArray[np.bool_] | None = None,
    min_precision: float = 0.0,
    max_false_alarms: float = 1.0,
    real: npt.NDArray[np.bool_] | None = None,
    max_real_false_alarms: float = 1.0,
) -> float:
    """The threshold on `scores` that maximises F-beta of (floor or score >= t) against
    `truth`, among the thresholds whose precision is at least `min_precision` and which flag
    at most `max_false_alarms` of the `negative` texts and `max_real_false_alarms` of the
    `real` control posts; `floor` is what the rules already flag
    (they are never lowered). When no threshold meets the bounds, the one with the best F1
    among the highest tenth is taken (the strictest the reader can be)."""
    best, best_f = None, -1.0
    fallback, fallback_f = 0.95, -1.0
    for t in np.linspace(0.05, 0.95, 91):
        got = floor | (scores >= t)
        tp = float((got & truth).sum())
        if not tp:
            continue
        precision, recall = tp / got.sum(), tp / truth.sum()
        f = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        false_alarms = (
            float(got[negative].mean()) if negative is not None and negative.any() else 0.0
        )
        real_alarms = float(got[real].mean()) if real is not None and real.any() else 0.0
        within = false_alarms <= max_false_alarms and real_alarms <= max_real_false_alarms
        if precision >= min_precision and within:
            if f > best_f:
                best, best_f = float(t), f
        elif t >= 0.85:
            f1 = 2 * precision * recall / (precision + recall)
            if f1 > fallback_f:
                fallback, fallback_f = float(t), f1
    return round(best if best is not None else fallback, 2)


@dataclass
class Point:
    """Thresholds of one head set (the `reader` section of operating_point.yaml)."""

    at_risk: float
    indicator: float
    self_harm: float
    urgent: float
    notes: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, float]:
        return {
            "at_risk": self.at_risk,
            "indicator": self.indicator,
            "self_harm": self.self_harm,
            "urgent": self.urgent,
        }


def choose_point(
    scores: ReaderScores, labels: Labels, rows: npt.NDArray[np.int64], signals: F32
) -> Point:
    """Operating thresholds from calibrated out-of-writer probabilities of `rows`: F2 for
    being at risk and self-harm (recall first), F1 for `indicator` or above, each within its
    bounds (`BOUNDS`); F2 for `urgent`; each next to what the rules already flag."""
    rule_level = signals[rows, :N_LEVELS].argmax(axis=1)
    rule_self_harm = signals[rows, N_LEVELS + 4] > 0
    level = labels.level[rows]
    at_risk_index = LEVELS.index("ideation")
    negative = labels.negative[rows]
    real = labels.real[rows]
    return Point(
        at_risk=f_beta_threshold(
            scores.at_risk(),
            level >= at_risk_index,
            rule_level >= at_risk_index,
            BETA,
            negative=negative,
            real=real,
            **BOUNDS["at_risk"],
        ),
        indicator=f_beta_threshold(
            scores.levels[:, 1:].sum(axis=1),
            level >= 1,
            rule_level >= 1,
            1.0,
            negative=negative & (level == 0),
            **BOUNDS["indicator"],
        ),
        self_harm=f_beta_threshold(
            scores.self_harm,
            labels.self_harm[rows] == 1,
            rule_self_harm,
            BETA,
            negative=negative,
            real=real,
            **BOUNDS["self_harm"],
        ),
        urgent=f_beta_threshold(
            scores.urgent, labels.urgent[rows] == 1, np.zeros(len(rows), dtype=bool), BETA
        ),
    )


def describe(heads: Mapping[str, Heads]) -> dict[str, Any]:
    return {
        name: {
            "n_buckets": h.n_buckets,
            "dense_features": int(h.dense.shape[0]),
            "temperature": round(h.temperature, 4),
            "platt_scale": [round(float(v), 4) for v in h.platt_scale],
            "platt_shift": [round(float(v), 4) for v in h.platt_shift],
        }
        for name, h in heads.items()
    }
