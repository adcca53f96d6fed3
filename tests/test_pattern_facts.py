"""The facts of the shipped patterns, computed ahead of loading (`pattern_facts.json`)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from waylight.core.textrisk import scanner
from waylight.core.textrisk.rules import load_lexicon

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_facts_file_is_up_to_date() -> None:
    # In a fresh process: the loaders are cached, so only a new process sees every pattern.
    run = subprocess.run(
        [sys.executable, "-m", "waylight.core.textrisk.pattern_facts", "--check"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr


def test_loading_reads_the_shipped_facts_for_every_rule_pattern() -> None:
    facts = scanner._shipped_facts()
    patterns = load_lexicon().patterns
    assert patterns
    missing = [p for p in patterns if scanner.pattern_key(p) not in facts]
    assert len(patterns) > 1000
    assert missing == []


def test_a_read_fact_is_the_fact_worked_out_from_the_pattern() -> None:
    for pattern in load_lexicon().patterns[::7]:
        worked_out = scanner.compute_facts(pattern)
        assert scanner.prefixes(pattern) == worked_out.prefixes
        assert scanner.required(pattern) == worked_out.required
        assert scanner.capturing_groups(pattern) == worked_out.groups


def test_a_pattern_not_in_the_file_is_worked_out_at_loading() -> None:
    pattern = r"(?:zebra|zephyr) crossings? at (?:dawn|dusk)"
    assert scanner.pattern_key(pattern) not in scanner._shipped_facts()
    assert scanner.prefixes(pattern) == frozenset({"zebra ", "zephyr"})
    assert scanner.capturing_groups(pattern) == 0
    assert scanner.capturing_groups(r"(zebra) crossing") == 1


def test_facts_written_by_another_python_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    scanner._shipped_facts.cache_clear()
    monkeypatch.setattr(scanner, "facts_python", lambda: "2.7")
    try:
        assert scanner._shipped_facts() == {}
    finally:
        monkeypatch.undo()
        scanner._shipped_facts.cache_clear()
    assert scanner._shipped_facts()


def test_every_shipped_rule_pattern_compiles_on_its_own() -> None:
    # Loading only parses a pattern; the engine's compiler also refuses some parsed patterns
    # (a look-behind of varying width), and the scanner compiles a bucket only when a text
    # first needs it: a bad pattern must fail here, not on some user's text.
    bad = []
    for pattern in load_lexicon().patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            bad.append((pattern[:80], str(exc)))
    assert bad == []
