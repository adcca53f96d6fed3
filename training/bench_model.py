"""Throughput of the shipped text model alone (no rules): posts of about 100 words per second.

    python -m training.bench_model [--posts 5000] [--runs 5] [--batch 1000]

The posts are made up from a small list of everyday words (no data from ../shared/data), so the
benchmark runs anywhere. It prints the load time and the median, min and max posts/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence

_WORD_LIST = (
    "i you we they it is was am are be been have had do did not no never always today "
    "yesterday tomorrow work school home friend friends family mum dad sister brother day "
    "night morning tired sad happy okay fine good bad better worse sleep eat talk walk feel "
    "feeling felt think thought know want need like love hate life time week year again really "
    "so very just still can't don't won't I'm it's that's, . ! ? and but or because then when "
    "about with without for from to of in on at the a an my your our their this that these"
)
WORDS = tuple(_WORD_LIST.split())


def make_posts(n: int, words_per_post: int = 100, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(words_per_post)) for _ in range(n)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from waylight.core.textrisk.model import TextModel

    model = TextModel.load()
    load_s = time.perf_counter() - started
    posts = make_posts(args.posts)
    model.predict(posts[: args.batch])  # warm the token cache, as a long run would
    rates = []
    for _ in range(args.runs):
        t = time.perf_counter()
        for i in range(0, len(posts), args.batch):
            model.predict(posts[i : i + args.batch])
        rates.append(len(posts) / (time.perf_counter() - t))
    print(
        f"load {load_s:.2f} s (with imports); posts/s median {statistics.median(rates):,.0f} "
        f"min {min(rates):,.0f} max {max(rates):,.0f} ({args.runs} runs of {len(posts)} posts)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
