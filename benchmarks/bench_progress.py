"""My progress with a year of daily check-ins: p95 under 100 ms on SQLite (issue: Recover).

Run: .venv/bin/python benchmarks/bench_progress.py [--requests 200] [--users 10] [--runs 3]

It starts the real server (`waylight serve`, SQLite in a fresh temporary data folder, loopback
only), gets a device key from the server as a browser would, then fills that device with a year
of data through the app's own services (so everything is encrypted exactly as in use): 365
daily check-ins with a note each (every note read by the text detector on the way in, as the
check-in form does), and a PHQ-9 and a GAD-7 kept every two weeks (52 results). Then it asks
for the progress page, which decrypts and draws all of it:

- one person: `--requests` GETs one after another, for the year (`?range=365`), everything
  (`?range=all`) and the default three months;
- `--users` people at once, each with its own device filled the same way, all asking for the
  year view, closed loop without think time (a stress test).

Latency counts from opening the connection to the last byte of the answer. It prints p50, p95
and p99 per run and the median of the runs, and exits 1 on any error. Two more figures help to
read them on a shared machine: the same page rendered in-process (Django's test client, wall
clock and CPU time, no HTTP), and help now (a page with no personal data) measured like the
progress page, so a slow run can be told from a slow page.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import HOST, Server  # the sibling module: the real server on loopback

TARGET_P95_MS = 100.0
DAYS = 365

SEED = r"""
import os, sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from waylight.core.assess import assess
from waylight.core.recover.journal import CheckIn
from waylight.web.models import KeptResult
from waylight.web.owner import Owner
from waylight.core.recover.notes import read_note
from waylight.web.services.journal import save_check_in

NOTES = [
    "Long day at school, walked home the slow way with music.",
    "Slept badly, felt flat most of the morning, better after lunch with Sam.",
    "Argument at home. Went to my room and did the breathing thing, it helped a bit.",
    "Good day. Football after school and pizza.",
    "Tired and a bit low. Watched a film and went to bed early.",
]
today = timezone.localdate()
for key_hash in sys.argv[1:]:
    owner = Owner(None, key_hash)
    for n in range(DAYS):
        day = today - timedelta(days=DAYS - 1 - n)
        entry = CheckIn(day=day, mood=(n * 7) % 11, urge=(n * 3) % 11, harmed=(n % 29 == 0),
                        coping=("toolbox-breathing",), sleep_hours=7.5, note=NOTES[n % 5])
        save_check_in(owner, entry, reading=read_note(entry.note, country="GB"))
    for n in range(DAYS // 14):
        when = timezone.now() - timedelta(days=DAYS - 1 - n * 14)
        for instrument, answers in (("phq9", ["1"] * 8 + ["0"]), ("gad7", ["1"] * 7)):
            result = assess(instrument, answers, country="GB")
            kept = KeptResult(device_key_hash=key_hash, instrument=instrument)
            kept.content = {"answers": answers, "result": result.to_dict(),
                            "band_label": result.band_label, "result_label": result.result_label}
            kept.save()
            KeptResult.objects.filter(pk=kept.pk).update(created_at=when)

# The page rendered in this process (Django's test client, no HTTP, no other request at once):
# wall clock and CPU time per render, for the first device.
import json, statistics, time
from django.test import Client
client = Client()
client.cookies["waylight_device"] = os.environ["BENCH_DEVICE_KEY"]
wall, cpu = [], []
for n in range(RENDERS + 5):
    w, c = time.perf_counter(), time.process_time()
    response = client.get("/progress/?range=365", HTTP_HOST="localhost")  # an allowed host
    assert response.status_code == 200 and b"chart-mood" in response.content
    if n >= 5:
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
cut = lambda xs: statistics.quantiles(sorted(xs), n=100, method="inclusive")
print(json.dumps({"wall_p50": statistics.median(wall), "wall_p95": cut(wall)[94],
                  "cpu_p50": statistics.median(cpu), "cpu_p95": cut(cpu)[94]}))
"""


def device_cookie(port: int) -> str:
    """A device key the server issues, as a browser gets one (the days-since switch)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("GET", "/progress/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf_cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    conn.close()
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request(
        "POST",
        "/progress/days-since/",
        body=f"csrfmiddlewaretoken={token}&show=on",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": csrf_cookie,
            "Referer": f"http://{HOST}:{port}/progress/",
            "Origin": f"http://{HOST}:{port}",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
    device = next(c for c in cookies if c.startswith("waylight_device="))
    conn.close()
    if response.status != 302:
        raise SystemExit(f"could not get a device key: HTTP {response.status}")
    return device


def seed(server: Server, cookies: list[str], renders: int) -> tuple[float, dict[str, float]]:
    """Fill the devices; then time `renders` renders in-process. (seconds, render stats)."""
    import hashlib
    import json

    hashes = [hashlib.sha256(c.split("=", 1)[1].encode()).hexdigest() for c in cookies]
    env = {
        **os.environ,
        "WAYLIGHT_DATA_DIR": str(server.data_dir),
        # The server's own keys (kept apart from the data), so the rows open for it.
        "WAYLIGHT_KEYS_DIR": str(server.data_dir.with_name(server.data_dir.name + "-keys")),
        "DJANGO_SETTINGS_MODULE": "waylight.web.settings",
        "BENCH_DEVICE_KEY": cookies[0].split("=", 1)[1],
    }
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", f"DAYS = {DAYS}\nRENDERS = {renders}\n" + SEED, *hashes],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"seeding failed:\n{done.stderr[-3000:]}")
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    return time.perf_counter() - started, stats


def get(port: int, path: str, cookie: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return (time.perf_counter() - started) * 1000, response.status, len(body)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return statistics.median(ordered), cut[94], cut[98]


def one_person(port: int, cookie: str, path: str, requests: int) -> tuple[list[float], int]:
    times, errors = [], 0
    for _ in range(requests):
        ms, status, _size = get(port, path, cookie)
        times.append(ms)
        errors += status != 200
    return times, errors


def many_people(port: int, cookies: list[str], path: str, requests: int) -> tuple[list[float], int]:
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    each = max(1, requests // len(cookies))

    def person(cookie: str) -> None:
        mine, bad = one_person(port, cookie, path, each)
        with lock:
            times.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=person, args=(c,)) for c in cookies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="GETs per run")
    parser.add_argument("--users", type=int, default=10, help="people at once (second part)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="server workers")
    args = parser.parse_args()

    server = Server(args.workers)
    failed = False
    try:
        server.wait_until_up()
        cookies = [device_cookie(server.port) for _ in range(max(1, args.users))]
        seconds, in_process = seed(server, cookies, args.requests)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; server: {' '.join(server.shown_command())}"
        )
        print(
            f"seeded {len(cookies)} devices x ({DAYS} check-ins + {2 * (DAYS // 14)} results)"
            f" in {seconds:.1f} s"
        )
        print(
            f"in-process render (Django test client, a year, {args.requests} renders): "
            f"wall p50 {in_process['wall_p50']:.1f} ms, p95 {in_process['wall_p95']:.1f} ms; "
            f"CPU p50 {in_process['cpu_p50']:.1f} ms, p95 {in_process['cpu_p95']:.1f} ms"
        )
        size = get(server.port, "/progress/?range=365", cookies[0])[2]
        print(f"progress page (a year): {size / 1024:.0f} KiB of HTML")
        for _ in range(20):  # warm up every worker
            get(server.port, "/progress/?range=365", cookies[0])
        cases = [
            (
                "one person, a year",
                lambda: one_person(server.port, cookies[0], "/progress/?range=365", args.requests),
            ),
            (
                "one person, everything",
                lambda: one_person(server.port, cookies[0], "/progress/?range=all", args.requests),
            ),
            (
                "one person, 3 months",
                lambda: one_person(server.port, cookies[0], "/progress/", args.requests),
            ),
            (
                "baseline: one person, help now",
                lambda: one_person(server.port, cookies[0], "/help-now/", args.requests),
            ),
            (
                f"{len(cookies)} people at once, a year",
                lambda: many_people(server.port, cookies, "/progress/?range=365", args.requests),
            ),
        ]
        for name, run in cases:
            p95s = []
            for number in range(1, args.runs + 1):
                times, errors = run()
                p50, p95, p99 = percentiles(times)
                p95s.append(p95)
                failed = failed or errors > 0
                print(
                    f"{name:34} run {number}: n={len(times)} errors={errors} "
                    f"p50={p50:.1f} ms p95={p95:.1f} ms p99={p99:.1f} ms"
                )
            verdict = "under" if statistics.median(p95s) < TARGET_P95_MS else "OVER"
            print(
                f"{name:34} median p95 {statistics.median(p95s):.1f} ms ({verdict} "
                f"{TARGET_P95_MS:.0f} ms)"
            )
    finally:
        server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
