"""Combine rule evidence and model scores into levels, scores and a concern tier.

Rules decide first; the model is a second reader that can only raise, and only where the rules
did not veto (docs/text-detector.md has the formula and the operating point):

- suicide level = the highest level among counted rule signals (never an average: a long text is
  judged by its strongest evidence). The model raises none -> indicator when its score reaches
  `suicide_indicator`, and up to ideation when it reaches `suicide_ideation` and the rules found
  the writer's own distress or depression.
- self_harm.present = a current, own self-harm or urge signal; or the model's score reaches
  `self_harm_present` next to the writer's own distress.
- depression level = the higher of the rules' PHQ-9 item count and the model's level.
- A veto (every signal denied, hypothetical, about someone else, an idiom, a joke; or, with no
  signal at all, a supporter's words or an everyday idiom such as "I'd kill for a pizza") caps
  the model's scores at `vetoed_cap`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.textrisk.context import Reading
from waylight.core.textrisk.rules import LEVELS, TIERS, Level, Match, Tier

DEPRESSION_LEVELS: tuple[str, ...] = ("none", "mild", "moderate", "severe")
PHQ9_NAMES: Mapping[int, str] = {
    1: "little interest or pleasure",
    2: "feeling down or hopeless",
    3: "sleep problems",
    4: "tiredness or little energy",
    5: "appetite changes",
    6: "feeling bad about oneself",
    7: "trouble concentrating",
    8: "moving slowly or restless",
    9: "thoughts of death or self-harm",
}
# What a depression level asks of a human reader.
_DEPRESSION_TIER: Mapping[str, Tier] = {
    "none": "none",
    "mild": "watch",
    "moderate": "watch",
    "severe": "concern",
}


@dataclass(frozen=True)
class OperatingPoint:
    """The numbers in content/text/operating_point.yaml."""

    max_chars: int
    max_rule_chars: int
    rule_scores: Mapping[str, float]
    model: Mapping[str, float]
    depression: Mapping[str, float]


@cache
def load_operating_point() -> OperatingPoint:
    data: dict[str, Any] = load_data("text/operating_point.yaml", schema="text_operating_point")
    return OperatingPoint(
        max_chars=int(data["max_chars"]),
        max_rule_chars=int(data["max_rule_chars"]),
        rule_scores=dict(data["rule_scores"]),
        model=dict(data["model"]),
        depression=dict(data["depression"]),
    )


@dataclass(frozen=True)
class ModelRow:
    """The model's scores for one text."""

    suicide: float
    self_harm: float
    depression: float
    depression_levels: tuple[float, float, float, float]


@dataclass(frozen=True)
class Counted:
    """A signal that counts for the writer, with what it stands for after context."""

    match: Match
    reading: Reading
    level: Level
    tier: Tier
    score: float


@dataclass(frozen=True)
class Combined:
    """Everything the result and the explanation need."""

    level: Level
    suicide_score: float
    self_harm_present: bool
    self_harm_score: float
    depression_level: str
    depression_score: float
    symptoms: Mapping[int, tuple[Match, ...]]
    concern: Tier
    help_now: bool
    counted: tuple[Counted, ...]
    vetoed: bool
    model_raised: tuple[str, ...]
    model_used: bool


def _max_level(a: Level, b: Level) -> Level:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def _max_tier(a: Tier, b: Tier) -> Tier:
    return a if TIERS.index(a) >= TIERS.index(b) else b


def _effective(match: Match, reading: Reading, op: OperatingPoint) -> Counted:
    """Level, tier and score of one counted signal after jokes and past time."""
    rule, scores = match.rule, op.rule_scores
    level, tier = rule.level, rule.tier
    if rule.level == "none":
        return Counted(match, reading, "none", "none", scores["none"])
    if reading.joking:
        return Counted(match, reading, "indicator", "watch", scores["joke"])
    if reading.time == "past":
        if level == "attempt":
            return Counted(match, reading, "attempt", "concern", scores["attempt"])
        return Counted(match, reading, "indicator", "watch", scores["past"])
    if level == "ideation" and tier == "concern":
        return Counted(match, reading, level, tier, scores["passive_ideation"])
    return Counted(match, reading, level, tier, scores[level])


def _depression_from_rules(
    symptoms: Mapping[int, Sequence[Match]], statement: bool, op: OperatingPoint
) -> tuple[str, float]:
    n = len(symptoms)
    cut = op.depression
    level = "none"
    if n >= cut["severe_items"]:
        level = "severe"
    elif n >= cut["moderate_items"]:
        level = "moderate"
    elif n >= cut["mild_items"] or statement:
        level = "mild"
    score = op.rule_scores["depression_item"] * n
    if statement:
        score = max(score, op.rule_scores["depression_statement"])
    return level, min(score, 0.95)


def _model_depression_level(row: ModelRow, op: OperatingPoint) -> str:
    if row.depression < op.model["depression_present"]:
        return "none"
    levels = row.depression_levels
    best = max(range(len(levels)), key=lambda i: levels[i])
    # The binary head says depression is there: at least mild even if 'none' is the top level.
    return DEPRESSION_LEVELS[max(best, 1)]


def _could_raise(row: ModelRow, op: OperatingPoint) -> bool:
    model = op.model
    return (
        row.suicide >= min(model["suicide_indicator"], model["suicide_ideation"])
        or row.self_harm >= model["self_harm_present"]
        or row.depression >= model["depression_present"]
    )


def combine(
    matches: Sequence[Match],
    readings: Sequence[Reading],
    row: ModelRow | None,
    *,
    support: Callable[[], bool],
    op: OperatingPoint,
) -> Combined:
    """Levels, scores and tier for one text. `support` is asked only when it could matter."""
    counted: list[Counted] = []
    uncounted = False
    for match, reading in zip(matches, readings, strict=True):
        if reading.counts_for_writer:
            counted.append(_effective(match, reading, op))
        elif match.rule.kind != "emoji":
            uncounted = True

    scores = op.rule_scores
    level: Level = "none"
    concern: Tier = "none"
    suicide_rule_score = scores["none"]
    self_harm_present = False
    self_harm_score = scores["none"]
    symptoms: dict[int, list[Match]] = {}
    statement = False
    evidence = False  # the writer's own, current, non-joking distress or depression
    serious = False  # counted, non-joking signals beyond emoji
    rules_seen: set[str] = set()
    for c in counted:
        rule = c.match.rule
        current = c.reading.time == "current" and not c.reading.joking
        if rule.kind == "emoji":
            continue
        serious = serious or not c.reading.joking
        evidence = evidence or current
        if rule.phq9 is not None and current:
            symptoms.setdefault(rule.phq9, []).append(c.match)
        if rule.kind == "depression":
            statement = statement or rule.id == "TX-DEP-STATEMENT"
            continue
        rules_seen.add(rule.id)
        level = _max_level(level, c.level)
        concern = _max_tier(concern, c.tier)
        suicide_rule_score = max(suicide_rule_score, c.score)
        if rule.self_harm:
            if current:
                self_harm_present = True
                act = (
                    scores["self_harm_act"]
                    if rule.kind == "self_harm"
                    else scores["self_harm_urge"]
                )
                self_harm_score = max(self_harm_score, act)
            else:
                self_harm_score = max(self_harm_score, scores["self_harm_past"])
    if len(rules_seen) > 1:
        bonus = scores["further_rule_bonus"] * (len(rules_seen) - 1)
        suicide_rule_score = min(0.99, suicide_rule_score + bonus)
    if evidence and any(c.match.rule.kind == "emoji" for c in counted):
        suicide_rule_score = min(0.99, suicide_rule_score + scores["emoji"])

    depression_level, depression_score = _depression_from_rules(symptoms, statement, op)
    suicide_score = suicide_rule_score
    raised: list[str] = []
    vetoed = not serious and (uncounted or bool(counted))
    if row is not None and not serious and not vetoed and _could_raise(row, op):
        vetoed = support()  # support or an idiom, with no own signal: the model may not raise
    if row is not None:
        cap = op.model["vetoed_cap"]
        m_suicide = min(row.suicide, cap) if vetoed else row.suicide
        m_self_harm = min(row.self_harm, cap) if vetoed else row.self_harm
        m_depression = min(row.depression, cap) if vetoed else row.depression
        if LEVELS.index(level) < LEVELS.index("ideation") and (
            m_suicide >= op.model["suicide_ideation"] and evidence
        ):
            level, concern = "ideation", _max_tier(concern, "concern")
            raised.append("suicide")
        elif level == "none" and m_suicide >= op.model["suicide_indicator"]:
            level, concern = "indicator", _max_tier(concern, "watch")
            raised.append("suicide")
        suicide_score = max(suicide_score, m_suicide)
        if not self_harm_present and evidence and m_self_harm >= op.model["self_harm_present"]:
            self_harm_present = True
            level = _max_level(level, "indicator")
            concern = _max_tier(concern, "concern")
            raised.append("self_harm")
        self_harm_score = max(self_harm_score, m_self_harm)
        if not vetoed:
            model_level = _model_depression_level(row, op)
            if DEPRESSION_LEVELS.index(model_level) > DEPRESSION_LEVELS.index(depression_level):
                depression_level = model_level
                raised.append("depression")
        depression_score = max(depression_score, m_depression)
    concern = _max_tier(concern, _DEPRESSION_TIER[depression_level])
    help_now = (
        concern == "urgent" or LEVELS.index(level) >= LEVELS.index("ideation") or self_harm_present
    )
    return Combined(
        level=level,
        suicide_score=min(suicide_score, 1.0),
        self_harm_present=self_harm_present,
        self_harm_score=min(self_harm_score, 1.0),
        depression_level=depression_level,
        depression_score=min(depression_score, 1.0),
        symptoms={item: tuple(ms) for item, ms in sorted(symptoms.items())},
        concern=concern,
        help_now=help_now,
        counted=tuple(counted),
        vetoed=vetoed,
        model_raised=tuple(raised),
        model_used=row is not None,
    )
