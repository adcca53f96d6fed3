"""Benchmark the text detector: posts per second through `waylight check-text --jsonl` and the API.

    .venv/bin/python benchmarks/bench_check_text.py --posts 20000 --runs 5

`check-text --jsonl` takes the batch path by default (rules, the learned reader's fast heads
and the post model; no sentence encoder); the script also times `--no-resources`,
`--second-reader` (the encoder also reads the posts the fast heads are unsure about; on a
hundredth of the posts) and the Python API on the three paths, with the share of posts
`--second-reader` sends to the encoder.

Posts are synthetic, about 100 words each, built here from neutral and concerning phrase
templates (no data set is read or copied). About one post in four carries a concerning phrase,
so the rules' context reading is exercised, not only the fast path. SPEC section 7 asks for at
least 2,000 posts per second on a 2-core machine; results go in docs/benchmarks.md.

It also reports the model's load time and the command's peak memory (`/usr/bin/time -v` when
present, else the resource module).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Literal

NEUTRAL = [
    "Today I went to the market and bought some apples and bread for the week.",
    "My cousin is visiting next month and we plan to walk along the river.",
    "The new game update is out and the servers were slow all evening.",
    "I finished the chapter on cell biology and the quiz is on Friday.",
    "We watched a film about space travel and the ending was surprising.",
    "Work was busy, with three meetings and a long list of emails to answer.",
    "The weather turned cold so I finally found my winter coat in the loft.",
    "Does anyone know a good recipe for lentil soup that kids will eat?",
    "This exam is killing me but the library is quiet and warm at least.",
    "I'd kill for a pizza right now, the canteen food was awful today.",
    "Our team won the match on Saturday after a very close second half.",
    "I started learning the guitar and my fingers hurt from the strings.",
    "The bus was late again and I missed the first part of the lecture.",
    "My friend recommended a podcast about history and it is really good.",
    "We are painting the kitchen this weekend, probably a light green colour.",
    "lol I'm dead, that video of the cat falling off the sofa is so funny.",
]
CONCERNING = [
    "Honestly I feel so alone lately and nothing will ever get better.",
    "I have been cutting again and I hide it from everyone at home.",
    "Some nights I just want to die and I can't sleep at all.",
    "I used to self-harm, but I am two years clean and proud of it.",
    "My friend told me she has been cutting herself and I don't know how to help.",
    "I would never kill myself, but I am so tired all the time.",
    "Everyone would be better off without me, I'm such a burden.",
    "kms lol this homework is impossible",
    "I don't want to wake up tomorrow, I'm done with everything.",
    "If you ever feel suicidal please call a helpline, you are not alone.",
]


def make_posts(n: int, seed: int = 7) -> list[dict[str, object]]:
    """`n` synthetic posts of about 100 words, reproducible from `seed`."""
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        sentences = [rng.choice(NEUTRAL) for _ in range(7)]
        if rng.random() < 0.25:
            sentences[rng.randrange(len(sentences))] = rng.choice(CONCERNING)
        posts.append({"id": i, "text": " ".join(sentences)})
    return posts


def bench_cli(path: Path, n: int, extra: tuple[str, ...] = ()) -> tuple[float, int, float]:
    """Posts per second through the real command, its peak memory (KiB) and posts per CPU second.

    Posts per CPU second (user + system time of the command) is what one idle core would do; it
    varies much less than wall time on a machine shared with other jobs.
    """
    exe = Path(sys.executable).with_name("waylight")
    cmd = [str(exe), "check-text", "--jsonl", *extra]
    time_bin = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if time_bin:
        cmd = [time_bin, "-v", *cmd]
    with path.open("rb") as stdin:
        t0 = time.perf_counter()
        done = subprocess.run(cmd, stdin=stdin, capture_output=True, check=True)
        elapsed = time.perf_counter() - t0
    lines = done.stdout.count(b"\n")
    if lines != n:
        raise SystemExit(f"expected {n} output lines, got {lines}")
    peak = 0
    cpu = 0.0
    for line in done.stderr.decode().splitlines():
        if "Maximum resident set size" in line:
            peak = int(line.rsplit(":", 1)[1])
        if "User time (seconds)" in line or "System time (seconds)" in line:
            cpu += float(line.rsplit(":", 1)[1])
    if not peak:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss
    return n / elapsed, peak, (n / cpu if cpu else 0.0)


def bench_api(texts: list[str], *, second_reader: bool | Literal["unsure"] = True) -> float:
    from waylight.core.textrisk import Detector

    detector = Detector.default().variant(second_reader=second_reader)
    t0 = time.perf_counter()
    for i in range(0, len(texts), 256):
        detector.analyse_many(texts[i : i + 256])
    return len(texts) / (time.perf_counter() - t0)


def bench_load() -> float:
    """Seconds to import the detector and load the model, in a fresh interpreter."""
    code = (
        "import time; t=time.perf_counter();"
        "from waylight.core.textrisk import Detector; Detector.default().analyse('hello');"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    posts = make_posts(args.posts)
    words = statistics.mean(len(str(p["text"]).split()) for p in posts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        path.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
        cli = [bench_cli(path, args.posts) for _ in range(args.runs)]
        one = [bench_cli(path, args.posts, ("--workers", "1")) for _ in range(args.runs)]
        bare = [bench_cli(path, args.posts, ("--no-resources",)) for _ in range(args.runs)]
        # The encoder reads tens of 100-word posts a second: a hundredth of the posts keeps
        # its rows short.
        small = Path(tmp) / "posts-small.jsonl"
        n_small = max(1, args.posts // 100)
        small.write_text("".join(json.dumps(p) + "\n" for p in posts[:n_small]), encoding="utf-8")
        second = [bench_cli(small, n_small, ("--second-reader",)) for _ in range(args.runs)]
    texts = [str(p["text"]) for p in posts]
    bench_api(texts[:512])  # warm-up: load content and model once
    api = [bench_api(texts[:n_small]) for _ in range(args.runs)]
    api_unsure = [bench_api(texts[:n_small], second_reader="unsure") for _ in range(args.runs)]
    api_batch = [bench_api(texts, second_reader=False) for _ in range(args.runs)]
    loads = [bench_load() for _ in range(3)]
    print(f"posts: {args.posts} of {words:.0f} words on average; runs: {args.runs}")
    for label, runs in (
        ("check-text --jsonl", cli),
        ("check-text --jsonl --workers 1", one),
        ("check-text --jsonl --no-resources", bare),
        (f"check-text --jsonl --second-reader ({n_small} posts)", second),
    ):
        print(
            f"{label}: median {statistics.median(r for r, _, _ in runs):,.0f} posts/s "
            f"(runs: {', '.join(f'{r:,.0f}' for r, _, _ in runs)}); "
            f"{statistics.median(c for _, _, c in runs):,.0f} posts per CPU second; "
            f"peak memory {max(m for _, m, _ in runs) / 1024:.0f} MiB per process"
        )
    print(f"load average after the runs: {Path('/proc/loadavg').read_text().split()[0]}")
    for label, runs_api in (
        (f"API analyse_many (one process, encoder on every post; {n_small} posts)", api),
        (f"API analyse_many (one process, encoder where unsure; {n_small} posts)", api_unsure),
        ("API analyse_many (one process, the batch path: no encoder)", api_batch),
    ):
        print(
            f"{label}: median {statistics.median(runs_api):,.0f} posts/s "
            f"(runs: {', '.join(f'{r:,.0f}' for r in runs_api)})"
        )
    print(f"import + model load + first text: median {statistics.median(loads):.2f} s")
    print(f"share of posts --second-reader sends to the encoder: {encoder_share(texts):.1%}")


def encoder_share(texts: list[str]) -> float:
    from waylight.core.textrisk import Detector

    unsure = Detector.default().variant(second_reader="unsure")
    if unsure.reader is None:
        return 0.0
    signals = unsure.signal_vectors(texts)
    return len(unsure.full_choice(unsure.reader.score(texts, signals))) / len(texts)


if __name__ == "__main__":
    main()
