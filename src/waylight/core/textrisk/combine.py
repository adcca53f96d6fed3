"""Combine rule evidence and model scores into levels, scores and a concern tier.

Four named steps, each a function with its own tests (docs/text-detector.md, "Combination"):

1. `tally`: the rules' own verdict. Each counted signal (the writer's own, affirmed, not an
   idiom) gets a level, tier and score after jokes and past time; the text's level is the
   highest (never an average), its score the strongest signal's plus a small bonus per further
   rule; self-harm, PHQ-9 items and the rules' depression level come from the same signals.
2. `veto`: whether the trained readers may raise anything. They may not when every signal was
   set aside (denied, a what-if, someone else's, an idiom) or only jokes counted, nor, with no
   signal at all, in a supporter's text or one holding an everyday idiom.
3. `model_raise`: the trained readers as second readers, which can only raise: the post model's
   suicide score (none -> indicator, or -> ideation next to the writer's own distress), its
   self-harm and depression scores, and sentences a sentence reader found to be the writer's
   own risk or self-harm.
4. `tier`: the concern tier (the highest of all of the above and the depression level's) and
   whether help-now resources lead.

`combine` runs the four in order. The numbers live in content/text/operating_point.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

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
# The PHQ-2 items: little interest or pleasure, feeling down or hopeless.
CORE_ITEMS = frozenset({1, 2})
# What a depression level asks of a human reader.
_DEPRESSION_TIER: Mapping[str, Tier] = {
    "none": "none",
    "mild": "watch",
    "moderate": "watch",
    "severe": "concern",
}

Reader = Literal["fast", "second"]


@dataclass(frozen=True)
class OperatingPoint:
    """The numbers in content/text/operating_point.yaml."""

    max_chars: int
    max_rule_chars: int
    rule_scores: Mapping[str, float]
    model: Mapping[str, float]
    depression: Mapping[str, float]
    sentences: Mapping[str, float] = field(default_factory=dict)


@cache
def load_operating_point() -> OperatingPoint:
    data: dict[str, Any] = load_data("text/operating_point.yaml", schema="text_operating_point")
    return OperatingPoint(
        max_chars=int(data["max_chars"]),
        max_rule_chars=int(data["max_rule_chars"]),
        rule_scores=dict(data["rule_scores"]),
        model=dict(data["model"]),
        depression=dict(data["depression"]),
        sentences=dict(data.get("sentences", {})),
    )


@dataclass(frozen=True)
class ModelRow:
    """The post model's scores for one text."""

    suicide: float
    self_harm: float
    depression: float
    depression_levels: tuple[float, float, float, float]


@dataclass(frozen=True)
class SentenceHit:
    """A sentence a sentence reader scored, read in its context.

    `risk` and `self_harm` are the reader's 0..1 scores for the writer's own suicidal thoughts
    and self-harm in this sentence, and `raises_risk` / `raises_self_harm` whether they reach
    the operating point of the reader that decided (`reader`); `own_risk` and `own_self_harm`
    are the context's verdicts on the clauses that carry each (the writer's own, affirmed,
    real experience, not reported); `urge` marks wording of a wish
    or an urge rather than an act; `past` marks a sentence about the past.
    """

    start: int
    end: int
    risk: float
    self_harm: float
    reader: Reader
    raises_risk: bool = False
    raises_self_harm: bool = False
    own_risk: bool = True
    own_self_harm: bool = True
    urge: bool = False
    past: bool = False


@dataclass(frozen=True)
class Counted:
    """A signal that counts for the writer, with what it stands for after context."""

    match: Match
    reading: Reading
    level: Level
    tier: Tier
    score: float


@dataclass(frozen=True)
class Tally:
    """Step 1: what the rules alone say."""

    level: Level
    concern: Tier
    suicide_score: float
    self_harm_present: bool
    self_harm_score: float
    depression_level: str
    depression_score: float
    symptoms: Mapping[int, tuple[Match, ...]]
    counted: tuple[Counted, ...]
    serious: bool  # counted, non-joking signals beyond emoji
    evidence: bool  # the writer's own, current, non-joking distress or depression
    set_aside: bool  # some signal (not an emoji) was denied, hypothetical, someone else's, an idiom


@dataclass(frozen=True)
class Raise:
    """Step 3: the levels after the trained readers had their say."""

    level: Level
    concern: Tier
    suicide_score: float
    self_harm_present: bool
    self_harm_score: float
    depression_level: str
    depression_score: float
    raised: tuple[str, ...]
    sentences: tuple[SentenceHit, ...]  # the sentences that raised something


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
    raising_sentences: tuple[SentenceHit, ...] = ()


def max_level(a: Level, b: Level) -> Level:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def max_tier(a: Tier, b: Tier) -> Tier:
    return a if TIERS.index(a) >= TIERS.index(b) else b


# ------------------------------------------------------------------ step 1: tally


def effective(match: Match, reading: Reading, op: OperatingPoint) -> Counted:
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


def depression_from_rules(
    symptoms: Mapping[int, Sequence[Match]], statement: bool, op: OperatingPoint
) -> tuple[str, float]:
    """Depression level from distinct PHQ-9 items (1-8) and naming one's own depression.

    One of the two core items alone (little interest or pleasure, feeling down: the PHQ-2)
    is enough for mild, as is naming one's own depression.
    """
    n = len(symptoms)
    cut = op.depression
    core = bool(CORE_ITEMS & set(symptoms))
    level = "none"
    if n >= cut["severe_items"]:
        level = "severe"
    elif n >= cut["moderate_items"]:
        level = "moderate"
    elif n >= cut["mild_items"] or statement or core:
        level = "mild"
    score = op.rule_scores["depression_item"] * n
    if statement:
        score = max(score, op.rule_scores["depression_statement"])
    return level, min(score, 0.95)


def tally(matches: Sequence[Match], readings: Sequence[Reading], op: OperatingPoint) -> Tally:
    """Step 1: the rules' verdict from the signals that count for the writer."""
    counted: list[Counted] = []
    set_aside = False
    for match, reading in zip(matches, readings, strict=True):
        if reading.counts_for_writer:
            counted.append(effective(match, reading, op))
        elif match.rule.kind != "emoji":
            set_aside = True

    scores = op.rule_scores
    level: Level = "none"
    concern: Tier = "none"
    suicide_score = scores["none"]
    self_harm_present = False
    self_harm_score = scores["none"]
    symptoms: dict[int, list[Match]] = {}
    statement = False
    evidence = False
    serious = False
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
        level = max_level(level, c.level)
        concern = max_tier(concern, c.tier)
        suicide_score = max(suicide_score, c.score)
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
        suicide_score = min(
            0.99, suicide_score + scores["further_rule_bonus"] * (len(rules_seen) - 1)
        )
    if evidence and any(c.match.rule.kind == "emoji" for c in counted):
        suicide_score = min(0.99, suicide_score + scores["emoji"])
    depression_level, depression_score = depression_from_rules(symptoms, statement, op)
    return Tally(
        level=level,
        concern=concern,
        suicide_score=suicide_score,
        self_harm_present=self_harm_present,
        self_harm_score=self_harm_score,
        depression_level=depression_level,
        depression_score=depression_score,
        symptoms={item: tuple(ms) for item, ms in sorted(symptoms.items())},
        counted=tuple(counted),
        serious=serious,
        evidence=evidence,
        set_aside=set_aside,
    )


# ------------------------------------------------------------------ step 2: veto


def could_raise(row: ModelRow | None, op: OperatingPoint) -> bool:
    """Whether the post model's scores are high enough to raise something."""
    model = op.model
    return row is not None and (
        row.suicide >= min(model["suicide_indicator"], model["suicide_ideation"])
        or row.self_harm >= model["self_harm_present"]
        or row.depression >= model["depression_present"]
    )


def veto(tallied: Tally, *, could: bool, support: Callable[[], bool]) -> bool:
    """Step 2: True when the post model may not raise anything for this text.

    `support` (a supporter's words or an everyday idiom in the text) is asked only when no
    signal counted and the model could raise something, because it scans the whole text.
    Sentence readers are vetoed sentence by sentence instead (`SentenceHit.own`): one denied
    sentence must not silence another sentence of the same text.
    """
    if not tallied.serious and (tallied.set_aside or bool(tallied.counted)):
        return True  # every signal set aside, or only jokes counted
    if not tallied.serious and could:
        return support()
    return False


# ------------------------------------------------------------------ step 3: model raise


def model_depression_level(row: ModelRow, op: OperatingPoint) -> str:
    """The post model's depression level: its level head's most likely level.

    Chosen on the validation split over gating it by the binary depression score (which made
    every gated text at least mild): the level head alone agrees better with both annotation
    schemes (docs/model-card.md, "Depression level").
    """
    del op
    levels = row.depression_levels
    return DEPRESSION_LEVELS[max(range(len(levels)), key=lambda i: levels[i])]


def model_raise(
    tallied: Tally,
    row: ModelRow | None,
    hits: Sequence[SentenceHit],
    *,
    vetoed: bool,
    op: OperatingPoint,
    rules_read: bool = True,
) -> Raise:
    """Step 3: raise levels with the trained readers (never lower).

    The post model raises nothing when `vetoed`; a sentence raises only when its own context
    makes it the writer's own, current experience. With `rules_read` False (the model-alone
    ablation) there is no rule evidence to wait for: the post model's own thresholds decide.
    """
    level, concern = tallied.level, tallied.concern
    suicide_score, self_harm_score = tallied.suicide_score, tallied.self_harm_score
    self_harm_present = tallied.self_harm_present
    depression_level, depression_score = tallied.depression_level, tallied.depression_score
    raised: list[str] = []
    raising: list[SentenceHit] = []
    model, cap = op.model, op.model["vetoed_cap"]
    evidence = tallied.evidence or not rules_read

    if row is not None:
        m_suicide = min(row.suicide, cap) if vetoed else row.suicide
        m_self_harm = min(row.self_harm, cap) if vetoed else row.self_harm
        m_depression = min(row.depression, cap) if vetoed else row.depression
        if LEVELS.index(level) < LEVELS.index("ideation") and (
            m_suicide >= model["suicide_ideation"] and evidence
        ):
            level, concern = "ideation", max_tier(concern, "concern")
            raised.append("suicide")
        elif level == "none" and m_suicide >= model["suicide_indicator"]:
            level, concern = "indicator", max_tier(concern, "watch")
            raised.append("suicide")
        suicide_score = max(suicide_score, m_suicide)
        if not self_harm_present and evidence and m_self_harm >= model["self_harm_present"]:
            self_harm_present = True
            level = max_level(level, "indicator")
            concern = max_tier(concern, "concern")
            raised.append("self_harm")
        self_harm_score = max(self_harm_score, m_self_harm)
        if not vetoed:
            from_model = model_depression_level(row, op)
            if DEPRESSION_LEVELS.index(from_model) > DEPRESSION_LEVELS.index(depression_level):
                depression_level = from_model
                raised.append("depression")
        depression_score = max(depression_score, m_depression)

    for hit in hits:
        if hit.past:
            continue
        if hit.raises_risk and hit.own_risk:
            suicide_score = max(suicide_score, hit.risk)
            if LEVELS.index(level) < LEVELS.index("ideation"):
                level = "ideation"
                raised.append("sentence_risk")
            concern = max_tier(concern, "concern")
            raising.append(hit)
        if hit.raises_self_harm and hit.own_self_harm:
            self_harm_score = max(self_harm_score, hit.self_harm)
            if not self_harm_present:
                raised.append("sentence_self_harm")
            self_harm_present = True
            # An act is self-harm behaviour; a wish or an urge is a risk indicator.
            level = max_level(level, "indicator" if hit.urge else "behavior")
            concern = max_tier(concern, "concern")
            if hit not in raising:
                raising.append(hit)
    return Raise(
        level=level,
        concern=concern,
        suicide_score=min(suicide_score, 1.0),
        self_harm_present=self_harm_present,
        self_harm_score=min(self_harm_score, 1.0),
        depression_level=depression_level,
        depression_score=min(depression_score, 1.0),
        raised=tuple(dict.fromkeys(raised)),
        sentences=tuple(raising),
    )


# ------------------------------------------------------------------ step 4: tier


def tier(raised: Raise) -> tuple[Tier, bool]:
    """Step 4: the concern tier and whether help-now resources lead."""
    concern = max_tier(raised.concern, _DEPRESSION_TIER[raised.depression_level])
    help_now = (
        concern == "urgent"
        or LEVELS.index(raised.level) >= LEVELS.index("ideation")
        or raised.self_harm_present
    )
    return concern, help_now


def combine(
    matches: Sequence[Match],
    readings: Sequence[Reading],
    row: ModelRow | None,
    *,
    support: Callable[[], bool],
    op: OperatingPoint,
    hits: Sequence[SentenceHit] = (),
    rules_read: bool = True,
) -> Combined:
    """Levels, scores and tier for one text: tally, veto, model raise, tier."""
    tallied = tally(matches, readings, op)
    vetoed = veto(tallied, could=could_raise(row, op), support=support)
    raised = model_raise(tallied, row, hits, vetoed=vetoed, op=op, rules_read=rules_read)
    concern, help_now = tier(raised)
    return Combined(
        level=raised.level,
        suicide_score=raised.suicide_score,
        self_harm_present=raised.self_harm_present,
        self_harm_score=raised.self_harm_score,
        depression_level=raised.depression_level,
        depression_score=raised.depression_score,
        symptoms=tallied.symptoms,
        concern=concern,
        help_now=help_now,
        counted=tallied.counted,
        vetoed=vetoed,
        model_raised=raised.raised,
        model_used=row is not None or bool(hits),
        raising_sentences=raised.sentences,
    )
