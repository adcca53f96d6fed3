"""The coping toolbox's content: complete, drawn from the knowledge base, and safe."""

from __future__ import annotations

import pytest

from waylight.core.kb import load_knowledge_base
from waylight.core.recover.journal import CheckInError
from waylight.core.recover.toolbox import load_toolbox
from waylight.core.recover.urges import parse_urge_ride, urge_minutes
from waylight.core.safety import find_unsafe


def test_grounding_is_five_four_three_two_one() -> None:
    steps = load_toolbox().grounding.steps
    assert [s.count for s in steps] == [5, 4, 3, 2, 1]
    assert [s.sense for s in steps] == ["see", "feel", "hear", "smell", "taste"]


def test_breathing_out_is_longer_than_in() -> None:
    breathing = load_toolbox().breathing
    assert breathing.out_seconds > breathing.in_seconds
    # The CSS animation is one 10 s cycle: 40 % in, 60 % out.
    assert breathing.in_seconds + breathing.out_seconds == 10


def test_the_urge_timer_is_about_fifteen_minutes() -> None:
    assert urge_minutes() == load_toolbox().urge.minutes == 15


def test_ideas_come_by_kind_and_include_the_knowledge_bases_own() -> None:
    kinds = {k.id: k for k in load_toolbox().ideas.kinds}
    assert len(kinds) >= 4
    kb_points = load_knowledge_base().item("recovery-self-care").points
    assert set(kb_points) <= set(kinds["comfort"].ideas)
    assert kinds["comfort"].kb_title == "Be kind to yourself every day"


def test_nothing_in_the_toolbox_is_unsafe() -> None:
    toolbox = load_toolbox()
    texts = [
        toolbox.urge.intro,
        *toolbox.urge.while_waiting,
        toolbox.grounding.intro,
        *(s.prompt for s in toolbox.grounding.steps),
        *toolbox.breathing.steps,
    ]
    texts += [idea for kind in toolbox.ideas.kinds for idea in kind.ideas]
    for text in texts:
        assert find_unsafe(text) == [], text


def test_an_urge_ridden_out() -> None:
    ride = parse_urge_ride(
        {"before": "8", "after": "3"},
        helped=["A walk", "A walk"],
        allowed_helped={"A walk"},
        minutes=17,
    )
    assert (ride.before, ride.after, ride.minutes, ride.helped) == (8, 3, 17, ("A walk",))
    assert ride.eased
    same = parse_urge_ride(
        {"before": "5", "after": "6"}, helped=[], allowed_helped=set(), minutes=99999
    )
    assert not same.eased and same.minutes == 24 * 60


def test_a_ride_with_bad_ratings_names_them() -> None:
    with pytest.raises(CheckInError) as caught:
        parse_urge_ride(
            {"before": "11", "after": ""}, helped=["?"], allowed_helped=set(), minutes=1
        )
    assert set(caught.value.errors) == {"before", "after", "helped"}
