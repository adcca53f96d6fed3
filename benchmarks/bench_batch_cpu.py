"""CPU cost of the batch path in one process: posts per CPU second, for pairing two checkouts.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_batch_cpu.py [--posts 3000] [--runs 3]

Reads the same synthetic posts as `bench_check_text.py` with `Detector.batch().analyse_many`
after a warm-up and prints the best of `--runs` as posts per CPU second (process time, so other
jobs on the machine matter less than for wall-clock figures). To pair two checkouts, run it in
turn with each one's `src` first on `PYTHONPATH`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check_text import make_posts

from waylight.core.textrisk import Detector


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [str(p["text"]) for p in make_posts(args.posts)]
    detector = Detector.batch()
    detector.analyse_many(texts[:200])
    best = float("inf")
    for _ in range(args.runs):
        start = time.process_time()
        detector.analyse_many(texts)
        best = min(best, time.process_time() - start)
    print(f"{len(texts) / best:.0f} posts per CPU second ({len(texts)} posts, best of {args.runs})")


if __name__ == "__main__":
    main()
