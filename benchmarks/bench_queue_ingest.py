"""Benchmark the triage queue's API ingest: posts per second through the API with a key, SQLite.

    .venv/bin/python benchmarks/bench_queue_ingest.py --posts 20000 --batch 100 --clients 4

It starts the real server (`waylight serve`: gunicorn, SQLite in a fresh temporary data folder,
loopback only), makes an API key with the real command (`waylight apikey create`), then sends
the posts to `POST /api/queue/posts` in batches from `--clients` concurrent clients, each call
on a new connection (the server's sync workers do not keep connections alive), until every post
is sent. Rate limits are off (`WAYLIGHT_RATE_LIMITS=0`): this measures the server, not the
limit. No webhook is set, so nothing else is sent.

Posts are synthetic, about 100 words each, from the text detector benchmark's templates
(`bench_check_text.make_posts`: neutral and concerning sentences written for Waylight; no data
set is read), spread over `--authors` authors so that early warning follows real timelines,
with a time each. Each post is read by the detector (the batch detector, as `waylight scan`),
queued or kept as a history line, and its author's early warning updated, all committed before
the call answers.

Before timing, each worker gets warm-up calls (the first call in a worker loads the detector).
Every answer is checked: status 200, one answer per post sent. It prints posts/s, calls/s,
call latency (p50, p95, max), the server's CPU time (all its processes, from /proc) and posts
per server CPU second (which varies far less than wall time on a shared machine), how many
posts were queued, and the load average before and after. Results go in docs/benchmarks.md
("Triage queue ingest").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check_text import make_posts

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def waylight() -> list[str]:
    script = Path(sys.executable).with_name("waylight")
    return [str(script)] if script.exists() else [sys.executable, "-m", "waylight"]


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    command = [*waylight(), "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2):
                return server
        except (urllib.error.URLError, OSError):
            if server.poll() is not None:
                raise SystemExit(f"the server stopped:\n{log.read_text()[-2000:]}") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not answer within 120 s")


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of the server and its workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        process = todo.pop()
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in os.listdir(f"/proc/{process}/task"):
                todo += [
                    int(c)
                    for c in Path(f"/proc/{process}/task/{task}/children").read_text().split()
                ]
        except (OSError, ValueError, IndexError):
            continue
    return total


def call(url: str, key: str, posts: list[dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    body = json.dumps({"posts": posts}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.loads(response.read())
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
    return time.perf_counter() - started, answer


def batches(n: int, size: int, authors: int, prefix: str) -> list[list[dict[str, Any]]]:
    posts = make_posts(n, seed=11)
    start = 1_772_400_000  # 2026-03-01, in Unix seconds
    out: list[list[dict[str, Any]]] = []
    for index, post in enumerate(posts):
        if index % size == 0:
            out.append([])
        out[-1].append(
            {
                "id": f"{prefix}{post['id']}",
                "text": post["text"],
                "author": f"author-{index % authors}",
                "time": start + index * 60,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=100, help="posts per call (at most 100)")
    parser.add_argument("--clients", type=int, default=4, help="calls in flight at once")
    parser.add_argument("--authors", type=int, default=1_000)
    parser.add_argument(
        "--workers", type=int, default=None, help="server workers (default: serve's)"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="waylight-bench-queue-"))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "WAYLIGHT_DATA_DIR": str(folder / "data"),
        "WAYLIGHT_KEYS_DIR": str(folder / "keys"),
        "WAYLIGHT_RATE_LIMITS": "0",
    }
    made = subprocess.run(
        [*waylight(), "apikey", "create", "Benchmark forum", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    key = json.loads(made.stdout)["key"]
    workers = args.workers or max(2, min(8, (os.cpu_count() or 1) * 2))
    port = free_port()
    server = start_server(env, port, workers, folder / "server.log")
    url = f"http://{HOST}:{port}/api/queue/posts"
    try:
        for warm in batches(workers * 4 * 10, 10, 50, "warm-"):
            call(url, key, warm)
        work = batches(args.posts, args.batch, args.authors, "p-")
        latencies: list[float] = []
        tiers: Counter[str] = Counter()
        statuses: Counter[str] = Counter()
        errors: list[str] = []
        lock = threading.Lock()
        todo = iter(work)

        def client() -> None:
            while True:
                with lock:
                    batch = next(todo, None)
                if batch is None:
                    return
                try:
                    seconds, answer = call(url, key, batch)
                except (urllib.error.URLError, OSError, RuntimeError) as exc:
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                with lock:
                    latencies.append(seconds)
                    if len(answer["posts"]) != len(batch):
                        errors.append("wrong number of answers")
                    for post in answer["posts"]:
                        tiers[post["concern"]] += 1
                        statuses[post["status"]] += 1

        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_s(server.pid)
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        cpu = server_cpu_s(server.pid) - cpu_before
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)

    sent = sum(statuses.values())
    cuts = sorted(latencies)
    p95 = cuts[max(0, int(len(cuts) * 0.95) - 1)] if cuts else float("nan")
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"server: {workers} workers, SQLite; {args.clients} clients, {args.batch} posts per call, "
        f"{args.authors} authors"
    )
    print(f"posts answered: {sent:,} of {args.posts:,}; errors: {len(errors)} {Counter(errors)}")
    print(f"wall time: {wall:.1f} s; posts/s: {sent / wall:,.0f}; calls/s: {len(cuts) / wall:.1f}")
    print(
        f"call latency: p50 {statistics.median(cuts) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {cuts[-1] * 1000:.0f} ms"
    )
    print(f"server CPU time: {cpu:.1f} s; posts per server CPU second: {sent / cpu:,.0f}")
    print(f"statuses: {dict(statuses)}; concern: {dict(tiers)}")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after")
    if errors or sent != args.posts:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
