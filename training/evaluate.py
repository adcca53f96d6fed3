"""Evaluate the shipped text model on held-out data, next to a plain TF-IDF baseline.

    python -m training.evaluate [--data PATH] [--out training/reports] [--seed 13]
                                [--detector-limit 3000] [--skip-cross-source] [--depression-only]
                                [--level-offset LEVEL=OFFSET ...] [--level-head DIR]

It rebuilds the same group split as `training.train` (same seed) and reports on the TEST split:

- suicide head: ROC AUC, average precision, precision/recall/F1 at the shipped threshold,
  calibration (Brier, ECE, reliability bins); on all labelled posts and on SDCNL alone (the hard
  part: r/SuicideWatch against r/depression);
- self-harm head: the same, on texts with the self-harm phrases masked (what the head learns)
  and on the full texts;
- depression head (binary) and depression level (macro-F1, per class, confusion matrix);
- a baseline (scikit-learn TfidfVectorizer word 1-2 grams + LogisticRegression) trained on the
  same training split, thresholds picked on validation by the same rules, side by side;
- cross-source: each family left out of training in turn (depression), Naseem <-> DepSign
  (levels), SDCNL-only suicide training tested on the other families;
- the full detector (`waylight.core.textrisk.analyse_many`) where that module exists.

Writes `evaluation.json` and `evaluation.md` (numbers only, never texts).
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from training import data as data_module
from training import metrics, train
from training.train import Example, labelled
from waylight.core.textrisk.model import BINARY_HEADS, DEPRESSION_LEVELS, TextModel

REPORT_DIR = data_module.REPO_ROOT / "training" / "reports"
FloatArray = npt.NDArray[np.float64]
SUICIDE_LEVELS = ("none", "indicator", "ideation", "behavior", "attempt")


def _texts(examples: Sequence[Example], *, masked: bool = False) -> list[str]:
    if masked:
        return [data_module.mask_self_harm_phrases(e.text) for e in examples]
    return [e.text for e in examples]


def sdcnl_titles(test: Sequence[Example]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Titles of suicide-labelled SDCNL test posts, read alone: how the model does on one line."""
    rows = [e for e in test if "sdcnl" in e.sources and e.short_texts]
    rows = [e for e in rows if e.labels["suicide"] is not None]
    return [e.short_texts[0] for e in rows], np.array(
        [e.labels["suicide"] for e in rows], dtype=np.int64
    )


def shipped_scores(examples: Sequence[Example]) -> dict[str, FloatArray]:
    model = TextModel.load()
    plain = model.predict(_texts(examples))
    masked = model.predict(_texts(examples, masked=True))
    return {
        "suicide_titles": model.predict(sdcnl_titles(examples)[0]).suicide,
        "suicide": plain.suicide,
        "self_harm": plain.self_harm,
        "self_harm_masked": masked.self_harm,
        "depression": plain.depression,
        "level": plain.depression_levels,
    }


def head_reports(
    scores: dict[str, FloatArray], test: Sequence[Example], thresholds: dict[str, float]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    rows, y = labelled(test, "suicide")
    out["suicide"] = metrics.binary_report(scores["suicide"][rows], y, thresholds["suicide"])
    sdcnl = [i for i in rows if "sdcnl" in test[i].sources]
    y_sdcnl = np.array([test[i].labels["suicide"] for i in sdcnl], dtype=np.int64)
    out["suicide_sdcnl_only"] = metrics.binary_report(
        scores["suicide"][sdcnl], y_sdcnl, thresholds["suicide"]
    )
    _, y_titles = sdcnl_titles(test)
    out["suicide_sdcnl_titles_only"] = metrics.binary_report(
        scores["suicide_titles"], y_titles, thresholds["suicide"], with_calibration=False
    )
    rows, y = labelled(test, "self_harm")
    out["self_harm_masked"] = metrics.binary_report(
        scores["self_harm_masked"][rows], y, thresholds["self_harm"]
    )
    out["self_harm_full_text"] = metrics.binary_report(
        scores["self_harm"][rows], y, thresholds["self_harm"], with_calibration=False
    )
    rows, y = labelled(test, "depression")
    out["depression"] = metrics.binary_report(
        scores["depression"][rows], y, thresholds["depression"]
    )
    rows, y = labelled(test, "level")
    predicted = np.argmax(scores["level"][rows], axis=1).astype(np.int64)
    out["depression_level"] = metrics.multiclass_report(predicted, y, list(DEPRESSION_LEVELS))
    for source in ("naseem", "depsign"):
        part = [k for k, i in enumerate(rows) if source in test[i].sources]
        out[f"depression_level_{source}"] = metrics.multiclass_report(
            predicted[part], y[part], list(DEPRESSION_LEVELS)
        )
    return out


def false_positive_rates(
    scores: FloatArray, examples: Sequence[Example], head: str, threshold: float
) -> dict[str, Any]:
    """Share of negatives flagged, per source (for heads whose negatives span many sources)."""
    out: dict[str, Any] = {}
    for source in sorted({s for e in examples for s in e.sources}):
        rows = [i for i, e in enumerate(examples) if e.sources[0] == source]
        negatives = [i for i in rows if examples[i].labels.get(head) == 0]
        if negatives:
            flagged = float(np.mean(scores[negatives] >= threshold))
            out[source] = {"negatives": len(negatives), "flagged_rate": round(flagged, 4)}
    return out


# ----------------------------------------------------------------------------- baseline
def baseline_scores(
    train_set: Sequence[Example], val: Sequence[Example], test: Sequence[Example], *, seed: int
) -> tuple[dict[str, FloatArray], dict[str, float]]:
    """TF-IDF (word 1-2 grams) + logistic regression per head, thresholds by the same rules."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    def vectoriser() -> TfidfVectorizer:
        return TfidfVectorizer(
            ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=300_000
        )

    scores: dict[str, FloatArray] = {}
    thresholds: dict[str, float] = {}
    texts = {
        (name, masked): _texts(part, masked=masked)
        for name, part in (("train", train_set), ("val", val), ("test", test))
        for masked in (False, True)
    }
    plain = vectoriser().fit(texts["train", False])
    masked_vec = vectoriser().fit(texts["train", True])
    for head in BINARY_HEADS:
        vec, masked = (masked_vec, True) if head == "self_harm" else (plain, False)
        rows_t, y_t = labelled(train_set, head)
        rows_v, y_v = labelled(val, head)
        clf = LogisticRegression(C=4.0, solver="liblinear", class_weight="balanced")
        clf.fit(vec.transform([texts["train", masked][i] for i in rows_t]), y_t)
        p_val = clf.predict_proba(vec.transform([texts["val", masked][i] for i in rows_v]))[:, 1]
        if head in train.TARGET_RECALL:
            thresholds[head] = train.threshold_for_recall(p_val, y_v, train.TARGET_RECALL[head])
        else:
            thresholds[head] = train.threshold_for_f1(p_val, y_v)
        key = "self_harm_masked" if head == "self_harm" else head
        scores[key] = clf.predict_proba(vec.transform(texts["test", masked]))[:, 1]
        if head == "suicide":
            titles = vec.transform(sdcnl_titles(test)[0])
            scores["suicide_titles"] = clf.predict_proba(titles)[:, 1]
        if head == "self_harm":
            scores["self_harm"] = clf.predict_proba(vec.transform(texts["test", False]))[:, 1]
    rows_t, y_t = labelled(train_set, "level")
    clf = LogisticRegression(C=4.0, max_iter=300, class_weight="balanced", random_state=seed)
    clf.fit(plain.transform([texts["train", False][i] for i in rows_t]), y_t)
    scores["level"] = clf.predict_proba(plain.transform(texts["test", False]))
    return scores, thresholds


# ----------------------------------------------------------------------------- cross-source
def _fit_binary(x: Any, y: Any, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", class_weight="balanced").fit(x, y)


def cross_source(examples: Sequence[Example], chosen_c: dict[str, float]) -> dict[str, Any]:
    """Train on some families, test on a family never seen in training."""
    from training.features import counts_of, fit_idf, tfidf_matrix

    out: dict[str, Any] = {}
    families = sorted({e.family for e in examples})

    # Depression, leave one family out: train on the other families' train split, pick the
    # threshold on their validation split, test on the whole left-out family.
    out["depression_leave_one_family_out"] = {}
    for held_out in families:
        train_part = [e for e in examples if e.family != held_out and e.split == "train"]
        val_part = [e for e in examples if e.family != held_out and e.split == "val"]
        test_part = [e for e in examples if e.family == held_out]
        rows_test, y_test = labelled(test_part, "depression")
        if not rows_test:
            continue
        idf = fit_idf(counts_of(_texts(train_part)))
        rows_t, y_t = labelled(train_part, "depression")
        rows_v, y_v = labelled(val_part, "depression")
        clf = _fit_binary(
            tfidf_matrix(counts_of([train_part[i].text for i in rows_t]), idf),
            y_t,
            chosen_c["depression"],
        )
        val_scores = clf.decision_function(
            tfidf_matrix(counts_of([val_part[i].text for i in rows_v]), idf)
        )
        threshold = train.threshold_for_f1(1 / (1 + np.exp(-val_scores)), y_v)
        test_scores = 1 / (
            1
            + np.exp(
                -clf.decision_function(
                    tfidf_matrix(counts_of([test_part[i].text for i in rows_test]), idf)
                )
            )
        )
        report = metrics.binary_report(test_scores, y_test, threshold, with_calibration=False)
        out["depression_leave_one_family_out"][held_out] = report

    # Suicide: only the SDCNL family has suicidal posts, so train on it alone and measure how
    # often posts from the other families (none labelled suicidal) are flagged.
    sdcnl_train = [e for e in examples if e.family == "sdcnl_cams_irf" and e.split == "train"]
    sdcnl_val = [e for e in examples if e.family == "sdcnl_cams_irf" and e.split == "val"]
    others = [e for e in examples if e.family != "sdcnl_cams_irf"]
    idf = fit_idf(counts_of(_texts(sdcnl_train)))
    rows_t, y_t = labelled(sdcnl_train, "suicide")
    rows_v, y_v = labelled(sdcnl_val, "suicide")
    clf = _fit_binary(
        tfidf_matrix(counts_of([sdcnl_train[i].text for i in rows_t]), idf),
        y_t,
        chosen_c["suicide"],
    )
    val_p = 1 / (
        1
        + np.exp(
            -clf.decision_function(
                tfidf_matrix(counts_of([sdcnl_val[i].text for i in rows_v]), idf)
            )
        )
    )
    threshold = train.threshold_for_recall(val_p, y_v, train.TARGET_RECALL["suicide"])
    other_p = 1 / (1 + np.exp(-clf.decision_function(tfidf_matrix(counts_of(_texts(others)), idf))))
    out["suicide_trained_on_sdcnl_only"] = {
        "threshold_recall_0.9_on_sdcnl_val": round(threshold, 4),
        "flagged_on_other_families": false_positive_rates(other_p, others, "suicide", threshold),
    }

    # Depression level: Naseem (4 levels) <-> DepSign (none, moderate, severe).
    out["depression_level_cross"] = {}
    for source, target in (("naseem", "depsign"), ("depsign", "naseem")):
        train_part = [e for e in examples if source in e.sources and e.split != "test"]
        test_part = [e for e in examples if target in e.sources and source not in e.sources]
        rows_t, y_t = labelled(train_part, "level")
        rows_x, y_x = labelled(test_part, "level")
        idf = fit_idf(counts_of(_texts(train_part)))
        from sklearn.linear_model import LogisticRegression

        clf = LogisticRegression(C=4.0, max_iter=300, class_weight="balanced")
        clf.fit(tfidf_matrix(counts_of([train_part[i].text for i in rows_t]), idf), y_t)
        proba = clf.predict_proba(tfidf_matrix(counts_of([test_part[i].text for i in rows_x]), idf))
        predicted = clf.classes_[np.argmax(proba, axis=1)].astype(np.int64)
        out["depression_level_cross"][f"{source}_to_{target}"] = metrics.multiclass_report(
            predicted, y_x, list(DEPRESSION_LEVELS)
        )
        # Collapsed to depressed or not, which both schemes share.
        binary_pred = (predicted > 0).astype(np.int64)
        out["depression_level_cross"][f"{source}_to_{target}_any_depression"] = metrics.binary_at(
            binary_pred.astype(np.float64), (y_x > 0).astype(np.int64), 0.5
        )
    return out


# ----------------------------------------------------------------------------- full detector
def detector_report(test: Sequence[Example], limit: int) -> dict[str, Any]:
    """Run the whole detector (rules + model) where that module exists; skip otherwise."""
    try:
        module = importlib.import_module("waylight.core.textrisk")
        analyse_many = module.analyse_many
    except (ImportError, AttributeError) as exc:
        return {"skipped": f"waylight.core.textrisk.analyse_many is not available ({exc})"}
    rows, y = labelled(test, "suicide")
    rows, y = rows[:limit], y[:limit]
    started = time.perf_counter()
    results = [r.to_dict() for r in analyse_many([test[i].text for i in rows])]
    seconds = time.perf_counter() - started
    levels = np.array(
        [SUICIDE_LEVELS.index(r["suicide_risk"]["level"]) for r in results], dtype=np.int64
    )
    out: dict[str, Any] = {"n": len(rows), "posts_per_second": round(len(rows) / seconds, 1)}
    out["suicide_level_at_least"] = {
        level: metrics.binary_at(levels.astype(np.float64), y, float(k))
        for k, level in enumerate(SUICIDE_LEVELS)
        if k > 0
    }
    out["suicide_level_counts"] = {
        "positives": {lv: int(np.sum(levels[y == 1] == k)) for k, lv in enumerate(SUICIDE_LEVELS)},
        "negatives": {lv: int(np.sum(levels[y == 0] == k)) for k, lv in enumerate(SUICIDE_LEVELS)},
    }
    scores = np.array([float(r["suicide_risk"]["score"]) for r in results])
    out["suicide_score"] = metrics.binary_report(scores, y, 0.5)
    tiers = ("none", "watch", "concern", "urgent")
    concern = np.array([tiers.index(r["concern"]) for r in results], dtype=np.int64)
    out["concern_at_least"] = {
        tier: metrics.binary_at(concern.astype(np.float64), y, float(k))
        for k, tier in enumerate(tiers)
        if k > 0
    }
    rows_sh, y_sh = labelled(test, "self_harm")
    rows_sh, y_sh = rows_sh[:limit], y_sh[:limit]
    present = np.array(
        [
            bool(r.to_dict()["self_harm"]["present"])
            for r in analyse_many([test[i].text for i in rows_sh])
        ],
        dtype=np.float64,
    )
    out["self_harm_present_vs_lexicon_label"] = metrics.binary_at(present, y_sh, 0.5)
    out["by_source"] = detector_by_source(test, limit)
    return out


def detector_by_source(test: Sequence[Example], limit: int) -> dict[str, Any]:
    """Per source of the test split: shares of posts at each level and flagged, with and
    without the second reader. Supporters' answers and stress posts show false alarms."""
    from waylight.core.textrisk import Detector

    groups: dict[str, list[Example]] = {}
    for e in test:
        if e.sources[0] == "sdcnl" and e.labels.get("suicide") is not None:
            name = "sdcnl_suicidewatch" if e.labels["suicide"] else "sdcnl_depression"
        else:
            name = e.sources[0]
        groups.setdefault(name, []).append(e)
    full = Detector.default()
    batch = full.variant(second_reader=False)
    out: dict[str, Any] = {}
    for name, items in sorted(groups.items()):
        items = items[:limit]
        row: dict[str, Any] = {"posts": len(items)}
        for label, detector in (("full", full), ("batch", batch)):
            results = detector.analyse_many([e.text for e in items])
            row[label] = {
                "at_least_indicator": round(
                    float(np.mean([r.suicide_risk.level != "none" for r in results])), 4
                ),
                "at_risk": round(
                    float(
                        np.mean(
                            [
                                r.suicide_risk.level in ("ideation", "behavior", "attempt")
                                for r in results
                            ]
                        )
                    ),
                    4,
                ),
                "self_harm": round(float(np.mean([r.self_harm.present for r in results])), 4),
                "concern_none": round(float(np.mean([r.concern == "none" for r in results])), 4),
            }
        out[name] = row
    return out


# The thresholds the earlier sentence readers shipped with, before the learned reader replaced
# them and they left the operating point: the gate passed a sentence to the second reader from
# 0.05, and the second reader flagged it from 0.6.
SENTENCE_READER_THRESHOLDS = {
    "gate_risk": 0.05,
    "gate_self_harm": 0.05,
    "second_risk": 0.6,
    "second_self_harm": 0.6,
}


def sentence_reader_report(examples: Sequence[Example]) -> dict[str, Any]:
    """The sentence readers on the test split's sentences, against their weak labels.

    The labels are the label model's (training/sentence_data.py), fitted on the training
    split only, so these figures measure agreement with the weak supervision on held-out
    posts, not with a clinician. Operating points from content/text/operating_point.yaml.
    """
    from training import sentence_data
    from training.prototypes import RISK, SELF_HARM
    from training.sentence_readers import encode_cached
    from waylight.core.textrisk.encoder import SentenceEncoder
    from waylight.core.textrisk.semantic import SemanticReader

    table = sentence_data.sentence_table(examples)
    vectors = encode_cached(table.texts, train.CACHE_DIR).astype(np.float32)
    encoder = SentenceEncoder.load()
    similarity = {
        "risk": (vectors @ encoder.encode(list(RISK)).T).max(axis=1),
        "self_harm": (vectors @ encoder.encode(list(SELF_HARM)).T).max(axis=1),
    }
    labels = sentence_data.weak_labels(
        sentence_data.all_votes(examples, table, similarity), fit_on=table.split == "train"
    )
    test = np.flatnonzero((table.split == "test") & labels["risk"][1] & labels["self_harm"][1])
    semantic = SemanticReader.load().score_vectors(vectors[test])
    fast = TextModel.load().score_sentences([table.texts[k] for k in test.tolist()])
    op = SENTENCE_READER_THRESHOLDS
    out: dict[str, Any] = {"sentences": int(test.size)}
    for column, head in enumerate(sentence_data.HEADS):
        y = (labels[head][0][test] >= 0.5).astype(np.int64)
        out[head] = {
            "positives": int(y.sum()),
            "second_reader": metrics.binary_report(
                semantic[column], y, op[f"second_{head}"], with_calibration=False
            ),
            "fast_gate": metrics.binary_report(
                fast[column], y, op[f"gate_{head}"], with_calibration=False
            ),
        }
    return out


def detector_depression_levels(
    test: Sequence[Example],
    offsets: dict[str, float] | None = None,
    level_head: Path | None = None,
) -> dict[str, Any]:
    """The whole detector's depression level on held-out DepSign and Naseem posts.

    DepSign has three levels (not depression, moderate, severe): the detector's `mild` counts
    as moderate there. Naseem has four (minimum = none). The second reader does not change the
    depression level, so it is left out for speed. `offsets` (level: offset) replace the
    shipped depression level offsets of the operating point, to measure another decision;
    `level_head` (a folder written by `training.train_level_head`) puts that depression level
    head in place of the shipped one.
    """
    from dataclasses import replace

    from waylight.core.textrisk import Detector
    from waylight.core.textrisk.level_head import LevelHead

    detector = Detector.default().variant(second_reader=False)
    if level_head is not None:
        detector = detector.with_level_head(LevelHead.read(level_head))
    if offsets:
        point = replace(
            detector.op,
            depression_level_offsets={**detector.op.depression_level_offsets, **offsets},
        )
        detector = detector.with_operating_point(point)
    out: dict[str, Any] = {}
    for source, labels, mapping in (
        ("depsign", ["not depression", "moderate", "severe"], {0: 0, 1: 1, 2: 1, 3: 2}),
        ("naseem", list(DEPRESSION_LEVELS), {0: 0, 1: 1, 2: 2, 3: 3}),
    ):
        rows = [e for e in test if source in e.sources and e.labels.get("level") is not None]
        truth = np.array([mapping[int(e.labels["level"] or 0)] for e in rows], dtype=np.int64)
        results = detector.analyse_many([e.text for e in rows])
        got = np.array(
            [mapping[DEPRESSION_LEVELS.index(r.depression.level)] for r in results], dtype=np.int64
        )
        out[source] = metrics.multiclass_report(got, truth, labels)
    return out


# ----------------------------------------------------------------------------- report
def _row(name: str, ours: dict[str, Any], base: dict[str, Any]) -> str:
    def cells(r: dict[str, Any]) -> str:
        t = r["at_threshold"]
        return f"{r['roc_auc']} | {t['precision']} | {t['recall']} | {t['f1']}"

    return f"| {name} | {cells(ours)} | {cells(base)} |"


def markdown(report: dict[str, Any]) -> str:
    ours, base = report["shipped_model"], report["baseline_tfidf_logreg"]
    lines = [
        "# Text model evaluation (held-out test split)",
        "",
        f"Seed {report['seed']}; test posts: {report['test_posts']}. Generated by "
        "`python -m training.evaluate`; numbers only, no texts.",
        "",
        "## Shipped model vs TF-IDF + logistic regression baseline",
        "",
        "Thresholds: each model's own, picked on the validation split by the same rule "
        "(suicide: recall >= 0.9, self-harm: recall >= 0.85, each plus one standard error; "
        "depression: best F1).",
        "",
        "| head | AUC | P | R | F1 | baseline AUC | P | R | F1 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, name in (
        ("suicide", "suicide (all labelled)"),
        ("suicide_sdcnl_only", "suicide (SDCNL: SuicideWatch vs depression)"),
        ("suicide_sdcnl_titles_only", "suicide (SDCNL titles alone: one-line texts)"),
        ("self_harm_masked", "self-harm (phrases masked)"),
        ("self_harm_full_text", "self-harm (full text)"),
        ("depression", "depression (binary)"),
    ):
        lines.append(_row(name, ours[key], base[key]))
    lines += [
        "",
        "| depression level | ours macro-F1 | baseline macro-F1 |",
        "|---|---|---|",
    ]
    for key in ("depression_level", "depression_level_naseem", "depression_level_depsign"):
        lines.append(f"| {key} | {ours[key]['macro_f1']} | {base[key]['macro_f1']} |")
    cal = ours["suicide"]["calibration"]
    lines += [
        "",
        "## Calibration of the suicide head (test)",
        "",
        f"Brier {cal['brier']}, ECE {cal['ece']} (baseline Brier "
        f"{base['suicide']['calibration']['brier']}, ECE {base['suicide']['calibration']['ece']}).",
        "",
        "| bin | n | mean score | observed rate |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {b['bin']} | {b['n']} | {b['mean_score']} | {b['observed_rate']} |"
        for b in cal["reliability"]
    ]
    lines += ["", "## Depression level confusion (test, rows true, columns predicted)", ""]
    matrix = ours["depression_level"]["confusion"]["matrix"]
    lines += ["| true \\ predicted | " + " | ".join(DEPRESSION_LEVELS) + " |", "|---" * 5 + "|"]
    lines += [
        f"| {lvl} | " + " | ".join(str(v) for v in row) + " |"
        for lvl, row in zip(DEPRESSION_LEVELS, matrix, strict=True)
    ]
    lines += ["", "## Suicide head: share of negatives flagged, by source (test)", ""]
    lines += ["| source | negatives | flagged |", "|---|---|---|"]
    for source, r in report["suicide_flagged_by_source"].items():
        lines.append(f"| {source} | {r['negatives']} | {r['flagged_rate']} |")
    cross = report.get("cross_source")
    if cross:
        lines += [
            "",
            "## Cross-source",
            "",
            "Depression head, each family left out of training:",
            "",
        ]
        lines += ["| left-out family | n | AUC | P | R | F1 |", "|---|---|---|---|---|---|"]
        for fam, r in cross["depression_leave_one_family_out"].items():
            t = r["at_threshold"]
            cells = [fam, r["n"], r["roc_auc"], t["precision"], t["recall"], t["f1"]]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        lines += ["", "Depression level across annotation schemes:", ""]
        lines += [
            "| train -> test | macro-F1 | any-depression P | R | F1 |",
            "|---|---|---|---|---|",
        ]
        lc = cross["depression_level_cross"]
        for pair in ("naseem_to_depsign", "depsign_to_naseem"):
            b = lc[f"{pair}_any_depression"]
            cells = [pair, lc[pair]["macro_f1"], b["precision"], b["recall"], b["f1"]]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        s = cross["suicide_trained_on_sdcnl_only"]
        lines += [
            "",
            "Suicide head trained on the SDCNL family only (threshold for recall 0.9 on its "
            f"validation split: {s['threshold_recall_0.9_on_sdcnl_val']}); share of posts from "
            "other families (none labelled suicidal) that it flags:",
            "",
            "| source | posts | flagged |",
            "|---|---|---|",
        ]
        for source, r in s["flagged_on_other_families"].items():
            lines.append(f"| {source} | {r['negatives']} | {r['flagged_rate']} |")
    readers = report.get("sentence_readers")
    if readers:
        lines += [
            "",
            "## Sentence readers (test-split sentences, weak labels)",
            "",
            f"Sentences: {readers['sentences']}. Labels: the label model's verdict "
            "(probability >= 0.5), fitted on the training split; agreement with weak "
            "supervision, not with a clinician. Second reader at its operating point, fast "
            "reader at its gate (it only chooses what the second reader reads).",
            "",
            "| head | positives | reader | AUC | P | R | F1 |",
            "|---|---|---|---|---|---|---|",
        ]
        for head in ("risk", "self_harm"):
            for reader in ("second_reader", "fast_gate"):
                r = readers[head][reader]
                t = r["at_threshold"]
                lines.append(
                    f"| {head} | {readers[head]['positives']} | {reader} | {r['roc_auc']} | "
                    f"{t['precision']} | {t['recall']} | {t['f1']} |"
                )
    levels = report.get("detector_depression_level")
    if levels:
        lines += [
            "",
            "## Depression level of the whole detector (test)",
            "",
            "DepSign: three levels (the detector's `mild` counts as moderate); Naseem: four.",
            "",
            "| source | posts | macro-F1 | accuracy |",
            "|---|---|---|---|",
        ]
        for source, r in levels.items():
            lines.append(f"| {source} | {r['n']} | {r['macro_f1']} | {r['accuracy']} |")
    det = report["full_detector"]
    lines += ["", "## Full detector (rules + model)", ""]
    if "skipped" in det:
        lines.append(f"Skipped: {det['skipped']}")
    else:
        lines += [
            f"Suicide-labelled test posts: {det['n']} ({det['posts_per_second']} posts/s, "
            "single process, including rules).",
            "",
            "| suicide_risk level at least | P | R | F1 |",
            "|---|---|---|---|",
        ]
        for level, r in det["suicide_level_at_least"].items():
            lines.append(f"| {level} | {r['precision']} | {r['recall']} | {r['f1']} |")
        lines += ["", "| concern at least | P | R | F1 |", "|---|---|---|---|"]
        for tier, r in det["concern_at_least"].items():
            lines.append(f"| {tier} | {r['precision']} | {r['recall']} | {r['f1']} |")
        lines += [
            "",
            "By source (test split; `full` = every layer, `batch` = without the second reader):",
            "",
            "| source | posts | at least indicator (full / batch) | at risk | self-harm "
            "| concern none |",
            "|---|---|---|---|---|---|",
        ]
        for name, r in det.get("by_source", {}).items():
            f, b = r["full"], r["batch"]
            cells = [
                f"{f[k]} / {b[k]}"
                for k in ("at_least_indicator", "at_risk", "self_harm", "concern_none")
            ]
            lines.append(f"| {name} | {r['posts']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _level_offsets(parser: argparse.ArgumentParser, given: Sequence[str]) -> dict[str, float]:
    offsets: dict[str, float] = {}
    for item in given:
        level, _, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if level not in DEPRESSION_LEVELS or not -5.0 <= number <= 5.0:
            parser.error(
                f"--level-offset {item!r}: want LEVEL=OFFSET with LEVEL one of "
                f"{', '.join(DEPRESSION_LEVELS)} and OFFSET between -5 and 5"
            )
        offsets[level] = number
    return offsets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="data folder (default: $WAYLIGHT_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(REPORT_DIR), help="where to write the reports")
    parser.add_argument("--seed", type=int, default=train.SEED)
    parser.add_argument("--detector-limit", type=int, default=3000)
    parser.add_argument("--skip-cross-source", action="store_true")
    parser.add_argument(
        "--depression-only",
        action="store_true",
        help="only the whole detector's depression level on the test split (minutes, not an "
        "hour: no baseline, no encoder); prints it, writes no report",
    )
    parser.add_argument(
        "--level-offset",
        action="append",
        default=[],
        metavar="LEVEL=OFFSET",
        help="with --depression-only: this depression level offset instead of the shipped one "
        "(e.g. severe=1.0; repeatable)",
    )
    parser.add_argument(
        "--level-head",
        type=Path,
        metavar="DIR",
        help="with --depression-only: the depression level head in DIR (as written by "
        "training.train_level_head) instead of the shipped one",
    )
    args = parser.parse_args(argv)
    offsets = _level_offsets(parser, args.level_offset)
    if offsets and not args.depression_only:
        parser.error("--level-offset needs --depression-only")
    if args.level_head is not None and not args.depression_only:
        parser.error("--level-head needs --depression-only")
    if args.level_head is not None and not (args.level_head / "depression_head.npz").is_file():
        parser.error(f"--level-head {args.level_head}: no depression_head.npz there")

    started = time.perf_counter()
    _, examples = train.load_examples(args.data, seed=args.seed)
    if args.depression_only:
        test_only = [e for e in examples if e.split == "test"]
        levels = detector_depression_levels(test_only, offsets, args.level_head)
        print(json.dumps(levels, indent=2))
        return 0
    model = TextModel.load()
    if model.info.get("seed") != args.seed:
        print(f"note: the shipped model was trained with seed {model.info.get('seed')}")
    split = {s: [e for e in examples if e.split == s] for s in ("train", "val", "test")}
    test = split["test"]
    ours = shipped_scores(test)
    report: dict[str, Any] = {
        "seed": args.seed,
        "test_posts": len(test),
        "thresholds": model.thresholds,
        "shipped_model": head_reports(ours, test, model.thresholds),
    }
    report["suicide_flagged_by_source"] = false_positive_rates(
        ours["suicide"], test, "suicide", model.thresholds["suicide"]
    )
    print(f"shipped model scored ({time.perf_counter() - started:.0f} s); fitting the baseline")
    base_scores, base_thresholds = baseline_scores(
        train.with_short_texts(split["train"]) if model.info.get("with_titles") else split["train"],
        split["val"],
        test,
        seed=args.seed,
    )
    report["baseline_thresholds"] = base_thresholds
    report["baseline_tfidf_logreg"] = head_reports(base_scores, test, base_thresholds)
    if not args.skip_cross_source:
        print(f"baseline done ({time.perf_counter() - started:.0f} s); cross-source runs")
        chosen = {
            h: float(model.info.get("chosen_C", {}).get(h, 4.0)) for h in ("suicide", "depression")
        }
        report["cross_source"] = cross_source(examples, chosen)
    print(f"({time.perf_counter() - started:.0f} s); full detector")
    report["full_detector"] = detector_report(test, args.detector_limit)
    report["detector_depression_level"] = detector_depression_levels(test)
    report["sentence_readers"] = sentence_reader_report(examples)
    report["seconds"] = round(time.perf_counter() - started, 1)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "evaluation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out / "evaluation.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
