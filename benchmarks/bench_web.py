"""Web load benchmark (SPEC section 7): p95 under 100 ms per page, 50 concurrent users, SQLite.

Run: .venv/bin/python benchmarks/bench_web.py [--users 50] [--duration 20] [--workers 3]

It starts the real server (`waylight serve`, the production server, SQLite in a fresh temporary
data folder, loopback only), warms it up, then drives closed-loop virtual users, each on its own
HTTP/1.1 keep-alive connection (asyncio streams, no third-party client), over four pages in turn:

- home            GET /
- learn item      GET a knowledge-base item page
- check result    the last POST of the PHQ-9 flow, which answers with the result page: each
                  user first walks the questions once (untimed) as a browser would (CSRF
                  cookie and token, signed `state` field), then re-posts the last answer
- help now        GET the help-now page

It is bounded in time (--duration) and in requests (--max-requests), prints per-page count,
errors, p50/p95/p99 in ms, and exits 1 if any request failed (or 3 if a p95 misses the target
with --strict). Nothing leaves the machine: the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
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


def _serve_options() -> str:
    out = subprocess.run([*_waylight(), "serve", "--help"], capture_output=True, text=True)
    return out.stdout


class Server:
    """`waylight serve` in its own process group, on a free loopback port, fresh data folder."""

    def __init__(self, workers: int, threads: int) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="waylight-bench-"))
        self.port = _free_port()
        self.url = f"http://{HOST}:{self.port}"
        options = _serve_options()
        command = [*_waylight(), "serve", "--host", HOST, "--port", str(self.port)]
        if "--workers" in options:
            command += ["--workers", str(workers)]
        if "--threads" in options:
            command += ["--threads", str(threads)]
        env = {
            **os.environ,
            "WAYLIGHT_DATA_DIR": str(self.data_dir),
            "WEB_CONCURRENCY": str(workers),
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
        if response.status == 200 and b"result" not in response.body.lower():
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


def _print_report(stats: dict[str, PageStats], elapsed_s: float, args: argparse.Namespace) -> None:
    total = sum(s.count for s in stats.values())
    print(
        f"{args.users} users, {elapsed_s:.1f} s, {total} requests, {total / elapsed_s:.0f} req/s, "
        f"think time {args.think_ms} ms"
    )
    print(f"{'page':<14}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, page in stats.items():
        s = page.summary()
        mark = "" if s["p95_ms"] < TARGET_P95_MS else "  (p95 over target)"
        print(
            f"{name:<14}{s['count']:>7}{s['errors']:>8}{s['p50_ms']:>9}{s['p95_ms']:>9}"
            f"{s['p99_ms']:>9}{mark}"
        )
        for error in sorted(set(page.errors))[:5]:
            print(f"    error: {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of measured load")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--think-ms", type=int, default=0, help="pause after each response")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="also print one JSON summary line")
    parser.add_argument("--strict", action="store_true", help="exit 3 when a p95 misses 100 ms")
    args = parser.parse_args()

    server = Server(args.workers, args.threads)
    try:
        server.wait_until_up()
        args.port = server.port
        plan = _plan(args, _learn_item_path(server.url))
        warm = LoadPlan(**{**plan.__dict__, "duration_s": args.warmup})
        asyncio.run(run_load(warm))
        stats, elapsed = asyncio.run(run_load(plan))
    finally:
        server.stop()

    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"server: {' '.join(Path(c).name if c.startswith('/') else c for c in server.command)}")
    _print_report(stats, elapsed, args)
    if args.json:
        print(json.dumps({name: page.summary() for name, page in stats.items()}))
    if any(page.errors for page in stats.values()):
        return 1
    if args.strict and any(page.percentile(95) >= TARGET_P95_MS for page in stats.values()):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
