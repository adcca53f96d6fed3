"""User-level figures on Reddit users rated on the C-SSRS scale, with a design half and a test half.

    python -m training.cssrs --data PATH/500_Reddit_users_posts_labels.csv [--out DIR]
    python -m training.cssrs --data PATH/500_Reddit_users_posts_labels.csv --choose
    (either with --cache FILE to keep the detector's per-post numbers between runs)

The data set (Gaur et al., "Knowledge-aware assessment of severity of suicide risk for early
intervention", WWW 2019; Zenodo, doi:10.5281/zenodo.2667859, CC BY) holds 500 Reddit users,
each with their posts in r/SuicideWatch and neighbouring forums and one label given by
clinicians on the Columbia scale: Supportive (posts supporting others), Indicator, Ideation,
Behavior, Attempt. It is not in `../shared/data` and is not shipped: pass a copy of its CSV
(`User`, `Post` as a list of strings, `Label`). Its texts were preprocessed by the authors
(some words replaced by medical terms), which makes them harder for any reader.

**Two halves, fixed before any figure was looked at.** A user whose data row in the CSV has an
even index (counting from 0, the header not counted) is in the DESIGN half, an odd index in the
TEST half (250 users each). The user-level rule (`waylight.core.user_level`) was chosen on the
design half only (`--choose`), from a small family written down before the choice; the test
half was then read once with the chosen rule. Figures on the design half, and on all 500
users, are on data the rule was chosen on.

How a user is read: every post is read by the detector (`full`, the encoder on every post, as
for single texts; or `batch`, as `waylight scan` reads), and `waylight.core.user_level.read_user`
turns the posts' levels and suicide-risk scores into a user level and score, the same function
the authors output of `waylight scan` uses. Two rules are reported: the highest level and
score over the posts (the reading of every report before this split), and the shipped rule.
Levels map one to one: none -> Supportive, indicator -> Indicator, ideation -> Ideation,
behavior -> Behavior, attempt -> Attempt.

The choice (`--choose`): the level part and the score part are chosen separately, each from
12 candidates (`LEVEL_FAMILY`, `SCORE_FAMILY`), by the mean over the two detector paths of the
design half's 5-level macro-F1 (level part) or at-risk AUC (score part). A candidate is within
noise of the best when the best's lead over it is at most one standard deviation of that lead
over 1,000 paired bootstrap resamples of the design users (seed 7); of those, the one with the
fewest departures from the highest-post rule wins (then the higher figure). So the highest-post
rule stays unless something beats it by more than noise.

Reported: at-risk ROC AUC (Ideation, Behavior or Attempt against Supportive or Indicator, on
the user score), 5-level macro-F1, the confusion matrix, and at-risk recall and precision at
the user level, per half, with bootstrap 95 % intervals on the test half. Writes
`training/reports/cssrs.{json,md}` (`--choose`: `cssrs_choice.{json,md}`), numbers only,
never texts.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score

from training.user_model import PostReading
from waylight.core.scan import ScanInput, scan_rows
from waylight.core.textrisk.detector import Detector
from waylight.core.user_level import (
    DEFAULT_RULE,
    HIGHEST_POST_RULE,
    LEVEL_ORDER,
    UserLevelRule,
    read_user,
)
from waylight.core.versions import detector_versions

REPORT_DIR = Path(__file__).resolve().parent / "reports"
CLASSES = ("Supportive", "Indicator", "Ideation", "Behavior", "Attempt")
AT_RISK = {"Ideation", "Behavior", "Attempt"}
HALVES = ("test", "design", "all")
SPLIT_RULE = "data row index in the CSV (from 0, header not counted): even -> design, odd -> test"
PATHS: dict[str, Callable[[], Detector]] = {
    "full": Detector.default,
    "batch": Detector.batch,
}
PATH_NAMES = {"full": "full (encoder on every post)", "batch": "batch (as `waylight scan`)"}
BOOTSTRAP = 1000
SEED = 7
COMMAND = "python -m training.cssrs --data PATH/500_Reddit_users_posts_labels.csv"

# The family the rule was chosen from, written down before the choice (24 candidates).
# Score: how strong a writer's posts are taken together; a writer who posts about their own
# risk usually does so more than once, while one strong reply to someone else is one post.
SCORE_FAMILY: tuple[UserLevelRule, ...] = tuple(
    UserLevelRule(score=method, top=top, set_aside_others_in_score=others)  # type: ignore[arg-type]
    for method, top in (
        ("max", 1),
        ("top", 2),
        ("top", 3),
        ("noisy_or", 1),
        ("mean", 1),
        ("share", 1),
    )
    for others in (False, True)
)
# Level: a level reached by one post may be a reply, a quote or a misreading; asking for two or
# three posts at ideation (or behavior) reads what the writer says repeatedly. An attempt post
# is always trusted alone.
LEVEL_FAMILY: tuple[UserLevelRule, ...] = tuple(
    UserLevelRule(ideation_posts=i, behavior_posts=b, set_aside_others_in_level=others)
    for i in (1, 2, 3)
    for b in (1, 2)
    for others in (False, True)
)
# A post list is written as a Python list literal whose quoting is not always valid Python;
# posts are cut at the separators between quoted items instead of evaluating it.
_SEPARATOR = re.compile(r"""['"],\s*['"]""")

Users = Sequence[tuple[list[str], str]]
# Each user's posts as the detector read them (every per-post output a user-level candidate
# may use; `PostReading.user_post()` gives what the shipped user level reads).
PostsByUser = list[list[PostReading]]


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


def half_of(index: int) -> str:
    """The half of the user on data row `index` of the CSV (see `SPLIT_RULE`)."""
    return "design" if index % 2 == 0 else "test"


def half_mask(n: int, half: str) -> np.ndarray[Any, np.dtype[np.bool_]]:
    if half == "all":
        return np.ones(n, dtype=bool)
    return np.array([half_of(i) == half for i in range(n)])


def read_posts(users: Users, detector: Detector) -> PostsByUser:
    """Every user's posts as the detector reads them (rows numbered from 1 per user)."""
    inputs = [ScanInput(None, text=p) for posts, _ in users for p in posts]
    rows = iter(scan_rows(inputs, detector=detector))
    out: PostsByUser = []
    for posts, _ in users:
        mine = []
        for j in range(len(posts)):
            mine.append(PostReading.of(j + 1, next(rows)))
        out.append(mine)
    return out


def cached_posts(
    users: Users, data: Path, cache: Path | None, paths: Sequence[str] = tuple(PATHS)
) -> dict[str, PostsByUser]:
    """Per-post numbers for `paths` (both by default): from `cache` when it is for this file,
    detector and paths."""
    versions = detector_versions()
    key = {
        "data_sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
        "model_version": versions.model_version,
        "content_version": versions.content_version,
        "per_post": list(PostReading.__dataclass_fields__),
        **({} if list(paths) == list(PATHS) else {"paths": list(paths)}),
    }
    if cache is not None and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return {
                path: [[PostReading(**p) for p in user] for user in users_posts]
                for path, users_posts in stored["paths"].items()
            }
        print(f"{cache}: for another file or detector, reading the posts again", flush=True)
    found: dict[str, PostsByUser] = {}
    for path in paths:
        started = time.time()
        found[path] = read_posts(users, PATHS[path]())
        print(f"{PATH_NAMES[path]}: posts read in {time.time() - started:.0f} s", flush=True)
    if cache is not None:
        stored_paths = {p: [[asdict(x) for x in user] for user in v] for p, v in found.items()}
        cache.write_text(json.dumps({"key": key, "paths": stored_paths}), encoding="utf-8")
    return found


def readings(posts: PostsByUser, rule: UserLevelRule) -> tuple[np.ndarray[Any, Any], ...]:
    """Each user's level (index in LEVEL_ORDER; unread: 0) and score (unread: 0) under `rule`."""
    level = np.zeros(len(posts), dtype=np.int64)
    score = np.zeros(len(posts))
    for i, mine in enumerate(posts):
        reading = read_user([p.user_post() for p in mine], rule)
        level[i] = LEVEL_ORDER.index(reading.level) if reading.level else 0
        score[i] = reading.score or 0.0
    return level, score


def truth_of(users: Users) -> np.ndarray[Any, Any]:
    return np.array([CLASSES.index(label) for _, label in users])


def at_risk(truth: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.isin(truth, [CLASSES.index(c) for c in AT_RISK])


def auc(truth: np.ndarray[Any, Any], score: np.ndarray[Any, Any]) -> float:
    return float(roc_auc_score(at_risk(truth), score))


def macro_f1(truth: np.ndarray[Any, Any], level: np.ndarray[Any, Any]) -> float:
    labels = range(len(CLASSES))
    return float(f1_score(truth, level, labels=labels, average="macro", zero_division=0))


def figures(
    truth: np.ndarray[Any, Any], level: np.ndarray[Any, Any], score: np.ndarray[Any, Any]
) -> dict[str, Any]:
    """The user-level figures of one rule on one set of users."""
    truth_risk = at_risk(truth)
    found = level >= LEVEL_ORDER.index("ideation")
    hit = int((truth_risk & found).sum())
    per_level = f1_score(truth, level, average=None, labels=range(len(CLASSES)), zero_division=0)
    return {
        "users": len(truth),
        "per_label": {c: int((truth == i).sum()) for i, c in enumerate(CLASSES)},
        "at_risk_auc": round(auc(truth, score), 3),
        "macro_f1_5_levels": round(macro_f1(truth, level), 3),
        "per_level_f1": {c: round(float(f), 3) for c, f in zip(CLASSES, per_level, strict=True)},
        "at_risk_recall": round(hit / max(int(truth_risk.sum()), 1), 3),
        "at_risk_precision": round(hit / max(int(found.sum()), 1), 3),
        "confusion": confusion_matrix(truth, level, labels=range(len(CLASSES))).tolist(),
    }


def resamples(n: int, count: int = BOOTSTRAP, seed: int = SEED) -> np.ndarray[Any, Any]:
    """`count` bootstrap resamples of `n` users (indices), the same for every rule compared."""
    return np.random.default_rng(seed).integers(0, n, size=(count, n))


def interval(values: Sequence[float]) -> list[float]:
    low, high = np.percentile(np.asarray(values), [2.5, 97.5])
    return [round(float(low), 3), round(float(high), 3)]


def test_intervals(
    truth: np.ndarray[Any, Any],
    new: tuple[np.ndarray[Any, Any], ...],
    old: tuple[np.ndarray[Any, Any], ...],
) -> dict[str, list[float]]:
    """Bootstrap 95 % intervals of the shipped rule's figures and of its lead over the old."""
    runs: dict[str, list[float]] = {k: [] for k in ("auc", "f1", "auc_lead", "f1_lead")}
    for idx in resamples(len(truth)):
        t = truth[idx]
        if at_risk(t).all() or not at_risk(t).any():
            continue
        a_new, a_old = auc(t, new[1][idx]), auc(t, old[1][idx])
        f_new, f_old = macro_f1(t, new[0][idx]), macro_f1(t, old[0][idx])
        runs["auc"].append(a_new)
        runs["f1"].append(f_new)
        runs["auc_lead"].append(a_new - a_old)
        runs["f1_lead"].append(f_new - f_old)
    return {k: interval(v) for k, v in runs.items()}


# ------------------------------------------------------------------------------ the choice


def departures(rule: UserLevelRule, part: str) -> int:
    """How far a candidate is from the highest-post rule: its number of changed settings."""
    if part == "score":
        return int(rule.score != "max") + int(rule.set_aside_others_in_score)
    return (
        int(rule.ideation_posts != 1)
        + int(rule.behavior_posts != 1)
        + int(rule.set_aside_others_in_level)
    )


def choose_part(
    part: str,
    posts: dict[str, PostsByUser],
    truth: np.ndarray[Any, Any],
    count: int = BOOTSTRAP,
) -> dict[str, Any]:
    """Choose the level part or the score part on the users given (the design half)."""
    family = LEVEL_FAMILY if part == "level" else SCORE_FAMILY
    measure = macro_f1 if part == "level" else auc
    pick = 0 if part == "level" else 1
    outputs = [{p: readings(v, rule)[pick] for p, v in posts.items()} for rule in family]

    def criterion(out: dict[str, Any], idx: np.ndarray[Any, Any]) -> float:
        return float(np.mean([measure(truth[idx], out[p][idx]) for p in posts]))

    every = np.arange(len(truth))
    observed = np.array([criterion(o, every) for o in outputs])
    best = int(np.argmax(observed))
    leads: list[np.ndarray[Any, Any]] = []
    for idx in resamples(len(truth), count):
        if at_risk(truth[idx]).all() or not at_risk(truth[idx]).any():
            continue
        values = np.array([criterion(o, idx) for o in outputs])
        leads.append(values[best] - values)
    spread = np.std(np.array(leads), axis=0)
    rows = []
    for i, rule in enumerate(family):
        lead = float(observed[best] - observed[i])
        rows.append(
            {
                "rule": rule.describe(part),
                "settings": asdict(rule),
                "departures": departures(rule, part),
                "per_path": {p: round(measure(truth, outputs[i][p]), 3) for p in posts},
                "mean": round(float(observed[i]), 4),
                "lead_of_best": round(lead, 4),
                "noise": round(float(spread[i]), 4),
                "within_noise": lead <= float(spread[i]) + 1e-12,
            }
        )
    fits = [i for i, r in enumerate(rows) if r["within_noise"]]
    chosen = min(fits, key=lambda i: (rows[i]["departures"], -observed[i]))
    return {"part": part, "rows": rows, "best": best, "chosen": chosen}


def choice_markdown(choice: dict[str, dict[str, Any]], command: str) -> str:
    lines = [
        "# C-SSRS users: choosing the user-level rule on the DESIGN half",
        "",
        f"Generated by `{command}`; numbers only, design half only (250 users, {SPLIT_RULE}). "
        "The test half is not read by this command.",
    ]
    for part, name in (("level", "5-level macro-F1"), ("score", "at-risk AUC")):
        c = choice[part]
        lines += [
            "",
            f"## {part} part, by {name} (mean of the two detector paths)",
            "",
            "| candidate | departures | full | batch | mean | lead of best | noise (1 SD) | "
            "within noise |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for i, r in enumerate(c["rows"]):
            mark = " **(chosen)**" if i == c["chosen"] else (" (best)" if i == c["best"] else "")
            lines.append(
                f"| {r['rule']}{mark} | {r['departures']} | {r['per_path'].get('full', '-')} | "
                f"{r['per_path'].get('batch', '-')} | {r['mean']} | {r['lead_of_best']} | "
                f"{r['noise']} | {'yes' if r['within_noise'] else 'no'} |"
            )
    return "\n".join(lines)


# ------------------------------------------------------------------------------ the report


def evaluate(users: Users, posts: dict[str, PostsByUser]) -> dict[str, Any]:
    """Both rules on every half for both paths, with test-half intervals for the shipped rule."""
    truth = truth_of(users)
    report: dict[str, Any] = {
        "split": SPLIT_RULE,
        "rules": {"highest_post": HIGHEST_POST_RULE.describe(), "shipped": DEFAULT_RULE.describe()},
        "paths": {},
    }
    for path, found in posts.items():
        old, new = readings(found, HIGHEST_POST_RULE), readings(found, DEFAULT_RULE)
        entry: dict[str, Any] = {"posts": sum(len(p) for p in found)}
        for half in HALVES:
            mask = half_mask(len(users), half)
            entry[half] = {
                "highest_post": figures(truth[mask], old[0][mask], old[1][mask]),
                "shipped": figures(truth[mask], new[0][mask], new[1][mask]),
            }
        mask = half_mask(len(users), "test")
        entry["test_intervals"] = test_intervals(
            truth[mask], (new[0][mask], new[1][mask]), (old[0][mask], old[1][mask])
        )
        report["paths"][path] = entry
    return report


def markdown(report: dict[str, Any], command: str) -> str:
    versions = report["versions"]
    lines = [
        "# C-SSRS-rated Reddit users (Gaur et al. 2019): user-level figures",
        "",
        f"Generated by `{command}`; numbers only. Detector `{versions['model_version']}`, "
        f"`{versions['content_version']}`. Halves: {report['split']}. The shipped rule "
        f"({report['rules']['shipped']}) was chosen on the design half "
        "(`--choose`, training/reports/cssrs_choice.md); the test half is the only figure on "
        "data nothing was chosen on. The highest-post rule is the reading of earlier reports.",
        "",
        "| detector | half | rule | users | at-risk AUC | 5-level macro-F1 | at-risk recall | "
        "at-risk precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    names = {"test": "**test**", "design": "design (chosen on)", "all": "all (partly chosen on)"}
    for path, entry in report["paths"].items():
        for half in HALVES:
            for rule in ("shipped", "highest_post"):
                r = entry[half][rule]
                lines.append(
                    f"| {PATH_NAMES[path]} | {names[half]} | {rule.replace('_', ' ')} | "
                    f"{r['users']} | {r['at_risk_auc']} | {r['macro_f1_5_levels']} | "
                    f"{r['at_risk_recall']} | {r['at_risk_precision']} |"
                )
    lines += [
        "",
        "Test half, bootstrap 95 % intervals (1,000 resamples of the 250 test users, seed 7):",
        "",
        "| detector | shipped AUC | shipped macro-F1 | AUC lead over highest post | "
        "macro-F1 lead over highest post |",
        "|---|---|---|---|---|",
    ]
    for path, entry in report["paths"].items():
        ci = entry["test_intervals"]
        lines.append(
            f"| {PATH_NAMES[path]} | {ci['auc']} | {ci['f1']} | {ci['auc_lead']} | "
            f"{ci['f1_lead']} |"
        )
    for path, entry in report["paths"].items():
        for rule in ("shipped", "highest_post"):
            r = entry["test"][rule]
            lines += [
                "",
                f"## {PATH_NAMES[path]}, {rule.replace('_', ' ')} rule, test half: confusion "
                "(rows = clinicians, columns = user level)",
                "",
                "| clinicians \\ user level | " + " | ".join(CLASSES) + " | F1 |",
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
    parser.add_argument(
        "--choose", action="store_true", help="choose the rule on the design half only"
    )
    parser.add_argument(
        "--cache", type=Path, help="keep the detector's per-post numbers here between runs"
    )
    parser.add_argument(
        "--paths",
        nargs="+",
        choices=tuple(PATHS),
        default=list(PATHS),
        help="which detector paths read the posts (default both; the full path reads every "
        "post with the encoder, about half an hour on two cores)",
    )
    args = parser.parse_args(argv)
    users = load_users(args.data)
    posts = cached_posts(users, args.data, args.cache, args.paths)
    args.out.mkdir(parents=True, exist_ok=True)
    versions = asdict(detector_versions())
    if args.choose:
        mask = half_mask(len(users), "design")
        design = {p: [v[i] for i in np.flatnonzero(mask)] for p, v in posts.items()}
        truth = truth_of(users)[mask]
        choice = {part: choose_part(part, design, truth) for part in ("level", "score")}
        command = f"{COMMAND} --choose"
        out = {"split": SPLIT_RULE, "versions": versions, **choice}
        (args.out / "cssrs_choice.json").write_text(json.dumps(out, indent=2) + "\n", "utf-8")
        text = choice_markdown(choice, command)
        (args.out / "cssrs_choice.md").write_text(text + "\n", encoding="utf-8")
        print(text)
        return 0
    report = evaluate(users, posts)
    report["versions"] = versions
    (args.out / "cssrs.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    paths = "" if list(args.paths) == list(PATHS) else " --paths " + " ".join(args.paths)
    text = markdown(report, COMMAND + paths)
    (args.out / "cssrs.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
