"""Hard triggers and flags over screening answers, kept as data with stable ids.

Rules live in `content/rules/hard_triggers.yaml`. Each has a condition written with a small,
closed set of operators, so that content can say *what* counts without ever carrying code:

    all: [cond, ...]                              every condition holds
    any: [cond, ...]                              at least one holds
    answer_at_least: {items: [..], value: n}      some listed item was answered n or more
    answer_in: {items: [..], values: [..]}        some listed item was answered with a listed value
    not: cond                                     the condition does not hold
    total_at_least: n                             the total is n or more
    result_in: [..]                               the result scripts see is one of these
    outcome_in: [..]                              the instrument's own, finer outcome is one of
                                                  these (the ASQ's "positive, acuity unknown")
    count_at_least: {thresholds: {item: n}, count: k}
                                                  at least k items reach their own threshold

A hard rule (ids `HT-...`) sets `help_now` whatever the total; other rules (`FL-...`) only
guide the next step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from waylight.core.content import load_data
from waylight.core.errors import ContentError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language, words

RULES_FILE = "rules/hard_triggers.yaml"

Answer = int | str | None
Condition = Mapping[str, Any]

OPERATORS = frozenset(
    {
        "all",
        "any",
        "not",
        "answer_at_least",
        "answer_in",
        "total_at_least",
        "result_in",
        "outcome_in",
        "count_at_least",
    }
)


class Facts(Protocol):
    """What a condition may look at: the answers by item id, the total and the outcome."""

    @property
    def answers(self) -> Mapping[str, Answer]: ...

    @property
    def total(self) -> int | None: ...

    @property
    def result(self) -> str | None: ...

    @property
    def outcome_id(self) -> str | None: ...


@dataclass(frozen=True)
class AnswersOnly:
    """Facts made of answers alone, for conditions checked while a questionnaire is filled in."""

    answers: Mapping[str, Answer]
    total: int | None = None
    result: str | None = None
    outcome_id: str | None = None


def check_condition(condition: Any, *, where: str) -> None:
    """Raise ContentError unless `condition` uses only the closed operator set."""
    if not isinstance(condition, Mapping) or len(condition) != 1:
        raise ContentError(where, "a condition must be a mapping with exactly one operator")
    ((operator, argument),) = condition.items()
    if operator not in OPERATORS:
        allowed = ", ".join(sorted(OPERATORS))
        raise ContentError(where, f"unknown operator {operator!r}; allowed: {allowed}")
    if operator in ("all", "any"):
        if not isinstance(argument, list) or not argument:
            raise ContentError(where, f"{operator} needs a non-empty list of conditions")
        for inner in argument:
            check_condition(inner, where=where)
    if operator == "not":
        check_condition(argument, where=where)


def holds(condition: Condition, facts: Facts) -> bool:
    """Whether `condition` is true of `facts`. The condition must have passed check_condition."""
    ((operator, argument),) = condition.items()
    if operator == "all":
        return all(holds(inner, facts) for inner in argument)
    if operator == "any":
        return any(holds(inner, facts) for inner in argument)
    if operator == "not":
        return not holds(argument, facts)
    if operator == "answer_at_least":
        return any(_at_least(facts.answers.get(i), argument["value"]) for i in argument["items"])
    if operator == "answer_in":
        values = argument["values"]
        return any(facts.answers.get(i) in values for i in argument["items"])
    if operator == "total_at_least":
        return facts.total is not None and facts.total >= argument
    if operator == "result_in":
        return facts.result in argument
    if operator == "outcome_in":
        return facts.outcome_id in argument
    if operator == "count_at_least":
        thresholds: Mapping[str, int] = argument["thresholds"]
        reached = sum(_at_least(facts.answers.get(i), n) for i, n in thresholds.items())
        count: int = argument["count"]
        return reached >= count
    raise ContentError(RULES_FILE, f"unknown operator {operator!r}")  # pragma: no cover


def _at_least(answer: Answer, value: int) -> bool:
    # Yes/no answers are strings and never count as numbers; a missing answer never counts.
    return isinstance(answer, int) and answer >= value


@dataclass(frozen=True)
class Rule:
    """One rule from the rules file."""

    id: str
    instrument: str
    hard: bool
    when: Condition
    reason: str
    rationale: str
    source: str
    next_step: str | None


@dataclass(frozen=True)
class Flag:
    """A rule that fired for one set of answers."""

    id: str
    reason: str
    hard: bool
    next_step: str | None
    rationale: str = ""
    source: str = ""
    lang: str = SOURCE_LANGUAGE  # the language of `reason`

    def to_dict(self) -> dict[str, str]:
        """The SPEC section 6 shape of a flag: its stable id and a plain reason."""
        return {"id": self.id, "reason": self.reason}


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule in the rules file, checked, in file order."""
    data = load_data(RULES_FILE, schema="hard_triggers")
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in data["rules"]:
        if raw["id"] in seen:
            raise ContentError(RULES_FILE, f"rule id {raw['id']} is used twice")
        seen.add(raw["id"])
        if raw["hard"] != raw["id"].startswith("HT-"):
            raise ContentError(RULES_FILE, f"{raw['id']}: hard rules are HT-..., flags FL-...")
        check_condition(raw["when"], where=f"{RULES_FILE} ({raw['id']})")
        rules.append(
            Rule(
                id=raw["id"],
                instrument=raw["instrument"],
                hard=raw["hard"],
                when=raw["when"],
                reason=" ".join(raw["reason"].split()),
                rationale=" ".join(raw["rationale"].split()),
                source=" ".join(raw["source"].split()),
                next_step=raw.get("next_step"),
            )
        )
    return tuple(rules)


def rules_for(instrument_id: str) -> tuple[Rule, ...]:
    """The rules that apply to one instrument, hard triggers first."""
    mine = [rule for rule in load_rules() if rule.instrument == instrument_id]
    return tuple(sorted(mine, key=lambda rule: not rule.hard))


def evaluate(instrument_id: str, facts: Facts, *, lang: str | None = None) -> list[Flag]:
    """The flags raised by `facts` for an instrument: hard triggers first, then the others.

    Which rules fire never depends on `lang`; only the words of each reason do (a reason not yet
    translated is given in English, and its `lang` says so)."""
    reasons = translated_reasons(normalise_language(lang))
    flags: list[Flag] = []
    for rule in rules_for(instrument_id):
        if not holds(rule.when, facts):
            continue
        reason, reason_lang = reasons.get(rule.id, (rule.reason, SOURCE_LANGUAGE))
        flags.append(
            Flag(
                rule.id, reason, rule.hard, rule.next_step, rule.rationale, rule.source, reason_lang
            )
        )
    return flags


@cache
def translated_reasons(lang: str) -> dict[str, tuple[str, str]]:
    """Rule id -> (reason, language) for the rules translated into `lang`."""
    if lang == SOURCE_LANGUAGE:
        return {}
    data = load_translation(RULES_FILE, lang, schema="hard_triggers_i18n")
    if data is None:
        return {}
    known = {rule.id for rule in load_rules()}
    unknown = sorted(set(data["rules"]) - known)
    if unknown:
        raise ContentError(f"i18n/{lang}/{RULES_FILE}", f"translates unknown rule {unknown[0]}")
    return {rule_id: (words(raw["reason"]), lang) for rule_id, raw in data["rules"].items()}


def hard_trigger_ids(instrument_id: str | None = None) -> Sequence[str]:
    """Ids of the hard triggers, for one instrument or all of them."""
    return [
        rule.id
        for rule in load_rules()
        if rule.hard and (instrument_id is None or rule.instrument == instrument_id)
    ]
