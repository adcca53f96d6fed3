"""The rule matcher: the lexicon in `content/text/signals.yaml`, compiled into one regex.

Every rule becomes one named group of what behaves as a single alternation (see `scanner`), so a
text is scanned once, however many rules there are. Rules earlier in the file win when two could
start at the same place (attempts before ideation before distress).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from waylight.core.content import load_data
from waylight.core.errors import ContentError
from waylight.core.textrisk.scanner import Scanner, capturing_groups

SIGNALS_FILE = "text/signals.yaml"

Level = Literal["none", "indicator", "ideation", "behavior", "attempt"]
Tier = Literal["none", "watch", "concern", "urgent"]
Subject = Literal["default_self", "needs_self", "other", "self"]

LEVELS: tuple[Level, ...] = ("none", "indicator", "ideation", "behavior", "attempt")
TIERS: tuple[Tier, ...] = ("none", "watch", "concern", "urgent")

# Typographic quotes become straight ones; one character for one, so spans stay valid.
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Rule:
    """One rule of the lexicon: what it finds and what that means for the writer."""

    id: str
    kind: str
    level: Level
    tier: Tier
    name: str
    rationale: str
    self_harm: bool = False
    phq9: int | None = None
    means: bool = False
    jokeable: bool = False
    always_past: bool = False
    subject: Subject = "default_self"
    # A course cue ("for weeks", "since the summer"): how long a depression has lasted. It
    # only moves a depression level the other signals set; it is never evidence by itself.
    course: bool = False
    # Wording that refers back ("I've been doing it"): counts only after a word of this topic
    # shortly before it in the text (`ContextReader.anchored`).
    antecedent: str | None = None


@dataclass(frozen=True)
class Match:
    """A span of the text that a rule matched (offsets into the original text)."""

    rule: Rule
    start: int
    end: int


def normalise(text: str) -> str:
    """Lower-cased text with straight quotes, exactly as long as `text` so spans carry over."""
    lowered = text.lower().translate(_STRAIGHTEN)
    if len(lowered) != len(text):
        # A few characters (such as 'İ') lower-case into two; keep one so offsets stay true.
        lowered = "".join(ch.lower()[:1] or ch for ch in text).translate(_STRAIGHTEN)
    return lowered


def expand(pattern: str, placeholders: Mapping[str, str], *, where: str) -> str:
    """Replace `{name}` placeholders, failing loudly on an unknown one."""

    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in placeholders:
            raise ContentError(SIGNALS_FILE, f"unknown placeholder {{{name}}}", field=where)
        return placeholders[name]

    # Placeholders may use placeholders ({want} inside {adv}): expand until stable.
    for _ in range(5):
        expanded = _PLACEHOLDER.sub(one, pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    return pattern


def check_patterns(patterns: list[str], *, where: str) -> None:
    """Fail loudly on a pattern that is not a valid regex or has a capturing group."""
    for pattern in patterns:
        try:
            groups = capturing_groups(pattern)
        except re.error as exc:
            message = f"bad pattern {pattern!r}: {exc}"
            raise ContentError(SIGNALS_FILE, message, field=where) from exc
        if groups:
            raise ContentError(
                SIGNALS_FILE, f"pattern {pattern!r} has a capturing group; use (?:...)", field=where
            )


class Lexicon:
    """All signal rules, compiled once into a single scanner."""

    def __init__(self, rules: tuple[Rule, ...], scanner: Scanner) -> None:
        self.rules = rules
        self._scanner = scanner
        self._by_group = {f"r{i}": rule for i, rule in enumerate(rules)}

    def find(self, lowered: str) -> list[Match]:
        """Every rule match in `lowered` (a `normalise`d text), left to right, not overlapping."""
        by_group = self._by_group
        return [
            Match(by_group[name], start, end)
            for name, start, end in self._scanner.finditer(lowered)
        ]

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every rule's patterns, placeholders expanded, in scanning order."""
        return self._scanner.patterns

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _rule(raw: Mapping[str, Any]) -> Rule:
    return Rule(
        id=raw["id"],
        kind=raw["kind"],
        level=raw["level"],
        tier=raw["tier"],
        name=raw.get("name", raw["kind"].replace("_", " ")),
        rationale=" ".join(raw["rationale"].split()),
        self_harm=bool(raw.get("self_harm", False)),
        phq9=raw.get("phq9"),
        means=bool(raw.get("means", False)),
        jokeable=bool(raw.get("jokeable", False)),
        always_past=bool(raw.get("always_past", False)),
        subject=raw.get("subject", "default_self"),
        course=bool(raw.get("course", False)),
        antecedent=raw.get("antecedent"),
    )


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon, validated and compiled once per process."""
    data = load_data(SIGNALS_FILE, schema="text_signals")
    placeholders: dict[str, str] = data["placeholders"]
    rules: list[Rule] = []
    groups: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["rules"]):
        where = f"rules/{index}"
        if raw["id"] in seen:
            raise ContentError(SIGNALS_FILE, f"duplicate rule id {raw['id']}", field=where)
        seen.add(raw["id"])
        patterns = [expand(p, placeholders, where=where) for p in raw["patterns"]]
        check_patterns(patterns, where=where)
        groups.append((f"r{index}", patterns))
        rules.append(_rule(raw))
    return Lexicon(tuple(rules), Scanner(groups))
