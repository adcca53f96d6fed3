"""Benchmark what the depression level head adds to the batch path, per post.

    .venv/bin/python benchmarks/bench_level_features.py --posts 4000 --runs 3 \
        [--level-head training/cache/level_head]

Posts are the synthetic ~100-word posts of `bench_check_text.py`. Prints CPU microseconds per
post (best of `runs`) for the whole batch path (`Detector.batch().analyse_many`) with and
without a depression level head (the shipped one, else the one in `--level-head`, as
`python -m training.train_level_head` writes it; without either, these rows are left out),
the post model alone, the features the level head reads
(the hashed words with the character 3-4-grams of each word, and the static sentence
embedding: the learned reader computes both once per batch and shares them), and the level
head's own work on those shared features (its weighting and dot products). The runs of the
two batch paths alternate, so a change in the machine's load reaches both. Results go in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bench_check_text import make_posts

if TYPE_CHECKING:
    from waylight.core.textrisk import Detector


def main() -> None:
    from waylight.core.textrisk import Detector
    from waylight.core.textrisk.features import hashed_counts
    from waylight.core.textrisk.level_head import LevelHead
    from waylight.core.textrisk.static import StaticEmbedder

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--level-head",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "training" / "cache" / "level_head",
        help="a level head's folder, read when the package ships none",
    )
    args = parser.parse_args()
    texts = [str(p["text"]) for p in make_posts(args.posts)]
    detector = Detector.batch()
    if detector.level_head is None and (args.level_head / "depression_head.npz").is_file():
        detector = detector.with_level_head(LevelHead.read(args.level_head))
    without = detector.variant(second_reader=False, level_head=False)
    detector.analyse_many(texts[:50])  # loads every part before timing
    embedder = StaticEmbedder.load()
    model, reader, head = detector.model, detector.reader, detector.level_head
    assert model is not None and reader is not None

    def per_post(work: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(args.runs):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        return best / len(texts) * 1e6

    rows: dict[str, Callable[[], object]] = {}
    if head is None:
        print(f"no level head (none ships, none in {args.level_head}): its rows are left out")
    else:
        batch_pair(detector, without, texts, args.runs)
        shared = [reader.shared_features(texts[i : i + 2000]) for i in range(0, len(texts), 2000)]
        rows["level head on the shared features"] = lambda: [head.probabilities(f) for f in shared]
    rows |= {
        "post model (words, all heads)": lambda: model.predict(texts),
        "hashed words and pairs": lambda: hashed_counts(texts),
        "hashed words, pairs, character 3-4-grams": lambda: hashed_counts(texts, subwords=True),
        "static sentence embedding": lambda: embedder.embed(texts),
    }
    for name, work in rows.items():
        print(f"{name}: {per_post(work):.0f} CPU us/post")


def batch_pair(detector: Detector, without: Detector, texts: list[str], runs: int) -> None:
    """The batch path with and without the level head, in turn, CPU us per post."""
    paired: dict[str, list[float]] = {"with the level head": [], "without": []}
    for _ in range(runs):
        for name, which in (("with the level head", detector), ("without", without)):
            started = time.process_time()
            which.analyse_many(texts)
            paired[name].append((time.process_time() - started) / len(texts) * 1e6)
    for name, values in paired.items():
        shown = " / ".join(f"{v:.0f}" for v in values)
        print(f"batch path (analyse_many), {name}: {min(values):.0f} CPU us/post ({shown})")
    ratios = [a / b for a, b in zip(*paired.values(), strict=True)]
    print("paired ratio, with / without: " + " / ".join(f"{r:.3f}" for r in ratios))


if __name__ == "__main__":
    main()
