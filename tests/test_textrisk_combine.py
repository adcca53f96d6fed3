"""The four steps that turn evidence into a result: tally, veto, model raise, tier.

Each step is tested on its own with hand-made inputs (rule matches read by the real context
reader, post-model and reader rows built here), so a change to one step shows up here even
when the whole detector still agrees on the hard cases.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from waylight.core.content import load_data, validate
from waylight.core.errors import ContentError
from waylight.core.textrisk.combine import (
    DEPRESSION_LEVELS,
    Combined,
    ModelRow,
    OperatingPoint,
    Raise,
    ReaderRow,
    Tally,
    combine,
    could_raise,
    load_operating_point,
    model_depression_level,
    model_raise,
    passive_holds,
    passive_only,
    tally,
    tier,
    veto,
)
from waylight.core.textrisk.context import load_context
from waylight.core.textrisk.rules import load_lexicon, normalise

OP = load_operating_point()


def read(text: str) -> tuple[list, list]:  # type: ignore[type-arg]
    lowered = normalise(text)
    matches = load_lexicon().find(lowered)
    return matches, load_context().read_all(lowered, matches)


def tally_of(text: str) -> Tally:
    return tally(*read(text), OP)


def row(suicide: float = 0.0, self_harm: float = 0.0, depression: float = 0.0) -> ModelRow:
    return ModelRow(suicide, self_harm, depression, (1.0, 0.0, 0.0, 0.0))


def never() -> bool:
    raise AssertionError("support() must not be asked here")


# ------------------------------------------------------------------ tally


def test_tally_takes_the_highest_level_never_an_average() -> None:
    t = tally_of("I feel so alone. I want to kill myself. Lovely weather though.")
    assert t.level == "ideation"
    assert t.concern == "urgent"
    assert t.serious and t.evidence


def test_tally_lowers_jokes_and_the_past_to_watch_but_keeps_a_past_attempt() -> None:
    joke = tally_of("kms lol this homework")
    assert (joke.level, joke.concern, joke.serious) == ("indicator", "watch", False)
    past = tally_of("I used to self-harm, 2 years clean")
    assert (past.level, past.concern, past.self_harm_present) == ("indicator", "watch", False)
    attempt = tally_of("I tried to kill myself when I was 16")
    assert (attempt.level, attempt.concern) == ("attempt", "concern")


def test_tally_reads_an_attempt_as_a_history_unless_a_recent_cue_dates_it() -> None:
    history = tally_of("After my suicide attempt everyone treats me differently")
    assert (history.level, history.concern) == ("attempt", "concern")
    recent = tally_of("I tried to kill myself again last night")
    assert (recent.level, recent.concern) == ("attempt", "urgent")


def test_tally_marks_set_aside_signals_and_counts_none_of_them() -> None:
    t = tally_of("My friend has been cutting herself")
    assert t.set_aside and not t.counted and t.level == "none"


def test_tally_counts_distinct_phq9_items_for_the_rules_depression_level() -> None:
    t = tally_of(
        "I can't sleep, I have no appetite, I feel down all the time and I can't focus on anything"
    )
    assert set(t.symptoms) == {2, 3, 5, 7}
    assert t.depression_level == "moderate"


def light_off() -> OperatingPoint:
    return replace(OP, depression={**OP.depression, "light_mild": 0})


def test_a_mood_named_as_light_is_mild_on_its_own() -> None:
    for text in ("bit of a winter slump again, slower mornings", "feeling a bit muted this month"):
        assert tally_of(text).depression_level == "mild"
        assert tally(*read(text), light_off()).depression_level == "none"
    # Someone else's, or a talk that was heavy, is not the writer's mood.
    assert tally_of("my sister has the winter blues").depression_level == "none"
    assert tally_of("good talk, a bit heavy at first, then cake").depression_level == "none"


def test_daily_life_going_on_keeps_a_few_items_mild_but_sets_no_level_alone() -> None:
    text = "I feel down and I can't enjoy anything, but I'm still going to work"
    assert tally_of(text).depression_level == "mild"
    assert tally(*read(text), light_off()).depression_level == "moderate"
    assert tally_of("I feel down all the time and I can't enjoy anything").depression_level == (
        "moderate"
    )
    assert tally_of("I'm still going to work tomorrow even if it snows").depression_level == "none"
    assert tally_of("nothing major, I just can't sleep properly").depression_level == "none"
    # A cue of the depression level only: never a signal, so it moves no risk.
    t = tally_of("still going to work, nothing major")
    assert (t.level, t.concern, t.counted, t.serious) == ("none", "none", (), False)


def pervasive_off() -> OperatingPoint:
    cut = {k: v for k, v in OP.depression.items() if k != "pervasive_severe_weight"}
    return replace(OP, depression=cut)


def test_daily_life_lost_across_the_board_reads_severe_next_to_two_more_signs() -> None:
    # The cue, two items and a lasting course: severe; without the cue (or with the operating
    # point's weight absent) the same items are moderate.
    text = (
        "I lie in bed most of the day. I can't concentrate on anything and food tastes of "
        "nothing. Six weeks now."
    )
    assert tally_of(text).depression_level == "severe"
    assert tally(*read(text), pervasive_off()).depression_level == "moderate"
    assert tally_of(
        "I can't concentrate on anything and food tastes of nothing. Six weeks now."
    ).depression_level == ("moderate")
    # Care taken over by someone else, next to an impairment and an item.
    assert tally_of(
        "my mum has to remind me to eat. haven't showered in a week, cant focus on anything"
    ).depression_level == ("severe")


def test_daily_life_lost_needs_a_weight_of_two_beside_it() -> None:
    assert OP.depression["pervasive_severe_weight"] == 2
    # The cue with one sign (an item) stays moderate; with none it sets no level at all.
    one = tally_of("crying every night since the breakup and I can't get up before noon")
    assert one.depression_level == "moderate"
    assert tally_of("I don't get up until the afternoon these days").depression_level == "none"
    # At a weight of one the first would be severe: the number is the operating point's.
    lower = replace(OP, depression={**OP.depression, "pervasive_severe_weight": 1})
    text = "crying every night since the breakup and I can't get up before noon"
    assert tally(*read(text), lower).depression_level == "severe"


def test_daily_life_lost_is_a_level_cue_only_and_not_a_habit_of_one_day() -> None:
    # Never a signal: it moves no risk, counts nothing, sets nothing aside.
    t = tally_of("I don't get up until the afternoon, and my partner does everything")
    assert (t.level, t.concern, t.counted, t.serious, t.set_aside) == (
        "none",
        "none",
        (),
        False,
        False,
    )
    # One lazy Sunday, a reminder in a busy week, a hedged slump, someone else's days.
    for text, level in (
        ("didn't get up till 2 today, lazy sunday, roast later", "none"),
        ("my sister has to remind me to eat when I'm deep in a coding project lol", "none"),
        ("my flatmate lies on the sofa from morning till night and I do everything", "none"),
        (
            "bit of a winter slump, I don't get up until the afternoon on weekends, still "
            "going to work fine",
            "mild",
        ),
        ("I can't do anything right at work lately", "none"),
    ):
        assert tally_of(text).depression_level == level, text


def test_a_hedged_mood_keeps_daily_life_lost_from_reading_severe() -> None:
    text = "I lie in bed most of the day and can't concentrate, it's been like this for weeks"
    assert tally_of(text).depression_level == "severe"
    assert tally_of("feeling a bit low, " + text).depression_level == "mild"


def test_tally_adds_a_small_bonus_per_further_rule() -> None:
    one = tally_of("I want to kill myself")
    two = tally_of("I want to kill myself, I feel hopeless")
    assert two.suicide_score == pytest.approx(
        one.suicide_score + OP.rule_scores["further_rule_bonus"]
    )


# ------------------------------------------------------------------ veto


def test_veto_when_every_signal_was_set_aside_without_asking_for_support() -> None:
    assert veto(tally_of("I would never kill myself"), could=True, support=never) is True
    assert veto(tally_of("kms lol"), could=True, support=never) is True


def test_veto_asks_for_support_cues_only_when_nothing_counted_and_the_model_could_raise() -> None:
    calm = tally_of("a quiet day at home")
    assert veto(calm, could=False, support=never) is False
    assert veto(calm, could=True, support=lambda: True) is True
    assert veto(calm, could=True, support=lambda: False) is False


def test_no_veto_when_the_writer_has_a_serious_signal_of_their_own() -> None:
    assert veto(tally_of("I feel so alone"), could=True, support=never) is False


# ------------------------------------------------------------------ model raise

# Fixed thresholds, so these tests say what the steps do whatever the trained reader's are.
READER_OP = replace(
    OP,
    reader={
        "fast": {"at_risk": 0.5, "indicator": 0.6, "self_harm": 0.5, "urgent": 0.7},
        "full": {"at_risk": 0.4, "indicator": 0.6, "self_harm": 0.4, "urgent": 0.7},
        "vetoed": {"at_risk": 0.9, "self_harm": 0.9},
        "unsure": {"low": 0.2, "high": 0.8},
    },
)


def reader(
    levels: tuple[float, float, float, float, float] = (1.0, 0.0, 0.0, 0.0, 0.0),
    *,
    self_harm: float = 0.0,
    urgent: float = 0.0,
    full: bool = False,
) -> ReaderRow:
    return ReaderRow(levels=levels, self_harm=self_harm, urgent=urgent, full=full)


def raise_(text: str, row_: ReaderRow, *, vetoed: bool = False) -> Raise:
    return model_raise(tally_of(text), None, row_, vetoed=vetoed, op=READER_OP)


def test_model_raise_never_lowers_the_rules() -> None:
    t = tally_of("I wrote my suicide note last night")
    r = model_raise(t, row(suicide=0.0), reader(), vetoed=False, op=READER_OP)
    assert (r.level, r.concern, r.raised) == ("behavior", "urgent", ())


def test_the_reader_raises_to_its_most_likely_at_risk_level_at_its_threshold() -> None:
    r = raise_("a quiet day", reader((0.3, 0.1, 0.2, 0.1, 0.3)))  # at risk 0.6
    assert (r.level, r.concern, r.raised) == ("attempt", "concern", ("reader_risk",))
    below = raise_("a quiet day", reader((0.45, 0.1, 0.45, 0.0, 0.0)))  # at risk 0.45
    assert (below.level, below.concern, below.raised) == ("none", "none", ())


def test_the_full_heads_have_their_own_thresholds() -> None:
    levels = (0.5, 0.05, 0.45, 0.0, 0.0)  # at risk 0.45: under fast 0.5, over full 0.4
    assert raise_("a quiet day", reader(levels)).level == "none"
    assert raise_("a quiet day", reader(levels, full=True)).level == "ideation"


def test_the_reader_raises_to_indicator_and_watch_on_distress_alone() -> None:
    r = raise_("a quiet day", reader((0.35, 0.6, 0.05, 0.0, 0.0)))
    assert (r.level, r.concern, r.raised) == ("indicator", "watch", ("reader_indicator",))


def test_a_vetoed_text_needs_the_stricter_thresholds() -> None:
    levels = (0.2, 0.0, 0.8, 0.0, 0.0)
    # Not at risk under a veto; distress (any level above none) still reads as indicator.
    assert raise_("a quiet day", reader(levels), vetoed=True).level == "indicator"
    assert raise_("a quiet day", reader((0.05, 0.0, 0.95, 0.0, 0.0)), vetoed=True).level == (
        "ideation"
    )
    harm = raise_("a quiet day", reader(self_harm=0.8), vetoed=True)
    assert not harm.self_harm_present


def test_reader_self_harm_is_behaviour_for_an_act_and_ideation_for_an_urge() -> None:
    act = raise_("a quiet day", reader((0.6, 0.1, 0.1, 0.2, 0.0), self_harm=0.7))
    assert (act.level, act.self_harm_present, act.concern) == ("behavior", True, "concern")
    assert act.raised == ("reader_self_harm",)
    urge = raise_("a quiet day", reader((0.6, 0.1, 0.2, 0.1, 0.0), self_harm=0.7))
    assert (urge.level, urge.self_harm_present) == ("ideation", True)


def test_self_harm_agrees_with_a_level_the_reader_raised_past_the_veto() -> None:
    # READER_OP: fast self-harm 0.5, vetoed 0.9. At risk past the vetoed bar, an act read at
    # 0.6 is self-harm: the level already flags the text, the ordinary bar decides what it is.
    act = raise_("a quiet day", reader((0.05, 0.0, 0.0, 0.95, 0.0), self_harm=0.6), vetoed=True)
    assert (act.level, act.self_harm_present) == ("behavior", True)
    assert act.raised == ("reader_risk", "reader_self_harm")
    urge = raise_("a quiet day", reader((0.05, 0.0, 0.95, 0.0, 0.0), self_harm=0.6), vetoed=True)
    assert (urge.level, urge.self_harm_present) == ("ideation", True)
    # Below the ordinary bar, or with the level not at risk, nothing changes.
    low = raise_("a quiet day", reader((0.05, 0.0, 0.0, 0.95, 0.0), self_harm=0.4), vetoed=True)
    assert (low.level, low.self_harm_present) == ("behavior", False)
    calm = raise_("a quiet day", reader((0.2, 0.0, 0.0, 0.8, 0.0), self_harm=0.6), vetoed=True)
    assert (calm.level, calm.self_harm_present) == ("indicator", False)
    # An attempt is a history, not item 9: the self-harm answer is left to the vetoed bar.
    tried = raise_("a quiet day", reader((0.05, 0.0, 0.0, 0.0, 0.95), self_harm=0.6), vetoed=True)
    assert (tried.level, tried.self_harm_present) == ("attempt", False)
    # A quoted story keeps its own bars.
    story = model_raise(
        tally_of("a quiet day"),
        None,
        reader((0.05, 0.0, 0.0, 0.95, 0.0), self_harm=0.6),
        vetoed=True,
        op=READER_OP,
        holds=frozenset({"story"}),
        strict=True,
    )
    assert not story.self_harm_present


def test_reader_self_harm_is_not_raised_again_when_the_rules_found_it() -> None:
    r = raise_("I cut myself last night", reader(self_harm=0.99))
    assert r.self_harm_present and "reader_self_harm" not in r.raised


def test_an_act_done_to_end_ones_life_is_not_read_as_self_harm() -> None:
    # An act told as done to end the writer's life is an attempt: the reader's self-harm
    # head marks nothing unless a self-harm act is named apart from it.
    tried = raise_("i took something on monday to end it", reader(self_harm=0.99))
    assert (tried.level, tried.self_harm_present) == ("attempt", False)
    both = raise_(
        "i took something on monday to end it and i cut myself last night",
        reader(self_harm=0.99),
    )
    assert both.self_harm_present
    # An overdose taken to hurt, not to die, is still marked by the reader.
    hurt = raise_("i overdosed to punish myself", reader(self_harm=0.99))
    assert hurt.self_harm_present


def test_urgent_needs_the_text_to_be_at_risk() -> None:
    calm = raise_("a quiet day", reader(urgent=0.99))
    assert (calm.level, calm.concern) == ("none", "none")
    at_risk = raise_("a quiet day", reader((0.1, 0.0, 0.9, 0.0, 0.0), urgent=0.8))
    assert (at_risk.level, at_risk.concern) == ("ideation", "urgent")
    assert at_risk.raised == ("reader_risk", "reader_urgent")


def test_the_post_model_gives_the_depression_level_only() -> None:
    depressed = ModelRow(0.99, 0.99, 0.9, (0.0, 0.1, 0.8, 0.1))
    r = model_raise(tally_of("a quiet day"), depressed, None, vetoed=False, op=OP)
    assert (r.level, r.self_harm_present) == ("none", False)
    assert (r.depression_level, r.raised) == ("moderate", ("depression",))
    vetoed = model_raise(tally_of("a quiet day"), depressed, None, vetoed=True, op=OP)
    assert vetoed.depression_level == "none"
    assert vetoed.depression_score <= OP.model["vetoed_cap"]


def floor_off() -> OperatingPoint:
    return replace(READER_OP, depression={**READER_OP.depression, "at_risk_moderate": 0})


def test_own_current_ideation_or_self_harm_reads_at_least_moderate_depression() -> None:
    for text in ("I want to kill myself", "I cut myself last night"):
        floored = model_raise(tally_of(text), None, None, vetoed=False, op=READER_OP)
        assert floored.depression_level == "moderate"
        # The floor is the operating point's to switch, and nothing else sets the level here.
        plain = model_raise(tally_of(text), None, None, vetoed=False, op=floor_off())
        assert (plain.level, plain.depression_level) == (floored.level, "none")


def test_the_depression_floor_asks_for_more_than_the_reader_on_a_line() -> None:
    ideation = reader((0.1, 0.0, 0.9, 0.0, 0.0))
    short = model_raise(tally_of("a quiet day"), None, ideation, vetoed=False, op=READER_OP)
    assert (short.level, short.depression_level) == ("ideation", "none")
    words = READER_OP.depression["long_text_words"] + 1
    post = tally(*read("a quiet day"), READER_OP, words=words)
    long = model_raise(post, None, ideation, vetoed=False, op=READER_OP)
    assert (long.level, long.depression_level) == ("ideation", "moderate")
    at_the_cut = tally(*read("a quiet day"), READER_OP, words=words - 1)
    assert model_raise(at_the_cut, None, ideation, vetoed=False, op=READER_OP).depression_level == (
        "none"
    )


def test_an_attempt_alone_sets_no_depression_floor() -> None:
    # An attempt is most often told as a history, so it says nothing of the depression now.
    words = READER_OP.depression["long_text_words"] + 1
    post = tally(*read("a quiet day"), READER_OP, words=words)
    attempt = reader((0.3, 0.1, 0.2, 0.1, 0.3))
    r = model_raise(post, None, attempt, vetoed=False, op=READER_OP)
    assert (r.level, r.depression_level) == ("attempt", "none")


def lasting_off() -> OperatingPoint:
    return replace(READER_OP, depression={**READER_OP.depression, "lasting_moderate": 0})


def test_distress_told_as_lasting_weeks_reads_moderate_depression() -> None:
    # The writer's own distress (here the reader's indicator) with a course of their own
    # ("weeks of this now") and no level read: moderate; never from the course alone.
    distress = reader((0.2, 0.8, 0.0, 0.0, 0.0))
    lasting = tally_of("Weeks of this now. Worn thin, nobody notices.")
    assert lasting.lasting and lasting.depression_level == "none"
    r = model_raise(lasting, None, distress, vetoed=False, op=READER_OP)
    assert (r.level, r.depression_level) == ("indicator", "moderate")
    off = model_raise(lasting, None, distress, vetoed=False, op=lasting_off())
    assert off.depression_level == "none"
    # No distress read: the course says nothing of a mood.
    quiet = model_raise(lasting, None, reader(), vetoed=False, op=READER_OP)
    assert (quiet.level, quiet.depression_level) == ("none", "none")
    # Distress with no course of the writer's own: no floor.
    brief = tally_of("Worn thin today, nobody notices.")
    assert not brief.lasting
    r = model_raise(brief, None, distress, vetoed=False, op=READER_OP)
    assert r.depression_level == "none"


def test_daily_life_lost_two_ways_for_months_is_severe_without_an_item() -> None:
    # Two impairments and a lasting course weigh 3: severe with no PHQ-9 item told.
    two = "I've stopped cooking and I don't answer the door. It's been like this for months."
    assert tally_of(two).depression_level == "severe"
    # One impairment with the course stays moderate; two without a course too.
    assert tally_of(
        "I don't answer the door. It's been like this for months."
    ).depression_level == ("moderate")
    assert tally_of("I've stopped cooking and I don't answer the door.").depression_level == (
        "moderate"
    )


def urgent_floor_off() -> OperatingPoint:
    return replace(READER_OP, depression={**READER_OP.depression, "urgent_severe": 0})


def test_urgent_acts_read_severe_depression_without_changing_a_flag() -> None:
    # Preparation or self-harm (behavior) with the reader at its urgent threshold: severe.
    act = reader((0.0, 0.0, 0.1, 0.9, 0.0), urgent=0.9)
    on = model_raise(tally_of("a quiet day"), None, act, vetoed=False, op=READER_OP)
    off = model_raise(tally_of("a quiet day"), None, act, vetoed=False, op=urgent_floor_off())
    assert (on.level, on.concern, on.depression_level) == ("behavior", "urgent", "severe")
    assert off.depression_level != "severe"
    assert (on.level, on.concern, on.self_harm_present) == (
        off.level,
        off.concern,
        off.self_harm_present,
    )
    attempt = reader((0.0, 0.0, 0.1, 0.1, 0.8), urgent=0.9)
    now = model_raise(tally_of("a quiet day"), None, attempt, vetoed=False, op=READER_OP)
    assert (now.level, now.depression_level) == ("attempt", "severe")


def test_urgent_thoughts_alone_or_below_the_readers_urgent_bar_are_not_severe() -> None:
    thoughts = reader((0.0, 0.0, 0.9, 0.1, 0.0), urgent=0.9)
    r = model_raise(tally_of("a quiet day"), None, thoughts, vetoed=False, op=READER_OP)
    assert (r.level, r.concern) == ("ideation", "urgent")
    assert r.depression_level != "severe"
    # The act without the reader's urgent answer is `concern`, not urgent: no floor.
    calm = reader((0.0, 0.0, 0.1, 0.9, 0.0), urgent=0.1)
    r = model_raise(tally_of("a quiet day"), None, calm, vetoed=False, op=READER_OP)
    assert (r.level, r.concern) == ("behavior", "concern")
    assert r.depression_level != "severe"


def test_the_urgent_floor_asks_the_reader_to_agree() -> None:
    from waylight.core.textrisk.combine import _urgent_floor

    agrees = reader((0.0, 0.0, 0.1, 0.9, 0.0), urgent=0.9)
    doubts = reader((0.0, 0.0, 0.1, 0.9, 0.0), urgent=0.3)
    point = READER_OP.reader["fast"]
    assert _urgent_floor("behavior", "urgent", "moderate", agrees, point, READER_OP) == "severe"
    # Urgent from the rules' words alone: the reader below its urgent bar, or no reader.
    assert _urgent_floor("behavior", "urgent", "moderate", doubts, point, READER_OP) == "moderate"
    assert _urgent_floor("behavior", "urgent", "mild", None, None, READER_OP) == "mild"
    assert _urgent_floor("ideation", "urgent", "moderate", agrees, point, READER_OP) == "moderate"
    assert _urgent_floor("behavior", "concern", "none", agrees, point, READER_OP) == "none"


GATE = 0.5


def offsets(**given: float) -> OperatingPoint:
    """The shipped operating point with these depression level offsets (the rest 0), which
    count from a depression score of GATE."""
    return replace(
        OP,
        model={**OP.model, "depression_offsets_from": GATE},
        depression_level_offsets={lv: given.get(lv, 0.0) for lv in DEPRESSION_LEVELS},
    )


def level_of(
    levels: tuple[float, float, float, float], op: OperatingPoint, depression: float = 0.9
) -> str:
    return model_depression_level(ModelRow(0.0, 0.0, depression, levels), op)


def test_with_no_offsets_the_depression_level_is_the_most_likely() -> None:
    assert level_of((0.1, 0.2, 0.6, 0.1), offsets()) == "moderate"
    assert level_of((0.55, 0.05, 0.2, 0.2), offsets()) == "none"


def test_a_severe_offset_flips_the_level_exactly_where_the_odds_say() -> None:
    # severe wins once log(0.25) + offset passes log(0.55): at an offset of log(0.55 / 0.25).
    edge = math.log(0.55 / 0.25)
    probs = (0.55, 0.05, 0.15, 0.25)
    assert level_of(probs, offsets(severe=edge + 1e-9)) == "severe"
    assert level_of(probs, offsets(severe=edge - 1e-9)) == "none"
    # a negative offset on none lifts every other level alike: the most likely of them wins
    assert level_of(probs, offsets(none=-(edge + 1e-9))) == "severe"
    assert level_of(probs, offsets(none=-(edge - 1e-9))) == "none"


def test_the_offsets_count_only_from_the_depression_score_at_the_gate() -> None:
    probs = (0.55, 0.05, 0.15, 0.25)
    shifted = offsets(severe=1.0)
    assert level_of(probs, shifted, depression=GATE) == "severe"
    assert level_of(probs, shifted, depression=GATE - 1e-9) == "none"
    assert level_of(probs, shifted, depression=0.0) == "none"


def test_offsets_can_lower_a_level_as_well_as_raise_it() -> None:
    assert level_of((0.3, 0.1, 0.45, 0.15), offsets(moderate=-0.5)) == "none"
    assert level_of((0.3, 0.1, 0.45, 0.15), offsets(moderate=-0.3)) == "moderate"


def test_a_tie_goes_to_the_lower_level() -> None:
    assert level_of((0.25, 0.25, 0.25, 0.25), offsets()) == "none"
    assert level_of((0.25, 0.25, 0.25, 0.25), offsets(mild=0.5, moderate=0.5)) == "mild"
    assert level_of((0.1, 0.1, 0.4, 0.4), offsets()) == "moderate"


def test_an_offset_never_picks_a_level_the_model_gives_no_probability() -> None:
    assert level_of((1.0, 0.0, 0.0, 0.0), offsets(severe=5.0)) == "none"
    assert level_of((0.0, 0.0, 0.0, 0.0), offsets(severe=5.0)) == "none"


def test_offsets_change_the_level_but_never_the_depression_score() -> None:
    depressed = ModelRow(0.1, 0.0, 0.7, (0.55, 0.05, 0.2, 0.2))  # depression 0.7 >= GATE
    plain = model_raise(tally_of("a quiet day"), depressed, None, vetoed=False, op=offsets())
    shifted = model_raise(
        tally_of("a quiet day"), depressed, None, vetoed=False, op=offsets(severe=1.1)
    )
    assert (plain.depression_level, plain.raised) == ("none", ())
    assert (shifted.depression_level, shifted.raised) == ("severe", ("depression",))
    assert shifted.depression_score == plain.depression_score == 0.7
    assert tier(shifted) == ("concern", False)
    vetoed = model_raise(
        tally_of("a quiet day"), depressed, None, vetoed=True, op=offsets(severe=1.1)
    )
    assert vetoed.depression_level == "none"


def test_the_offsets_are_read_from_the_operating_point_and_checked() -> None:
    data = load_data("text/operating_point.yaml", schema="text_operating_point")
    assert dict(OP.depression_level_offsets) == {
        lv: float(data["depression_level_offsets"][lv]) for lv in DEPRESSION_LEVELS
    }
    missing = copy.deepcopy(data)
    del missing["depression_level_offsets"]["severe"]
    with pytest.raises(ContentError, match="severe"):
        validate(missing, schema="text_operating_point", file="text/operating_point.yaml")
    wild = copy.deepcopy(data)
    wild["depression_level_offsets"]["mild"] = 50
    with pytest.raises(ContentError):
        validate(wild, schema="text_operating_point", file="text/operating_point.yaml")
    ungated = copy.deepcopy(data)
    del ungated["model"]["depression_offsets_from"]
    with pytest.raises(ContentError, match="depression_offsets_from"):
        validate(ungated, schema="text_operating_point", file="text/operating_point.yaml")


def test_could_raise_asks_the_reader_at_its_own_thresholds() -> None:
    assert could_raise(None, reader((0.4, 0.0, 0.6, 0.0, 0.0)), READER_OP)
    assert could_raise(None, reader(self_harm=0.6), READER_OP)
    assert not could_raise(None, reader(), READER_OP)
    assert not could_raise(None, None, READER_OP)


# ------------------------------------------------------------------ tier


def raised(
    level: str, *, depression: str = "none", concern: str = "none", sh: bool = False
) -> Raise:
    return Raise(
        level=level,  # type: ignore[arg-type]
        concern=concern,  # type: ignore[arg-type]
        suicide_score=0.5,
        self_harm_present=sh,
        self_harm_score=0.5,
        depression_level=depression,
        depression_score=0.5,
        raised=(),
    )


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (("none",), ("none", False)),
        (("none", {"depression": "mild"}), ("watch", False)),
        (("none", {"depression": "severe"}), ("concern", False)),
        (("indicator", {"concern": "watch"}), ("watch", False)),
        (("ideation", {"concern": "concern"}), ("concern", True)),
        (("indicator", {"concern": "concern", "sh": True}), ("concern", True)),
        (("none", {"concern": "urgent"}), ("urgent", True)),
    ],
)
def test_tier_is_the_highest_tier_and_help_leads_for_every_hard_signal(
    args: tuple,
    want: tuple[str, bool],  # type: ignore[type-arg]
) -> None:
    level, *extra = args
    assert tier(raised(level, **(extra[0] if extra else {}))) == want


def test_combine_runs_the_four_steps_in_order() -> None:
    matches, readings = read("I feel so alone")
    at_risk = reader((0.1, 0.1, 0.8, 0.0, 0.0))
    result = combine(matches, readings, None, support=never, op=READER_OP, reader=at_risk)
    assert (result.level, result.concern, result.help_now) == ("ideation", "concern", True)
    assert result.model_raised == ("reader_risk",) and not result.vetoed


def test_an_attempt_only_the_reader_read_told_as_long_past_recovery_is_watch() -> None:
    # No rule reads the attempt, the reader does: the whole text decides (`long_past_told`),
    # asked only where the reading would be `concern`.
    matches, readings = read(
        "when i was 13 i did something i nearly didnt come back from. im 17 now and doing ok"
    )
    assert not [m for m in matches if m.rule.level == "attempt"]
    attempt = reader((0.1, 0.0, 0.0, 0.0, 0.9))

    def combined(long_past_told: Callable[[], bool] | None) -> Combined:
        return combine(
            matches,
            readings,
            None,
            support=lambda: False,
            op=READER_OP,
            reader=attempt,
            long_past_told=long_past_told,
        )

    held = combined(None)
    assert (held.level, held.concern) == ("attempt", "concern")
    told = combined(lambda: True)
    assert (told.level, told.concern) == ("attempt", "watch")
    still = combined(lambda: False)
    assert still.concern == "concern"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # A recent word inside the dating or the recovery itself is not recent.
        ("tried to end it when i was 13 and im 18 now, so glad im still here", True),
        ("twelve years this week since that night. got my own flat now and a cat", True),
        ("tried to end it when i was 13, im 18 now and doing ok. got my own flat", True),
        # A recent word elsewhere, or a wish that it had worked, keeps the history's `concern`.
        ("tried to end it when i was 13, im 18 now and doing ok but last night was bad", False),
        ("tried to end it when i was 13, got my own flat now but i wish it had worked", False),
        # Months, not years: not long past.
        ("tried to end it three months ago, got my own flat now", False),
        # An anniversary come round again, distance from the one who tried, a thankful "still
        # here", the age now and "it gets better" misspelt tell it long past.
        ("anniversary again. 8 years. i don't recognise the boy who tried", True),
        ("tried in 2016, thank god im still here. got a job i love", True),
        ("yr 9 i tried. now im 27 n it gets beter", True),
        # The old thoughts visiting still weigh.
        ("tried in 2016, thank god im still here, but some nights the old thoughts knock", False),
        # A life that turned out well, children or a garden now, "doing grand".
        ("twenty years since i tried and life turned out good, i have kids", True),
        ("ten year since i tried to end it, doing grand now", True),
        ("twenty years since i tried and life turned out good but its creeping back", False),
    ],
)
def test_long_past_told_reads_the_whole_text(text: str, told: bool) -> None:
    assert load_context().long_past_told(normalise(text)) is told


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        # A state told after the act does not date it.
        ("i overdosed three weeks ago and my mum still sleeps on my floor", False),
        ("after my attempt in may my dad checks on me every night", False),
        ("i tried to kill myself last month and im still not ok", False),
        # The act in the last days, the means kept, the wish still there, a fresh try: recent.
        ("i overdosed on saturday and im still in hospital", True),
        ("i overdosed three weeks ago and i still have the pills", True),
        # A keepsake kept from then is a state, not the means.
        ("i still have the hospital bracelet from after my attempt in my drawer", False),
        ("i tried to kill myself last month and i still want to", True),
        ("i tried to kill myself again last night", True),
    ],
)
def test_a_state_after_an_attempt_is_not_a_recent_cue(text: str, recent: bool) -> None:
    matches, readings = read(text)
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and any(r.recent for r in attempt) is recent


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        # Minutes or hours ago, or "just" right before the act's words: happening now.
        ("i just took an overdose", True),
        ("ive just taken an overdose", True),
        ("took an od 10 mins ago", True),
        ("i took too many pills about an hour ago", True),
        ("i overdosed just now", True),
        # "just" elsewhere, or an act years back, does not date it.
        ("i just thought about the time i tried to kill myself two years ago", False),
        ("i tried to kill myself years ago. i just told my mum", False),
        ("my overdose was in 2019, i just wanted to share", False),
        # A body sign told in the present, or panic now, in the act's own sentence: happening
        # now; the same sign told as past, or beside an act dated years ago, is not.
        ("i took too much and i cant breathe properly", True),
        ("swallowed a load of my meds, i don't know what to do", True),
        ("took my whole prescription and my heart is racing", True),
        ("i overdosed in 2019 and i still feel dizzy some days", False),
        ("i took an overdose years ago. i couldnt breathe for days after", False),
    ],
)
def test_an_attempt_in_the_last_minutes_or_hours_is_recent(text: str, recent: bool) -> None:
    matches, readings = read(text)
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and any(r.recent for r in attempt) is recent


@pytest.mark.parametrize(
    ("text", "repeat"),
    [
        # The wish to do it again told with the writer's own attempt: urgent, however long ago.
        ("i tried to kill myself three weeks ago and i think i will try again", True),
        ("my attempt was in march and i'll get it right next time", True),
        ("tried to end my life last month. still want to.", True),
        ("i attempted last month and i still want to die", True),
        # The wish told as gone, or trying again at something else later, is not.
        ("my attempt was two years ago and i don't want to try again", False),
        ("i tried to kill myself years ago. failed my test, will try again next week", False),
        ("i tried to kill myself in may. mum will think im going to try again and im not", False),
    ],
)
def test_the_wish_to_do_it_again_makes_an_attempt_urgent(text: str, repeat: bool) -> None:
    matches, readings = read(text)
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and any(r.repeat for r in attempt) is repeat
    assert (tally_of(text).concern == "urgent") is repeat


def test_a_dream_come_back_does_not_date_an_attempt() -> None:
    matches, readings = read("dreamt about the ward again, the morning after my attempt")
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and not any(r.recent for r in attempt)


def test_an_anniversary_in_years_is_not_a_recent_cue_for_an_attempt() -> None:
    # "ten years this week since my attempt" dates the attempt long ago: no recent cue, so it
    # is a history (`concern`), and with the writer well now it is long past (`watch`).
    matches, readings = read("ten years this week since my attempt. got my own flat now")
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and not any(r.recent for r in attempt)
    assert all(r.long_past for r in attempt)
    matches, readings = read("two weeks since my attempt and this week was awful")
    attempt = [r for m, r in zip(matches, readings, strict=True) if m.rule.level == "attempt"]
    assert attempt and not any(r.long_past for r in attempt)


def test_a_long_past_attempt_is_watch_whatever_depression_the_post_model_reads() -> None:
    # A recovery story told long past: the post model reads its worst night as severe
    # depression now; only depression the rules read keeps the tier above `watch`.
    text = "when i was 24 i tried to end my life. im 52 now and doing well, i run a shop"
    matches, readings = read(text)
    tallied = tally(matches, readings, OP)
    assert tallied.long_past
    low = raised("attempt", depression="severe", concern="concern")
    assert tier(low) == ("concern", True)
    severe = ModelRow(0.5, 0.0, 0.99, (0.0, 0.0, 0.0, 1.0))
    both = combine(matches, readings, severe, support=never, op=OP, tallied=tallied)
    assert both.depression_level == "severe" and both.concern == "watch"


def test_hopelessness_told_as_lasting_months_is_concern() -> None:
    matches, readings = read("Hopeless every single day and it has been like that for months.")
    plain = combine(matches, readings, None, support=never, op=OP)
    assert (plain.level, plain.concern) == ("indicator", "watch")
    lasting = combine(matches, readings, None, support=never, op=OP, distress_lasting=lambda: True)
    assert (lasting.level, lasting.concern) == ("indicator", "concern")
    # Emptiness is not one of the kinds that months make `concern`: its own cue is asked.
    matches, readings = read("I feel so empty, it has been like that for months.")
    empty = combine(matches, readings, None, support=never, op=OP, distress_lasting=never)
    assert empty.concern == "watch"


def test_emptiness_told_as_lasting_a_year_is_concern() -> None:
    matches, readings = read("I feel so empty. It has been like that for two years now.")
    asked: list[str] = []

    def cue(name: str, answer: bool) -> Callable[[], bool]:
        def ask() -> bool:
            asked.append(name)
            return answer

        return ask

    lasting = combine(
        matches,
        readings,
        None,
        support=never,
        op=OP,
        distress_lasting=cue("distress", False),
        emptiness_lasting=cue("emptiness", True),
    )
    assert (lasting.level, lasting.concern) == ("indicator", "concern")
    assert asked == ["emptiness"]
    held = combine(
        matches,
        readings,
        None,
        support=never,
        op=OP,
        distress_lasting=lambda: True,
        emptiness_lasting=lambda: False,
    )
    assert held.concern == "watch"


@pytest.mark.parametrize(
    ("text", "lasting"),
    [
        ("been like this for like two years now", True),
        ("for well over a year it has not lifted", True),
        ("every single day, the same", True),
        ("it has been like that since last year", True),
        ("empty for months now", False),
        ("for a couple of weeks after the move", False),
        ("over a year ago it was bad", False),
        ("not slept properly in over a year", False),
    ],
)
def test_emptiness_lasting_asks_a_year_or_every_day(text: str, lasting: bool) -> None:
    assert load_context().emptiness_lasting(normalise(text)) is lasting


@pytest.mark.parametrize(
    ("text", "lasting"),
    [
        ("it's been over a year of feeling hopeless", True),
        ("hopeless for well over a year", True),
        ("no full night's sleep in over a year", False),
        ("five months since her attempt", False),
        ("been hopeless over a year ago, better now", False),
    ],
)
def test_distress_lasting_reads_a_single_year_as_the_span(text: str, lasting: bool) -> None:
    assert load_context().distress_lasting(normalise(text)) is lasting


def test_combine_holds_the_reader_back_on_a_supporters_text() -> None:
    matches, readings = read("If you ever feel like this, please talk to me")
    at_risk = reader((0.2, 0.0, 0.8, 0.0, 0.0))
    result = combine(matches, readings, None, support=lambda: True, op=READER_OP, reader=at_risk)
    assert result.vetoed and result.level != "ideation" and not result.help_now


# ------------------------------------------------------------------ stories and everyday causes


def with_bars(**bars: dict[str, float]) -> OperatingPoint:
    """The operating point with these sets of the learned reader's bars added or replaced
    (`story`, `denied_cause`, `everyday_cause`, `everyday_injury`)."""
    return replace(OP, reader={**OP.reader, **bars})


def read_and_combine(
    text: str,
    op: OperatingPoint,
    row_: ReaderRow,
    *,
    support: Callable[[], bool],
    story: bool = False,
    other_cause: bool = False,
    injury_cause: bool = False,
) -> Combined:
    """`text` read by the rules and combined with the learned reader's `row_` and no post
    model; the text-level cues (`story`, an everyday cause named, whether it is a cause of an
    injury) are given here, not read from the text."""
    matches, readings = read(text)
    return combine(
        matches,
        readings,
        None,
        support=support,
        op=op,
        reader=row_,
        story=story,
        other_cause=lambda: other_cause,
        injury_cause=lambda: injury_cause,
    )


def test_a_quoted_story_with_nothing_of_the_writers_asks_the_story_bar() -> None:
    # The context reader's `story` cue (a song, a film, a book, the news) with nothing counted
    # for the writer: the learned reader must reach the `story` bars, stricter than `vetoed`.
    op = with_bars(story={"at_risk": 0.85, "self_harm": 0.85})
    text = "that chorus is stuck in my head all day, such a good tune"
    between = reader((0.2, 0.0, 0.75, 0.05, 0.0), self_harm=0.7)
    told = read_and_combine(text, op, between, support=lambda: True)
    quoted = read_and_combine(text, op, between, support=lambda: True, story=True)
    assert told.level == "ideation" and told.self_harm_present
    assert quoted.level not in ("ideation", "behavior") and not quoted.self_harm_present
    # above the bar the reader still raises: a writer who takes the song up is read
    sure = reader((0.05, 0.0, 0.9, 0.05, 0.0))
    assert read_and_combine(text, op, sure, support=lambda: True, story=True).level == "ideation"


def test_a_denial_with_an_everyday_cause_named_asks_the_denied_cause_bar() -> None:
    # Every signal the writer's own and denied, nothing counted, and an everyday cause of the
    # marks named (`other_cause`): the learned reader must reach the `denied_cause` bars.
    op = with_bars(denied_cause={"at_risk": 0.85, "self_harm": 0.85})
    text = "I didn't cut myself, the cat scratched me"
    assert tally(*read(text), op).denied
    between = reader((0.7, 0.0, 0.0, 0.3, 0.0), self_harm=0.75)
    denied = read_and_combine(text, op, between, support=never)
    caused = read_and_combine(text, op, between, support=never, other_cause=True)
    assert denied.self_harm_present and denied.level == "behavior"
    assert not caused.self_harm_present and caused.level == "none" and caused.vetoed
    # above the bar the reader still raises
    sure = reader((0.05, 0.0, 0.0, 0.95, 0.0), self_harm=0.9)
    assert read_and_combine(text, op, sure, support=never, other_cause=True).self_harm_present


def test_the_denied_cause_bar_needs_every_signal_denied_and_nothing_counted() -> None:
    # A denial next to an urge that counts, or a signal set aside as someone else's, is not a
    # text the writer denied: the cause is never asked and the usual bars hold.
    for text in (
        "I didn't cut myself, the cat scratched me, but I want to so badly",
        "my sister cut herself, the cat scratched me",
    ):
        assert not tally_of(text).denied, text
    assert tally_of("I didn't cut myself, the cat scratched me").denied


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("i didn't cut myself, the cat scratched me", "injury"),
        ("no i didnt hurt myself, i fell off my bike", "injury"),
        ("i caught my wrist on the fence at work", "injury"),
        ("it was an accident, honestly", "injury"),
        ("i slipped up last night", None),
        ("i fell off the wagon again", None),
        ("i slipped. not the fun kind", None),
        ("i didn't cut myself", None),
        # care with a needle, a knock at home, a kitchen burn, a new tattoo, a skin condition
        ("had bloods done and the nurse had to try three times", "injury"),
        ("i bruise so badly after blood tests", "injury"),
        ("cut my head on the cupboard door again", "injury"),
        ("burnt my hand on the oven tray", "injury"),
        ("little burn marks from the grill", "injury"),
        ("got a small heart tattoo on my wrist", "injury"),
        ("nagpa-tattoo ako sa wrist", "injury"),
        ("skipped swimming because my eczema flared", "injury"),
        # a short absence named explains "not around", not a mark: no injury hold
        ("feed the cat in case i'm not around this weekend", "absence"),
        ("not home till sunday, i'm at a wedding", "absence"),
        # an open-ended absence names none; a story told cancels every cause
        ("take the dog in case i'm not around much longer", None),
        ("take the dog in case i'm not around anymore", None),
        ("i tell everyone it's my eczema", None),
        ("i said i'm away this weekend", None),
    ],
)
def test_the_other_cause_cue_names_an_everyday_cause(text: str, cause: str | None) -> None:
    assert load_context().everyday_cause(text) == cause


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("got a massive bruise on my arm from the blood test", "injury"),
        ("my arms are covered in scratches from pruning the roses", "injury"),
        ("they've both been falling off their scooters all week", "injury"),
        ("i keep nicking my fingers when dicing", "injury"),
        ("got my hair cut really short today", "word_sense"),
        # a cover story cancels the cause: telling, saying, an excuse, someone asking
        ("i tell everyone the scratches are from the cat", None),
        ("i said i fell off my bike", None),
        ("if anyone asks the scratches are from the rose bush", None),
        ("got caught, told coach i fell off my bike", None),
        ("my girlfriend thinks the bruises are from rugby. most are from me", None),
        ("the scratches aren't from the cat", None),
        # a lapse told as a slip on a day is no fall
        ("i slipped on wednesday after 90 days", None),
        # a pet that pulled the writer over or scratched during care, a kitchen cut in
        # Portuguese, friction burns, a new tattoo, sleeves worn for the cold or the sun
        ("my dog pulled me over on the ice and i scraped my arm", "injury"),
        ("biscuit scratched me trying to get him in the carrier", "injury"),
        ("me cortei descascando batata", "injury"),
        ("chalk burns and grip rash from the wall", "injury"),
        ("got my first tattoo on my wrist", "injury"),
        ("wore a hoodie all day because the office air con is freezing", "injury"),
        ("long sleeves in 30 degrees bc i forgot sunscreen", "injury"),
        ("hands cut up from the brambles", "injury"),
        ("i've fallen on my hip twice this week", "injury"),
        # a comparison names no cause; sleeves worn for another reason are none
        ("the bruises look like i fell down the stairs", None),
        ("the bruises look like i fell off my bike", None),
        ("looks like the cat scratched me", None),
        ("wore long sleeves because of the marks", None),
        ("me cortei de novo cortando cebola", None),
        # burns from a hair tool or the kettle, thorns, garden work in German, a burn in
        # French
        ("scalded my hand straightening my hair", "injury"),
        ("burnt my wrist on the curling tongs", "injury"),
        ("one thorn went deep, had to fish it out", "injury"),
        ("the roses by the gate needed a hard prune, scratches everywhere", "injury"),
        ("hab mir beim gärtnern die arme zerkratzt", "injury"),
        ("je me suis brûlée en sortant le plat du four", "injury"),
        # said to be on purpose: no everyday cause, whatever mishap is beside it; "not on
        # purpose" keeps it
        ("cut my thumb on purpose while chopping", None),
        ("burnt my arm on the kettle deliberately", None),
        ("cut my finger chopping onions, not on purpose obviously", "injury"),
        # a skin condition is no cause read: it is also what a cover story names
        ("long sleeves please, i have a skin condition that flares in the sun", None),
    ],
)
def test_an_everyday_cause_is_named_unless_a_cover_story_is_told(
    text: str, cause: str | None
) -> None:
    assert load_context().everyday_cause(text) == cause


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("my dog pulled me over on the ice", "injury"),
        ("a bruise on my arm from the blood test", "injury"),
        # a haircut explains the word "cut", not a mark: no hold
        ("got my hair cut really short today", "word_sense"),
        ("the barber cut it shorter than i asked", "word_sense"),
        # a cover story cancels both
        ("i tell everyone the dog pulled me over", None),
    ],
)
def test_an_injury_cause_is_a_cause_of_a_mark_not_a_haircut(text: str, cause: str | None) -> None:
    assert load_context().everyday_cause(text) == cause


def test_an_injury_cause_with_nothing_counted_holds_the_readers_lone_act() -> None:
    # The rules read an everyday cause of the injury and nothing else: the reader's own
    # self-harm and `behavior` must reach the `everyday_injury` bars (held); an ideation
    # keeps its usual bar, and a haircut (not an injury cause) only the `everyday_cause` ones.
    op = with_bars(
        everyday_cause={"self_harm": 0.85, "behavior": 0.85},
        everyday_injury={"self_harm": 1.0, "behavior": 1.0},
    )
    text = "my dog pulled me over on the ice and i scraped my arm"
    assert tally(*read(text), op).everyday
    sure = reader((0.02, 0.0, 0.03, 0.95, 0.0), self_harm=0.95)

    def combined(injury: bool, row_: ReaderRow) -> Combined:
        return read_and_combine(
            text, op, row_, support=lambda: False, other_cause=True, injury_cause=injury
        )

    held = combined(True, sure)
    assert not held.self_harm_present and held.level not in ("behavior", "attempt")
    assert combined(False, sure).self_harm_present
    thought = reader((0.2, 0.0, 0.7, 0.1, 0.0))
    assert combined(True, thought).level == "ideation"


def test_an_everyday_cause_with_nothing_counted_asks_the_everyday_cause_bar() -> None:
    # No signal at all (or only everyday marks set aside as idioms) and an everyday cause
    # named: vetoed or not, the reader's self-harm and `behavior` must reach the
    # `everyday_cause` bars; an ideation it reads elsewhere keeps its usual bar.
    op = with_bars(everyday_cause={"self_harm": 0.85, "behavior": 0.85})
    text = "got a massive bruise on my arm from the blood test"
    assert tally(*read(text), op).everyday
    act = reader((0.2, 0.0, 0.1, 0.7, 0.0), self_harm=0.75)
    plain = read_and_combine(text, op, act, support=lambda: False)
    caused = read_and_combine(text, op, act, support=lambda: False, other_cause=True)
    assert plain.self_harm_present and plain.level == "behavior"
    assert not caused.self_harm_present and caused.level == "indicator"
    thought = reader((0.2, 0.0, 0.7, 0.1, 0.0))
    assert (
        read_and_combine(text, op, thought, support=lambda: False, other_cause=True).level
        == "ideation"
    )
    # above the bar the reader still raises
    sure = reader((0.05, 0.0, 0.0, 0.95, 0.0), self_harm=0.9)
    assert read_and_combine(
        text, op, sure, support=lambda: False, other_cause=True
    ).self_harm_present


def test_the_everyday_cause_bar_needs_nothing_counted_and_only_everyday_marks() -> None:
    for text in (
        "the cat scratched me and I want to cut",
        "my sister cut herself, a bruise from the blood test",
        "if I ever hurt myself I would tell you, a bruise from the blood test",
    ):
        assert not tally_of(text).everyday, text
    assert tally_of("a bruise from the blood test").everyday


def test_the_story_bar_leaves_a_text_with_the_writers_own_signal_alone() -> None:
    op = with_bars(story={"at_risk": 0.95, "self_harm": 0.95})
    text = "that song is me tonight, I feel hopeless and I cut again"
    between = reader((0.1, 0.0, 0.2, 0.7, 0.0), self_harm=0.8)
    result = read_and_combine(text, op, between, support=never, story=True)
    assert result.self_harm_present and result.level == "behavior"


def test_depression_rated_severe_by_a_clinician_or_a_score_is_severe() -> None:
    assert OP.depression["rated_severe"] == 1
    for text in (
        "The doctor says it's severe and I believe her. I can't enjoy anything.",
        "Scored 22 on the depression questionnaire at the GP today.",
    ):
        assert tally_of(text).depression_level == "severe", text
    # Never a signal; a sprain, someone else's doctor and "moderate to severe" are not it.
    t = tally_of("The doctor says it's severe.")
    assert (t.level, t.counted, t.set_aside, t.depression_level) == ("none", (), False, "severe")
    for text in (
        "The GP said it was a severe sprain, six weeks in a boot.",
        "My mum's doctor says it's severe and I'm trying to help her through it.",
    ):
        assert tally_of(text).depression_level == "none", text
    off = replace(OP, depression={**OP.depression, "rated_severe": 0})
    text = "The doctor says it's severe and I believe her. I can't enjoy anything."
    assert tally(*read(text), off).depression_level == "moderate"


def test_work_or_bed_lost_for_a_stretch_is_daily_life_lost() -> None:
    for text, level in (
        (
            "Missed three weeks of uni now. I can't get out of bed and I can't enjoy anything.",
            "severe",
        ),
        ("Been in bed for most of the month. I barely eat and nothing is fun anymore.", "severe"),
        ("Missed the first week of uni with glandular fever, catching up online.", "none"),
        ("Been in bed for a week with a chest infection, so bored.", "none"),
    ):
        assert tally_of(text).depression_level == level, text


def test_a_seasonal_low_or_daily_life_going_on_with_a_course_is_mild() -> None:
    assert OP.depression["going_on_mild"] == 1
    for text, level in (
        ("Low since the clocks went back, happens every winter.", "mild"),
        ("Low-level grey for a few weeks, still going to work and seeing my mates.", "mild"),
        ("Still going to the gym tomorrow even with the rain", "none"),
        ("The clocks went back last night so I got an extra hour in bed!", "none"),
    ):
        assert tally_of(text).depression_level == level, text


def test_a_lone_act_of_self_harm_asks_the_self_harm_only_urgent_bar() -> None:
    # Current self-harm with no suicide signal counted is `concern` by the labelling guide:
    # the reader's urgent must reach the `self_harm_only` bar there; a thought of suicide the
    # rules count beside the act keeps the head set's own bar.
    op = with_bars(
        fast={**OP.reader["fast"], "urgent": 0.2},
        self_harm_only={"urgent": 0.5},
    )
    act = reader((0.05, 0.0, 0.05, 0.9, 0.0), self_harm=0.9, urgent=0.4)
    lone = read_and_combine("hurt myself again tonight", op, act, support=lambda: False)
    assert lone.level == "behavior" and lone.self_harm_present and lone.concern == "concern"
    sure = reader((0.05, 0.0, 0.05, 0.9, 0.0), self_harm=0.9, urgent=0.6)
    assert (
        read_and_combine("hurt myself again tonight", op, sure, support=lambda: False).concern
        == "urgent"
    )
    both = read_and_combine(
        "hurt myself again tonight and i keep thinking about killing myself",
        op,
        act,
        support=lambda: False,
    )
    assert both.concern == "urgent"


def test_a_lone_urge_to_self_harm_asks_the_self_harm_only_urgent_bar() -> None:
    # An urge to self-harm held off, read at `ideation` with self-harm present and no suicide
    # signal counted, is `concern` too: the reader's urgent must reach the `self_harm_only`
    # bar; thoughts of killing oneself the rules count beside it keep the head set's bar.
    op = with_bars(
        fast={**OP.reader["fast"], "urgent": 0.2},
        self_harm_only={"urgent": 0.5},
    )
    urge = reader((0.05, 0.0, 0.9, 0.05, 0.0), self_harm=0.9, urgent=0.4)
    text = "the urge to cut has been constant all week, i haven't done it"
    held = read_and_combine(text, op, urge, support=lambda: False)
    assert held.level == "ideation" and held.self_harm_present and held.concern == "concern"
    sure = reader((0.05, 0.0, 0.9, 0.05, 0.0), self_harm=0.9, urgent=0.6)
    assert read_and_combine(text, op, sure, support=lambda: False).concern == "urgent"
    both = read_and_combine(
        "the urge to cut is constant and i keep thinking about killing myself",
        op,
        urge,
        support=lambda: False,
    )
    assert both.concern == "urgent"


def test_a_past_attempt_asks_the_attempt_past_urgent_bar() -> None:
    # A past attempt with no current intent is `concern` by the labelling guide: where the
    # level is `attempt` and no signal the rules counted is urgent, the reader's urgent must
    # reach the `attempt_past` bar; an attempt the rules read as happening now keeps urgent.
    op = with_bars(
        fast={**OP.reader["fast"], "urgent": 0.2},
        attempt_past={"urgent": 0.7},
    )
    told = reader((0.05, 0.0, 0.05, 0.0, 0.9), urgent=0.5)
    past = read_and_combine("i tried to kill myself last year", op, told, support=lambda: False)
    assert past.level == "attempt" and past.concern == "concern"
    sure = reader((0.05, 0.0, 0.05, 0.0, 0.9), urgent=0.8)
    text = "i tried to kill myself last year"
    assert read_and_combine(text, op, sure, support=lambda: False).concern == "urgent"
    now = read_and_combine("i overdosed tonight", op, told, support=lambda: False)
    assert now.level == "attempt" and now.concern == "urgent"
    thoughts = reader((0.05, 0.0, 0.9, 0.0, 0.05), urgent=0.5)
    wish = read_and_combine("i keep wishing i was gone", op, thoughts, support=lambda: False)
    assert wish.level == "ideation" and wish.concern == "urgent"


def test_thinking_of_ones_death_without_the_act_is_passive() -> None:
    # Thinking about dying or not existing, wanting to stop existing: passive ideation,
    # `concern`; killing oneself or ending it named stays urgent.
    for text in (
        "i think about dying every day",
        "thoughts of not being here keep coming back",
        "i just want to stop existing",
        "i wish i could die",
    ):
        tallied = tally(*read(text), OP)
        assert (tallied.level, tallied.concern) == ("ideation", "concern"), text
    for text in ("i think about killing myself every day", "i want to die"):
        tallied = tally(*read(text), OP)
        assert (tallied.level, tallied.concern) == ("ideation", "urgent"), text
    assert tally(*read("thinking of dying my hair pink"), OP).level == "none"


# ------------------------------------------------------------------ stretches sober from a habit


@pytest.mark.parametrize(
    ("text", "sober"),
    [
        ("six months sober today, clean and proud of it", True),
        ("100 days clean today! smoke-free, i should say", True),
        ("three weeks off vaping and my lungs thank me", True),
        ("quit drinking two years ago and never looked back", True),
        # "clean" with nothing named is self-harm shorthand; self-harm or suicide words anywhere
        # keep the text for the usual bars
        ("100 days clean today, so proud", False),
        ("six months sober but the urge to cut is back", False),
        ("a year sober and i still want to die most days", False),
        # a streak of an everyday treat or habit given up, with or without a count
        ("2 weeks no chocolate, streak going strong", True),
        ("day 9 of no sweets, clean streak holding", True),
        ("ten days without coffee. streak intact", True),
        ("2 weeks no chocolate and 2 weeks clean from cutting", False),
        ("a week no crisps but i want to hurt myself tonight", False),
        ("2 weeks no cutting, clean streak strong", False),
        # a milestone verb before the stretch is part of it, not a blow
        ("hit 30 days of no alcohol. clean month!", True),
        ("reached a year smoke-free today", True),
        ("hit 30 days of no alcohol but hit myself last night", False),
        # an illness relapsed, an everyday habit's streak broken
        ("think i've had a relapse of that cold, nose streaming again", True),
        ("bhai aaj gym mein streak toot gayi, kal se phir shuru", True),
        ("gym streak broke and i relapsed with the cutting too", False),
    ],
)
def test_the_sober_stretch_cue_needs_a_named_habit_and_no_self_harm(text: str, sober: bool) -> None:
    assert load_context().sober_stretch(text) is sober


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("wearing long sleeves to hide the sunburn lol", "injury"),
        ("kitten scratched my arms to bits at bath time", "injury"),
        ("spent the day tackling the rose bed, scratches everywhere", "injury"),
        ("put up the shelves and hit my thumb twice, bruise going purple", "injury"),
        ("trapped my fingers in the car door, swollen now", "injury"),
        # no cause named, a cover story, or fainting at needles (a cause of no mark): no cause
        ("wearing long sleeves to hide my arms again", None),
        ("said it was the kitten but i did it again", None),
        ("blood test at nine and i always nearly faint", None),
        # a digit hit on purpose, or an arm: no everyday cause
        ("hit my thumb with the hammer on purpose till it bled", None),
        ("hit my arm against the wall again", None),
    ],
)
def test_everyday_causes_of_sunburn_pets_thorns_and_needles(text: str, cause: str | None) -> None:
    assert load_context().everyday_cause(text) == cause


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("blood test at 9 tomorrow so no breakfast for me", "fast"),
        ("nil by mouth from midnight before my op", "fast"),
        ("fasting for tomorrow's bloods, starving already", "fast"),
        ("cant eat anything till after the scan", "fast"),
        # food kept from oneself with no such reason, or the test with no meal missed
        ("skipping breakfast again, i don't deserve it", None),
        ("no breakfast again, i don't deserve it before my blood test", None),
        ("blood test at nine and i always nearly faint", None),
    ],
)
def test_a_meal_missed_for_a_test_or_an_operation_is_a_cause(text: str, cause: str | None) -> None:
    assert load_context().everyday_cause(text) == cause


def lone_indicator_held(hold: str, text: str, applies: bool) -> Combined:
    """`text` combined with a learned reader whose lone reading is `indicator` (0.65), the
    operating point's `hold` section at the hand-set bars, and that hold's cue answering
    `applies`."""
    op = with_bars(**{hold: {"indicator": 0.9, "at_risk": 0.85, "self_harm": 0.85}})
    cue: dict[str, Any] = {hold: lambda: applies}
    matches, readings = read(text)
    return combine(
        matches,
        readings,
        None,
        support=lambda: False,
        op=op,
        reader=reader((0.3, 0.65, 0.03, 0.02, 0.0)),
        **cue,
    )


def held_by(
    hold: str,
    bars: dict[str, float],
    text: str,
    levels: tuple[float, float, float, float, float],
    applies: bool,
) -> Combined:
    """`text` combined with a learned reader reading `levels`, the operating point's `hold`
    section at `bars`, and that hold's cue answering `applies`."""
    cue: dict[str, Any] = {hold: lambda: applies}
    matches, readings = read(text)
    return combine(
        matches,
        readings,
        None,
        support=lambda: False,
        op=with_bars(**{hold: bars}),
        reader=reader(levels),
        **cue,
    )


@pytest.mark.parametrize(
    ("text", "routine"),
    [
        ("i already took my meds this morning", True),
        ("had my tablets with breakfast and now off to work", True),
        ("took my inhaler as usual before the run", True),
        ("remembered my meds today, small win", True),
        # Self-harm or suicide named anywhere keeps the usual bars; no round named, no cue.
        ("already took my meds but i still want to die", False),
        ("took my meds this morning and then cut again", False),
        ("i took my meds", False),
        ("took my whole prescription tonight", False),
    ],
)
def test_the_medicine_routine_cue_needs_a_round_and_no_risk_word(text: str, routine: bool) -> None:
    assert load_context().medicine_routine(text) is routine


def test_daily_medicine_taken_on_its_round_holds_the_readers_thoughts() -> None:
    # Nothing counted and the writer's own medicine told as taken this morning: the reader's
    # ideation (0.72 at risk) must reach the `medicine_routine` bar; without the cue it raises.
    bars = {"indicator": 0.9, "at_risk": 0.85, "self_harm": 0.85}
    text = "I already took my meds this morning"
    ideation = (0.22, 0.06, 0.51, 0.19, 0.02)
    assert held_by("medicine_routine", bars, text, ideation, False).level == "ideation"
    assert held_by("medicine_routine", bars, text, ideation, True).level == "none"


def test_a_sober_stretch_with_nothing_counted_holds_the_readers_lone_indicator() -> None:
    # Nothing counted and a stretch sober from a named habit: the reader's lone indicator
    # must reach the `sober_stretch` bar; where something counted the cue is not asked.
    text = "six months sober today, got my chip at the meeting"
    assert lone_indicator_held("sober_stretch", text, False).level == "indicator"
    assert lone_indicator_held("sober_stretch", text, True).level == "none"
    held = lone_indicator_held("sober_stretch", "six months sober and i want to kill myself", True)
    assert held.level != "none"


@pytest.mark.parametrize(
    ("text", "light"),
    [
        ("not suicidal lol just hungry", True),
        ("i'm not going to end it all over a bad haircut", True),
        ("im not suicidal the game made me want to die because i lost", True),
        ("not suicidal, my dad made me do the dishes", True),
        ("not suicidal lol just tired of this maths homework", True),
        ("not suicidal, i just hate my job", True),
        ("no estoy suicida jaja, solo odio mi trabajo", True),
        # beside a word of distress, or with neither a laugh nor a trivial cause: not light
        ("not suicidal lol just worn out and lonely", False),
        ("i'm not going to end it all over a bad haircut, but honestly i'm not ok", False),
        ("not suicidal, just exhausted", False),
        ("not suicidal lol just tired of everything", False),
        ("not suicidal lol just tired of my life", False),
        ("not thinking about hurting myself, just tired of this job", False),
        ("i'd never kill myself lol, just a hard week at school", False),
        ("not suicidal, just stressed about money", False),
        # "about ending it" is no trivial cause
        ("asked if i thought about ending it and i said no", False),
        ("i'm not suicidal, i promise", False),
    ],
)
def test_the_light_denial_cue_needs_a_laugh_or_a_trivial_cause_and_no_distress(
    text: str, light: bool
) -> None:
    assert load_context().light_denial(text) is light


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Day 365. No urge. Bought myself flowers.", True),
        ("day 90 no urges today", True),
        # under a month, no urge denied beside the count, or an urge now
        ("Day 3. No urges.", False),
        ("Day 365 of my language streak", False),
        ("Day 40. No urges but I relapsed last night.", False),
    ],
)
def test_a_diary_day_count_with_the_urge_denied_is_a_clean_stretch(text: str, clean: bool) -> None:
    assert load_context().clean_stretch(text.lower()) is clean


def test_a_light_denial_holds_the_readers_lone_indicator() -> None:
    # Every signal the writer's own and denied, and the denial light: the reader's lone
    # indicator must reach the `light_denial` bar; where something counted it is not asked.
    text = "i'm not suicidal lol just hungry"
    assert lone_indicator_held("light_denial", text, False).level == "indicator"
    assert lone_indicator_held("light_denial", text, True).level == "none"
    held = lone_indicator_held("light_denial", "i want to die lol just hungry", True)
    assert held.level != "none"


def test_a_sober_stretch_asks_near_certainty_of_the_readers_lone_self_harm() -> None:
    # With no word of self-harm in the text, a habit's streak broken or an illness relapsed
    # reads to the reader's self-harm head like a lapse: the shipped bar asks near certainty.
    text = "gym streak broke after two months, starting again tomorrow"
    matches, readings = read(text)

    def combined(applies: bool) -> Combined:
        return combine(
            matches,
            readings,
            None,
            support=lambda: False,
            op=OP,
            reader=reader((0.44, 0.0, 0.0, 0.56, 0.0), self_harm=0.95),
            sober_stretch=lambda: applies,
        )

    assert OP.reader["sober_stretch"]["self_harm"] >= 0.99
    assert not combined(True).self_harm_present
    assert combined(False).self_harm_present


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("suicidal thoughts again, the passive kind, not gonna do anything", "named"),
        ("suicidal again but not the planning kind", "named"),
        ("i keep picturing my own funeral", "named"),
        ("i keep thinking about who would come to my funeral", "named"),
        ("picturing the team managing without me, permanently", "named"),
        ("i imagined my mum setting the table for three instead of four", "named"),
        ("tonight i imagined my family after i'm gone", "named"),
        # Which day one would do it is active; picturing a time away is not passive ideation.
        ("i picture my funeral and which day i'd do it", None),
        ("picturing the team managing without me while i'm on holiday", None),
        ("ich hab Suizidgedanken, eher passiv", "named"),
        ("wishing i was gone. i don't have a plan and i wouldn't act on it", "no_plan"),
        # Something active anywhere keeps it from being told passive.
        ("no plan yet but i looked up ways", None),
        ("passive mostly, but last night i picked a date", None),
        ("i don't have a plan but i know how i'd do it", None),
        ("the passive kind but now i'm googling how to do it", None),
        ("not passive anymore. i looked things up", None),
        ("i keep thinking about killing myself, not the soft kind", None),
        ("passive-aggressive emails from my landlord, no plan to reply", "no_plan"),
        # Always there in the background, beside no intent to act: the passive kind named; in
        # the background with nothing said about acting is not passive.
        ("suicidal thoughts always in the background for me. not gonna act on them", "named"),
        ("a low background noise lately, nothing i'd act on", "named"),
        ("suicide has become the background of everything", None),
        ("the suicidal thoughts are jus backround stuf, no plan", "named"),
        ("suicidal thoughts are part of the furniture by now. no plans", "named"),
        ("just background stuff lately but i picked a date", None),
        # "Not like I'm gonna do" something is no intent, so beside the background it is named.
        ("the thoughts are back in the background. not like im gonna do smth", "named"),
        ("not like i'm going to do anything", "no_plan"),
        # Background thoughts named short, nothing planned, not plans, the thoughts alone; a
        # plan or a date beside them keeps them active.
        ("background sui thoughts most evenings, nothing planned", "named"),
        ("they sit in the back of my head. not plans, just the thoughts", "named"),
        ("the thoughts are in the back of my mind, aint gonna do nuthin", "named"),
        ("background ideation again but this time i planned the night", None),
        ("nothing planned yet but i've got a plan forming", None),
        ("just the thought of the exam makes me feel sick", None),
        ("i don't have plans, just wishing i wasn't here", "no_plan"),
        # The others' lives thought about after the writer's death; the how thought about is
        # active.
        ("thinking about my brother getting my room after im dead", "named"),
        ("thinking about my sister after im gone and how i would do it", None),
        # No passive or no-plan word at all.
        ("suicidal thoughts every day now", None),
    ],
)
def test_passive_told_reads_the_whole_text(text: str, told: str | None) -> None:
    assert load_context().passive_told(normalise(text)) == told


def test_suicidal_thoughts_told_as_passive_with_nothing_active_are_concern() -> None:
    matches, readings = read("suicidal thoughts again, the passive kind, not gonna do anything")
    plain = combine(matches, readings, None, support=never, op=OP)
    assert (plain.level, plain.concern) == ("ideation", "urgent")
    told = combine(matches, readings, None, support=never, op=OP, passive_told=lambda: "named")
    assert (told.level, told.concern, told.help_now) == ("ideation", "concern", True)
    # An urgent rule that is more than naming the thoughts (a method sought, a note written,
    # a wish to kill oneself) means the cue is never asked.
    for text in (
        "suicidal thoughts, the passive kind, but i looked up ways to kill myself",
        "suicidal thoughts, the passive kind, but i wrote a suicide note",
        "i want to kill myself, the passive kind",
    ):
        matches, readings = read(text)
        active = combine(matches, readings, None, support=never, op=OP, passive_told=never)
        assert active.concern == "urgent"


def test_passive_only_needs_ideation_no_self_harm_and_only_named_thoughts() -> None:
    t = tally_of("suicidal thoughts again, the passive kind")
    raised = model_raise(t, None, None, vetoed=False, op=OP)
    assert passive_only(t, raised, "urgent")
    assert not passive_only(t, raised, "concern")
    assert not passive_only(t, replace(raised, level="behavior"), "urgent")
    assert not passive_only(t, replace(raised, self_harm_present=True), "urgent")
    method = tally_of("suicidal thoughts and i looked up ways to kill myself")
    assert not passive_only(method, model_raise(method, None, None, vetoed=False, op=OP), "urgent")


def test_no_plan_alone_holds_only_beside_a_passive_wish_and_no_urgent_signal() -> None:
    wish = tally_of("i wish i was dead, no plan")
    assert passive_holds(wish, "no_plan") and passive_holds(wish, "named")
    named = tally_of("suicidal thoughts again, no plan")
    assert not passive_holds(named, "no_plan") and passive_holds(named, "named")
    assert not passive_holds(tally_of("i feel so low, no plan"), "no_plan")
    assert not passive_holds(wish, None)


def test_a_record_about_a_named_person_with_nothing_counted_holds_the_readers_lone_indicator() -> (
    None
):
    # A letter or record about a named third person with nothing counted: the reader's lone
    # indicator must reach the `record_of_other` bar; the cue is not asked where the writer's
    # own signal counted.
    text = "Re: Mrs Hale, 54. Low mood, poor sleep, tearful in clinic."
    assert load_context().record_of_other(text.lower())
    assert lone_indicator_held("record_of_other", text, False).level == "indicator"
    assert lone_indicator_held("record_of_other", text, True).level == "none"
    held = lone_indicator_held("record_of_other", "Re: Mrs Hale. I want to kill myself", True)
    assert held.level != "none"


@pytest.mark.parametrize(
    ("text", "traces"),
    [
        ("saw jordan's arms at swimming. lots of little scars. didn't say anything", True),
        ("noticed my mate's wrists in pe, loads of lines", True),
        # the writer's own arms, or traces claimed as the writer's too
        ("my friend saw my arms at swimming. all the scars", False),
        ("saw jordan's arms at swimming. little scars, like mine", False),
        ("saw jordan's arms at swimming. i do it too", False),
    ],
)
def test_traces_seen_on_someone_named_are_theirs(text: str, traces: bool) -> None:
    assert load_context().traces_of_other(text) is traces


def test_traces_seen_on_someone_named_hold_the_readers_lone_indicator() -> None:
    text = "Saw Jordan's arms at swimming. Lots of little scars."
    assert lone_indicator_held("traces_of_other", text, False).level == "indicator"
    assert lone_indicator_held("traces_of_other", text, True).level == "none"


def test_life_admin_with_its_reason_named_holds_the_readers_thoughts_and_acts() -> None:
    # A will or life cover told with its everyday reason beside it and nothing counted: the
    # reader's behavior (0.76 at risk) must reach the `arranged_for_reason` bar (0.85), its
    # lone indicator left at the usual bar; a
    # reader past it still raises, and where the writer's own signal counted the cue is not
    # asked. The cue reads no text with a word of suicide in it.
    text = "did my will with the solicitor. also the life insurance since we've got the mortgage"
    context = load_context()
    assert context.arranged_for_reason(text)
    assert not context.arranged_for_reason("made my will since we got the mortgage. suicide")
    assert not context.arranged_for_reason("did my will today, lucy gets the records")
    bars = {"at_risk": 0.85, "self_harm": 0.85}
    behavior = (0.21, 0.03, 0.02, 0.72, 0.02)
    assert held_by("arranged_for_reason", bars, text, behavior, False).level == "behavior"
    assert held_by("arranged_for_reason", bars, text, behavior, True).level == "indicator"
    certain = (0.05, 0.02, 0.02, 0.89, 0.02)
    assert held_by("arranged_for_reason", bars, text, certain, True).level == "behavior"
    text = "made my will since we got the mortgage. i want to kill myself"
    counted = held_by("arranged_for_reason", bars, text, behavior, True)
    assert counted.level not in ("none", "indicator")


def test_an_everyday_arrangement_holds_the_readers_thoughts_and_acts_near_certainty() -> None:
    # Passwords kept in case something happens to a phone, nothing counted: the reader's
    # behavior (0.96 at risk) must reach the `arranged_everyday` bar (0.99).
    bars = {"at_risk": 0.99, "self_harm": 0.85}
    text = "if something happens to my phone my passwords are in the notes app"
    behavior = (0.03, 0.01, 0.02, 0.92, 0.02)
    assert held_by("arranged_everyday", bars, text, behavior, False).level == "behavior"
    held = held_by("arranged_everyday", bars, text, behavior, True)
    assert held.level in ("none", "indicator")
    certain = (0.002, 0.003, 0.005, 0.985, 0.005)
    assert held_by("arranged_everyday", bars, text, certain, True).level == "behavior"


@pytest.mark.parametrize(
    ("text", "completed"),
    [
        # a wish not to wake up completed by a time or a manner of waking
        ("wish i didnt wake up so early", True),
        ("i wish i didn't wake up before my alarm every day", True),
        ("wish i didn't wake up with a headache every sunday", True),
        ("wish i didnt wake up", False),
        ("i wish i didn't wake up tomorrow", False),
        ("i wish i didn't wake up every morning", False),
        ("wish i didnt wake up so early, i want to die", False),
        # an everyday role or thing to stop being
        ("i want to stop being the last one to reply", True),
        ("we want to stop being charged for the premium plan", True),
        ("i want to stop being a burden", False),
        ("i want to stop being alive", False),
        # a far age
        ("don't plan to be alive at ninety", True),
        ("i won't be around when i'm a hundred", True),
        ("i don't plan to be alive at 30", False),
        ("i won't be around much longer", False),
    ],
)
def test_the_everyday_completion_cue_needs_an_everyday_detail(text: str, completed: bool) -> None:
    assert load_context().everyday_completion(text) is completed


def test_an_everyday_completion_holds_the_readers_lone_reading() -> None:
    # "wish i didnt wake up so early", nothing counted: the reader's ideation must reach the
    # `everyday_completion` bar (certainty).
    bars = {"indicator": 1.0, "at_risk": 1.0, "self_harm": 0.99}
    text = "wish i didnt wake up so early"
    ideation = (0.01, 0.02, 0.95, 0.01, 0.01)
    assert held_by("everyday_completion", bars, text, ideation, False).level != "none"
    assert held_by("everyday_completion", bars, text, ideation, True).level == "none"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # a goodbye note, a letter or a goodbye asked about, not yet taken
        ("how do i write a note so my parents know its not their fault", True),
        ("do i write one note or three? deciding tonight", True),
        ("how do i say goodbye to my friends without them realising", True),
        ("how do i make sure my lil sis isnt the 1 who finds me", True),
        ("¿cómo le dejo una carta a mi mamá?", True),
        # a step told as taken beside it, or no goodbye asked about
        ("how do i make sure my sister isnt the one who finds me. the letters are written", False),
        ("wrote a note for my parents. how do i make sure they aren't the ones who find me", False),
        ("how do i say goodbye to my friends? already gave my dog away", False),
        ("i've decided. doing it after exams", False),
    ],
)
def test_a_goodbye_asked_about_and_not_taken_is_read(text: str, asked: bool) -> None:
    assert load_context().farewell_asked(text) is asked


def test_a_goodbye_asked_about_reads_the_readers_act_as_a_thought() -> None:
    # No preparation counted and a goodbye asked about: the reader's behavior (0.9 at risk)
    # meets the `farewell_asked` bars (1.0) and is read as `ideation` (`act_as_thought`), its
    # urgency kept and its lone self-harm held as for preparation; without the cue it stands.
    text = "how do i write a note so my parents know its not their fault"
    bars = {"behavior": 1.0, "attempt": 1.0, "act_as_thought": 1.0}

    def combined(applies: bool) -> Combined:
        matches, readings = read(text)
        return combine(
            matches,
            readings,
            None,
            support=lambda: False,
            op=with_bars(farewell_asked=bars, preparation={"self_harm": 1.0}),
            reader=reader((0.05, 0.05, 0.2, 0.68, 0.02), self_harm=0.6, urgent=0.9),
            farewell_asked=lambda: applies,
            harm_named=lambda: False,
        )

    held = combined(True)
    assert (held.level, held.self_harm_present, held.concern) == ("ideation", False, "urgent")
    plain = combined(False)
    assert (plain.level, plain.self_harm_present) == ("behavior", True)


def test_preparation_counted_holds_the_readers_lone_self_harm() -> None:
    # The writer's own preparation counted (letters kept "for after"), no self-harm signal and
    # no word of self-harm: the reader's self-harm head (0.9) must reach the `preparation`
    # bar (1.0), so self-harm stays absent; where the text names self-harm, or no preparation
    # counted, the cue is not asked or does not hold.
    def combined(text: str, harm_named: bool) -> Combined:
        matches, readings = read(text)
        return combine(
            matches,
            readings,
            None,
            support=lambda: False,
            op=with_bars(preparation={"self_harm": 1.0}),
            reader=reader((0.0, 0.0, 0.02, 0.97, 0.01), self_harm=0.9, urgent=0.9),
            harm_named=lambda: harm_named,
        )

    letters = "Notes finished. Mum, Sam, Priya. They're in the wardrobe, for after."
    assert tally_of(letters).level == "behavior"
    held = combined(letters, False)
    assert held.level == "behavior"
    assert not held.self_harm_present
    assert combined(letters, True).self_harm_present
    # nothing of preparation counted: the reader's self-harm stands
    assert combined("did it again tonight", False).self_harm_present


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("letters done, for after. doing it this weekend", False),
        ("got what i need. sorry", False),
        ("wrote the notes. the cuts are healing", True),
        ("hoodie again so nobody sees my arms, sleeves down", True),
    ],
)
def test_a_word_of_self_harm_is_named_in_the_text(text: str, named: bool) -> None:
    assert load_context().harm_named(text) is named


# ------------------------------------------------------------------ survey answers corrected


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # a mistaken answer corrected to never: the signal is denied
        ("i ticked 'sometimes' by mistake for thoughts of self-harm. i meant 'never'.", False),
        ("accidentally clicked often on the self harm question, should have been never", False),
        # corrected to anything else, not called a mistake, or not corrected: it counts
        ("i ticked 'never' by mistake for self-harm. i meant 'sometimes'.", True),
        ("i ticked 'sometimes' for thoughts of self-harm. i meant it.", True),
        ("i ticked 'often' by mistake for self-harm, please ignore it", True),
    ],
)
def test_a_survey_answer_corrected_to_never_denies_the_signal(text: str, counted: bool) -> None:
    assert bool(tally_of(text).counted) is counted


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # a "never" ticked by mistake, the real answer given after the signal: it counts
        ("i ticked never on the self harm question by mistake, the real answer is often", True),
        ("put 'not at all' for hurting myself by mistake, i meant most days", True),
        ("ticked never for cutting myself by mistake. it should have been sometimes", True),
        # the mistake told after the signal, corrected to never: denied
        ("ticked sometimes for self harm by mistake, i meant never", False),
        # a "never" not called a mistake, or corrected to never: still denied
        ("i ticked never for self harm, the real answer is never", False),
        ("i ticked never for self harm. often i wonder why they ask", False),
    ],
)
def test_a_never_ticked_by_mistake_and_corrected_to_a_real_answer_counts(
    text: str, counted: bool
) -> None:
    assert bool(tally_of(text).counted) is counted


@pytest.mark.parametrize(
    ("text", "applies"),
    [
        # an arrangement named with the everyday object or occasion it is for
        ("if something happens to my phone my passwords are in the notes app", True),
        ("passwords for the work laptop are with it if something happens", True),
        ("sold the house and gave away most of the furniture, said goodbye to the street", True),
        ("giving the plants away before the move", True),
        ("picturing the lads raising a glass at my leaving do", True),
        # told as for the writer's own absence, or with a word of suicide: never
        ("if something happens to me my passwords are in the notes app", False),
        ("gave away the furniture before the move, won't need any of it", False),
        ("passwords for my laptop are in the drawer, i won't be around much longer", False),
        ("my leaving do is friday. thinking about suicide a lot", False),
        ("gave away my things", False),
        # the move told as a cover story, or passwords with no everyday object's mishap
        ("gave away my plants and books and told everyone im moving, which isnt true", False),
        ("gave away the furniture, everyone thinks i'm moving house but i'm not", False),
        ("wrote the pin for my phone on the fridge", False),
        # old things cleared out to a charity shop; undone by the writer's absence
        ("gave three bags of old clothes to the charity shop, feels great", True),
        ("cleared out the garage and took it all to the tip and the charity shop", True),
        ("cleared out the wardrobe for the charity shop, won't need any of it now", False),
        ("gave my old guitar away", False),
        # things given to a relative or a friend with a plain everyday reason beside them
        ("gave all my old clothes to my cousin. room is so clean now", True),
        ("gave my sister my old books, finally some shelf space", True),
        ("passed my old trainers on to my little brother, they don't fit me anymore", True),
        ("binigay ko na lahat ng lumang damit ko sa pinsan ko. so much space now", True),
        ("gave all my clothes to my cousin, won't need them after this week", False),
        ("gave my stuff to my sister and tidied up so nobody has to deal with it after", False),
        ("gave all my old clothes to my cousin", False),
        # a house or a room cleaned, told with its reward or its pleasure
        ("cleaned the whole house top to bottom. sparkling. treated myself to cake.", True),
        ("deep cleaned the kitchen, so satisfying", True),
        ("cleaned my room so nobody has to deal with the mess afterwards. feels good", False),
        ("cleaned the whole house today", False),
    ],
)
def test_an_everyday_object_or_occasion_is_a_reason_for_an_arrangement(
    text: str, applies: bool
) -> None:
    context = load_context()
    assert context.arranged_everyday(text) is applies
    # a will's or life cover's reasons are their own cue, with their own (lower) bars
    assert not context.arranged_for_reason(text)


def test_a_hedged_mood_with_daily_life_going_on_keeps_one_more_item_mild() -> None:
    text = "bit low this week, not sleeping well and no appetite, still getting everything done"
    assert tally_of(text).depression_level == "mild"
    no_extra = replace(OP, depression={**OP.depression, "going_on_extra_items": 0})
    assert tally(*read(text), no_extra).depression_level == "moderate"
    # A hedge alone, with the same items, is not played down twice.
    assert tally_of("bit low this week, not sleeping well and no appetite").depression_level == (
        "moderate"
    )


def test_a_low_mood_every_day_for_a_year_told_in_months_or_in_spanish_is_severe() -> None:
    for text in (
        "for over eighteen months i have felt low nearly every day",
        "Llevo más de un año sintiéndome vacía casi todos los días",
    ):
        assert tally_of(text).depression_level == "severe", text
    # Months under a year, or a year ago ("hace un año"), are not a course of a year.
    assert tally_of("for six months i have felt low nearly every day").depression_level != "severe"
    assert tally_of("Hace un año me sentía vacía casi todos los días").depression_level != "severe"
