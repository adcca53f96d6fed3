"""Web load benchmark (SPEC section 7): p95 under 100 ms per page, 50 concurrent users, SQLite.

Run: .venv/bin/python benchmarks/bench_web.py [--users 50] [--duration 20] [--runs 3]
         [--think-ms 1000] [--workers N]

It starts the real server (`waylight serve`, the production server, SQLite in a fresh temporary
data folder, loopback only), warms it up, then drives closed-loop virtual users, each on its own
HTTP/1.1 keep-alive connection (asyncio streams, no third-party client), over four pages in turn.
A user waits a think time after each page (mean 1 s, jittered 0.5x to 1.5x), as a person
reading does; `--think-ms 0` sends requests flat out, a stress test of throughput instead.

- home            GET /
- learn item      GET a knowledge-base item page
- check result    the last POST of the PHQ-9 flow, which answers with the result page: each
                  user first walks the questions once (untimed) as a browser would (CSRF
                  cookie and token, signed `state` field), then re-posts the last answer
- help now        GET the help-now page

It is bounded in time (--duration per run) and in requests (--max-requests per run), prints
per-page count, errors, p50/p95/p99 in ms for each run and the median of the runs, and exits 1
if any request failed (3 if a p95 misses the target, with --strict). Latency counts from
writing the request to the last byte of the response. Nothing leaves the machine: the server
listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_load import (  # the sibling module, found through the path above
    HttpError,
    LoadPlan,
    PageStats,
    Response,
    Session,
    csrf_token,
    run_load,
)

TARGET_P95_MS = 100.0
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _waylight() -> list[str]:
    script = Path(sys.executable).with_name("waylight")
    return [str(script)] if script.exists() else [sys.executable, "-m", "waylight"]


class Server:
    """`waylight serve` in its own process group, on a free loopback port, fresh data folder."""

    def __init__(self, workers: int | None) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="waylight-bench-"))
        self.port = _free_port()
        self.url = f"http://{HOST}:{self.port}"
        command = [*_waylight(), "serve", "--host", HOST, "--port", str(self.port)]
        if workers is not None:
            command += ["--workers", str(workers)]
        env = {
            **os.environ,
            "WAYLIGHT_DATA_DIR": str(self.data_dir),
            # Keys never sit in the data folder; a throwaway folder beside it.
            "WAYLIGHT_KEYS_DIR": str(self.data_dir.with_name(self.data_dir.name + "-keys")),
        }
        env.pop("DATABASE_URL", None)
        self.command = command
        self.log = (self.data_dir / "server.log").open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_until_up(self, timeout_s: float = 90.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.25)
        raise SystemExit(f"server did not answer within {timeout_s:.0f} s:\n{self.log_tail()}")

    def shown_command(self) -> list[str]:
        return [Path(part).name if part.startswith("/") else part for part in self.command]

    def log_tail(self) -> str:
        self.log.flush()
        text = (self.data_dir / "server.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-30:])

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.rmtree(self.data_dir.with_name(self.data_dir.name + "-keys"), ignore_errors=True)


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _learn_item_path(base: str) -> str:
    """The first knowledge-base item linked from the first section, found as a reader would."""
    sections = re.findall(r'href="(/learn/[a-z0-9_-]+/)"', _fetch(base + "/learn/"))
    sections = [s for s in sections if s not in ("/learn/search/", "/learn/quiz/")]
    if not sections:
        raise SystemExit("no knowledge-base section linked from /learn/")
    items = re.findall(
        rf'href="({re.escape(sections[0])}[a-z0-9_-]+/)"', _fetch(base + sections[0])
    )
    if not items:
        raise SystemExit(f"no item linked from {sections[0]}")
    return str(items[0])


# The PHQ-9 as the result step answers it: "several days" to items 1 to 8, "not at all" to
# item 9 (so the page measured is the ordinary result, not the help-now path), and "somewhat
# difficult" to the functional question, which comes last.
PHQ9_ANSWERS = ["1", "1", "1", "1", "1", "1", "1", "1", "0", "1"]
CHECK_PATH = "/check/phq9/"
RESULT_HEADING = re.compile(rb"<h1[^>]*>\s*Your [^<]*result\s*</h1>")


def _hidden(html: bytes, name: str) -> str:
    for tag in re.findall(rb"<input[^>]*>", html):
        if re.search(rb'name="%s"' % name.encode(), tag):
            value = re.search(rb'value="([^"]*)"', tag)
            if value:
                return value.group(1).decode()
    raise RuntimeError(f"no hidden field {name!r} in the check page")


def _plan(args: argparse.Namespace, learn_item: str) -> LoadPlan:
    # Per user: the CSRF token and the signed state after every answer but the last.
    last_step: dict[int, tuple[str, str]] = {}
    referer = f"http://{HOST}:{args.port}{CHECK_PATH}"

    def get(path: str) -> Callable[[Session], Awaitable[Response]]:
        async def step(session: Session) -> Response:
            return await session.get(path)

        return step

    async def prepare(session: Session) -> None:
        page = await session.get(CHECK_PATH)
        for answer in PHQ9_ANSWERS[:-1]:
            fields = [
                ("csrfmiddlewaretoken", csrf_token(page.body)),
                ("state", _hidden(page.body, "state")),
                ("answer", answer),
                ("action", "next"),
            ]
            page = await session.post_form(CHECK_PATH, fields, referer=referer)
            if page.status != 200:
                raise RuntimeError(f"check flow answered HTTP {page.status}")
        last_step[id(session)] = (csrf_token(page.body), _hidden(page.body, "state"))

    async def post_result(session: Session) -> Response:
        token, state = last_step[id(session)]
        fields = [
            ("csrfmiddlewaretoken", token),
            ("state", state),
            ("answer", PHQ9_ANSWERS[-1]),
            ("action", "next"),
        ]
        response = await session.post_form(CHECK_PATH, fields, referer=referer)
        if response.status == 200 and not RESULT_HEADING.search(response.body):
            raise HttpError("the last answer did not give a result page")
        return response

    return LoadPlan(
        host=HOST,
        port=args.port,
        steps={
            "home": (get("/"), 200),
            "learn item": (get(learn_item), 200),
            "check result": (post_result, 200),
            "help now": (get("/help-now/"), 200),
        },
        users=args.users,
        duration_s=args.duration,
        max_requests=args.max_requests,
        think_s=args.think_ms / 1000,
        prepare=prepare,
    )


def _print_table(title: str, rows: dict[str, dict[str, float | int]]) -> None:
    print(title)
    print(f"  {'page':<14}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, row in rows.items():
        mark = "" if row["p95_ms"] < TARGET_P95_MS else "  (p95 over target)"
        print(
            f"  {name:<14}{row['count']:>7}{row['errors']:>8}{row['p50_ms']:>9}{row['p95_ms']:>9}"
            f"{row['p99_ms']:>9}{mark}"
        )


def _median_rows(runs: list[dict[str, PageStats]]) -> dict[str, dict[str, float | int]]:
    """Per page, the median over runs of each figure (errors: the total over all runs)."""
    out: dict[str, dict[str, float | int]] = {}
    for name in runs[0]:
        summaries = [run[name].summary() for run in runs]
        row: dict[str, float | int] = {
            key: round(statistics.median(s[key] for s in summaries), 1)
            for key in ("p50_ms", "p95_ms", "p99_ms")
        }
        row["count"] = round(statistics.median(int(s["count"]) for s in summaries))
        row["errors"] = sum(int(s["errors"]) for s in summaries)
        out[name] = row
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each run")
    parser.add_argument("--runs", type=int, default=3, help="measured runs; the median is kept")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of unmeasured load")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap for each run")
    parser.add_argument(
        "--think-ms", type=int, default=1000, help="mean pause after each response (0: flat out)"
    )
    parser.add_argument("--workers", type=int, default=None, help="default: serve's own")
    parser.add_argument("--json", action="store_true", help="also print one JSON summary line")
    parser.add_argument("--strict", action="store_true", help="exit 3 when a p95 misses 100 ms")
    args = parser.parse_args()

    server = Server(args.workers)
    runs: list[dict[str, PageStats]] = []
    try:
        server.wait_until_up()
        args.port = server.port
        plan = _plan(args, _learn_item_path(server.url))
        warm = dataclasses.replace(plan, duration_s=args.warmup)
        asyncio.run(run_load(warm))
        print(
            f"machine: {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
        )
        print(f"server: {' '.join(server.shown_command())}")
        for number in range(1, args.runs + 1):
            stats, elapsed = asyncio.run(run_load(plan))
            total = sum(s.count for s in stats.values())
            _print_table(
                f"run {number}: {args.users} users, think {args.think_ms} ms, {elapsed:.1f} s, "
                f"{total} requests, {total / elapsed:.0f} req/s",
                {name: page.summary() for name, page in stats.items()},
            )
            runs.append(stats)
    finally:
        server.stop()

    rows = _median_rows(runs)
    target = f"target: p95 < {TARGET_P95_MS:.0f} ms, 0 errors"
    _print_table(f"median of {len(runs)} runs ({target})", rows)
    if args.json:
        print(json.dumps(rows))
    for name, stats in ((n, s) for run in runs for n, s in run.items()):
        for error in sorted(set(stats.errors))[:3]:
            print(f"error on {name}: {error}")
    if any(row["errors"] for row in rows.values()):
        return 1
    if args.strict and any(row["p95_ms"] >= TARGET_P95_MS for row in rows.values()):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
