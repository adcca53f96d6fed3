"""Write or check the facts of the shipped patterns (`pattern_facts.json`).

Loading the detector works out, for each of some two thousand regular expressions, the
characters a match can start with, the strings every match holds and its capturing groups
(`scanner.Facts`). That walk of the regex engine's parse trees was about half of the loading
time of every process. The facts depend on nothing but the pattern's own text, so they are
computed here once, written next to this module and read back at loading, keyed by a digest of
each pattern: a pattern added or changed since is simply worked out again at loading, slower
but the same. A test checks that the file is up to date.

    python -m waylight.core.textrisk.pattern_facts          # write the file
    python -m waylight.core.textrisk.pattern_facts --check  # exit 1 when it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from waylight.core.textrisk import scanner

FACTS_PATH = Path(__file__).with_name(scanner.FACTS_FILE)


def shipped_patterns() -> set[str]:
    """Every pattern the two shipped detectors (single texts and batches) ask facts about,
    found by loading them afresh; run in a process that has not loaded them yet."""
    from waylight.core.textrisk.detector import Detector

    with scanner.recording_patterns() as seen:
        for detector in (Detector.default(), Detector.batch()):
            detector.analyse("loading check")  # every lazily loaded part is loaded by now
    return seen


def facts_document(patterns: set[str]) -> dict[str, Any]:
    """The file's content for `patterns`: each one's facts under its key, in key order."""
    rows: dict[str, list[Any]] = {}
    for pattern in patterns:
        facts = scanner.compute_facts(pattern)
        rows[scanner.pattern_key(pattern)] = [
            None if facts.prefixes is None else sorted(facts.prefixes),
            None if facts.required is None else sorted(facts.required),
            facts.groups,
        ]
    return {
        "about": "Facts of the detector's patterns, written by "
        "`python -m waylight.core.textrisk.pattern_facts`; read at loading.",
        "python": scanner.facts_python(),
        "prefix_chars": scanner.PREFIX_CHARS,
        "facts": dict(sorted(rows.items())),
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(document: dict[str, Any]) -> str:
    """The file's text: JSON with one pattern's facts per line, so that a change to the rules
    shows in a diff as the lines of the patterns it changed."""
    head = ",\n".join(
        f"{_compact(key)}:{_compact(value)}" for key, value in document.items() if key != "facts"
    )
    rows = ",\n".join(f"{_compact(key)}:{_compact(row)}" for key, row in document["facts"].items())
    return "{\n" + head + ',\n"facts":{\n' + rows + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    args = parser.parse_args(argv)
    wanted = render(facts_document(shipped_patterns()))
    if args.check:
        current = FACTS_PATH.read_text(encoding="utf-8") if FACTS_PATH.is_file() else ""
        if current != wanted:
            print(
                f"{FACTS_PATH.name} is out of date: run "
                "`python -m waylight.core.textrisk.pattern_facts`",
                file=sys.stderr,
            )
            return 1
        return 0
    FACTS_PATH.write_text(wanted, encoding="utf-8")
    print(f"wrote {FACTS_PATH.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
