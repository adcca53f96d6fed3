"""Benchmark `waylight scan`: posts per second and memory, local engine and Spark local[2].

    .venv/bin/python benchmarks/bench_scan.py --posts 1000000 --engine local
    .venv/bin/python benchmarks/bench_scan.py --posts 100000 300000   # memory as the input grows
    .venv/bin/python benchmarks/bench_scan.py --posts 1000000 --engine spark --master local[2]

Posts are synthetic, about 100 words each, made by `bench_check_text.make_posts`' templates
(neutral and concerning sentences written for Waylight; no data set is read or copied), written
to a temporary JSON-lines file (or Parquet with `--format parquet`). The real command runs as a
subprocess; the output is checked to hold one row per post. SPEC section 7 asks for one million
short posts in under 10 minutes on this 2-core machine. Results go in docs/benchmarks.md.

Memory: every 0.2 s the resident memory (RSS) of the command and all its processes (workers,
and for Spark the JVM and its Python workers) is summed; the peak is reported, with the peak of
the largest single process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check_text import make_posts

BLOCK = 10_000


def posts(n: int) -> Iterator[dict[str, object]]:
    """`n` synthetic posts, made in blocks so memory stays small for a million."""
    for start in range(0, n, BLOCK):
        for post in make_posts(min(BLOCK, n - start), seed=start):
            post["id"] = start + int(str(post["id"]))
            yield post


def write_input(path: Path, n: int, fmt: str) -> None:
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as out:
            for post in posts(n):
                out.write(json.dumps(post) + "\n")
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.int64()), ("text", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        block: list[dict[str, object]] = []
        for post in posts(n):
            block.append(post)
            if len(block) == 50_000:
                writer.write_table(pa.Table.from_pylist(block, schema=schema))
                block = []
        if block:
            writer.write_table(pa.Table.from_pylist(block, schema=schema))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                children = Path(f"/proc/{p}/task/{task}/children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryWatch(threading.Thread):
    """Samples the summed RSS of a process tree until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self.most_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            sizes = [_rss_kib(p) for p in _tree(self.pid)]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.most_processes = max(self.most_processes, len(sizes))
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def count_rows(path: Path, fmt: str) -> int:
    files = sorted(path.glob("part-*")) if path.is_dir() else [path]
    if fmt == "jsonl":
        total = 0
        for file in files:
            with file.open("rb") as handle:
                total += sum(1 for _ in handle)
        return total
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def run_once(inp: Path, out: Path, fmt: str, args: argparse.Namespace) -> dict[str, object]:
    exe = Path(sys.executable).with_name("waylight")
    cmd = [str(exe), "scan", str(inp), "-o", str(out), "--engine", args.engine]
    if args.engine == "spark":
        cmd += ["--master", args.master]
    elif args.workers:
        cmd += ["--workers", str(args.workers)]
    cpu_before = os.times()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watch = MemoryWatch(proc.pid)
    watch.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - t0
    watch.stop()
    cpu_after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"scan failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    cpu = (cpu_after.children_user - cpu_before.children_user) + (
        cpu_after.children_system - cpu_before.children_system
    )
    return {
        "seconds": elapsed,
        "rows": count_rows(out, fmt),
        "cpu_seconds": cpu,
        "peak_total_mib": watch.peak_total / 1024,
        "peak_single_mib": watch.peak_single / 1024,
        "processes": watch.most_processes,
        "summary": stdout.decode().splitlines()[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[100_000])
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--engine", choices=["local", "spark"], default="local")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--tmp", help="folder for the input and output (default: a temp folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for n in args.posts:
            inp = Path(tmp) / f"posts-{n}.{args.format}"
            t0 = time.perf_counter()
            write_input(inp, n, args.format)
            made = time.perf_counter() - t0
            out = Path(tmp) / f"out-{n}-{args.engine}.{args.format}"
            load_before = Path("/proc/loadavg").read_text().split()[0]
            result = run_once(inp, out, args.format, args)
            load_after = Path("/proc/loadavg").read_text().split()[0]
            if result["rows"] != n:
                raise SystemExit(f"expected {n} output rows, got {result['rows']}")
            seconds = float(str(result["seconds"]))
            print(
                f"{n:,} posts ({inp.stat().st_size / 2**20:,.0f} MiB {args.format}, made in "
                f"{made:.0f} s), engine {args.engine}"
                + (f" {args.master}" if args.engine == "spark" else "")
                + f": {seconds:,.1f} s, {n / seconds:,.0f} posts/s, "
                f"CPU {float(str(result['cpu_seconds'])):,.0f} s; peak memory "
                f"{float(str(result['peak_total_mib'])):,.0f} MiB in all "
                f"({result['processes']} processes), largest process "
                f"{float(str(result['peak_single_mib'])):,.0f} MiB; "
                f"load average {load_before} before, {load_after} after"
            )
            for line in result["summary"]:  # type: ignore[attr-defined]
                print("   ", line)
            inp.unlink()


if __name__ == "__main__":
    main()
