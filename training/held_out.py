"""The command line shared by the readers of held-out sets that live outside the repository.

Each such reader (DepSign's official test set, the public moderation samples) takes the set's
file, measures the detector on it and writes a Markdown report with its JSON beside it; only
what it measures and how it writes the table differ.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from training import data as data_module

Measure = Callable[[Path, str | None], dict[str, Any]]
Render = Callable[[dict[str, Any], str, str], str]


def normalise(text: str) -> str:
    """A text as compared with the training data: lowercased, whitespace collapsed."""
    return re.sub(r"\s+", " ", text).strip().lower()


def unseen(rows: Sequence[tuple[str, int]], root: Path) -> tuple[list[tuple[str, int]], int]:
    """One row per distinct text that is in no training data file, in file order, and how many
    rows were dropped because their text is in the training data (repeats are not counted)."""
    seen = {normalise(r.text) for r in data_module.load_all(root)}
    distinct: dict[str, tuple[str, int]] = {}
    dropped = 0
    for text, label in rows:
        key = normalise(text)
        if key in seen:
            dropped += 1
        else:
            distinct.setdefault(key, (text, label))
    return list(distinct.values()), dropped


def run(
    argv: Sequence[str] | None,
    *,
    description: str,
    file_help: str,
    report: Path,
    measure: Measure,
    markdown: Render,
) -> int:
    """Parse `--file`, `--data` and `--out`, measure, write the report and its JSON, print it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--file", type=Path, required=True, help=file_help)
    parser.add_argument("--data", help="training data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=report, help="where to write the report")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"--file {args.file}: no such file")
    from waylight.core.textrisk import Detector

    detector = Detector.default()
    result = measure(args.file, args.data)
    text = markdown(result, detector.model_version, detector.content_version)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(text)
    return 0
