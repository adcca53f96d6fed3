"""How long `waylight --help` takes to start, as a whole process (SPEC section 7: under 300 ms).

Run: .venv/bin/python benchmarks/bench_cli_start.py [--runs 15]

Each run starts a fresh interpreter through the installed `waylight` console script; the first
run is a warm-up (it fills the operating system's file cache) and is not counted.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_MS = 300.0


def waylight_command() -> list[str]:
    script = Path(sys.executable).with_name("waylight")
    if script.exists():
        return [str(script)]
    found = shutil.which("waylight")
    return [found] if found else [sys.executable, "-m", "waylight"]


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    command = [*waylight_command(), "--help"]
    time_once(command)  # warm-up
    timings = sorted(time_once(command) for _ in range(args.runs))
    median = statistics.median(timings)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"command: {' '.join(command)}")
    print(
        f"runs: {args.runs}  min {timings[0]:.0f} ms  median {median:.0f} ms  "
        f"max {timings[-1]:.0f} ms  (target < {TARGET_MS:.0f} ms)"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
