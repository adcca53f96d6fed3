"""The user-level reading (`waylight.core.user_level`): one level and score per writer."""

from __future__ import annotations

import json

import pytest

from waylight.core.textrisk.rules import LEVELS
from waylight.core.user_level import (
    DEFAULT_RULE,
    HIGHEST_POST_RULE,
    LEVEL_ORDER,
    MAX_CARRYING_POSTS,
    UserLevelRule,
    UserPost,
    about_others,
    read_user,
    user_post,
)


def posts(*read: tuple[str, float] | None) -> list[UserPost]:
    """Posts on rows 1.. with (level, score), or None for a post that could not be read."""
    return [
        UserPost(i + 1, f"p{i + 1}", *(r if r is not None else (None, None)))
        for i, r in enumerate(read)
    ]


TWO_FOR_IDEATION = UserLevelRule(ideation_posts=2)


def test_the_levels_are_the_detectors() -> None:
    assert LEVEL_ORDER == LEVELS


def test_the_shipped_rule_keeps_the_highest_level_and_takes_the_mean_score() -> None:
    assert UserLevelRule(score="mean") == DEFAULT_RULE
    reading = read_user(posts(("none", 0.1), ("ideation", 0.7), ("indicator", 0.4)))
    assert reading.level == "ideation" and reading.at_risk
    assert reading.score == pytest.approx((0.1 + 0.7 + 0.4) / 3)
    assert [p.post_id for p in reading.carried_by] == ["p2"]


def test_one_attempt_post_makes_the_writer_attempt_under_every_rule() -> None:
    # Nine ordinary posts do not average a disclosed attempt away: the level stays; only
    # the score (a ranking) is low.
    timeline = posts(*[("none", 0.05)] * 9, ("attempt", 0.9))
    strict = UserLevelRule(ideation_posts=3, behavior_posts=2, set_aside_others_in_level=True)
    for rule in (DEFAULT_RULE, HIGHEST_POST_RULE, strict):
        reading = read_user(timeline, rule)
        assert reading.level == "attempt"
        assert [(p.row, p.level) for p in reading.carried_by] == [(10, "attempt")]
    assert read_user(timeline).score == pytest.approx((9 * 0.05 + 0.9) / 10)
    assert read_user(timeline, HIGHEST_POST_RULE).score == pytest.approx(0.9)


def test_a_level_that_asks_for_m_posts_needs_m_not_m_minus_one() -> None:
    one = read_user(posts(("ideation", 0.6), ("none", 0.1)), TWO_FOR_IDEATION)
    assert one.level == "indicator"  # the ideation post still counts as indicator or above
    assert "1 post read as ideation, fewer than that level asks for (2)" in one.explanation
    two = read_user(posts(("ideation", 0.6), ("none", 0.1), ("ideation", 0.5)), TWO_FOR_IDEATION)
    assert two.level == "ideation"
    assert "2 posts read as ideation or above (this level asks for 2), rows 1, 3" in (
        two.explanation
    )


def test_posts_at_a_higher_level_count_towards_a_lower_one() -> None:
    # One behavior post and one ideation post: two posts at ideation or above.
    rule = UserLevelRule(ideation_posts=2, behavior_posts=2)
    reading = read_user(posts(("behavior", 0.8), ("ideation", 0.6)), rule)
    assert reading.level == "ideation"
    assert [p.level for p in reading.carried_by] == ["behavior", "ideation"]


def test_a_writer_with_no_post_at_risk_is_read_as_none_carried_by_no_post() -> None:
    reading = read_user(posts(("none", 0.2), ("none", 0.0), ("none", 0.1)))
    assert reading.level == "none" and not reading.at_risk
    assert reading.carried_by == ()
    assert reading.score == pytest.approx(0.1)
    assert reading.explanation.startswith("Read as none: no post reached indicator or above.")
    assert "Score 0.10: the mean suicide-risk score of its 3 read posts." in reading.explanation


def test_unread_posts_count_as_posts_but_carry_nothing() -> None:
    reading = read_user(posts(None, ("ideation", 0.6), None))
    assert reading.posts == 3 and reading.read == 1
    assert reading.level == "ideation" and reading.score == pytest.approx(0.6)
    assert "2 of 3 posts could not be read." in reading.explanation


def test_a_writer_none_of_whose_posts_could_be_read_has_no_level() -> None:
    reading = read_user(posts(None, None))
    assert reading.level is None and reading.score is None and not reading.at_risk
    assert reading.explanation == "No level: none of its 2 posts could be read."
    assert read_user(posts(None)).explanation == "No level: its one post could not be read."
    assert read_user([]).level is None
    assert read_user([]).to_dict() == {
        "user_level": None,
        "user_score": None,
        "user_posts": [],
        "user_explanation": "No level: no posts.",
    }


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (UserLevelRule(score="max"), 0.8),
        (UserLevelRule(score="top", top=2), (0.8 + 0.4) / 2),
        (UserLevelRule(score="top", top=3), (0.8 + 0.4 + 0.0) / 3),
        (UserLevelRule(score="noisy_or"), 1 - (1 - 0.8) * (1 - 0.4) * (1 - 0.0)),
        (UserLevelRule(score="mean"), (0.8 + 0.4 + 0.0) / 3),
        (UserLevelRule(score="share"), 1 / 3),
    ],
)
def test_each_score_method(rule: UserLevelRule, expected: float) -> None:
    reading = read_user(posts(("behavior", 0.8), ("indicator", 0.4), ("none", 0.0)), rule)
    assert reading.score == pytest.approx(expected)


def test_top_k_divides_by_k_so_a_writer_with_fewer_posts_scores_less() -> None:
    rule = UserLevelRule(score="top", top=3)
    assert read_user(posts(("ideation", 0.9)), rule).score == pytest.approx(0.3)


def other_signal(kind: str = "suicidal_ideation", *, counted: bool = False) -> dict[str, object]:
    return {"kind": kind, "experiencer": "other", "counted": counted}


def test_a_post_is_about_others_only_when_every_risk_signal_is_someone_elses() -> None:
    own = {"kind": "suicidal_ideation", "experiencer": "self", "counted": True}
    assert about_others([other_signal()])
    assert about_others([other_signal(), {"kind": "distress", "counted": True}])
    assert not about_others([other_signal(), own])
    assert not about_others([{"kind": "depression", "experiencer": "other", "counted": False}])
    assert not about_others([])


def test_posts_about_others_are_set_aside_only_when_the_rule_says() -> None:
    mine = UserPost(1, "a", "none", 0.1)
    theirs = UserPost(2, "b", "behavior", 0.9, about_others=True)
    assert read_user([mine, theirs], HIGHEST_POST_RULE).level == "behavior"
    levels_only = UserLevelRule(set_aside_others_in_level=True)
    kept = read_user([mine, theirs], levels_only)
    assert kept.level == "indicator" and kept.score == pytest.approx(0.9)
    score_only = UserLevelRule(set_aside_others_in_score=True)
    set_aside = read_user([mine, theirs], score_only)
    assert set_aside.level == "behavior" and set_aside.score == pytest.approx(0.1)


def test_user_post_reads_a_scan_rows_fields() -> None:
    signals = json.dumps([other_signal("self_harm")])
    post = user_post(7, "x", "indicator", 0.3, signals)
    assert post == UserPost(7, "x", "indicator", 0.3, about_others=True)
    assert user_post(8, None, "none", 0.0, "[]") == UserPost(8, None, "none", 0.0)
    assert user_post(9, "y", None, None, None) == UserPost(9, "y", None, None)
    assert not user_post(9, "y", None, None, signals).read


def test_at_most_ten_carrying_posts_strongest_first_and_the_rest_counted() -> None:
    timeline = posts(*[("ideation", 0.5 + i / 100) for i in range(12)], ("behavior", 0.6))
    reading = read_user(timeline, TWO_FOR_IDEATION)
    assert reading.level == "behavior"
    assert [p.row for p in reading.carried_by] == [13]
    many = read_user(posts(*[("ideation", 0.5 + i / 100) for i in range(12)]))
    assert len(many.carried_by) == MAX_CARRYING_POSTS
    assert [p.row for p in many.carried_by[:3]] == [12, 11, 10]
    assert "rows 12, 11, 10, 9, 8, 7, 6, 5, 4, 3 and 2 more." in many.explanation


@pytest.mark.parametrize(
    "make",
    [
        lambda: UserLevelRule(score="median"),  # type: ignore[arg-type]
        lambda: UserLevelRule(ideation_posts=0),
        lambda: UserLevelRule(score="max", top=2),
        lambda: UserPost(1, None, "severe", 0.5),
        lambda: UserPost(1, None, "ideation", None),
    ],
)
def test_a_rule_or_post_that_cannot_be_read_is_refused(make: object) -> None:
    with pytest.raises(ValueError):
        make()  # type: ignore[operator]
