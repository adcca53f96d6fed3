"""Safe-messaging checks over any text Waylight ships or prints (SPEC section 3, rules 2 and 6).

Two reviewed deny-lists live in `content/safety/`: method, dose, place and instruction detail
(`method_detail.yaml`), and unsafe or shaming language with the wording to use instead
(`unsafe_language.yaml`). `find_unsafe(text)` reports every match; `waylight doctor` and the
content tests run it over every shipped file so that nothing unsafe reaches a person.

This checks text *we* write. Text people write to us goes to the text detector (`textrisk`),
which responds with care instead of blocking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import list_content, load_data

SAFETY_FOLDER = "safety"
SCHEMA = "safety_list"

# Content that must name what it recognises, so it is not checked against the lists: the
# deny-lists themselves, the text detector's lexicons (it has to know the words people really
# write), and the search synonyms (a person who types a blunt word must still find help).
# Paths relative to the content root; a folder ends with "/". Everything else we ship is checked.
EXEMPT_CONTENT_PATHS = ("safety/", "text/", "kb/synonyms.yaml")


def is_exempt(relpath: str) -> bool:
    """True for a content file (path relative to the content root) that names what it detects."""
    return any(
        relpath.startswith(p) if p.endswith("/") else relpath == p for p in EXEMPT_CONTENT_PATHS
    )


# Files we ship as text to people: content data and web templates.
SHIPPED_TEXT_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".txt", ".html", ".csv")


@dataclass(frozen=True)
class Rule:
    """One reviewed pattern from a deny-list."""

    id: str
    kind: str  # "method_detail" or "unsafe_language"
    pattern: re.Pattern[str]
    why: str
    suggestion: str | None
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A place in a text that breaks a safety rule, with what to write instead."""

    kind: str
    rule_id: str
    phrase: str
    span: tuple[int, int]
    suggestion: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule_id": self.rule_id,
            "phrase": self.phrase,
            "span": list(self.span),
            "suggestion": self.suggestion,
            "why": self.why,
        }


def find_unsafe(text: str, *, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Every match of the deny-lists in `text`, in reading order."""
    findings = [
        Finding(
            kind=rule.kind,
            rule_id=rule.id,
            phrase=match.group(0),
            span=(match.start(), match.end()),
            suggestion=rule.suggestion,
            why=rule.why,
        )
        for rule in (load_rules() if rules is None else rules)
        for match in rule.pattern.finditer(text)
    ]
    return sorted(findings, key=lambda f: (f.span, f.rule_id))


def is_safe(text: str) -> bool:
    return not find_unsafe(text)


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every deny-list in `content/safety/`."""
    rules: list[Rule] = []
    for relpath in list_content(SAFETY_FOLDER):
        rules.extend(rules_from(load_data(relpath, schema=SCHEMA)))
    return tuple(rules)


def rules_from(data: dict[str, Any]) -> list[Rule]:
    """Compile one validated deny-list file."""
    return [
        Rule(
            id=entry["id"],
            kind=data["kind"],
            pattern=re.compile(entry["pattern"], re.IGNORECASE),
            why=" ".join(entry["why"].split()),
            suggestion=entry.get("suggestion"),
            examples=tuple(entry.get("examples", ())),
        )
        for entry in data["patterns"]
    ]
