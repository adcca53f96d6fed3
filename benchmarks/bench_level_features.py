"""Benchmark what richer depression level features would add to the batch path, per post.

    .venv/bin/python benchmarks/bench_level_features.py --posts 4000 --runs 3

Posts are the synthetic ~100-word posts of `bench_check_text.py`. Prints CPU microseconds per
post (best of `runs`) for the whole batch path (`Detector.batch().analyse_many`), the post
model alone, and the features a level head could add if it computed them itself: the hashed
words with the character 3-4-grams of each word, and the static sentence embedding (both are
what the learned reader already computes for the texts it reads). Results go in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from bench_check_text import make_posts


def main() -> None:
    from waylight.core.textrisk import Detector
    from waylight.core.textrisk.features import hashed_counts
    from waylight.core.textrisk.static import StaticEmbedder

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [str(p["text"]) for p in make_posts(args.posts)]
    detector = Detector.batch()
    detector.analyse_many(texts[:50])  # loads every part before timing
    embedder = StaticEmbedder.load()
    model = detector.model
    assert model is not None

    def per_post(work: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(args.runs):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        return best / len(texts) * 1e6

    rows = {
        "batch path (analyse_many)": lambda: detector.analyse_many(texts),
        "post model (words, all heads)": lambda: model.predict(texts),
        "hashed words and pairs": lambda: hashed_counts(texts),
        "hashed words, pairs, character 3-4-grams": lambda: hashed_counts(texts, subwords=True),
        "static sentence embedding": lambda: embedder.embed(texts),
    }
    for name, work in rows.items():
        print(f"{name}: {per_post(work):.0f} CPU us/post")


if __name__ == "__main__":
    main()
