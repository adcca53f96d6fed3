"""The literal probes (`scanner.required`, `literal_probe`, `cue_patterns.ProbedPattern`) only
skip work: with them, every search and scan finds exactly what it finds without them."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from waylight.core.textrisk.context import load_context
from waylight.core.textrisk.cue_patterns import ProbedPattern
from waylight.core.textrisk.rules import load_lexicon, normalise
from waylight.core.textrisk.scanner import Scanner, literal_probe, required

CASES = Path(__file__).parent / "data" / "text_cases"


@cache
def case_texts() -> tuple[str, ...]:
    """Every text of the committed case files, normalised as the detector reads it."""
    texts: list[str] = []
    for path in sorted(CASES.glob("*.yaml")):
        # The C loader: the pure-Python one takes seconds over these files.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for case in data.get("cases", []) if isinstance(data, dict) else []:
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                texts.append(normalise(case["text"]))
    return tuple(texts)


def sentences(text: str) -> list[str]:
    """The reported-speech cues are searched in the sentence of a signal."""
    return [s for s in re.split(r"(?<=[.!?\n])", text) if s]


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        ("lyrics?", {"lyric", "lyrics"}),
        ("(?<!self-)(?<!self )reported", {"reported"}),
        (
            "studies|study (?:finds|found|shows)",
            {"studies", "study finds", "study found", "study shows"},
        ),
        (
            r"(?:\w+ )(?:monate|jahre) (?:clean|frei)",
            {" monate clean", " monate frei", " jahre clean", " jahre frei"},
        ),
        # The most selective part: its shortest string is the longest.
        (r"(?:i'?m|i am) \d+ (?:days|weeks) clean", {" days clean", " weeks clean"}),
        (r"(?:we|us|\w+ and (?:i|me)) (?:\w+ )?both\b", {"both"}),
        # A lookaround consumes nothing: what it names is not required.
        (r"(?<=tu mir nichts )an\b", {"an"}),
        ("♪", {"♪"}),
    ],
)
def test_required_strings_of_a_pattern(pattern: str, strings: set[str]) -> None:
    assert required(pattern) == strings


@pytest.mark.parametrize("pattern", [r"\w+", r"\d+", "(?i:sad)", ".+", "(?:a|)", "[^a]b?"])
def test_a_pattern_that_needs_no_known_string_gets_no_probe(pattern: str) -> None:
    # \d also matches digits of other scripts, so it is no short list of characters.
    assert required(pattern) is None
    assert literal_probe(["sad", pattern]) is None


def test_the_reported_speech_probe_answers_as_the_cue_regex_does() -> None:
    reported = load_context()._reported
    assert isinstance(reported, ProbedPattern) and reported.probe is not None
    vocabulary = (
        "the song lyrics say i want to die . she reported it , in the movie he said in "
        "universe news article sings singing poem my oc season 2 finale i self-reported "
        "according to heard that mum is in the hospital cut myself ♪ 🎵 chapter"
    )
    words = vocabulary.split(" ")
    rng = random.Random(11)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(800)]
    found = 0
    # A sample of the case texts: the cue regex alone takes a quarter of a second a hundred
    # sentences, and this test runs it twice on each.
    for text in [*texts, *case_texts()[::5]]:
        for piece in sentences(text):
            expected = reported.regex.search(piece)
            got = reported.search(piece)
            assert (got and got.span()) == (expected and expected.span()), piece
            found += expected is not None
            # With bounds as the callers give them, too.
            mid = len(piece) // 2
            expected = reported.regex.search(piece, mid)
            got = reported.search(piece, mid)
            assert (got and got.span()) == (expected and expected.span()), piece
    assert found > 100  # the texts exercise both answers


def test_scanners_with_patterns_that_may_start_anywhere_agree_with_the_slow_path() -> None:
    # The recovery and "me too" cue scanners hold patterns that may start with any word; the
    # literal probe sends a text to the fast path only when none of them can match.
    context = load_context()
    scanners = [s for s in vars(context).values() if isinstance(s, Scanner)]
    probed = [s for s in scanners if s._anywhere_words is not None]
    assert probed
    extra = [
        "three months since i last did it",
        "two years of recovery and proud",
        "zwei jahre clean",
        "me and my sister both struggle",
        "we both cut",
    ]
    for scanner in probed:
        for text in [*extra, *case_texts()]:
            assert list(scanner.finditer(text)) == list(scanner._finditer_slow(text)), text


def test_the_rule_lexicon_scans_alike_on_the_fast_and_the_slow_path() -> None:
    # The fast path's buckets leave out the patterns that may start anywhere (it runs only
    # where none of them can match); the slow path's hold them. Both must find the same.
    scanner = load_lexicon()._scanner
    assert scanner._anywhere_words is not None
    anywhere = {p for _, p in scanner._anywhere_entries}
    extra = [
        "i think sam's self-harming again",
        "who can i talk to about self harm without my parents knowing",
    ]
    for text in [*extra, *case_texts()]:
        assert list(scanner.finditer(text)) == list(scanner._finditer_slow(text)), text
    assert scanner._buckets and scanner._slow_buckets
    for regex in scanner._buckets.values():
        assert not any(p in regex.pattern for p in anywhere)
    for regex in scanner._slow_buckets.values():
        assert all(p in regex.pattern for p in anywhere)


def test_the_anywhere_probe_is_skipped_only_when_it_would_find_nothing() -> None:
    scanner = Scanner([("a", ["kms"]), ("b", [r"\w+ly sad"])])
    assert scanner._anywhere_words is not None
    for text in ["so sad", "really sad", "kms really sad", "ly sad", "only saddest", "kms"]:
        assert scanner._may_match_anywhere(text) == (
            scanner._anywhere_probe is not None and scanner._anywhere_probe.search(text) is not None
        )
        assert list(scanner.finditer(text)) == list(scanner._finditer_slow(text))
