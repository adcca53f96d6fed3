"""Does a burst of slow PDFs stall help now? Help-now latency while PDFs are drawn flat out.

Run: .venv/bin/python benchmarks/bench_pdf_help_now.py [--pdf-clients 6] [--duration 15]

It starts the real server (`waylight serve`, 4 workers, SQLite, loopback only), saves a full
safety plan in Japanese and Korean (the slowest to draw: the shipped CJK font is embedded), then
for --duration seconds keeps --pdf-clients clients downloading its PDF back to back while one
client asks for /help-now/ every 100 ms. It does this twice: with the PDF gate off
(WAYLIGHT_PDF_SLOTS=0) and with the default (workers - 1 slots), and prints for each the PDFs
drawn, the PDFs refused as busy (503), and help-now p50/p95/max in ms. Bounded in time; rate
limits off (WAYLIGHT_RATE_LIMITS=0) since the point is the load.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.server.live import Browser, start_server, stop_server  # noqa: E402

WORKERS = 4
LINE = ("散歩に行く 산책 음악 듣기 " * 20)[:200]
PLAN = {
    key: "\n".join([LINE] * 15)
    for key in ("warning_signs", "coping_alone", "distractions", "helpers", "reasons")
}


def run(slots: str, pdf_clients: int, duration: float) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(prefix="waylight-bench-pdf-"))
    keys = data.with_name(data.name + "-keys")
    os.environ.update(
        WAYLIGHT_PDF_SLOTS=slots, WAYLIGHT_RATE_LIMITS="0", WAYLIGHT_KEYS_DIR=str(keys)
    )
    server = start_server(data, extra_args=["--workers", str(WORKERS)])
    try:
        owner = Browser(server.url, timeout=120)
        assert owner.save_plan(PLAN).status == 302
        cookie = owner.cookie("waylight_device") or ""
        stop = time.monotonic() + duration
        drawn = busy = 0
        lock = threading.Lock()

        def pdfs() -> None:
            nonlocal drawn, busy
            client = Browser(server.url, timeout=120)
            headers = {"Cookie": f"waylight_device={cookie}"}
            while time.monotonic() < stop:
                status = client.request("/plan/plan.pdf", headers=headers).status
                with lock:
                    drawn += status == 200
                    busy += status == 503
                if status == 503:
                    time.sleep(0.2)

        threads = [threading.Thread(target=pdfs) for _ in range(pdf_clients)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # let the PDF load build up
        latencies: list[float] = []
        helper = Browser(server.url, timeout=120)
        while time.monotonic() < stop:
            started = time.perf_counter()
            assert helper.get("/help-now/").status == 200
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.1)
        for thread in threads:
            thread.join()
    finally:
        stop_server(server)
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(keys, ignore_errors=True)
    latencies.sort()
    return {
        "pdfs": drawn,
        "busy": busy,
        "help_now_n": len(latencies),
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-clients", type=int, default=6)
    parser.add_argument("--duration", type=float, default=15.0)
    args = parser.parse_args()
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, {WORKERS} workers")
    for label, slots in (("gate off", "0"), (f"gate {WORKERS - 1} slots", str(WORKERS - 1))):
        r = run(slots, args.pdf_clients, args.duration)
        print(
            f"{label:>14}: {r['pdfs']:.0f} PDFs drawn, {r['busy']:.0f} busy (503); help now "
            f"n={r['help_now_n']:.0f} p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, "
            f"max {r['max']:.0f} ms"
        )


if __name__ == "__main__":
    main()
