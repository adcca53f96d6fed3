"""A small closed-loop HTTP/1.1 load generator on asyncio streams (no third-party client).

Each virtual user keeps one keep-alive connection (reopened when the server closes it), sends a
request, reads the whole response, optionally waits a think time, and goes again. Latency is
measured from just before the request is written (or the connection opened, when it has to be)
to the last byte of the body, so a server that refuses keep-alive pays its reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import re
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

REQUEST_TIMEOUT_S = 10.0
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


class HttpError(Exception):
    """A response we could not read, or one that broke the protocol."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    set_cookies: list[str]
    body: bytes


class Connection:
    """One HTTP/1.1 connection to host:port, reopened transparently when the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self.reconnects = 0

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            self.reconnects += 1
        return self._reader, self._writer

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> Response:
        reader, writer = await self._open()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        try:
            response = await self._read_response(reader)
        except BaseException:
            await self.close()
            raise
        if response.headers.get("connection", "").lower() == "close":
            await self.close()
        return response

    async def _read_response(self, reader: asyncio.StreamReader) -> Response:
        status_line = await reader.readline()
        if not status_line:
            raise HttpError("server closed the connection before answering")
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HttpError(f"bad status line {status_line[:80]!r}")
        status = int(parts[1])
        headers: dict[str, str] = {}
        set_cookies: list[str] = []
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                set_cookies.append(value)
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked(reader)
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif status in (204, 304):
            body = b""
        else:  # no length: the body runs to the end of the connection
            body = await reader.read()
            headers["connection"] = "close"
        return Response(status, headers, set_cookies, body)

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip(), 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)


@dataclass
class Session:
    """A virtual user's browser state: its connection and cookies."""

    connection: Connection
    cookies: dict[str, str] = field(default_factory=dict)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"User-Agent": "waylight-bench/1", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep_cookies(self, response: Response) -> None:
        for raw in response.set_cookies:
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    async def get(self, path: str) -> Response:
        response = await self.connection.request("GET", path, self._headers())
        self._keep_cookies(response)
        return response

    async def post_form(self, path: str, fields: list[tuple[str, str]], referer: str) -> Response:
        body = urlencode(fields).encode()
        headers = self._headers(
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer}
        )
        response = await self.connection.request("POST", path, headers, body)
        self._keep_cookies(response)
        return response


def csrf_token(html: bytes) -> str:
    match = CSRF_FIELD.search(html)
    if not match:
        raise HttpError("no csrfmiddlewaretoken in the form page")
    return match.group(1).decode()


# A step is one timed request: it gets the user's session and returns the response.
Step = Callable[[Session], Awaitable[Response]]


@dataclass
class PageStats:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        # nearest rank: the smallest value with at least p % of the requests at or below it
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]

    def summary(self) -> dict[str, float | int]:
        return {
            "count": self.count,
            "errors": len(self.errors),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 1)
            if self.latencies_ms
            else float("nan"),
        }


@dataclass
class LoadPlan:
    host: str
    port: int
    steps: dict[str, tuple[Step, int]]  # page name -> (step, expected status)
    users: int
    duration_s: float
    max_requests: int
    think_s: float
    # run once per user before its timed requests (for example to fetch a CSRF token)
    prepare: Callable[[Session], Awaitable[None]] | None = None
    # the users' sessions, kept from one run to the next (warm-up, then measured runs)
    sessions: dict[int, Session] = field(default_factory=dict)


async def _user(
    plan: LoadPlan, user_index: int, stop_at: float, budget: list[int], stats: dict[str, PageStats]
) -> None:
    session = plan.sessions.get(user_index)
    if session is None:  # a new user: fresh cookies, prepared once, kept for later runs
        session = plan.sessions[user_index] = Session(Connection(plan.host, plan.port))
        if plan.prepare is not None:
            await plan.prepare(session)
    rng = random.Random(user_index)  # the same think times on every run
    names = list(plan.steps)
    turn = user_index  # users start on different pages so the mix is even from the first second
    try:
        while time.monotonic() < stop_at and budget[0] > 0:
            budget[0] -= 1
            name = names[turn % len(names)]
            turn += 1
            step, expected = plan.steps[name]
            started = time.perf_counter()
            try:
                response = await asyncio.wait_for(step(session), REQUEST_TIMEOUT_S)
            except (TimeoutError, HttpError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                stats[name].errors.append(f"{type(e).__name__}: {e}")
                await session.connection.close()
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            if response.status != expected:
                stats[name].errors.append(f"HTTP {response.status} (expected {expected})")
            else:
                stats[name].latencies_ms.append(elapsed_ms)
            if plan.think_s:
                # Jittered, so that users do not move in step with each other.
                await asyncio.sleep(plan.think_s * rng.uniform(0.5, 1.5))
    finally:
        await session.connection.close()


async def run_load(plan: LoadPlan) -> tuple[dict[str, PageStats], float]:
    """Drive plan.users concurrent users until the duration or the request budget runs out."""
    stats = {name: PageStats() for name in plan.steps}
    budget = [plan.max_requests]
    started = time.monotonic()
    stop_at = started + plan.duration_s

    async def user_after(delay_s: float, index: int) -> None:
        await asyncio.sleep(delay_s)  # users arrive spread over the first think time
        await _user(plan, index, stop_at, budget, stats)

    spread = plan.think_s / plan.users
    await asyncio.gather(*(user_after(i * spread, i) for i in range(plan.users)))
    return stats, time.monotonic() - started
