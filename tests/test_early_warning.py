"""Early warning per author (`waylight.core.early_warning`): evidence that builds up over posts."""

from __future__ import annotations

import pytest

from waylight.core.early_warning import (
    ACCUMULATED,
    URGENT_POST,
    AuthorPost,
    AuthorWatch,
    EarlyWarningRules,
    assess_author,
    chronological,
    time_key,
)


def posts(*tiers: str | None) -> list[AuthorPost]:
    return [AuthorPost(row=i + 1, post_id=f"p{i + 1}", concern=t) for i, t in enumerate(tiers)]


def test_an_urgent_post_alerts_at_once() -> None:
    alert = assess_author("a", posts("none", "none", "urgent", "none"))
    assert alert.alert and alert.reason == URGENT_POST
    assert alert.posts_to_alert == 3 and alert.alert_post_id == "p3"
    assert alert.posts == 4  # every post is still counted after the alert


def test_evidence_accumulates_across_posts_without_any_urgent_one() -> None:
    # concern 2, then 2*0.9 + 2 = 3.8 >= 3.5: the second concern post raises the alert.
    alert = assess_author("a", posts("none", "concern", "concern", "none"))
    assert alert.alert and alert.reason == ACCUMULATED
    assert alert.posts_to_alert == 3 and alert.alert_row == 3
    assert alert.evidence == pytest.approx(3.8)
    assert [p.post_id for p in alert.evidence_posts] == ["p3", "p2"]


def test_one_concern_post_alone_is_not_enough() -> None:
    alert = assess_author("a", posts("concern", "none", "none"))
    assert not alert.alert and alert.reason is None and alert.posts_to_alert is None
    assert alert.evidence == pytest.approx(2 * 0.9 * 0.9)


def test_watch_posts_alert_only_when_they_come_close_together() -> None:
    # watch adds 1: 1, 1.9, 2.71, 3.439, 4.0951 -> the fifth watch post in a row alerts.
    close = assess_author("a", posts(*["watch"] * 5))
    assert close.alert and close.posts_to_alert == 5
    # the same five posts spread out with ordinary posts between never reach the threshold.
    spread = assess_author("b", posts(*["watch", "none", "none", "none"] * 5))
    assert not spread.alert
    assert spread.highest_concern == "watch" and spread.to_dict()["watch_posts"] == 5


def test_the_first_alert_stays_and_unreadable_posts_count_as_read() -> None:
    watch = AuthorWatch("a")
    assert watch.add(AuthorPost(1, "x", None)) is False
    assert watch.add(AuthorPost(2, "y", "urgent")) is True
    assert watch.add(AuthorPost(3, "z", "urgent")) is False
    result = watch.result()
    assert result.alert_post_id == "y" and result.posts_to_alert == 2 and result.posts == 3
    assert result.to_dict()["urgent_posts"] == 2


def test_rules_can_be_changed_and_are_checked() -> None:
    strict = EarlyWarningRules(threshold=10.0, alert_on_urgent=False)
    assert not assess_author("a", posts("urgent", "urgent"), strict).alert
    with pytest.raises(ValueError):
        EarlyWarningRules(decay=1.5)


def test_times_order_posts_numbers_and_iso_dates_alike() -> None:
    assert time_key("1700000000") == 1_700_000_000.0
    assert time_key("2024-03-01T10:00:00Z") == time_key("2024-03-01T10:00:00+00:00")
    assert time_key("2024-03-01") is not None
    assert time_key("last tuesday") is None and time_key(None) is None
    unordered = [
        AuthorPost(1, "late", "none", time="2024-03-02"),
        AuthorPost(2, "unknown", "none", time="soon"),
        AuthorPost(3, "early", "none", time="2024-03-01T08:00:00"),
    ]
    assert [p.post_id for p in chronological(unordered)] == ["early", "late", "unknown"]


# ------------------------------------------------------------- kept between posts (the queue)

TIER_CHOICES = ("none", "watch", "concern", "urgent", None)


@pytest.mark.parametrize(
    "tiers",
    [
        ("none", "concern", "concern", "none", "watch"),
        ("watch",) * 6,
        ("concern", "none", "urgent", "watch", "concern"),
        (None, "watch", "concern", None),
        (),
    ],
)
def test_a_watch_kept_as_a_snapshot_between_posts_reads_like_one_pass(
    tiers: tuple[str | None, ...],
) -> None:
    import json

    timeline = posts(*tiers)
    state = AuthorWatch("a").snapshot()
    for post in timeline:
        # Through JSON, as a database column keeps it.
        watch = AuthorWatch.restore("a", json.loads(json.dumps(state)))
        watch.add(post)
        state = watch.snapshot()
    kept = AuthorWatch.restore("a", state).result()
    assert kept == assess_author("a", timeline)


def test_any_timeline_kept_post_by_post_equals_the_whole_timeline() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.lists(st.sampled_from(TIER_CHOICES), max_size=25))
    def check(tiers: list[str | None]) -> None:
        timeline = posts(*tiers)
        state = AuthorWatch("a").snapshot()
        for post in timeline:
            watch = AuthorWatch.restore("a", state)
            watch.add(post)
            state = watch.snapshot()
        assert AuthorWatch.restore("a", state).result() == assess_author("a", timeline)

    check()


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"version": 99},
        {"version": 1, "posts": 1},
        {
            "version": 1,
            "posts": 1,
            "evidence": 1.0,
            "recent": [[1, "p1", "alarming", 1.0]],
            "highest": "watch",
            "tiers": {"urgent": 0, "concern": 0, "watch": 1},
            "alert": None,
        },
    ],
)
def test_a_snapshot_that_is_not_one_is_refused(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        AuthorWatch.restore("a", broken)
