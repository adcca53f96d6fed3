"""Benchmark the text detector's language check: microseconds per post, English and Spanish.

    .venv/bin/python benchmarks/bench_language_check.py --posts 20000 --runs 5

English posts are the synthetic ~100-word posts of `bench_check_text.py`; Spanish posts are
built the same way from a few Spanish sentences written here. Every English post stops at the
"enough English" step; the Spanish ones go through the word lists. The character model is loaded
before timing (it loads once per process, on first use). Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench_check_text import make_posts

from waylight.core.textrisk.language import read_language

SPANISH = [
    "Hoy fui al mercado y compré pan y fruta para toda la semana.",
    "Mi prima viene de visita el mes que viene y vamos a pasear por el río.",
    "Terminé el capítulo de biología y el examen es el viernes.",
    "El autobús llegó tarde otra vez y me perdí el principio de la clase.",
    "Estoy muy cansada y no sé con quién hablar de esto.",
    "Nuestro equipo ganó el partido del sábado después de una segunda parte muy igualada.",
    "Empecé a aprender guitarra y me duelen los dedos de las cuerdas.",
]


def spanish_posts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(SPANISH) for _ in range(7)) for _ in range(n)]


def time_per_post(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        read_language(text)
    return (time.perf_counter() - start) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    english = [str(p["text"]) for p in make_posts(args.posts)]
    spanish = spanish_posts(args.posts)
    read_language("quisiera desaparecer")  # loads the lists and the character model
    assert all(read_language(t).supported for t in english[:200])
    assert not any(read_language(t).supported for t in spanish[:200])
    for name, texts in (("English", english), ("Spanish", spanish)):
        runs = [time_per_post(texts) for _ in range(args.runs)]
        shown = " / ".join(f"{r:.1f}" for r in runs)
        print(f"{name}: median {statistics.median(runs):.1f} µs per post ({shown})")


if __name__ == "__main__":
    main()
