"""The four steps that turn evidence into a result: tally, veto, model raise, tier.

Each step is tested on its own with hand-made inputs (rule matches read by the real context
reader, model rows and sentence hits built here), so a change to one step shows up here even
when the whole detector still agrees on the hard cases.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from waylight.core.textrisk.combine import (
    ModelRow,
    Raise,
    SentenceHit,
    Tally,
    combine,
    load_operating_point,
    model_raise,
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


def hit(**fields: object) -> SentenceHit:
    base = SentenceHit(start=0, end=10, risk=0.0, self_harm=0.0, reader="second")
    return replace(base, **fields)  # type: ignore[arg-type]


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


def test_tally_marks_set_aside_signals_and_counts_none_of_them() -> None:
    t = tally_of("My friend has been cutting herself")
    assert t.set_aside and not t.counted and t.level == "none"


def test_tally_counts_distinct_phq9_items_for_the_rules_depression_level() -> None:
    t = tally_of(
        "I can't sleep, I have no appetite, I feel down all the time and I can't focus on anything"
    )
    assert set(t.symptoms) == {2, 3, 5, 7}
    assert t.depression_level == "moderate"


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


def test_model_raise_never_lowers_the_rules() -> None:
    t = tally_of("I have a plan to end my life")
    r = model_raise(t, row(suicide=0.0), (), vetoed=False, op=OP)
    assert (r.level, r.concern) == ("behavior", "urgent")


def test_model_alone_raises_none_to_indicator_and_to_ideation_only_next_to_distress() -> None:
    high = OP.model["suicide_ideation"] + 0.01
    calm = model_raise(tally_of("a quiet day"), row(suicide=high), (), vetoed=False, op=OP)
    assert (calm.level, calm.concern) == ("indicator", "watch")
    sad = model_raise(tally_of("I feel so alone"), row(suicide=high), (), vetoed=False, op=OP)
    assert (sad.level, sad.concern) == ("ideation", "concern")


def test_a_veto_caps_the_post_model() -> None:
    r = model_raise(
        tally_of("a quiet day"), row(suicide=0.99, self_harm=0.99), (), vetoed=True, op=OP
    )
    assert r.level == "none"
    assert r.suicide_score <= OP.model["vetoed_cap"]
    assert not r.self_harm_present


def test_a_sentence_raises_only_when_its_own_context_says_it_is_the_writers() -> None:
    t = tally_of("a quiet day")
    mine = model_raise(t, None, [hit(risk=0.97, raises_risk=True)], vetoed=False, op=OP)
    assert (mine.level, mine.concern, mine.raised) == ("ideation", "concern", ("sentence_risk",))
    theirs = model_raise(
        t, None, [hit(risk=0.97, raises_risk=True, own_risk=False)], vetoed=False, op=OP
    )
    assert theirs.level == "none" and not theirs.sentences
    past = model_raise(t, None, [hit(risk=0.97, raises_risk=True, past=True)], vetoed=False, op=OP)
    assert past.level == "none"


def test_a_sentence_is_not_silenced_by_a_denied_sentence_elsewhere_in_the_text() -> None:
    t = tally_of("I would never kill myself.")
    vetoed = veto(t, could=True, support=never)
    r = model_raise(t, None, [hit(self_harm=0.96, raises_self_harm=True)], vetoed=vetoed, op=OP)
    assert r.self_harm_present and r.level == "behavior"


def test_a_self_harm_sentence_is_behaviour_but_an_urge_is_an_indicator() -> None:
    t = tally_of("a quiet day")
    act = model_raise(t, None, [hit(self_harm=0.96, raises_self_harm=True)], vetoed=False, op=OP)
    urge = model_raise(
        t, None, [hit(self_harm=0.96, raises_self_harm=True, urge=True)], vetoed=False, op=OP
    )
    assert (act.level, act.self_harm_present, act.concern) == ("behavior", True, "concern")
    assert (urge.level, urge.self_harm_present, urge.concern) == ("indicator", True, "concern")


def test_a_sentence_below_its_operating_point_raises_nothing() -> None:
    r = model_raise(tally_of("a quiet day"), None, [hit(risk=0.6)], vetoed=False, op=OP)
    assert r.level == "none" and r.raised == ()


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
        sentences=(),
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
    high = OP.model["suicide_ideation"] + 0.01
    result = combine(matches, readings, row(suicide=high), support=never, op=OP)
    assert (result.level, result.concern, result.help_now) == ("ideation", "concern", True)
    assert result.model_raised == ("suicide",)
