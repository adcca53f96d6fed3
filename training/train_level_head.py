"""Train and write the chosen depression level head (`depression_head.npz`, `.json`).

    python -m training.train_level_head [--data PATH] [--seed 13] [--out training/cache/level_head]
    python -m training.evaluate --depression-only --level-head training/cache/level_head

The head is the one `training.depression_head` chose on the validation split by its protocol
(`training/reports/depression_head_protocol.md`): **ordinal source-aware words+chars+static**,
three cumulative class-balanced logistic heads (above none, above mild, above moderate) over
hashed TF-IDF of words, word pairs and character 3-4-grams of each word (with its own IDF, from
every training-split text) and the static sentence embedding, each head's C from 1, 4, 16 by
its validation log loss, a DepSign `moderate` post saying nothing about "above mild", then a
temperature fitted on validation log loss. It is fitted here exactly as there
(`depression_head.fit_head`), so the head written is the head that was compared.

In the detector the head reads the learned reader's features of each text
(`waylight.core.textrisk.level_head`), computed once per batch. After writing, this module
reads the validation split's DepSign and Naseem posts with the whole detector (batch path)
with the written head in place, prints its figures, and checks that the stored head (float32
weights) gives each validation post the same detector level as the head fitted in memory.
The test split is never read here.

The files go to `training/cache/level_head/` (outside the package), not to the model folder:
measured once on the test split (`training.evaluate --depression-only --level-head`), this
head scored below the shipped one on DepSign and does not ship (docs/model-card.md). Writing
it with `--out src/waylight/core/textrisk/model` would make the detector read it (and change
`model_version`).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training import data as data_module
from training import train
from training.depression_head import (
    CANDIDATES,
    Featuriser,
    RuleReads,
    fit_head,
    level_rows,
    scheme_rows,
)
from training.depression_level import SCHEMES, macro_f1
from training.npz import save_npz
from training.train import Example
from waylight.core.textrisk import Detector
from waylight.core.textrisk.combine import DEPRESSION_LEVELS
from waylight.core.textrisk.features import N_FEATURES
from waylight.core.textrisk.level_head import FORMAT, LEVEL_HEAD_JSON, LEVEL_HEAD_NPZ, LevelHead

CHOSEN = "ordinal source-aware words+chars+static"
OUT_DIR = Path(__file__).resolve().parent / "cache" / "level_head"


def level_head_from(fitted: Any, idf: np.ndarray) -> LevelHead:
    """The run-time head from the three fitted scikit-learn heads (hashed columns first, then
    the static embedding's, as `Featuriser` stacks them)."""
    coef = np.vstack([m.coef_.ravel() for m in fitted.models])  # (3, N_FEATURES + DIMENSIONS)
    bias = np.array([float(m.intercept_[0]) for m in fitted.models])
    return LevelHead(
        idf=np.asarray(idf, dtype=np.float32),
        sparse=np.ascontiguousarray(coef[:, :N_FEATURES], dtype=np.float32),
        static=np.ascontiguousarray(coef[:, N_FEATURES:].T).astype(np.float32),
        bias=bias,
        temperature=float(fitted.temperature),
    )


def write_head(head: LevelHead, info: dict[str, Any], out: Path) -> LevelHead:
    """Write the head's files; return the head as read back from them."""
    out.mkdir(parents=True, exist_ok=True)
    save_npz(out / LEVEL_HEAD_NPZ, head.to_arrays())
    digest = hashlib.sha256((out / LEVEL_HEAD_NPZ).read_bytes()).hexdigest()[:12]
    info = {**info, "version": f"{datetime.date.today().isoformat()}+{digest}"}
    (out / LEVEL_HEAD_JSON).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return LevelHead.read(out)


def validation_figures(
    examples: Sequence[Example], head: LevelHead, fitted: Any, featuriser: Featuriser
) -> dict[str, Any]:
    """The whole detector's depression level on the validation split with `head` in place,
    and how many posts' levels differ from the in-memory head's (by the rule reads of
    `depression_head`)."""
    base = Detector.default().variant(second_reader=False, level_head=False)
    shipped = base.with_level_head(head)
    by_scheme = scheme_rows([e for e in examples if e.split == "val"])
    out: dict[str, Any] = {}
    for scheme, rows in by_scheme.items():
        labels, mapping = SCHEMES[scheme]
        texts = [e.text for e in rows]
        truth = np.array([mapping[int(e.labels["level"] or 0)] for e in rows])
        got = np.array(
            [
                mapping[DEPRESSION_LEVELS.index(r.depression.level)]
                for r in shipped.analyse_many(texts)
            ]
        )
        memory = RuleReads.read(base, texts).detector_levels(
            fitted.probabilities(featuriser.matrix(f"val:{scheme}", texts, chars=True, static=True))
        )
        out[scheme] = {
            "posts": len(rows),
            "macro_f1": round(macro_f1(got, truth, len(labels)), 4),
            "levels_unlike_the_fitted_head": int(
                np.sum(got != np.array([mapping[int(level)] for level in memory]))
            ),
        }
    out["objective"] = round(float(np.mean([out[s]["macro_f1"] for s in SCHEMES])), 4)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="data folder (default: $WAYLIGHT_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(OUT_DIR), help="where to write the head's files")
    parser.add_argument("--seed", type=int, default=train.SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    root, examples = train.load_examples(args.data, seed=args.seed)
    candidate = next(c for c in CANDIDATES if c.name == CHOSEN)
    train_rows, y_train = level_rows(examples, "train")
    val_rows, y_val = level_rows(examples, "val")
    featuriser = Featuriser([e.text for e in examples if e.split == "train"])
    kw = {"chars": candidate.chars, "static": candidate.static}
    x_train = featuriser.matrix("train", [e.text for e in train_rows], **kw)
    x_val = featuriser.matrix("val", [e.text for e in val_rows], **kw)
    fitted = fit_head(
        candidate, x_train, y_train, train_rows, x_val, y_val, val_rows, seed=args.seed
    )
    print(f"fitted ({time.perf_counter() - started:.0f} s)", flush=True)
    info = {
        "format": FORMAT,
        "what": "depression level head: three cumulative heads (above none, above mild, "
        "above moderate), source-aware, over the learned reader's features",
        "candidate": CHOSEN,
        "features": "word unigrams + bigrams + character 3-4-grams of each word, CRC-32 "
        "hashed, sublinear TF x IDF (its own IDF), L2 norm; then the static sentence "
        "embedding (unit length)",
        "chosen_C": fitted.chosen_c,
        "temperature": fitted.temperature,
        "val_log_loss": fitted.val_log_loss,
        "trained_on": {
            "split": "train",
            "level_labelled_posts": len(train_rows),
            "idf_texts": int(sum(e.split == "train" for e in examples)),
            "per_level": {lv: int(np.sum(y_train == i)) for i, lv in enumerate(DEPRESSION_LEVELS)},
        },
        "seed": args.seed,
        "versions": train.package_versions(),
        "data_sha256": {str(p["file"]): p["sha256"] for p in data_module.data_provenance(root)},
    }
    head = write_head(level_head_from(fitted, featuriser.char_idf), info, Path(args.out))
    figures = validation_figures(examples, head, fitted, featuriser)
    print(json.dumps({"validation_whole_detector": figures}, indent=2))
    print(f"done ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
