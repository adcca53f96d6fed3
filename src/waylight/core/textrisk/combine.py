"""Combine rule evidence and model scores into levels, scores and a concern tier.

Four named steps, each a function with its own tests (docs/text-detector.md, "Combination"):

1. `tally`: the rules' own verdict. Each counted signal (the writer's own, affirmed, not an
   idiom) gets a level, tier and score after jokes and past time; the text's level is the
   highest (never an average), its score the strongest signal's plus a small bonus per further
   rule; self-harm, PHQ-9 items and the rules' depression level come from the same signals.
2. `veto`: whether the trained readers are held back. When every signal was set aside (denied,
   a what-if, someone else's, an idiom) or only jokes counted, or, with no signal at all, the
   text is a supporter's or holds an everyday idiom, the post model raises nothing and the
   learned reader must reach its stricter `vetoed` thresholds.
3. `model_raise`: the trained readers, which can only raise (the rules' levels are floors):
   the learned reader's suicide level, self-harm and urgency (`reader.py`), and the post
   model's depression level.
4. `tier`: the concern tier (the highest of all of the above and the depression level's) and
   whether help-now resources lead.

`combine` runs the four in order. The numbers live in content/text/operating_point.yaml.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.textrisk.context import PassiveTold, Reading
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
# Rule kinds about suicide itself (not self-harm, distress or depression).
_SUICIDE_KINDS = frozenset(
    {"suicide_attempt", "suicide_preparation", "suicidal_ideation", "passive_ideation"}
)
_SELF_HARM_KINDS = frozenset({"self_harm", "self_harm_urge"})
# Attempt rules whose wording names the purpose of the act as ending one's life ("did
# something to end my life"): an attempt, not self-harm (harm without intent to die).
_INTENT_TO_DIE_RULES = frozenset({"TX-ATT-ACT-TO-END"})
_RISK_KINDS = _SUICIDE_KINDS | _SELF_HARM_KINDS
_MOOD_KINDS = frozenset({"distress", "depression"})
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
    reader: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # Added to the log-probability of each depression level before the most likely is taken.
    depression_level_offsets: Mapping[str, float] = field(
        default_factory=lambda: dict.fromkeys(DEPRESSION_LEVELS, 0.0)
    )


@cache
def load_operating_point() -> OperatingPoint:
    data: dict[str, Any] = load_data("text/operating_point.yaml", schema="text_operating_point")
    return OperatingPoint(
        max_chars=int(data["max_chars"]),
        max_rule_chars=int(data["max_rule_chars"]),
        rule_scores=dict(data["rule_scores"]),
        model=dict(data["model"]),
        depression=dict(data["depression"]),
        reader={name: dict(values) for name, values in data.get("reader", {}).items()},
        depression_level_offsets={
            level: float(data["depression_level_offsets"][level]) for level in DEPRESSION_LEVELS
        },
    )


@dataclass(frozen=True)
class ModelRow:
    """The post model's scores for one text (its depression outputs are the ones used)."""

    suicide: float
    self_harm: float
    depression: float
    depression_levels: tuple[float, float, float, float]


@dataclass(frozen=True)
class ReaderRow:
    """The learned reader's probabilities for one text (`reader.ReaderScores`, one row).

    `levels`: none, indicator, ideation, behavior, attempt; `self_harm`: the writer's own
    current self-harm; `urgent`: concern `urgent`; `full`: read with the encoder (the full
    heads) rather than by the fast heads alone.
    """

    levels: tuple[float, float, float, float, float]
    self_harm: float
    urgent: float
    full: bool = False

    @property
    def at_risk(self) -> float:
        """Probability of ideation, behavior or attempt."""
        return sum(self.levels[2:])

    @property
    def any_risk(self) -> float:
        """Probability of any level above none."""
        return sum(self.levels[1:])


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
    # every risk signal (suicide or self-harm) was someone else's, that person named, and
    # nothing else counted but the writer's own distress or depression
    others_only: bool = False
    # ... and one of them was about suicide (an attempt, a wish to die): theirs, not the writer's
    others_suicide: bool = False
    # an attempt was told, and every attempt told was a named someone else's
    others_attempt: bool = False
    # others_only, and one of those signals was self-harm: theirs, not the writer's
    others_self_harm: bool = False
    # the text is longer than the depression cut's `long_text_words` (a post, not a line)
    long_text: bool = False
    # nothing counted, and every signal set aside was the writer's own and denied ("I didn't
    # cut myself"): not a what-if, not someone else's, not an idiom
    denied: bool = False
    # nothing counted, and every signal (if any) was a self-harm signal the rules read as an
    # everyday mark or injury (an idiom: a kitchen burn, a scrape on the fence): with an
    # everyday cause named, the learned reader must reach the `everyday_cause` bars
    everyday: bool = False
    # an attempt of the writer's counted, every one told as long-past recovery
    # (`Reading.long_past`), and nothing else counted above `watch`: the text's tier is `watch`
    # whatever the trained readers add (labelling guide), unless depression asks for more
    long_past: bool = False
    # the writer's own current course cue (LASTING_RULES: two weeks or more) was told
    lasting: bool = False
    # the writer told daily life going on (GOING_ON_RULE) next to their own items
    going_on: bool = False


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
    if level == "attempt" and reading.repeat:
        # An attempt told with the wish to do it again now ("I'll try again", "still want to
        # do it"): the intent is still there, however long ago the act (labelling guide).
        return Counted(match, reading, "attempt", "urgent", scores["attempt"])
    if level == "attempt" and (reading.time == "past" or not reading.recent):
        # A past attempt is a history: `concern` (reach out soon) unless a recent cue dates it
        # ("I tried again on Saturday"); active ideation now raises the tier by its own signal.
        return Counted(match, reading, "attempt", "concern", scores["attempt"])
    if reading.time == "past":
        return Counted(match, reading, "indicator", "watch", scores["past"])
    if level == "ideation" and tier == "concern":
        return Counted(match, reading, level, tier, scores["passive_ideation"])
    return Counted(match, reading, level, tier, scores[level])


# Depression rules that move the rules' level beyond counting items (signals.yaml): daily life
# impaired (missing work, not washing, not leaving one's room), a hedged low mood ("a bit low",
# "kinda flat this week"), depression named as severe by the writer, a course of two weeks or
# more (a `course` rule, never a signal by itself) and naming one's own depression.
IMPAIRMENT_RULE = "TX-DEP-IMPAIRMENT"
HEDGED_RULE = "TX-DEP-MOOD-HEDGED"
NAMED_SEVERE_RULE = "TX-DEP-NAMED-SEVERE"
DURATION_RULE = "TX-DEP-DURATION"
LIGHT_RULE = "TX-DEP-LIGHT"
GOING_ON_RULE = "TX-DEP-GOING-ON"
PERVASIVE_RULE = "TX-DEP-PERVASIVE"
RATED_RULE = "TX-DEP-RATED-SEVERE"
STATEMENT_RULE = "TX-DEP-STATEMENT"
DAILY_RULE = "TX-DEP-DAILY"
YEARS_RULE = "TX-DEP-YEARS"
EVERY_DAY_RULE = "TX-DEP-EVERY-DAY"
# Course cues that each tell a course of two weeks or more: every single day (or nearly) and a
# year or more are read by rules of their own, listed before DURATION_RULE so that the scanner
# gives them their spans. A plain "every day" (EVERY_DAY_RULE) is not a course by itself.
LASTING_RULES = frozenset({DURATION_RULE, DAILY_RULE, YEARS_RULE})
# Distress that asks for a reach-out when it has lasted months (labelling guide: `concern` when
# severe and lasting): hopelessness, feeling a burden, worthlessness. Loneliness and not coping
# told as lasting stay `watch` in the sealed rounds, so they are left out.
LASTING_DISTRESS_RULES = frozenset({"TX-DIS-HOPELESS", "TX-DIS-BURDEN", "TX-DIS-SELF-HATE"})
# Emptiness asks for one only on a longer course: a year or more, or every single day ("empty
# every single day since last year"); "empty for months now" stays `watch`.
LASTING_EMPTINESS_RULE = "TX-DIS-NUMB"
# Rules read `urgent` only for naming suicidal thoughts ("suicidal thoughts again", "thoughts
# of suicide", "feeling suicidal" with the "I" dropped, "unalive thoughts"): no how, plan, time,
# search or act in their words. The writer's own word that those thoughts are passive
# (`passive_only`) can bring them to `concern`; no other urgent rule.
NAMED_THOUGHT_RULES = frozenset(
    {
        "TX-SI-SUICIDAL",
        "TX-SI-SUICIDAL-DIARY",
        "TX-SI-SUICIDE-THOUGHTS",
        "TX-SI-THOUGHTS",
        "TX-SI-SLANG-THOUGHTS",
    }
)


def depression_from_rules(
    symptoms: Mapping[int, Sequence[Match]],
    statement: bool,
    op: OperatingPoint,
    cues: Mapping[str, int] | None = None,
    words: int = 0,
) -> tuple[str, float]:
    """Depression level from distinct PHQ-9 items, naming one's own depression, and the cues
    above (`cues`: how many times each of the writer's own current depression rules matched).

    Writers of short texts give a level from few words: one item told plainly is most often
    moderate, a hedged low mood ("a bit low this week") mild, and daily life impaired in
    several ways next to items severe. So: `mild_items` items (or naming depression, or a
    core item) is mild, `moderate_items` moderate, unless a hedged mood is there with at most
    `hedged_max_items` items (mild); each way daily life is impaired counts as
    `impairment_items` items, up to two; severe takes `severe_items` items, or impairment with
    items (or, with no item, with a lasting course: daily life lost in two ways for weeks),
    impairments and a lasting course (two weeks or more: `duration_items`) together
    reaching `impaired_severe_weight`, or depression the writer names as severe with that
    weight reaching `named_severe_items`; a lasting course also lets one non-core item count.
    Severe asks for a person to reach out (concern), so it stays demanding: one impairment
    next to one item is moderate. In a text longer than `long_text_words` words (a post, not a
    line), one item alone is mild: a long post that tells of one item says less than a line
    that is all about it. With `light_mild` on, a mood named as light (LIGHT_RULE) is mild on
    its own, and it or daily life going on next to the writer's own items (GOING_ON_RULE)
    reads as a hedged mood does. Daily life lost across the board (PERVASIVE_RULE: care taken
    over by someone else, bed left only for the basics, work lost to it, nothing done at all)
    is severe when items, impairments and course weigh at least `pervasive_severe_weight`
    beside it, unless the mood is hedged; the cue alone sets no level. With `rated_severe` on,
    depression rated severe by a clinician or a questionnaire score (RATED_RULE) is severe
    unless the mood is hedged; with `going_on_mild` on, daily life going on told with a lasting
    course and none of the writer's items is mild. With `daily_core_severe` on, a core item
    told as every day (DAILY_RULE, EVERY_DAY_RULE) over a year or more (YEARS_RULE) is severe
    unless the mood is hedged.
    """
    n = len(symptoms)
    cut = op.depression
    core = bool(CORE_ITEMS & set(symptoms))
    cues = cues or {}
    impairments = min(cues.get(IMPAIRMENT_RULE, 0), 2)
    impaired = impairments > 0
    # A mood named as light is mild on its own; daily life going on next to one's own items
    # reads as a hedge does (it never sets a level: "nothing major, can't sleep" stays none).
    light_on = bool(cut.get("light_mild"))
    light = light_on and LIGHT_RULE in cues
    going_on = light_on and GOING_ON_RULE in cues and n > 0
    # A hedged or light mood told with daily life going on as well ("bit low this week, not
    # sleeping great, no appetite, still getting everything done"): two ways of playing it
    # down keep one more item mild (`going_on_extra_items`).
    both = (HEDGED_RULE in cues or light) and going_on
    max_items = cut["hedged_max_items"] + (int(cut.get("going_on_extra_items", 0)) if both else 0)
    hedged = (HEDGED_RULE in cues or light or going_on) and n <= max_items
    # Daily life going on told with no item but with a course ("low-level grey for a few weeks,
    # still going to work"): a low the writer keeps up with; mild where the point says so
    # ("still going to the gym tomorrow" alone sets no level).
    played_down = (
        bool(cut.get("going_on_mild"))
        and GOING_ON_RULE in cues
        and bool(LASTING_RULES & set(cues))
        and n == 0
    )
    lasting = bool(LASTING_RULES & set(cues)) and (n > 0 or impaired or statement)
    # Naming one's depression is mild on its own ("I think I'm depressed"); only items told in
    # other words move the level further.
    told = sum(1 for ms in symptoms.values() if any(m.rule.id != STATEMENT_RULE for m in ms))
    weight = told + cut["impairment_items"] * impairments
    weight += cut["duration_items"] if lasting else 0
    long_text = words > cut["long_text_words"]
    # Daily life lost across the board: read only where the operating point weighs it.
    pervasive = PERVASIVE_RULE in cues and "pervasive_severe_weight" in cut
    # Rated severe by a clinician or a questionnaire score: read only where the point says so.
    rated = RATED_RULE in cues and bool(cut.get("rated_severe"))
    # A core item told as every day (the PHQ-9's "nearly every day", its top answer) over a
    # year or more ("hopeless every single day for two years"): the labelling guide's severe
    # and lasting; read only where the point says so.
    daily_core = (
        bool(cut.get("daily_core_severe"))
        and core
        and (DAILY_RULE in cues or EVERY_DAY_RULE in cues)
        and YEARS_RULE in cues
    )
    if told == 1 and not (core or impaired or lasting):
        # One item that is not a core item, told alone ("can't sleep", "so tired", "can't
        # focus at school"), is as often an ordinary bad night, a long shift or a worry about
        # someone else: no level from it.
        weight = 0
    impaired_severe = cut["impaired_severe_weight"]
    level = "none"
    if (
        n >= cut["severe_items"]
        or (impaired and (n >= 1 or lasting) and not hedged and weight >= impaired_severe)
        or (NAMED_SEVERE_RULE in cues and weight >= cut["named_severe_items"])
        or (pervasive and not hedged and weight >= cut["pervasive_severe_weight"])
        or (rated and not hedged)
        or (daily_core and not hedged)
    ):
        level = "severe"
    elif weight >= cut["moderate_items"] and not hedged and not (long_text and weight <= 1):
        level = "moderate"
    elif weight >= cut["mild_items"] or statement or core or light or played_down:
        level = "mild"
    score = op.rule_scores["depression_item"] * n
    if statement:
        score = max(score, op.rule_scores["depression_statement"])
    return level, min(score, 0.95)


def tally(
    matches: Sequence[Match], readings: Sequence[Reading], op: OperatingPoint, words: int = 0
) -> Tally:
    """Step 1: the rules' verdict from the signals that count for the writer (`words`: how
    long the text is, for the depression level)."""
    counted: list[Counted] = []
    set_aside = False
    others_only = True
    others_risk = False
    others_suicide = False
    others_self_harm = False
    attempts = [
        r.named_other
        for m, r in zip(matches, readings, strict=True)
        if m.rule.kind == "suicide_attempt"
    ]
    course: dict[str, int] = {}
    all_denied = True
    all_everyday = True
    for match, reading in zip(matches, readings, strict=True):
        if match.rule.course:
            # How long, not what: a course cue is never a signal (not counted, not set aside,
            # no veto); the writer's own current one only moves the depression level.
            if reading.counts_for_writer and reading.time == "current" and not reading.joking:
                course[match.rule.id] = course.get(match.rule.id, 0) + 1
            continue
        if reading.counts_for_writer:
            counted.append(effective(match, reading, op))
        elif match.rule.kind != "emoji":
            set_aside = True
            all_denied = all_denied and _denied_by_writer(reading)
        if match.rule.kind != "emoji":
            all_everyday = all_everyday and match.rule.self_harm and reading.idiom is not None
        if match.rule.kind in _MOOD_KINDS and reading.counts_for_writer:
            continue  # the writer's own distress next to someone else's risk: a supporter's
        if match.rule.kind != "emoji" and not reading.named_other:
            others_only = False
        others_risk = others_risk or match.rule.kind in _RISK_KINDS
        others_suicide = others_suicide or match.rule.kind in _SUICIDE_KINDS
        others_self_harm = others_self_harm or match.rule.kind in ("self_harm", "self_harm_urge")

    scores = op.rule_scores
    level: Level = "none"
    concern: Tier = "none"
    suicide_score = scores["none"]
    self_harm_present = False
    self_harm_score = scores["none"]
    symptoms: dict[int, list[Match]] = {}
    statement = False
    cues: dict[str, int] = dict(course)
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
            statement = statement or rule.id == STATEMENT_RULE
            if current:
                cues[rule.id] = cues.get(rule.id, 0) + 1
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
    depression_level, depression_score = depression_from_rules(symptoms, statement, op, cues, words)
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
        others_only=others_only and others_risk,
        others_suicide=others_only and others_suicide,
        others_attempt=bool(attempts) and all(attempts),
        others_self_harm=others_only and others_self_harm,
        long_text=words > op.depression["long_text_words"],
        long_past=_long_past_only(counted),
        denied=set_aside and all_denied and not counted,
        everyday=all_everyday and not counted,
        lasting=bool(LASTING_RULES & set(cues)),
        going_on=GOING_ON_RULE in cues and bool(symptoms),
    )


def _long_past_only(counted: Sequence[Counted]) -> bool:
    """An attempt counted and told as long-past recovery, and no other counted signal of the
    writer's above `watch` (`Tally.long_past`)."""
    attempts = [c for c in counted if c.level == "attempt"]
    others = [c for c in counted if c.level != "attempt" and c.match.rule.kind != "emoji"]
    return (
        bool(attempts)
        and all(c.reading.long_past for c in attempts)
        and all(TIERS.index(c.tier) <= TIERS.index("watch") for c in others)
    )


def _lasting_kind(
    counted: Sequence[Counted], rules: frozenset[str] = LASTING_DISTRESS_RULES
) -> bool:
    """A counted distress signal of the writer's own, current and not a joke, of the kinds that
    ask for a reach-out once lasting (`rules`: `LASTING_DISTRESS_RULES` unless told)."""
    return any(
        c.match.rule.id in rules and c.reading.time == "current" and not c.reading.joking
        for c in counted
    )


def passive_only(tallied: Tally, raised: Raise, concern: Tier) -> bool:
    """Whether an `urgent` text has nothing active read by the rules or the readers, so that
    the writer's word that the thoughts are passive (`ContextReader.passive_told`) may be
    asked: the level is `ideation` (no act, attempt or preparation read, by rule or reader), no
    self-harm, and every `urgent` signal counted is one that only names suicidal thoughts
    (`NAMED_THOUGHT_RULES`). Labelling guide: passive ideation is `concern`; any how, plan,
    time or search keeps `urgent`."""
    return (
        concern == "urgent"
        and raised.level == "ideation"
        and tallied.level in ("none", "indicator", "ideation")
        and not raised.self_harm_present
        and not tallied.self_harm_present
        and all(
            c.tier != "urgent" or c.match.rule.id in NAMED_THOUGHT_RULES for c in tallied.counted
        )
    )


def passive_holds(tallied: Tally, told: PassiveTold | None) -> bool:
    """Whether how the writer told the thoughts passive brings an `urgent` text that
    `passive_only` allows to `concern`: the passive kind named ("the passive kind", "not the
    planning kind", one's own funeral pictured) does; no plan or intent said ("no plan",
    "wouldn't act on it") does only beside a passive wish the rules counted as the writer's
    (an `ideation` signal at `concern`: "wishing I was gone, no plan") and no `urgent` signal
    at all. The sealed rounds label "I keep thinking about ending it, no plan" `urgent`."""
    if told == "named":
        return True
    if told != "no_plan":
        return False
    return all(c.tier != "urgent" for c in tallied.counted) and any(
        c.level == "ideation" and c.tier == "concern" and c.match.rule.kind in _SUICIDE_KINDS
        for c in tallied.counted
    )


def _denied_by_writer(reading: Reading) -> bool:
    """The writer's own signal, set aside only because the writer denied it ("I didn't cut
    myself"), not as a what-if, someone else's or an idiom."""
    return (
        reading.negated
        and reading.experiencer == "self"
        and not reading.hypothetical
        and reading.idiom is None
    )


# ------------------------------------------------------------------ step 2: veto


def could_raise(row: ModelRow | None, reader: ReaderRow | None, op: OperatingPoint) -> bool:
    """Whether the trained readers' scores are high enough to raise something."""
    if reader is not None:
        point = reader_point(reader, op, vetoed=False)
        if (
            reader.any_risk >= point["indicator"]
            or reader.at_risk >= point["at_risk"]
            or reader.self_harm >= point["self_harm"]
        ):
            return True
    return row is not None and row.depression >= op.model["depression_present"]


def veto(tallied: Tally, *, could: bool, support: Callable[[], bool]) -> bool:
    """Step 2: True when the trained readers are held back for this text: the post model
    raises nothing and the learned reader must reach its `vetoed` thresholds.

    `support` (a supporter's words or an everyday idiom in the text) is asked only when no
    signal counted and a reader could raise something, because it scans the whole text.
    """
    if not tallied.serious and (tallied.set_aside or bool(tallied.counted)):
        return True  # every signal set aside, or only jokes counted
    if not tallied.serious and could:
        return support()
    return False


# ------------------------------------------------------------------ step 3: model raise


def model_depression_level(row: ModelRow, op: OperatingPoint) -> str:
    """The post model's depression level: the level whose log-probability plus its offset
    (`depression_level_offsets` in the operating point) is highest; a tie goes to the lower
    level, and a level of probability zero is never chosen over one above zero.

    The offsets apply only where the binary depression score reaches the operating point's
    `depression_offsets_from`; below it the most likely level stands as it is, so a text the
    model reads as not depressed is not pushed to a higher level by them. They move the
    decision, not the probabilities the result reports. With none, the most likely level
    alone almost never says `severe`; they were chosen on the validation split for macro-F1
    over both annotation schemes of the training data (docs/model-card.md, "Depression level
    of the whole detector").
    """
    shifted = row.depression >= op.model["depression_offsets_from"]
    offsets = op.depression_level_offsets
    scores = [
        (math.log(p) if p > 0.0 else -math.inf) + (offsets[level] if shifted else 0.0)
        for level, p in zip(DEPRESSION_LEVELS, row.depression_levels, strict=True)
    ]
    # max() keeps the first of equal scores: the lower level.
    return DEPRESSION_LEVELS[max(range(len(scores)), key=scores.__getitem__)]


def reader_point(
    reader: ReaderRow,
    op: OperatingPoint,
    *,
    vetoed: bool,
    tallied: Tally | None = None,
    holds: frozenset[str] = frozenset(),
) -> Mapping[str, float]:
    """The learned reader's thresholds for this row: its head set's, or the stricter vetoed
    ones (each the higher of the two); the ones of each named hold in `holds` (a section of
    the operating point's `reader` table, such as `story` or `sober_stretch`; the caller
    decides which apply, `combine` for a text); and, when every risk signal was a named
    someone else's and only the writer's distress counted, the `someone_else` ones too; its
    `attempt` bar also wherever every attempt told was a named someone else's (the rules' own
    levels stay floors). A hold only raises bars, never lowers one."""
    point = dict(op.reader["full" if reader.full else "fast"])
    # Each bar is the highest asked of it, so the order the sections are applied in does not
    # matter (max is commutative and associative).
    for name in ("vetoed", *holds) if vetoed else holds:
        for key, value in op.reader.get(name, {}).items():
            point[key] = max(point.get(key, 0.0), value)
    if tallied is not None:
        for key, value in op.reader.get("someone_else", {}).items():
            if key == "attempt":
                applies = tallied.others_attempt or (tallied.others_only and tallied.others_suicide)
            elif key == "behavior":
                applies = tallied.others_only and tallied.others_self_harm
            else:
                applies = tallied.others_only
            if applies:
                point[key] = max(point.get(key, 0.0), value)
    return point


def reader_level(reader: ReaderRow, point: Mapping[str, float]) -> Level:
    """The learned reader's level at its thresholds: its most likely at-risk level when the
    probability of being at risk reaches `at_risk` (and, for `attempt`, the `attempt` bar
    where there is one), else `indicator` when that of any level above none reaches
    `indicator`, else none."""
    if reader.at_risk >= point["at_risk"]:
        best = max(range(2, len(LEVELS)), key=lambda i: reader.levels[i])
        # An attempt or self-harm act read where the signals were a named someone else's
        # must reach its `someone_else` bar: "my twin attempted last spring" is the twin's
        # attempt, "my brother cuts himself" his acts.
        if reader.at_risk >= point.get(LEVELS[best], 0.0):
            return LEVELS[best]
        # A hold that reads an act as the thought it stands for (`act_as_thought`: a goodbye
        # asked about, not yet taken) gives `ideation` where the act's own bar is not reached.
        if point.get("act_as_thought", 0.0) >= 1.0 and LEVELS[best] in _ACT_LEVELS:
            return "ideation"
    if reader.any_risk >= point["indicator"]:
        return "indicator"
    return "none"


# Levels whose current thoughts of suicide or acts of self-harm are the writer's own (PHQ-9
# item 9); an `attempt` is left out, since it is most often told as a history.
_ITEM9_LEVELS = frozenset({"ideation", "behavior"})
# Levels of acts rather than thoughts: preparation or self-harm (`behavior`), an attempt.
_ACT_LEVELS = frozenset({"behavior", "attempt"})


def _at_risk_floor(
    level: str, self_harm: bool, depression_level: str, tallied: Tally, op: OperatingPoint
) -> str:
    """The depression level at least `moderate` where the text is at risk at `ideation` or
    `behavior` (the writer's own current thoughts of suicide or self-harm, PHQ-9 item 9) and
    the operating point's `depression.at_risk_moderate` is on: writers who tell of them give
    their depression as moderate or severe. Never severe from this alone (severe raises the
    concern tier and stays demanding). The evidence must be more than a line's: the rules
    found the risk themselves, or self-harm is present, or the text is longer than
    `long_text_words` (on a few words the learned reader alone reads many posts at risk
    whose writers give no depression)."""
    if not op.depression.get("at_risk_moderate") or level not in _ITEM9_LEVELS:
        return depression_level
    rules_found = LEVELS.index(tallied.level) >= LEVELS.index("ideation")
    if not (rules_found or self_harm or tallied.long_text):
        return depression_level
    if DEPRESSION_LEVELS.index(depression_level) < DEPRESSION_LEVELS.index("moderate"):
        return "moderate"
    return depression_level


def _lasting_floor(level: str, depression_level: str, tallied: Tally, op: OperatingPoint) -> str:
    """The depression level `moderate` where none was read, the text is at `indicator` (the
    writer's own distress, read by the rules or the learned reader) and the writer tells it
    has lasted two weeks or more (a course cue of their own, current), when the operating
    point's `depression.lasting_moderate` is on: how long it has lasted is what the labelling
    guide reads first, and writers who tell of weeks or months of distress give their
    depression as moderate far more often than none. A course cue with no distress ("for
    months I've been training") and distress told as a bad day stay as they are; a level
    read already (a hedged mood is mild) is not moved; never severe (severe raises the tier).
    """
    if not op.depression.get("lasting_moderate") or level != "indicator":
        return depression_level
    if not tallied.lasting or depression_level != "none":
        return depression_level
    return "moderate"


def _urgent_floor(
    level: str,
    concern: Tier,
    depression_level: str,
    reader: ReaderRow | None,
    point: Mapping[str, float] | None,
    op: OperatingPoint,
) -> str:
    """The depression level `severe` where the text is at `behavior` or `attempt` (acts, not
    thoughts alone: preparation, self-harm, an attempt) with concern `urgent` (with active
    ideation, or an attempt now) and the operating point's `depression.urgent_severe` is on:
    writers who tell of that give their depression as severe. The learned reader must have
    read the text and put it at its own urgent threshold too (`point`), so that the rules'
    words alone never make it severe. Urgent thoughts without acts (`ideation`) are left as
    they are: writers on depression forums (DepSign) call most of them moderate. The text is
    flagged already (urgent), so this never changes a flag."""
    if not op.depression.get("urgent_severe") or concern != "urgent" or level not in _ACT_LEVELS:
        return depression_level
    if reader is None or point is None or reader.urgent < point["urgent"]:
        return depression_level
    return "severe"


def _urgent_bar(
    level: Level,
    self_harm_present: bool,
    tallied: Tally,
    point: Mapping[str, float],
    op: OperatingPoint,
) -> float:
    """The learned reader's `urgent` bar for this text: its head set's, or at least the
    `self_harm_only` bar where the text is an act or an urge of self-harm alone (level
    `behavior` or `ideation`, self-harm present) and the rules counted no suicide signal of
    the writer's (no thought of death, no attempt, no preparation). Current self-harm, or an
    urge to it held off, is `concern` (reach out soon) unless active ideation comes with it
    (labelling guide); the reader's urgent head, trained on texts where acts and suicidal
    thoughts often come together, reads many lone acts told plainly ("hurt myself again
    tonight, third time this week") as urgent at its own bar.
    Likewise at least the `attempt_past` bar where the level is `attempt` and no signal the
    rules counted is urgent (none tells the attempt as happening now, within days, or with
    intent now): the labelling guide calls a past attempt with no current intent `concern`,
    and the urgent head reads any attempt told plainly ("tried to kill myself last month") as
    urgent at its own bar."""
    bar = point["urgent"]
    alone = (
        level in _ITEM9_LEVELS
        and self_harm_present
        and not any(c.match.rule.kind in _SUICIDE_KINDS for c in tallied.counted)
    )
    if alone:
        bar = max(bar, op.reader.get("self_harm_only", {}).get("urgent", bar))
    past_attempt = level == "attempt" and all(c.tier != "urgent" for c in tallied.counted)
    if past_attempt:
        bar = max(bar, op.reader.get("attempt_past", {}).get("urgent", bar))
    return bar


def _intent_to_die_only(tallied: Tally) -> bool:
    """Whether the rules read the writer's own attempt told as an act done to end their life
    (`_INTENT_TO_DIE_RULES`) and no self-harm act or urge apart from it: the learned reader's
    self-harm head then marks nothing (an overdose taken to die is an attempt; self-harm is
    harm without intent to die)."""
    return (
        tallied.level == "attempt"
        and not tallied.self_harm_present
        and any(c.match.rule.id in _INTENT_TO_DIE_RULES for c in tallied.counted)
        and not any(c.match.rule.self_harm for c in tallied.counted)
    )


def _self_harm_agrees(
    level: Level,
    self_harm_present: bool,
    reader: ReaderRow,
    op: OperatingPoint,
    tallied: Tally,
    *,
    vetoed: bool,
    strict: bool,
) -> bool:
    """Whether self-harm is marked present so that it agrees with a level the learned reader
    raised past the veto: on a vetoed text whose level is now `ideation` or `behavior` (the
    writer's own thoughts or acts, PHQ-9 item 9), the reader's self-harm head is asked at its
    ordinary threshold (someone else's bars kept), not the stricter vetoed one. The vetoed
    self-harm bar guards against a flag the rules' set-aside signals argue against; once the
    level is at risk past the vetoed bars the text is flagged anyway, and the only question
    left is whether what the reader reads there is self-harm ("how do I tell my mum that I've
    been cutting" read at `behavior` with self-harm absent). Never where a story is quoted or
    an everyday cause named for denied marks (`strict`): their own bars stand."""
    if not vetoed or strict or self_harm_present or level not in _ITEM9_LEVELS:
        return False
    point = reader_point(reader, op, vetoed=False, tallied=tallied)
    return reader.self_harm >= point["self_harm"]


def model_raise(
    tallied: Tally,
    row: ModelRow | None,
    reader: ReaderRow | None,
    *,
    vetoed: bool,
    op: OperatingPoint,
    holds: frozenset[str] = frozenset(),
    strict: bool = False,
) -> Raise:
    """Step 3: raise levels with the trained readers (never lower: the rules are floors).

    The learned reader raises the level to its own (`reader_level`), marks self-harm present
    at its self-harm threshold (an urge is at least `ideation`, an act `behavior`, whichever
    its level probabilities favour), and makes concern `urgent` at its urgent threshold when
    the text is at risk. When `vetoed`, it must reach the stricter vetoed thresholds and the
    post model raises nothing. Each named hold in `holds` (a section of the operating point's
    `reader` table) raises the reader's thresholds to its own (`reader_point`). Where a
    vetoed text is still raised to `ideation` or `behavior`, self-harm is asked at the
    ordinary bar so that it agrees with that level (`_self_harm_agrees`), unless `strict` (a
    story quoted, or an everyday cause of the marks named): then the held bars stand. The
    post model gives the depression level.
    """
    level, concern = tallied.level, tallied.concern
    suicide_score, self_harm_score = tallied.suicide_score, tallied.self_harm_score
    self_harm_present = tallied.self_harm_present
    depression_level, depression_score = tallied.depression_level, tallied.depression_score
    raised: list[str] = []
    cap = op.model["vetoed_cap"]
    point: Mapping[str, float] | None = None

    if row is not None:
        m_depression = min(row.depression, cap) if vetoed else row.depression
        if not vetoed:
            from_model = model_depression_level(row, op)
            if (
                from_model == "moderate"
                and depression_level == "mild"
                and tallied.going_on
                and op.depression.get("going_on_holds_mild")
            ):
                # The rules read a mild level with daily life going on told beside the
                # writer's own items ("still managing work and home"): the post model's
                # moderate does not move it (its severe still does).
                from_model = depression_level
            if DEPRESSION_LEVELS.index(from_model) > DEPRESSION_LEVELS.index(depression_level):
                depression_level = from_model
                raised.append("depression")
        depression_score = max(depression_score, m_depression)

    if reader is not None:
        point = reader_point(reader, op, vetoed=vetoed, tallied=tallied, holds=holds)
        own = reader_level(reader, point)
        intent_to_die = _intent_to_die_only(tallied)
        if LEVELS.index(own) > LEVELS.index(level):
            level = own
            raised.append("reader_risk" if own != "indicator" else "reader_indicator")
        if own != "none":
            concern = max_tier(concern, "watch" if own == "indicator" else "concern")
        suicide_score = max(suicide_score, min(reader.at_risk, 0.99))
        if reader.self_harm >= point["self_harm"] and not intent_to_die:
            if not self_harm_present:
                raised.append("reader_self_harm")
            self_harm_present = True
            if LEVELS.index(level) < LEVELS.index("ideation"):
                act = reader.levels[LEVELS.index("behavior")]
                urge = reader.levels[LEVELS.index("ideation")]
                level = "behavior" if act >= urge else "ideation"
            concern = max_tier(concern, "concern")
        if not intent_to_die and _self_harm_agrees(
            level,
            self_harm_present,
            reader,
            op,
            tallied,
            vetoed=vetoed,
            strict=strict,
        ):
            raised.append("reader_self_harm")
            self_harm_present = True
        self_harm_score = max(self_harm_score, min(reader.self_harm, 0.99))
        if (
            reader.urgent >= _urgent_bar(level, self_harm_present, tallied, point, op)
            and LEVELS.index(level) >= LEVELS.index("ideation")
            and concern != "urgent"
        ):
            concern = "urgent"
            raised.append("reader_urgent")
    depression_level = _at_risk_floor(level, self_harm_present, depression_level, tallied, op)
    depression_level = _lasting_floor(level, depression_level, tallied, op)
    depression_level = _urgent_floor(level, concern, depression_level, reader, point, op)
    return Raise(
        level=level,
        concern=concern,
        suicide_score=min(suicide_score, 1.0),
        self_harm_present=self_harm_present,
        self_harm_score=min(self_harm_score, 1.0),
        depression_level=depression_level,
        depression_score=min(depression_score, 1.0),
        raised=tuple(dict.fromkeys(raised)),
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
    reader: ReaderRow | None = None,
    tallied: Tally | None = None,
    story: bool = False,
    other_cause: Callable[[], bool] | None = None,
    injury_cause: Callable[[], bool] | None = None,
    clean_stretch: Callable[[], bool] | None = None,
    sober_stretch: Callable[[], bool] | None = None,
    medicine_routine: Callable[[], bool] | None = None,
    record_of_other: Callable[[], bool] | None = None,
    traces_of_other: Callable[[], bool] | None = None,
    arranged_for_reason: Callable[[], bool] | None = None,
    arranged_everyday: Callable[[], bool] | None = None,
    everyday_completion: Callable[[], bool] | None = None,
    long_past_told: Callable[[], bool] | None = None,
    distress_lasting: Callable[[], bool] | None = None,
    emptiness_lasting: Callable[[], bool] | None = None,
    passive_told: Callable[[], PassiveTold | None] | None = None,
    harm_named: Callable[[], bool] | None = None,
    farewell_asked: Callable[[], bool] | None = None,
    light_denial: Callable[[], bool] | None = None,
) -> Combined:
    """Levels, scores and tier for one text: tally, veto, model raise, tier (`story`: the
    text quotes a song, a film, a book or the news, `TextCues.story`; `other_cause`: whether
    the text names an everyday cause of a mark and tells no cover story, asked only when
    nothing counted and every signal was the writer's own and denied, or an everyday mark or
    injury, or there was none; `injury_cause`: whether that cause is one of an injury or a
    mark itself, not a haircut, asked only where `other_cause` holds and `Tally.everyday`;
    `clean_stretch`: whether the text tells a month or more clean from self-harm with no urge
    now, asked only where the rules counted nothing above indicator and no self-harm;
    `sober_stretch`: whether the text tells a stretch sober or clean from a named substance
    or habit with no word of self-harm or suicide, asked only where nothing counted;
    `medicine_routine`: whether the text tells the writer's daily medicine taken on its round
    ("already took my meds this morning") with no word of self-harm or suicide, asked only
    where nothing counted;
    `record_of_other`: whether the text is a letter or record about a named third person
    ("Re: Mrs Hale", "I saw Mr Jones in clinic"), asked only where nothing counted;
    `traces_of_other`: whether the text tells of marks the writer saw on someone else named
    by a possessive ("saw Jordan's arms at swimming"), asked only where nothing counted;
    `arranged_for_reason`: whether the text tells life admin (a will, life cover) with its
    everyday reason beside it (a mortgage, a baby) and no word of self-harm or suicide, asked
    only where nothing counted;
    `arranged_everyday`: whether the text tells an arrangement with the everyday object or
    occasion it is for (passwords kept in case something happens to a phone, things given
    away for a move, a leaving do), asked only where nothing counted;
    `everyday_completion`: whether the text tells a wording like a wish to be dead or gone
    completed by an everyday detail ("wish i didnt wake up so early", "alive at ninety") and
    no word of self-harm or suicide outside it, asked only where the rules counted nothing
    above none and no self-harm;
    `long_past_told`: whether the whole text tells an attempt as long-past recovery, asked only
    where the attempt is a trained reader's alone and would leave the text at `concern`;
    `distress_lasting`: whether the text tells a course of months or more, asked only where
    the writer's own hopelessness, burden or worthlessness is all the risk read;
    `emptiness_lasting`: whether the text tells a course of a year or more or of every single
    day, asked only where the writer's own emptiness is all the risk read and no kind that
    `distress_lasting` asks about was counted;
    `passive_told`: how the writer tells the thoughts as passive with nothing active in the
    text (`ContextReader.passive_told`), asked only where `passive_only` holds; whether it
    brings the text to `concern` is `passive_holds`);
    `harm_named`: whether the text holds a word of self-harm, its traces or its hiding
    (`ContextReader.harm_named`), asked only where the rules counted the writer's own
    preparation for suicide, matched no self-harm signal and a reader could mark self-harm;
    `farewell_asked`: whether the text asks about a goodbye note, a letter or a goodbye not
    yet written or said and tells no step for after as taken
    (`ContextReader.farewell_asked`), asked only where the rules counted no preparation of
    the writer's and a reader could raise something;
    `light_denial`: whether a denial is plainly light-hearted (a laugh marker or a trivial
    cause: "not suicidal lol just hungry") with no word of distress, asked only where vetoed
    and every signal was the writer's own and denied."""
    tallied = tallied if tallied is not None else tally(matches, readings, op)
    could = could_raise(row, reader, op)
    vetoed = veto(tallied, could=could, support=support)
    # The cause only raises the reader's bars, so it is asked (a scan of the whole text) only
    # where a reader could raise something, as `support` is: most texts have no signal at all.
    asks = (vetoed and tallied.denied) or (tallied.everyday and could and reader is not None)
    cause = asks and other_cause is not None and other_cause()
    injury = cause and tallied.everyday and injury_cause is not None and injury_cause()
    # A stretch of a month or more clean with no urge now (labelling guide: past) holds the
    # reader's self-harm and thoughts, asked only where the rules counted nothing above
    # indicator and no self-harm, and a reader could raise something.
    clean = (
        could
        and reader is not None
        and not tallied.self_harm_present
        and LEVELS.index(tallied.level) <= LEVELS.index("indicator")
        and clean_stretch is not None
        and clean_stretch()
    )
    # A stretch sober or clean from a named substance or habit (not self-harm's) holds the
    # reader's lone indicator and more, asked only where nothing counted at all.
    sober = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and sober_stretch is not None
        and sober_stretch()
    )
    # The writer's daily medicine told as taken on its round ("already took my meds this
    # morning") holds the reader's lone indicator and more where nothing counted: "took my
    # meds" reads to it like an overdose told.
    medicine = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and medicine_routine is not None
        and medicine_routine()
    )
    # A letter or record about a named third person holds the reader's lone indicator and
    # more where nothing counted: the distress in it is that person's.
    record = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and record_of_other is not None
        and record_of_other()
    )
    # Marks the writer saw on someone else named by a possessive hold the reader's lone
    # indicator and more, at the same bars, where nothing counted: the traces are theirs.
    traces = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and traces_of_other is not None
        and traces_of_other()
    )
    # Life admin told with its everyday reason ("the life insurance since we've got the
    # mortgage") holds the reader's thoughts and acts where nothing counted.
    arranged = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and arranged_for_reason is not None
        and arranged_for_reason()
    )
    everyday_arranged = (
        could
        and reader is not None
        and not tallied.counted
        and tallied.level == "none"
        and not tallied.self_harm_present
        and arranged_everyday is not None
        and arranged_everyday()
    )
    # Every signal the writer's own and denied, nothing counted, and the denial plainly light:
    # a laugh or a trivial cause beside it and no word of distress ("not suicidal lol just
    # hungry", "not going to end it all over a bad haircut 😂"). The denied words read to the
    # learned reader like a disclosure; a denial beside real distress keeps its usual bars.
    light = (
        vetoed
        and tallied.denied
        and reader is not None
        and light_denial is not None
        and light_denial()
    )
    # A wording like a wish to be dead or gone completed by an everyday detail ("wish i didnt
    # wake up so early", "stop being the last one to reply", "alive at ninety") holds the
    # reader where the rules counted nothing above none (a depression symptom may count).
    completed = (
        could
        and reader is not None
        and tallied.level == "none"
        and not tallied.self_harm_present
        and everyday_completion is not None
        and everyday_completion()
    )
    # The writer's own preparation for suicide counted by the rules (notes, goodbyes, a pet
    # handed on, the means got), no self-harm signal matched at all and no word of self-harm
    # in the text: the learned reader's self-harm head, which reads "it" in "I'm doing it this
    # weekend" or "for after" as an act of self-harm, marks none there (labelling guide:
    # preparation is suicidal behaviour, not self-harm).
    # A goodbye note, a letter or a goodbye asked about and not yet taken ("how do i write a
    # note so my parents know", "do I write one note or three?"), with no preparation the rules
    # counted: a decision with no step taken is active ideation (labelling guide), so the
    # learned reader's act is read as the thought it stands for (`farewell_asked`), and its
    # lone self-harm is held as for preparation.
    asked = (
        could
        and reader is not None
        and not any(c.match.rule.kind == "suicide_preparation" for c in tallied.counted)
        and farewell_asked is not None
        and farewell_asked()
    )
    prepared = (
        could
        and reader is not None
        and not tallied.self_harm_present
        and (asked or any(c.match.rule.kind == "suicide_preparation" for c in tallied.counted))
        and not any(m.rule.kind in _SELF_HARM_KINDS for m in matches)
        and harm_named is not None
        and not harm_named()
    )
    # The named holds on the learned reader, each the section of the operating point's `reader`
    # table whose bars it must reach (`reader_point`): `story` where vetoed and nothing counted
    # at all; `denied_cause` where vetoed, every signal the writer's own and denied, and an
    # everyday cause of the marks named ("I didn't cut myself, the cat scratched me");
    # `everyday_cause`, vetoed or not, where every signal was an everyday mark or injury or
    # there was none and such a cause is named ("a bruise from the blood test"), and
    # `everyday_injury` too where that cause is an injury's or a mark's own (the rules read the
    # injury's cause and found no self-harm, so the reader's lone act or self-harm is held);
    # `clean_stretch`, `sober_stretch`, `medicine_routine`, `record_of_other`,
    # `traces_of_other`, `arranged_for_reason`, `arranged_everyday`, `everyday_completion`,
    # `preparation`, `farewell_asked` and `light_denial` as above. A new
    # hold is a section of that table, its cue and a line here; `reader_point` and
    # `model_raise` take it as they are. A quoted story or a named cause also keeps a vetoed
    # text's self-harm at the held bars (`strict`).
    holds = frozenset(
        name
        for name, applies in (
            ("story", vetoed and story and not tallied.counted),
            ("denied_cause", vetoed and cause and tallied.denied),
            ("everyday_cause", cause and tallied.everyday),
            ("everyday_injury", injury),
            ("clean_stretch", clean),
            ("sober_stretch", sober),
            ("medicine_routine", medicine),
            ("record_of_other", record),
            ("traces_of_other", traces),
            ("arranged_for_reason", arranged),
            ("arranged_everyday", everyday_arranged),
            ("everyday_completion", completed),
            ("preparation", prepared),
            ("farewell_asked", asked),
            ("light_denial", light),
        )
        if applies
    )
    raised = model_raise(
        tallied, row, reader, vetoed=vetoed, op=op, holds=holds, strict=story or cause
    )
    concern, help_now = tier(raised)
    if (
        tallied.long_past
        and raised.level == "attempt"
        and not raised.self_harm_present
        and concern == "concern"
    ):
        # A long-past attempt told as recovery: a history's `concern` (a reach-out) does not
        # apply; depression the rules read now still can ask for one, and a reader's `urgent`
        # (what the rules missed, such as planning again) is kept. The post model's level is
        # not asked: it reads the worst night a recovery story tells as severe depression now.
        concern = max_tier("watch", _DEPRESSION_TIER[tallied.depression_level])
    elif (
        long_past_told is not None
        and raised.level == "attempt"
        and tallied.level != "attempt"
        and TIERS.index(tallied.concern) <= TIERS.index("watch")
        and not raised.self_harm_present
        and concern == "concern"
        and long_past_told()
    ):
        # The same for an attempt only a trained reader read ("tried to end it when I was 13,
        # doing ok now"): no rule span to read around, so the whole text must tell it long
        # past, well now, nothing still weighing and nothing recent.
        concern = max_tier("watch", _DEPRESSION_TIER[tallied.depression_level])
    elif (
        distress_lasting is not None
        and concern == "watch"
        and raised.level == "indicator"
        and not raised.self_harm_present
        and not tallied.others_only
        and tallied.lasting
        and (
            (_lasting_kind(tallied.counted) and distress_lasting())
            or (
                emptiness_lasting is not None
                and not _lasting_kind(tallied.counted)
                and _lasting_kind(tallied.counted, frozenset({LASTING_EMPTINESS_RULE}))
                and emptiness_lasting()
            )
        )
    ):
        # The writer's own hopelessness, burden or worthlessness told as lasting months or
        # more ("hopeless every single day for months"), or emptiness told as lasting a year
        # or more or every single day: a reach-out, not a look again. Not where the risk told
        # is a named someone else's (a supporter worn out: the months are often the other's),
        # and only where the rules read a course of the writer's own
        # (`Tally.lasting`: "for him for a year" is someone else's).
        concern = "concern"
    if (
        passive_told is not None
        and passive_only(tallied, raised, concern)
        and passive_holds(tallied, passive_told())
    ):
        # Passive thoughts told as such ("the passive kind", "wishing I was gone, no plan")
        # with nothing active read: the labelling guide's `concern`. Help-now still leads (the
        # level is `ideation`).
        concern = "concern"
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
        model_used=row is not None or reader is not None,
    )
