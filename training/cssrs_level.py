"""Choosing a better user level on the DESIGN half of the C-SSRS-rated Reddit users.

    python -m training.cssrs_level --data PATH/500_Reddit_users_posts_labels.csv [--cache FILE]

The protocol (`training/reports/cssrs_level_protocol.md`) was written and committed before
any candidate was measured; this module carries it out, on the design half only (data row
index in the CSV even; `training.cssrs` explains the halves). The test half's labels are
never used here.

It runs the choice: 17 candidates (12 learned user-level models, 5 hand rules)
by stratified 5-fold cross-validation on the 250 design users, repeated with seeds 1 to 5,
each learned model fitted on the training folds as the batch path reads them and scored on
the held-out fold as both paths read it. Criterion: 5-level macro-F1 of the out-of-fold
levels (mean over repeats and paths); noise: 1,000 paired bootstrap resamples of the design
users. It writes `training/reports/cssrs_level_choice.{json,md}`, numbers only. The features
and the model arithmetic are in `training/user_model.py`.

The outcome (design half, detector `text-model-2-a72ae46cf8bc`): the best candidate did not
beat the shipped rule beyond noise, so the shipped rule stays and nothing was fitted to ship.
Had a learned candidate been chosen, it would have been fitted on all 250 design users (batch
path) and its weights moved into the core as a content file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from training.cssrs import (
    CLASSES,
    REPORT_DIR,
    SPLIT_RULE,
    PostsByUser,
    at_risk,
    cached_posts,
    half_mask,
    load_users,
    resamples,
    truth_of,
)
from training.user_model import (
    AT_RISK_CUT,
    FEATURE_NAMES,
    IDEATION,
    PostReading,
    UserModel,
    features_of,
    safety_floor_hit,
    user_features,
)
from waylight.core.user_level import LEVEL_ORDER
from waylight.core.versions import detector_versions

SEEDS = (1, 2, 3, 4, 5)
FOLDS = 5
C = 1.0
FIT_PATH = "batch"
COMMAND = "python -m training.cssrs_level --data PATH/500_Reddit_users_posts_labels.csv"
K = len(CLASSES)
Array = np.ndarray[Any, Any]


# ------------------------------------------------------------------------------ the users


@dataclass(frozen=True)
class Users:
    """The design users as one detector path reads them: features, floor, posts."""

    x: Array  # (users, FEATURE_NAMES); zeros for a user without a read post
    floor: Array  # bool: a post at attempt or with concern urgent
    read: Array  # bool: at least one post read
    mean_score: Array
    posts: PostsByUser

    @classmethod
    def of(cls, posts: PostsByUser) -> Users:
        rows, floor, read, mean = [], [], [], []
        for mine in posts:
            ok = any(p.read for p in mine)
            f = user_features(mine) if ok else dict.fromkeys(FEATURE_NAMES, 0.0)
            rows.append([f[n] for n in FEATURE_NAMES])
            floor.append(safety_floor_hit(mine))
            read.append(ok)
            mean.append(f["mean_score"])
        return cls(np.array(rows), np.array(floor), np.array(read), np.array(mean), posts)

    def take(self, idx: Array) -> Users:
        return Users(
            self.x[idx],
            self.floor[idx],
            self.read[idx],
            self.mean_score[idx],
            [self.posts[i] for i in idx],
        )


# ------------------------------------------------------------------------------ the candidates


@dataclass(frozen=True)
class Candidate:
    """One candidate of the protocol: a learned model or a hand rule."""

    name: str
    family: str  # "hand", "ordinal" or "multinomial"
    groups: str = ""  # feature groups of a learned model: "S", "SH", "SHD"
    floor: bool = False

    def simplicity(self) -> tuple[int, int, int]:
        """The protocol's order, simplest first: hand rules, ordinal, multinomial; fewer
        feature groups; with the safety floor before without."""
        family = ("hand", "ordinal", "multinomial").index(self.family)
        return (family, len(self.groups), 0 if self.floor or self.family == "hand" else 1)


HAND_RULES = {
    "H0": "shipped: the level of the highest post",
    "H1": "ideation needs 2 posts at ideation or above, unless one is urgent",
    "H2": "a user whose posts at ideation or above are all about others is none",
    "H3": "H1 and H2 together",
    "H4": "the level drawn from the mean post score (four cut points fitted)",
}
CANDIDATES: tuple[Candidate, ...] = (
    *(Candidate(h, "hand") for h in HAND_RULES),
    *(
        Candidate(f"{family} {groups}{' floor' if floor else ''}", family, groups, floor)
        for family in ("ordinal", "multinomial")
        for groups in ("S", "SH", "SHD")
        for floor in (True, False)
    ),
)
assert len(CANDIDATES) == 17  # as the protocol says


def describe(c: Candidate) -> str:
    if c.family == "hand":
        return f"{c.name}: {HAND_RULES[c.name]} (score: mean post score)"
    floor = ", safety floor" if c.floor else ""
    return f"{c.family} logistic regression on {'+'.join(c.groups)}{floor}"


Predictor = Callable[[Users], tuple[Array, Array, Array]]


def fit(c: Candidate, users: Users, truth: Array) -> Predictor:
    """Fit `c` on `users` (a hand rule without parameters ignores them) and return a function
    giving each user's level rank, score and whether the safety floor lifted the level."""
    if c.family == "hand" and c.name != "H4":
        return lambda u: hand_levels(c.name, u)
    if c.name == "H4":
        cuts = fit_score_cuts(users.mean_score[users.read], truth[users.read])
        return lambda u: score_cut_levels(cuts, u)
    model = fit_model(c, users, truth)
    return lambda u: model_levels(model, u)


# Hand rules: each keeps the mean post score as the user score.


def hand_level(rule: str, posts: Sequence[PostReading]) -> int:
    read = [p for p in posts if p.read]
    if not read:
        return 0
    ranks = [LEVEL_ORDER.index(p.level or "none") for p in read]
    level = max(ranks)
    risk = [p for p, r in zip(read, ranks, strict=True) if r >= IDEATION]
    if rule in ("H2", "H3") and risk and all(p.about_others for p in risk):
        return 0
    # H1: one ideation post alone is not enough, unless it is urgent.
    alone = len(risk) < 2 and not any(p.concern == "urgent" for p in risk)
    if rule in ("H1", "H3") and level == IDEATION and alone:
        return 1
    return level


def hand_levels(rule: str, users: Users) -> tuple[Array, Array, Array]:
    level = np.array([hand_level(rule, p) for p in users.posts], dtype=np.int64)
    return level, users.mean_score.copy(), np.zeros(len(level), dtype=bool)


def score_cut_levels(cuts: Sequence[float], users: Users) -> tuple[Array, Array, Array]:
    level = np.sum(users.mean_score[:, None] >= np.asarray(cuts)[None, :], axis=1)
    level[~users.read] = 0
    return level, users.mean_score.copy(), np.zeros(len(level), dtype=bool)


def fit_score_cuts(score: Array, truth: Array) -> list[float]:
    """Four non-decreasing cut points on the score that maximise macro-F1 on these users:
    start at the class shares' quantiles, then two passes of coordinate search over the
    score's percentiles."""
    grid = np.unique(np.percentile(score, np.linspace(0, 100, 101)))
    shares = np.cumsum(np.bincount(truth, minlength=K))[:-1] / len(truth)
    cuts = list(np.quantile(score, shares))
    best = macro_f1(truth, np.sum(score[:, None] >= np.asarray(cuts)[None, :], axis=1))
    for _ in range(2):
        for k in range(K - 1):
            low = cuts[k - 1] if k > 0 else -np.inf
            high = cuts[k + 1] if k < K - 2 else np.inf
            for value in grid[(grid >= low) & (grid <= high)]:
                trial = [*cuts[:k], float(value), *cuts[k + 1 :]]
                f = macro_f1(truth, np.sum(score[:, None] >= np.asarray(trial)[None, :], axis=1))
                if f > best + 1e-12:
                    best, cuts = f, trial
    return [float(c) for c in cuts]


# Learned models: fitted here, read by the core's UserModel (the run-time arithmetic).


def balanced_weights(truth: Array) -> Array:
    counts = np.bincount(truth, minlength=K).astype(float)
    return len(truth) / (K * counts[truth])


def fit_model(c: Candidate, users: Users, truth: Array) -> UserModel:
    names = features_of(c.groups)
    cols = [FEATURE_NAMES.index(n) for n in names]
    x = users.x[users.read][:, cols]
    y = truth[users.read]
    center = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale <= 1e-12] = 1.0
    z = (x - center) / scale
    if c.family == "multinomial":
        lr = LogisticRegression(C=C, class_weight="balanced", max_iter=10000)
        lr.fit(z, y)
        weights = tuple(tuple(float(v) for v in row) for row in lr.coef_)
        offsets = tuple(float(v) for v in lr.intercept_)
    else:
        w, cuts = fit_ordinal(z, y, balanced_weights(y))
        weights = (tuple(float(v) for v in w),)
        offsets = tuple(float(v) for v in cuts)
    return UserModel(
        kind="ordinal" if c.family == "ordinal" else "multinomial",
        features=names,
        center=tuple(float(v) for v in center),
        scale=tuple(float(v) for v in scale),
        weights=weights,
        offsets=offsets,
        safety_floor=c.floor,
    )


def _sig(x: Array) -> Array:
    out: Array = 0.5 * (1.0 + np.tanh(0.5 * x))  # the logistic function, without overflow
    return out


def ordinal_loss(params: Array, z: Array, y: Array, sw: Array) -> tuple[float, Array]:
    """C x the weighted negative log-likelihood of a proportional-odds model, plus half the
    squared norm of the weights (the cut points are not penalised), and its gradient.

    params = (w (d), a, b2, b3, b4): cut_1 = a, cut_k = cut_(k-1) + exp(b_k)."""
    d = z.shape[1]
    w, a, b = params[:d], params[d], params[d + 1 :]
    cuts = a + np.concatenate([[0.0], np.cumsum(np.exp(b))])
    eta = z @ w
    g = _sig(eta[:, None] - cuts[None, :])  # P(level >= k), k = 1..4
    n = len(y)
    full = np.hstack([np.ones((n, 1)), g, np.zeros((n, 1))])  # G_0 = 1 ... G_5 = 0
    dens = np.hstack([np.zeros((n, 1)), g * (1 - g), np.zeros((n, 1))])
    rows = np.arange(n)
    p = np.clip(full[rows, y] - full[rows, y + 1], 1e-15, None)
    loss = C * float(np.sum(sw * -np.log(p))) + 0.5 * float(w @ w)
    # d(-log p)/d eta and d(-log p)/d cut_k.
    d_eta = -(dens[rows, y] - dens[rows, y + 1]) / p
    d_cut = np.zeros((n, K + 1))
    d_cut[rows, y] += dens[rows, y] / p
    d_cut[rows, y + 1] -= dens[rows, y + 1] / p
    d_cut = d_cut[:, 1:K]  # the four real cut points
    grad_w = C * (z.T @ (sw * d_eta)) + w
    grad_cuts = C * (sw[:, None] * d_cut).sum(axis=0)
    grad_a = grad_cuts.sum()
    # cut_k depends on b_j (j <= k) through exp(b_j).
    grad_b = np.array([grad_cuts[j:].sum() * np.exp(b[j - 1]) for j in range(1, K - 1)])
    return loss, np.concatenate([grad_w, [grad_a], grad_b])


def fit_ordinal(z: Array, y: Array, sw: Array) -> tuple[Array, Array]:
    d = z.shape[1]
    start = np.zeros(d + K - 1)
    start[d] = -1.5  # cut points spread around 0 at the start
    result = minimize(
        ordinal_loss, start, args=(z, y, sw), jac=True, method="L-BFGS-B",
        options={"maxiter": 5000, "gtol": 1e-8},
    )  # fmt: skip
    if not result.success:
        raise RuntimeError(f"ordinal fit did not converge: {result.message}")
    w, a, b = result.x[:d], result.x[d], result.x[d + 1 :]
    cuts = a + np.concatenate([[0.0], np.cumsum(np.exp(b))])
    return w, cuts


def model_levels(model: UserModel, users: Users) -> tuple[Array, Array, Array]:
    """Each user's level, score and lift through the core's own arithmetic (as shipped)."""
    level = np.zeros(len(users.read), dtype=np.int64)
    score = np.zeros(len(users.read))
    lifted = np.zeros(len(users.read), dtype=bool)
    for i in range(len(users.read)):
        if not users.read[i]:
            continue
        features = dict(zip(FEATURE_NAMES, (float(v) for v in users.x[i]), strict=True))
        decision = model.decide(features, bool(users.floor[i]))
        level[i], score[i], lifted[i] = decision.rank, decision.score, decision.lifted
    return level, score, lifted


# ------------------------------------------------------------------------------ measures


def macro_f1(truth: Array, level: Array) -> float:
    return float(macro_f1_many(truth[None, :], level[None, :])[0])


def macro_f1_many(truth: Array, level: Array) -> Array:
    """Macro-F1 over the five levels of each row (rows: resamples), as scikit-learn's
    f1_score(average="macro", labels=0..4, zero_division=0)."""
    codes = truth * K + level
    counts = np.stack([np.bincount(row, minlength=K * K) for row in codes]).reshape(-1, K, K)
    tp = np.einsum("rkk->rk", counts)
    fp = counts.sum(axis=1) - tp
    fn = counts.sum(axis=2) - tp
    denominator = 2 * tp + fp + fn
    f1 = np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)
    out: Array = f1.mean(axis=1)
    return out


def consistent(c: Candidate, level: Array, score: Array, lifted: Array) -> bool:
    """The protocol's consistency condition, checked on the readings of one fitted model."""
    if c.family == "hand" and c.name != "H4":
        return True  # the score is the shipped mean post score, unchanged
    if c.family == "hand":
        # H4: the level is a step function of the score: sorted by score, never falls.
        order = np.lexsort((level, score))
        return bool(np.all(np.diff(level[order]) >= 0))
    if not np.array_equal(level >= IDEATION, score >= AT_RISK_CUT):
        return False
    if c.family == "ordinal":
        keep = ~lifted
        order = np.lexsort((level[keep], score[keep]))
        return bool(np.all(np.diff(level[keep][order]) >= 0))
    return True


# ------------------------------------------------------------------------------ the choice


def cross_validate(paths: dict[str, Users], truth: Array) -> dict[str, dict[str, Array]]:
    """Out-of-fold levels and scores of every candidate: arrays (seeds, paths, users)."""
    n = len(truth)
    out: dict[str, dict[str, Array]] = {}
    for c in CANDIDATES:
        level = np.zeros((len(SEEDS), len(paths), n), dtype=np.int64)
        score = np.zeros((len(SEEDS), len(paths), n))
        lifted = np.zeros((len(SEEDS), len(paths), n), dtype=bool)
        agree = True
        for r, seed in enumerate(SEEDS):
            folds = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
            for train, held in folds.split(np.zeros(n), truth):
                predict = fit(c, paths[FIT_PATH].take(train), truth[train])
                for p, users in enumerate(paths.values()):
                    found = predict(users.take(held))
                    level[r, p, held], score[r, p, held], lifted[r, p, held] = found
                    # One fitted model per fold: consistency is a property of each.
                    agree = agree and consistent(c, *found)
        out[c.name] = {"level": level, "score": score, "consistent": np.array(agree)}
        print(f"{c.name}: done", flush=True)
    return out


def _per_run(values: Array, truth: Array, measure: Callable[[Array, Array], float]) -> Array:
    """`measure` on each (seed, path) run of out-of-fold values: an array (seeds, paths)."""
    seeds, paths = values.shape[:2]
    return np.array([[measure(truth, values[r, p]) for p in range(paths)] for r in range(seeds)])


def _auc(truth: Array, score: Array) -> float:
    return float(roc_auc_score(at_risk(truth), score))


def candidate_row(
    c: Candidate, found: dict[str, Array], truth: Array, path_names: Sequence[str]
) -> dict[str, Any]:
    """A candidate's cross-validated figures (means over seeds and paths)."""
    level, score = found["level"], found["score"]
    f1 = _per_run(level, truth, macro_f1)
    auc = _per_run(score, truth, _auc)
    per_level = np.mean(
        [
            f1_score(truth, run, labels=range(K), average=None, zero_division=0)
            for run in level.reshape(-1, len(truth))
        ],
        axis=0,
    )
    flagged = level >= IDEATION
    truth_risk = np.broadcast_to(at_risk(truth), level.shape)
    hits = float((flagged & truth_risk).sum())
    return {
        "name": c.name,
        "candidate": describe(c),
        "settings": asdict(c),
        "macro_f1": round(float(f1.mean()), 4),
        "macro_f1_per_path": {
            p: round(float(f1[:, i].mean()), 4) for i, p in enumerate(path_names)
        },
        "macro_f1_sd_over_seeds": round(float(np.std(f1.mean(axis=1))), 4),
        "per_level_f1": {c: round(float(f), 3) for c, f in zip(CLASSES, per_level, strict=True)},
        "at_risk_auc": round(float(auc.mean()), 4),
        "at_risk_auc_per_path": {
            p: round(float(auc[:, i].mean()), 4) for i, p in enumerate(path_names)
        },
        "at_risk_recall": round(hits / float(truth_risk.sum()), 3),
        "at_risk_precision": round(hits / max(float(flagged.sum()), 1.0), 3),
        "consistent": bool(found["consistent"]),
    }


def choose(paths: dict[str, Users], truth: Array, count: int = 1000) -> dict[str, Any]:
    """Cross-validate every candidate on these (design) users and apply the protocol's rule."""
    oof = cross_validate(paths, truth)
    names = [c.name for c in CANDIDATES]
    # The criterion (macro-F1, mean over seeds and paths) on all users and on each resample.
    idx = resamples(len(truth), count)
    boot = np.zeros((len(CANDIDATES), count))
    observed = np.zeros(len(CANDIDATES))
    for i, c in enumerate(CANDIDATES):
        flat = oof[c.name]["level"].reshape(-1, len(truth))
        observed[i] = float(np.mean([macro_f1(truth, row) for row in flat]))
        boot[i] = np.mean([macro_f1_many(truth[idx], row[idx]) for row in flat], axis=0)
    best = int(np.argmax(observed))
    h0 = names.index("H0")
    rows: list[dict[str, Any]] = []
    for i, c in enumerate(CANDIDATES):
        row = candidate_row(c, oof[c.name], truth, list(paths))
        noise = float(np.std(boot[best] - boot[i]))
        lead = float(observed[best] - observed[i])
        low, high = np.percentile(boot[i] - boot[h0], [2.5, 97.5])
        row |= {
            "lead_of_best": round(lead, 4),
            "noise": round(noise, 4),
            "within_noise_of_best": lead <= noise + 1e-12,
            "lead_over_h0": round(float(observed[i] - observed[h0]), 4),
            "lead_over_h0_interval": [round(float(low), 4), round(float(high), 4)],
            "beats_h0_beyond_noise": c.name != "H0" and float(low) > 0,
            "meets_conditions": row["at_risk_auc"] >= 0.78 and row["consistent"],
        }
        rows.append(row)
    chosen, why = "H0", "the best candidate does not beat the shipped rule beyond noise"
    if rows[best]["beats_h0_beyond_noise"]:
        fits = [
            (CANDIDATES[i].simplicity(), -observed[i], i)
            for i, r in enumerate(rows)
            if r["within_noise_of_best"] and r["beats_h0_beyond_noise"] and r["meets_conditions"]
        ]
        chosen, why = "H0", "no candidate within noise of the best meets the conditions"
        if fits:
            chosen = rows[min(fits)[2]]["name"]
            why = (
                "the simplest candidate within noise of the best that beats the shipped rule "
                "beyond noise and meets the shipping conditions"
            )
    confusion = {}
    for name in {chosen, "H0"}:
        level = oof[name]["level"]
        total = np.zeros((K, K), dtype=np.int64)
        for flat in level.reshape(-1, len(truth)):
            total += np.bincount(truth * K + flat, minlength=K * K).reshape(K, K)
        confusion[name] = total.tolist()
    return {
        "rows": rows,
        "best": names[best],
        "chosen": chosen,
        "why": why,
        "confusion_summed_over_seeds_and_paths": confusion,
    }


# ------------------------------------------------------------------------------ reports


def choice_markdown(report: dict[str, Any]) -> str:
    v = report["versions"]
    lines = [
        "# C-SSRS users: choosing a better user level on the DESIGN half",
        "",
        f"Generated by `{COMMAND}`; numbers only, design half only (250 users, {SPLIT_RULE}); "
        "the test half's labels are not read. Protocol, written before this was run: "
        "`training/reports/cssrs_level_protocol.md`. Detector "
        f"`{v['model_version']}`, `{v['content_version']}`.",
        "",
        f"Stratified {FOLDS}-fold cross-validation repeated with seeds "
        f"{', '.join(map(str, SEEDS))}; learned candidates fitted on the training folds as the "
        "batch path reads them, scored on the held-out fold as each path reads it. Macro-F1 "
        "and AUC: means over seeds and both paths. Noise: 1,000 paired bootstrap resamples of "
        "the design users (seed 7).",
        "",
        "| candidate | macro-F1 | full | batch | SD over seeds | at-risk AUC | at-risk recall "
        "| at-risk precision | lead of best | noise (1 SD) | within noise | lead over H0 "
        "(95 % interval) | consistent |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        mark = " **(chosen)**" if r["name"] == report["chosen"] else ""
        mark += " (best)" if r["name"] == report["best"] else ""
        low, high = r["lead_over_h0_interval"]
        lines.append(
            f"| {r['candidate']}{mark} | {r['macro_f1']} | {r['macro_f1_per_path']['full']} | "
            f"{r['macro_f1_per_path']['batch']} | {r['macro_f1_sd_over_seeds']} | "
            f"{r['at_risk_auc']} | {r['at_risk_recall']} | {r['at_risk_precision']} | "
            f"{r['lead_of_best']} | {r['noise']} | "
            f"{'yes' if r['within_noise_of_best'] else 'no'} | {r['lead_over_h0']} "
            f"({low} to {high}) | {'yes' if r['consistent'] else 'no'} |"
        )
    lines += [
        "",
        f"**Chosen: {report['chosen']}** ({report['why']}).",
        "",
        "Per-level F1 (out of fold, mean over seeds and paths):",
        "",
        "| candidate | " + " | ".join(CLASSES) + " |",
        "|---" * (K + 1) + "|",
    ]
    for r in report["rows"]:
        cells = " | ".join(str(r["per_level_f1"][c]) for c in CLASSES)
        lines.append(f"| {r['name']} | {cells} |")
    for name, matrix in report["confusion_summed_over_seeds_and_paths"].items():
        lines += [
            "",
            f"## {name}: out-of-fold confusion, summed over the 5 seeds and 2 paths "
            "(rows = clinicians, columns = user level)",
            "",
            "| clinicians \\ user level | " + " | ".join(CLASSES) + " |",
            "|---" * (K + 1) + "|",
        ]
        for label, row in zip(CLASSES, matrix, strict=True):
            lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the 500-user C-SSRS CSV")
    parser.add_argument("--out", type=Path, default=REPORT_DIR)
    parser.add_argument("--cache", type=Path, help="the detector's per-post numbers, kept")
    args = parser.parse_args(argv)
    users = load_users(args.data)
    posts = cached_posts(users, args.data, args.cache)
    mask = half_mask(len(users), "design")
    design = np.flatnonzero(mask)
    truth = truth_of(users)[mask]  # design labels only
    paths = {p: Users.of([posts[p][i] for i in design]) for p in ("full", "batch")}
    versions = asdict(detector_versions())
    choice_json = args.out / "cssrs_level_choice.json"
    report = {"split": SPLIT_RULE, "versions": versions, **choose(paths, truth)}
    args.out.mkdir(parents=True, exist_ok=True)
    choice_json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = choice_markdown(report)
    (args.out / "cssrs_level_choice.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
