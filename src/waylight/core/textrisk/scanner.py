"""A fast scanner for many regular expressions at once.

Python's `re` tries every alternative of a big alternation at every position of a text, which
makes a lexicon of a few hundred patterns slow (milliseconds per post). The scanner instead
groups the patterns by the characters they can start with, and at each word start tries only
the group for that character. Semantics are those of one big alternation scanned left to right:
the leftmost match wins, among matches starting at the same place the earliest group wins,
and matches do not overlap.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any, NamedTuple


def _parser() -> Any:
    return importlib.import_module("re._parser")


@cache
def parse(pattern: str) -> Any:
    """The regex engine's parse tree of `pattern` (raises re.error when it is not valid)."""
    return _parser().parse(pattern)


def capturing_groups(pattern: str) -> int:
    known = _known(pattern)
    if known is not None:
        return known.groups
    return int(parse(pattern).state.groups) - 1


class Facts(NamedTuple):
    """What loading needs to know of one pattern: `prefixes`, `required` and its number of
    capturing groups, each exactly as the functions of those names compute them."""

    prefixes: frozenset[str] | None
    required: frozenset[str] | None
    groups: int


# The facts of the shipped patterns, computed ahead of time (`pattern_facts.py`). Working them
# out walks the regex engine's parse tree of some two thousand patterns: about half of the
# detector's loading time, paid by every process that starts.
FACTS_FILE = "pattern_facts.json"


def pattern_key(pattern: str) -> str:
    """The key of `pattern` in the facts file: a digest of its exact text, so a fact can only
    ever be read back for the very pattern it was computed from."""
    return hashlib.blake2b(pattern.encode("utf-8"), digest_size=12).hexdigest()


def facts_python() -> str:
    """The Python version the facts were computed on: the parse trees they come from are the
    engine's own, so another version computes its own rather than trust them."""
    return f"{sys.version_info.major}.{sys.version_info.minor}"


@cache
def _shipped_facts() -> dict[str, Facts]:
    try:
        text = resources.files("waylight.core.textrisk").joinpath(FACTS_FILE).read_text("utf-8")
        raw = json.loads(text)
    except (OSError, ValueError):
        return {}  # no file: every fact is computed, as before
    if raw.get("prefix_chars") != PREFIX_CHARS or raw.get("python") != facts_python():
        return {}
    return {
        key: Facts(
            None if row[0] is None else frozenset(row[0]),
            None if row[1] is None else frozenset(row[1]),
            int(row[2]),
        )
        for key, row in raw["facts"].items()
    }


# While `recording_patterns` runs: the patterns whose facts were asked for.
_recording: list[set[str]] = []


def _known(pattern: str) -> Facts | None:
    if _recording:
        _recording[-1].add(pattern)
        return None
    facts = _shipped_facts()
    return facts.get(pattern_key(pattern)) if facts else None


@contextmanager
def recording_patterns() -> Iterator[set[str]]:
    """Every pattern whose facts are asked for inside the block, each computed afresh there
    (the shipped facts are not read): how `pattern_facts` finds the patterns to write."""
    seen: set[str] = set()
    _recording.append(seen)
    try:
        yield seen
    finally:
        _recording.pop()


def compute_facts(pattern: str) -> Facts:
    """The facts of `pattern` worked out from its parse tree (raises re.error when invalid)."""
    groups = int(parse(pattern).state.groups) - 1
    return Facts(_prefixes(pattern, PREFIX_CHARS), _required(pattern), groups)


# Five characters rather than four: a short common word and its space ("the ", "and ") was a
# key of its own, so every "the" of a text was tried against every pattern starting "the ...";
# with five, only those whose next letter can follow are (about a quarter fewer tries on the
# benchmark's posts; loading is no slower). Six rather than five: a common word and the start
# of the next ("the s", "my fr") was still a key tried at nearly every post, and with six
# the rule lexicon is scanned about a fifth faster, for about a sixth of a second more loading
# (a bigger trie of keys to compile) and no change in what is found.
PREFIX_CHARS = 6
_MAX_PREFIXES = 4000


# Marks a prefix after which anything may follow (used inside `_seq` only).
_OPEN = "\x00"


def prefixes(pattern: str, k: int = PREFIX_CHARS) -> frozenset[str] | None:
    """The first `k` characters a match of `pattern` can start with.

    A shorter string means "this, then anything". None means the start could be anything.
    """
    known = _known(pattern) if k == PREFIX_CHARS else None
    if known is not None:
        return known.prefixes
    return _prefixes(pattern, k)


def _prefixes(pattern: str, k: int) -> frozenset[str] | None:
    try:
        parsed = parse(pattern)
    except re.error:  # pragma: no cover - patterns are checked when the lexicon loads
        return None
    found = _seq(list(parsed), k, importlib.import_module("re._constants"))
    if found is None:
        return None
    found = {s.replace(_OPEN, "") for s in found}
    if "" in found:
        return None
    return frozenset(found)


def _seq(items: list[Any], k: int, c: Any) -> set[str] | None:
    acc = {""}
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: look at what follows
        if all(len(s) >= k or s.endswith(_OPEN) for s in acc):
            break
        item = _item(op, av, k, c)
        if item is None:
            if "" in acc:
                return None
            return {s.rstrip(_OPEN) + _OPEN for s in acc}  # anything may follow
        acc = {
            (s + t)[:k] if len(s) < k and not s.endswith(_OPEN) else s for s in acc for t in item
        }
        if len(acc) > _MAX_PREFIXES:
            return None
    return acc


def _item(op: Any, av: Any, k: int, c: Any) -> set[str] | None:
    """Possible starts of one item; "" when it can match nothing."""
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is c.RANGE and sub_av[1] - sub_av[0] < 256:
                chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
            else:
                # A category (\w, \s) is open. So is \d, which matches other digits than 0-9
                # too (fullwidth, Arabic-Indic): read as 0-9, a pattern whose first characters
                # hold a \d would not be tried where such a digit stands. The shipped content
                # mostly writes [0-9] there, which keeps a pattern's keys narrow (faster).
                return None
        return chars
    if op is c.SUBPATTERN:
        return _seq(list(av[-1]), k, c)
    if op is c.BRANCH:
        return _union(av[1], lambda items: _seq(items, k, c))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _seq(list(body), k, c)
        if once is None:
            return None
        found = set(once)
        # Further repetitions can supply the next characters ("100 " needs three digits).
        grown = found
        for _ in range(min(high, k) - 1):
            grown = {(s + t)[:k] for s in grown if len(s) < k for t in once}
            if not grown:
                break
            found |= grown
            if len(found) > _MAX_PREFIXES:
                # Too many spellings: keep one repetition and leave the rest open.
                opened = {s + _OPEN for s in once}
                return opened | {""} if low == 0 else opened
        if low == 0:
            found.add("")
        return found
    return None


def _union(
    branches: Iterable[Any], part: Callable[[list[Any]], set[str] | None]
) -> set[str] | None:
    """The strings `part` gives for each alternative of an alternation, together. None when it
    gives None for one: what that alternative may match is not known, so neither is the
    whole's. Shared by the prefixes, the required strings and the exact spellings."""
    found: set[str] = set()
    for branch in branches:
        strings = part(list(branch))
        if strings is None:
            return None
        found |= strings
    return found


# At most this many strings in one `required` set: a bigger set is no cheap probe.
_MAX_REQUIRED = 64


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` holds, or None when none is known.

    The probe of `ProbedPattern` (cue_patterns.py): a text that holds none of them cannot
    match. Only characters a match consumes are read; a lookaround only narrows where a match
    may be, so it is skipped (it never adds a required string). Among the parts of a pattern
    that each give such a set, the most selective is kept: its shortest string longest.
    """
    known = _known(pattern)
    if known is not None:
        return known.required
    return _required(pattern)


def _required(pattern: str) -> frozenset[str] | None:
    try:
        parsed = parse(pattern)
    except re.error:  # pragma: no cover - patterns are compiled before they are probed
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None  # literals would then stand for their other cases too
    found = _required_seq(list(parsed), importlib.import_module("re._constants"))
    return frozenset(found) if found else None


def _required_seq(items: list[Any], c: Any) -> set[str] | None:
    """The best required set of a sequence: a run of items with few exact spellings
    ("want to die"), or one item's own required set (a group or a repeated group)."""
    candidates: list[set[str]] = []
    run = {""}
    for op, av in items:
        exact = _exact(op, av, c)
        if exact is not None:
            grown = {a + b for a in run for b in exact}
            if len(grown) <= _MAX_REQUIRED:
                run = grown
            else:  # too many spellings: close this run and start another at this item
                candidates.append(run)
                run = exact
            continue
        candidates.append(run)
        run = {""}
        inner = _required_item(op, av, c)
        if inner:
            candidates.append(inner)
    candidates.append(run)
    usable = [s for s in candidates if s and "" not in s]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)))


def _required_item(op: Any, av: Any, c: Any) -> set[str] | None:
    """The required set of an item with no short list of exact spellings."""
    if op is c.SUBPATTERN:
        return None if av[1] or av[2] else _required_seq(list(av[-1]), c)
    if op is c.BRANCH:
        return _union(av[1], lambda items: _required_seq(items, c))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required_seq(list(av[2]), c)
    return None


def _exact(op: Any, av: Any, c: Any) -> set[str] | None:
    """Every string an item can match when there are few ("" when it can match nothing),
    else None. A lookaround or an anchor matches the empty string."""
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is c.RANGE and sub_av[1] - sub_av[0] < _MAX_REQUIRED:
                chars.update(chr(x) for x in range(sub_av[0], sub_av[1] + 1))
            else:
                return None  # a negated set or a category (\d holds more than 0-9)
        return chars
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return {""}
    if op is c.SUBPATTERN:
        return None if av[1] or av[2] else _exact_seq(list(av[-1]), c)
    if op is c.BRANCH:
        found = _union(av[1], lambda items: _exact_seq(items, c))
        return found if found is not None and len(found) <= _MAX_REQUIRED else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[1] <= 1:
        once = _exact_seq(list(av[2]), c)
        if once is None:
            return None
        return once | {""} if av[0] == 0 else once
    return None


def _exact_seq(items: list[Any], c: Any) -> set[str] | None:
    acc = {""}
    for op, av in items:
        part = _exact(op, av, c)
        if part is None:
            return None
        acc = {a + b for a in acc for b in part}
        if len(acc) > _MAX_REQUIRED:
            return None
    return acc


def literal_probe(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regex that finds, anywhere, a string some pattern requires (see `required`): where
    it finds none, no pattern can match. None when a pattern requires nothing known."""
    strings: set[str] = set()
    for pattern in patterns:
        found = required(pattern)
        if found is None:
            return None
        strings |= found
    return re.compile(_trie(sorted(strings)))


# Where a pattern that may start with anything is tried: each word start and each sign.
_EVERY_START = r"(?<!\w)\w|[^\w\s]"


def _at_any_word(pattern: str, starts: frozenset[str]) -> bool:
    """Whether a pattern may start at any word beginning with some letter ("[a-z]+'s ...") and
    still needs a known string somewhere ("self-harming"). Keyed by its first letters it would
    be tried at nearly every word of every text (the batch path lost a tenth of its speed to
    one such pattern); among the patterns that may start anywhere, it runs only in a text that
    holds one of the strings it needs."""
    return any(len(s) == 1 and s.isalpha() for s in starts) and required(pattern) is not None


class Scanner:
    """Named groups of patterns, scanned as one alternation in the order given.

    A cheap trigger regex (the possible first two characters of every pattern) finds the
    places worth trying; there, only the patterns that can start with those characters run.
    """

    def __init__(self, groups: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.patterns = tuple(pattern for _, patterns in groups for pattern in patterns)
        rank = {name: i for i, (name, _) in enumerate(groups)}
        by_prefix: dict[str, list[tuple[str, str]]] = {}
        anywhere: list[tuple[str, str]] = []
        for name, patterns in groups:
            for pattern in patterns:
                starts = prefixes(pattern)
                if starts is None or _at_any_word(pattern, starts):
                    anywhere.append((name, pattern))
                    continue
                for start in starts:
                    by_prefix.setdefault(start, []).append((name, pattern))
        # A bucket holds the patterns of its prefix and of every shorter ("open") prefix of it.
        # Written and compiled on first use (see _bucket): most buckets never meet a text in a
        # short run, and compiling them all would add a quarter of a second to every start
        # (writing all their sources, a few megabytes, took a tenth of one too). The fast path's
        # buckets leave out the patterns that may start anywhere: it runs only on a text where
        # none of them can match (see finditer), and trying them at every candidate cost about
        # a third of the rule lexicon's scan (one of them opens with a long negative
        # look-ahead), and re-reading them in every bucket a third of its compiling. The slow
        # path's buckets hold them too.
        self._buckets: dict[str, re.Pattern[str]] = {}
        self._slow_buckets: dict[str, re.Pattern[str]] = {}
        self._by_prefix = by_prefix
        self._rank = rank
        self._anywhere_entries = anywhere
        self._anywhere = _compile_bucket(anywhere, rank, bounded=False) if anywhere else None
        keys = set(by_prefix)
        word_keys = sorted(k for k in keys if k[0].isalnum() or k[0] == "_")
        loose_keys = sorted(keys - set(word_keys))
        # A pattern that may start with anything ("\w+ months since ...") must be tried at every
        # word start and sign (`_EVERY_START`), which the slow path does. Most texts hold no
        # match of any such pattern at any of those places: one C-level search of them all
        # (`_anywhere_probe`; without the word bounds a bucket adds, so it finds at least every
        # place where the scanner could match one) says so, and then the fast path, which tries
        # only the known prefixes, finds exactly what the slow path would.
        self._anywhere_probe = (
            re.compile(f"(?={_EVERY_START})(?:" + "|".join(p for _, p in anywhere) + ")")
            if anywhere
            else None
        )
        # That probe still tries every such pattern at every word start (tens of microseconds
        # for a post). Before it, one search for the literal strings those patterns need
        # (" months since", "both"; `literal_probe`): a text that holds none of them matches
        # none of them anywhere, so the probe would find nothing and need not run.
        self._anywhere_words = literal_probe([p for _, p in anywhere]) if anywhere else None
        self._trigger = re.compile(_EVERY_START) if anywhere else _trigger(keys)
        self._loose = re.compile(_trie(loose_keys)) if loose_keys else None
        # One regex finds every word key after a sign or a space and, given a space before the
        # text's first characters, the key at its very start too (one compile of the trie of
        # keys rather than two; it is most of the scanner's loading time).
        self._word_trigger = re.compile(r"[^\w](?=(" + _trie(word_keys) + "))")

    def finditer(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(group name, start, end) of each match, left to right, not overlapping."""
        probe, loose = self._anywhere_probe, self._loose
        if (probe is not None and self._may_match_anywhere(text)) or (
            loose is not None and loose.search(text)
        ):
            yield from self._finditer_slow(text)
            return
        # No pattern that may start anywhere can match in this text: the fast path's buckets
        # leave them out.
        buckets, bucket = self._buckets, self._bucket
        pos = 0
        # A key is at most PREFIX_CHARS long, so those characters are enough to find it.
        first = self._word_trigger.match(" " + text[:PREFIX_CHARS])
        if first is not None:
            regex = buckets.get(first.group(1)) or bucket(first.group(1))
            found = regex.match(text, 0) if regex is not None else None
            if found is not None and found.lastgroup is not None:
                pos = found.end()
                yield found.lastgroup, 0, pos
        # A word key follows a character that is not a letter. The trigger consumes only that
        # character and reads the key in a lookahead, so one C-level finditer finds them all.
        for candidate in self._word_trigger.finditer(text):
            start = candidate.end()
            if start < pos:
                continue
            key = candidate.group(1)
            regex = buckets.get(key) or bucket(key)
            if regex is None:
                continue
            found = regex.match(text, start)
            if found is not None and found.lastgroup is not None:
                pos = found.end()
                yield found.lastgroup, start, pos

    def _may_match_anywhere(self, text: str) -> bool:
        """Whether a pattern that may start with anything matches somewhere in `text` (the
        probe; first the cheap search for the strings they need, when they all need one)."""
        words, probe = self._anywhere_words, self._anywhere_probe
        if words is not None and words.search(text) is None:
            return False
        return probe is not None and probe.search(text) is not None

    def _finditer_slow(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Rare texts with an emoji or sign that starts a pattern: try every candidate start."""
        buckets, anywhere = self._slow_buckets, self._anywhere
        search = self._trigger.search
        pos = scan = 0
        while (candidate := search(text, scan)) is not None:
            start = scan = candidate.start()
            scan += 1
            if start < pos:
                continue
            regex = anywhere
            for n in range(PREFIX_CHARS, 0, -1):  # the longest known prefix found here
                key = text[start : start + n]
                if key in self._by_prefix:
                    regex = buckets.get(key) or self._bucket(key, slow=True)
                    break
            found = regex.match(text, start) if regex is not None else None
            if found is not None and found.lastgroup is not None:
                pos = found.end()
                yield found.lastgroup, start, pos

    def _bucket(self, key: str, *, slow: bool = False) -> re.Pattern[str] | None:
        """The bucket of `key`, compiled on first use; with `slow`, for the slow path (it holds
        the patterns that may start anywhere too)."""
        by_prefix = self._by_prefix
        if key not in by_prefix:
            return None
        entries = [e for n in range(1, len(key) + 1) for e in by_prefix.get(key[:n], [])]
        if slow:
            entries += self._anywhere_entries
        regex = re.compile(_bucket_source(entries, self._rank, bounded=key[0].isalnum()))
        (self._slow_buckets if slow else self._buckets)[key] = regex
        return regex

    def search(self, text: str) -> bool:
        """Whether anything matches."""
        return next(self.finditer(text), None) is not None


def _trigger(keys: set[str]) -> re.Pattern[str]:
    """A regex matching, where some pattern could start, the longest prefix key found there.

    The keys form a trie whose first level is a plain alternation of characters, so the regex
    engine skips in C every position whose character starts no key, and gives up after a
    character or two on most words of an ordinary text. A word key must start a word.
    """
    return re.compile(_trie(sorted(keys), top=True))


def _trie(keys: list[str], *, top: bool = False) -> str:
    children: dict[str, list[str]] = {}
    terminal = False
    for key in keys:
        if key:
            children.setdefault(key[0], []).append(key[1:])
        else:
            terminal = True
    if not children:
        return ""
    branches = []
    for ch, rest in sorted(children.items()):
        # (?<!\w\w) after a first word character: the character before it is not a letter.
        boundary = r"(?<!\w\w)" if top and (ch.isalnum() or ch == "_") else ""
        branches.append(re.escape(ch) + boundary + _trie(rest))
    body = branches[0] if len(branches) == 1 and not top else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if terminal else body


def _compile_bucket(
    entries: list[tuple[str, str]], rank: dict[str, int], *, bounded: bool
) -> re.Pattern[str]:
    return re.compile(_bucket_source(entries, rank, bounded=bounded))


def _bucket_source(entries: list[tuple[str, str]], rank: dict[str, int], *, bounded: bool) -> str:
    """One regex for a bucket, groups in their original order; word boundaries for words."""
    merged: dict[str, list[str]] = {}
    for name, pattern in sorted(entries, key=lambda e: rank[e[0]]):
        if pattern not in merged.setdefault(name, []):
            merged[name].append(pattern)
    before, after = (r"(?<!\w)", r"(?!\w)") if bounded else ("", "")
    parts = [f"(?P<{name}>{before}(?:{'|'.join(pats)}){after})" for name, pats in merged.items()]
    return "|".join(parts)
