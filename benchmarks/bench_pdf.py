"""Time to draw the safety-plan PDFs for a full plan (15 lines of 200 characters in every part).

Run: .venv/bin/python benchmarks/bench_pdf.py [--runs 3]

Four scripts: Latin (built-in Helvetica), Latin/Greek/Cyrillic (shipped DejaVu), Japanese and
Korean (DejaVu + the shipped CJK fallback), emoji (DejaVu + the shipped Symbola cut). Prints
the median of --runs for the A4 page and the wallet card, in ms. No server, no database.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waylight.web.settings")
os.environ.setdefault("WAYLIGHT_DATA_DIR", tempfile.mkdtemp(prefix="waylight-bench-pdf-"))
os.environ.setdefault("WAYLIGHT_KEYS_DIR", tempfile.mkdtemp(prefix="waylight-bench-pdf-keys-"))

import django

django.setup()

from waylight.core.resources import help_for  # noqa: E402
from waylight.web.pdf import plan_page_pdf, wallet_card_pdf  # noqa: E402
from waylight.web.plan_sections import MAX_LINE_CHARS, MAX_LINES, SECTIONS  # noqa: E402

SCRIPTS = {
    "latin": "walk the dog ",
    "dejavu": "Zoë Ωmega Жизнь ",
    "cjk": "散歩に行く 산책 ",
    "emoji": "walk 🐶🌈 ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores")
    help_ = help_for("GB")
    for label, word in SCRIPTS.items():
        plan = {s.key: [(word * 400)[:MAX_LINE_CHARS]] * MAX_LINES for s in SECTIONS}
        timings = {}
        for draw in (plan_page_pdf, wallet_card_pdf):
            runs = []
            for _ in range(args.runs):
                started = time.perf_counter()
                draw(plan, help_)
                runs.append((time.perf_counter() - started) * 1000)
            timings[draw.__name__] = statistics.median(runs)
        print(
            f"{label:>7}: page {timings['plan_page_pdf']:.0f} ms, "
            f"card {timings['wallet_card_pdf']:.0f} ms"
        )


if __name__ == "__main__":
    main()
