"""Compare depression level heads on the validation split (a better head, not a decision rule).

    python -m training.depression_head [--data PATH] [--seed 13] [--resamples 1000]
                                       [--out training/reports]

The protocol was written down before anything was measured
(`training/reports/depression_head_protocol.md`): every candidate head is fitted on the
training split's level-labelled posts (class-balanced, C from 1, 4, 16 by validation log
loss), put in the place of the post model's level head, and read by the whole detector
(batch path, shipped operating point) on the validation split's DepSign and Naseem posts.
The objective is the mean of DepSign macro-F1 (three levels) and Naseem macro-F1 (four),
the objective of `training.depression_level`. The best candidate is compared with the
shipped head by a paired bootstrap over the validation posts, and the whole choice by an
out-of-bag bootstrap (choose on a resample, score on the posts it left out).

The detector's depression level is the higher of the rules' level and the post model's most
likely level, unless the veto holds the post model back (then the rules' level alone). Both
the rules' level and the veto are read once per post, by running the detector with a level
head that always says none and one that always says severe; a candidate's detector level is
then exact arithmetic on its probabilities (checked against a real run of the shipped head).

Writes `depression_head.json` and `.md` (numbers only, never texts). The test split is never
read here. "shipped" in the report is the post model's own level head, which the detector
read when the comparison was made; the chosen head has shipped since
(`training.train_level_head`), and this comparison still reads the post model's head as its
baseline, so it reproduces its report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from training import train
from training.depression_level import SCHEMES, choice_arguments, macro_f1
from training.features import fit_idf, tfidf_matrix
from training.train import Example
from waylight.core.textrisk import Detector
from waylight.core.textrisk.combine import DEPRESSION_LEVELS
from waylight.core.textrisk.features import hashed_counts
from waylight.core.textrisk.model import ModelScores, TextModel
from waylight.core.textrisk.static import StaticEmbedder

C_GRID = (1.0, 4.0, 16.0)
RESAMPLES = 1000
OUT_OF_BAG_RESAMPLES = 200
FORMS = ("multinomial", "ordinal", "ordinal_source")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Candidate:
    name: str
    chars: bool  # character 3-4-grams of each word (the learned reader's hashed features)
    static: bool  # the static sentence embedding
    form: str  # one of FORMS


CANDIDATES = (
    Candidate("words", False, False, "multinomial"),
    Candidate("words+chars", True, False, "multinomial"),
    Candidate("words+static", False, True, "multinomial"),
    Candidate("words+chars+static", True, True, "multinomial"),
    Candidate("ordinal words", False, False, "ordinal"),
    Candidate("ordinal words+chars+static", True, True, "ordinal"),
    Candidate("ordinal source-aware words", False, False, "ordinal_source"),
    Candidate("ordinal source-aware words+chars+static", True, True, "ordinal_source"),
)


# ----------------------------------------------------------------------------- features


class Featuriser:
    """Feature matrices for the candidates; IDFs from every training-split text."""

    def __init__(self, train_texts: Sequence[str]) -> None:
        self.word_idf = fit_idf(hashed_counts(list(train_texts)))
        self.char_idf = fit_idf(hashed_counts(list(train_texts), subwords=True))
        self._static: StaticEmbedder | None = None
        self._cache: dict[tuple[str, bool, bool], sparse.csr_matrix] = {}

    def matrix(self, key: str, texts: Sequence[str], *, chars: bool, static: bool) -> Any:
        cached = self._cache.get((key, chars, static))
        if cached is not None:
            return cached
        if chars:
            hashed = tfidf_matrix(hashed_counts(list(texts), subwords=True), self.char_idf)
        else:
            hashed = tfidf_matrix(hashed_counts(list(texts)), self.word_idf)
        out = hashed
        if static:
            if self._static is None:
                self._static = StaticEmbedder.load()
            # Both parts have unit length per text, so neither drowns the other.
            vectors = sparse.csr_matrix(self._static.embed(list(texts)).astype(np.float64))
            out = sparse.hstack([hashed, vectors], format="csr")
        self._cache[(key, chars, static)] = out
        return out


# ----------------------------------------------------------------------------- heads


def _log_loss(p: FloatArray, y: IntArray) -> float:
    return float(-np.mean(np.log(np.clip(p[np.arange(y.size), y], 1e-12, 1.0))))


def ordinal_probabilities(log_odds: FloatArray) -> FloatArray:
    """Level probabilities from the cumulative heads' log-odds (n, 3): the heads made monotone
    (each at most the one below), then the softmax of the running sums (none 0, mild the
    first, moderate the first two, severe all three). The most likely level is the number of
    heads at or above one half."""
    monotone = np.minimum.accumulate(log_odds, axis=1)
    scores = np.hstack([np.zeros((log_odds.shape[0], 1)), np.cumsum(monotone, axis=1)])
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    out: FloatArray = p / p.sum(axis=1, keepdims=True)
    return out


def _ordinal_rows(examples: Sequence[Example], y: IntArray, k: int, source_aware: bool) -> IntArray:
    """Rows that say something about "level >= k": with `source_aware`, a DepSign-only
    moderate post (its scheme has no mild) says nothing about "above mild"."""
    keep = np.ones(y.size, dtype=bool)
    if source_aware and k == 2:
        depsign_only = np.array(
            ["depsign" in e.sources and "naseem" not in e.sources for e in examples]
        )
        keep &= ~(depsign_only & (y == 2))
    out: IntArray = np.flatnonzero(keep)
    return out


@dataclass
class FittedHead:
    candidate: Candidate
    chosen_c: list[float]
    val_log_loss: float
    temperature: float
    models: list[Any]

    def logits(self, x: Any) -> FloatArray:
        """Level scores before the temperature (softmax gives the probabilities)."""
        if self.candidate.form == "multinomial":
            out: FloatArray = self.models[0].decision_function(x)
            return out
        log_odds = np.column_stack([m.decision_function(x) for m in self.models])
        return np.log(np.clip(ordinal_probabilities(log_odds), 1e-300, 1.0))

    def probabilities(self, x: Any) -> FloatArray:
        z = self.logits(x) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p: FloatArray = np.exp(z)
        out: FloatArray = p / p.sum(axis=1, keepdims=True)
        return out


def fit_head(
    candidate: Candidate,
    x_train: Any,
    y_train: IntArray,
    train_rows: Sequence[Example],
    x_val: Any,
    y_val: IntArray,
    val_rows: Sequence[Example],
    *,
    seed: int,
) -> FittedHead:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    if candidate.form == "multinomial":
        best: tuple[float, Any] | None = None
        for c in C_GRID:
            clf = LogisticRegression(C=c, max_iter=300, class_weight="balanced", random_state=seed)
            clf.fit(x_train, y_train)
            loss = float(log_loss(y_val, clf.predict_proba(x_val), labels=[0, 1, 2, 3]))
            if best is None or loss < best[0]:
                best = (loss, clf)
        assert best is not None
        models, chosen = [best[1]], [float(best[1].C)]
    else:
        source_aware = candidate.form == "ordinal_source"
        models, chosen = [], []
        for k in (1, 2, 3):
            rows_t = _ordinal_rows(train_rows, y_train, k, source_aware)
            rows_v = _ordinal_rows(val_rows, y_val, k, source_aware)
            best = None
            for c in C_GRID:
                clf = LogisticRegression(
                    C=c, solver="liblinear", class_weight="balanced", random_state=seed
                ).fit(x_train[rows_t], (y_train[rows_t] >= k).astype(np.int64))
                p = clf.predict_proba(x_val[rows_v])
                loss = float(log_loss((y_val[rows_v] >= k).astype(np.int64), p, labels=[0, 1]))
                if best is None or loss < best[0]:
                    best = (loss, clf)
            assert best is not None
            models.append(best[1])
            chosen.append(float(best[1].C))
    head = FittedHead(candidate, chosen, 0.0, 1.0, models)
    head.temperature = train._fit_temperature(head.logits(x_val), y_val)
    head.val_log_loss = round(_log_loss(head.probabilities(x_val), y_val), 4)
    return head


# ----------------------------------------------------------------------------- the detector


class _ForcedLevels:
    """The shipped post model with its level probabilities replaced by fixed ones."""

    def __init__(self, model: TextModel, levels: Sequence[float]) -> None:
        self.model = model
        self.levels = np.asarray(levels, dtype=np.float64)

    def predict(self, texts: Sequence[str]) -> ModelScores:
        scores = self.model.predict(texts)
        return replace(scores, depression_levels=np.tile(self.levels, (len(texts), 1)))


def _detector_with_model(base: Detector, model: Any) -> Detector:
    return Detector(
        model,
        reader=base.reader,
        lexicon=base.lexicon,
        context=base.context,
        operating_point=base.op,
    )


def _levels(detector: Detector, texts: Sequence[str]) -> IntArray:
    results = detector.analyse_many(list(texts))
    return np.array([DEPRESSION_LEVELS.index(r.depression.level) for r in results])


@dataclass
class RuleReads:
    """Per post: the rules' depression level, and whether the post model may raise it."""

    rules: IntArray
    open: npt.NDArray[np.bool_]

    @classmethod
    def read(cls, base: Detector, texts: Sequence[str]) -> RuleReads:
        assert base.model is not None
        rules = _levels(_detector_with_model(base, _ForcedLevels(base.model, (1, 0, 0, 0))), texts)
        severe = _levels(_detector_with_model(base, _ForcedLevels(base.model, (0, 0, 0, 1))), texts)
        return cls(rules, (severe == 3) & (rules < 3))

    def detector_levels(self, probabilities: FloatArray) -> IntArray:
        # The most likely level (np.argmax keeps the first of equal ones: the lower level).
        model = np.argmax(probabilities, axis=1)
        out: IntArray = np.where(self.open, np.maximum(self.rules, model), self.rules)
        return out


# ----------------------------------------------------------------------------- scoring


@dataclass
class SchemeData:
    truth: dict[str, IntArray]
    predicted: dict[str, dict[str, IntArray]]  # scheme -> candidate -> scheme classes

    def objective(self, name: str, rows: dict[str, IntArray] | None = None) -> float:
        return float(np.mean([self.macro(s, name, rows) for s in SCHEMES]))

    def macro(self, scheme: str, name: str, rows: dict[str, IntArray] | None = None) -> float:
        truth, predicted = self.truth[scheme], self.predicted[scheme][name]
        if rows is not None:
            truth, predicted = truth[rows[scheme]], predicted[rows[scheme]]
        return macro_f1(predicted, truth, len(SCHEMES[scheme][0]))


def paired_bootstrap(
    data: SchemeData, chosen: str, base: str, *, resamples: int, seed: int
) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    gains, depsign = [], []
    for _ in range(resamples):
        rows = {s: rng.integers(0, data.truth[s].size, data.truth[s].size) for s in SCHEMES}
        gains.append(data.objective(chosen, rows) - data.objective(base, rows))
        depsign.append(data.macro("depsign", chosen, rows) - data.macro("depsign", base, rows))

    def summary(values: list[float]) -> dict[str, float]:
        v = np.array(values)
        return {
            "mean": round(float(v.mean()), 4),
            "low_95": round(float(np.quantile(v, 0.025)), 4),
            "high_95": round(float(np.quantile(v, 0.975)), 4),
            "share_above_0": round(float(np.mean(v > 0)), 3),
        }

    return {"resamples": resamples, "objective": summary(gains), "depsign": summary(depsign)}


def out_of_bag(
    data: SchemeData, names: Sequence[str], base: str, *, resamples: int, seed: int
) -> dict[str, Any]:
    rng = np.random.default_rng(seed + 1)
    gains: list[float] = []
    chosen: dict[str, int] = {}
    for _ in range(resamples):
        drawn = {s: rng.integers(0, data.truth[s].size, data.truth[s].size) for s in SCHEMES}
        left = {s: np.setdiff1d(np.arange(data.truth[s].size), drawn[s]) for s in SCHEMES}
        best = max(names, key=lambda n: data.objective(n, drawn))
        chosen[best] = chosen.get(best, 0) + 1
        gains.append(data.objective(best, left) - data.objective(base, left))
    g = np.array(gains)
    return {
        "resamples": resamples,
        "mean_gain": round(float(g.mean()), 4),
        "sd": round(float(g.std(ddof=1)), 4),
        "share_above_0": round(float(np.mean(g > 0)), 3),
        "chosen": dict(sorted(chosen.items(), key=lambda kv: -kv[1])),
    }


def per_level(data: SchemeData, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for scheme, (labels, _) in SCHEMES.items():
        truth, predicted = data.truth[scheme], data.predicted[scheme][name]
        recall = [float(np.mean(predicted[truth == c] == c)) for c in range(len(labels))]
        precision = [
            float(np.mean(truth[predicted == c] == c)) if np.any(predicted == c) else 0.0
            for c in range(len(labels))
        ]
        out[scheme] = {
            "recall": {lv: round(r, 3) for lv, r in zip(labels, recall, strict=True)},
            "precision": {lv: round(p, 3) for lv, p in zip(labels, precision, strict=True)},
        }
    return out


# ----------------------------------------------------------------------------- run


def level_rows(examples: Sequence[Example], split: str) -> tuple[list[Example], IntArray]:
    rows = [e for e in examples if e.split == split and e.labels.get("level") is not None]
    return rows, np.array([int(e.labels["level"] or 0) for e in rows], dtype=np.int64)


def scheme_rows(val: Sequence[Example]) -> dict[str, list[Example]]:
    return {
        s: [e for e in val if s in e.sources and e.labels.get("level") is not None] for s in SCHEMES
    }


def run(examples: Sequence[Example], *, seed: int, resamples: int) -> dict[str, Any]:
    started = time.perf_counter()
    train_all = [e.text for e in examples if e.split == "train"]
    train_rows, y_train = level_rows(examples, "train")
    val_rows, y_val = level_rows(examples, "val")
    featuriser = Featuriser(train_all)
    # "shipped" is the post model's own level head, the one the detector read when this
    # comparison was made (the chosen head now ships: `training.train_level_head`).
    base = Detector.default().variant(second_reader=False, level_head=False)
    assert base.model is not None
    by_scheme = scheme_rows([e for e in examples if e.split == "val"])
    texts = {s: [e.text for e in rows] for s, rows in by_scheme.items()}
    reads = {s: RuleReads.read(base, texts[s]) for s in SCHEMES}
    truth = {
        s: np.array([SCHEMES[s][1][int(e.labels["level"] or 0)] for e in rows])
        for s, rows in by_scheme.items()
    }
    mapping = {s: np.array([SCHEMES[s][1][i] for i in range(4)]) for s in SCHEMES}
    predicted: dict[str, dict[str, IntArray]] = {s: {} for s in SCHEMES}
    model_only: dict[str, dict[str, float]] = {}

    # The shipped head, and the check that the arithmetic is the detector's own.
    for s in SCHEMES:
        shipped_p = base.model.predict(texts[s]).depression_levels
        predicted[s]["shipped"] = mapping[s][reads[s].detector_levels(shipped_p)]
        real = mapping[s][_levels(base, texts[s])]
        if not np.array_equal(real, predicted[s]["shipped"]):
            raise SystemExit(f"rule reads do not reproduce the detector on {s}")
        model_only.setdefault("shipped", {})[s] = round(
            macro_f1(mapping[s][np.argmax(shipped_p, axis=1)], truth[s], len(SCHEMES[s][0])), 4
        )
    print(f"rule reads checked ({time.perf_counter() - started:.0f} s)", flush=True)

    heads: dict[str, dict[str, Any]] = {"shipped": {"chosen_C": [4.0]}}
    for candidate in CANDIDATES:
        kw = {"chars": candidate.chars, "static": candidate.static}
        x_train = featuriser.matrix("train", [e.text for e in train_rows], **kw)
        x_val = featuriser.matrix("val", [e.text for e in val_rows], **kw)
        head = fit_head(candidate, x_train, y_train, train_rows, x_val, y_val, val_rows, seed=seed)
        heads[candidate.name] = {
            "chosen_C": head.chosen_c,
            "val_log_loss": head.val_log_loss,
            "temperature": head.temperature,
        }
        for s in SCHEMES:
            x = featuriser.matrix(f"val:{s}", texts[s], **kw)
            p = head.probabilities(x)
            predicted[s][candidate.name] = mapping[s][reads[s].detector_levels(p)]
            model_only.setdefault(candidate.name, {})[s] = round(
                macro_f1(mapping[s][np.argmax(p, axis=1)], truth[s], len(SCHEMES[s][0])), 4
            )
        print(f"{candidate.name} ({time.perf_counter() - started:.0f} s)", flush=True)

    data = SchemeData(truth, predicted)
    names = [c.name for c in CANDIDATES]
    table = {
        n: {
            "objective": round(data.objective(n), 4),
            "depsign": round(data.macro("depsign", n), 4),
            "naseem": round(data.macro("naseem", n), 4),
            "model_only": model_only[n],
            **heads[n],
        }
        for n in ["shipped", *names]
    }
    choice = max(names, key=data.objective)
    boot = paired_bootstrap(data, choice, "shipped", resamples=resamples, seed=seed)
    bag = out_of_bag(data, names, "shipped", resamples=OUT_OF_BAG_RESAMPLES, seed=seed)
    passes = {
        "beyond_noise": boot["objective"]["low_95"] > 0,
        "out_of_bag_gain": bag["mean_gain"] > 0,
        "depsign_not_lower": table[choice]["depsign"] >= table["shipped"]["depsign"],
    }
    return {
        "seed": seed,
        "posts": {s: int(truth[s].size) for s in SCHEMES},
        "candidates": table,
        "choice": choice,
        "bootstrap": boot,
        "out_of_bag": bag,
        "criteria_on_validation": passes,
        "per_level": {n: per_level(data, n) for n in ("shipped", choice)},
        "seconds": round(time.perf_counter() - started, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Depression level heads (validation split)",
        "",
        "`python -m training.depression_head` (numbers only; protocol written before measuring: "
        "`depression_head_protocol.md`). Whole detector, batch path, shipped operating point; "
        f"validation posts: DepSign {report['posts']['depsign']}, Naseem "
        f"{report['posts']['naseem']}. Objective: mean of DepSign macro-F1 (3 levels) and "
        "Naseem macro-F1 (4 levels). All figures are on the split the choice is made on.",
        "",
        "| head | C | val log loss | objective | DepSign macro-F1 | Naseem macro-F1 | "
        "head alone: DepSign | head alone: Naseem |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in report["candidates"].items():
        c = ", ".join(str(v) for v in row["chosen_C"])
        lines.append(
            f"| {name} | {c} | {row.get('val_log_loss', '-')} | {row['objective']} | "
            f"{row['depsign']} | {row['naseem']} | {row['model_only']['depsign']} | "
            f"{row['model_only']['naseem']} |"
        )
    boot, bag = report["bootstrap"], report["out_of_bag"]
    o, d = boot["objective"], boot["depsign"]
    lines += [
        "",
        f"Best on validation: **{report['choice']}**.",
        "",
        f"Paired bootstrap ({boot['resamples']} resamples of the validation posts), "
        f"{report['choice']} minus shipped: objective {o['mean']} (95 % {o['low_95']} to "
        f"{o['high_95']}, above 0 in {o['share_above_0']:.1%}); DepSign macro-F1 {d['mean']} "
        f"({d['low_95']} to {d['high_95']}).",
        "",
        f"Out of bag ({bag['resamples']} resamples: the best candidate chosen on each, scored "
        f"on the posts it left out, against the shipped head): mean gain {bag['mean_gain']} "
        f"(sd {bag['sd']}, above 0 in {bag['share_above_0']:.1%}); chosen: "
        + ", ".join(f"{k} {v}" for k, v in bag["chosen"].items())
        + ".",
        "",
        "Criteria measured on validation: "
        + ", ".join(
            f"{k} {'yes' if v else 'no'}" for k, v in report["criteria_on_validation"].items()
        )
        + ".",
        "",
        "| recall / precision per level | shipped | " + report["choice"] + " |",
        "|---|---|---|",
    ]
    shipped, chosen = report["per_level"]["shipped"], report["per_level"][report["choice"]]
    for scheme in SCHEMES:
        for level in shipped[scheme]["recall"]:
            a, b = shipped[scheme], chosen[scheme]
            lines.append(
                f"| {scheme}, {level} | {a['recall'][level]} / {a['precision'][level]} | "
                f"{b['recall'][level]} / {b['precision'][level]} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = choice_arguments(__doc__.split("\n")[0], RESAMPLES).parse_args(argv)
    _, examples = train.load_examples(args.data, seed=args.seed)
    report = run(examples, seed=args.seed, resamples=args.resamples)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "depression_head.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    (out / "depression_head.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
