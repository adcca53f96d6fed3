"""Milestones without shame: counts only go up; "days since" is opt-in and a setback keeps
everything done before it."""

from __future__ import annotations

from datetime import date, timedelta

from waylight.core.recover.milestones import DayRecord, days_since, milestones

D0 = date(2026, 1, 1)


def day(n: int, harmed: bool | None = None) -> DayRecord:
    return DayRecord(D0 + timedelta(days=n), harmed)


def test_days_since_is_off_unless_switched_on() -> None:
    result = milestones([day(0, False)], urges_ridden_out=0, today=D0)
    assert result.days_since is None


def test_check_ins_kept_count_days_not_streaks() -> None:
    # Two check-ins on one day and a gap of a week: 3 days kept, nothing lost for the gap.
    records = [day(0), day(0), day(1), day(8)]
    result = milestones(records, urges_ridden_out=0, today=D0 + timedelta(days=9))
    assert result.checkins_kept == 3
    kept = result.kinds[0]
    assert kept.kind == "checkins" and kept.count == 3 and kept.reached == 3
    assert kept.reached_text == "You have kept 3 check-ins." and kept.next == 7


def test_a_setback_takes_nothing_away() -> None:
    before = [day(n, False) for n in range(10)]
    after = [*before, day(10, True)]
    today = D0 + timedelta(days=12)
    m_before = milestones(before, urges_ridden_out=4, today=today, show_days_since=True)
    m_after = milestones(after, urges_ridden_out=4, today=today, show_days_since=True)
    assert m_after.checkins_kept == m_before.checkins_kept + 1
    assert m_after.urges_ridden_out == m_before.urges_ridden_out == 4
    assert m_before.days_since is not None and m_after.days_since is not None
    # The harm-free check-ins are still all there after the setback.
    assert m_after.days_since.harm_free_checkins == m_before.days_since.harm_free_checkins == 10
    assert m_after.days_since.days == 2 and m_after.days_since.last_setback == D0 + timedelta(10)
    assert m_after.days_since.setback_text is not None
    assert "not a return to the start" in m_after.days_since.setback_text
    assert "never goes back down" in m_after.days_since.harm_free_text


def test_days_since_counts_from_the_first_check_in_when_there_was_no_setback() -> None:
    counter = days_since([day(3, False), day(5, None)], today=D0 + timedelta(days=10))
    assert counter is not None
    assert counter.days == 7 and counter.last_setback is None and counter.setback_text is None
    assert counter.harm_free_checkins == 1
    assert "7 days" in counter.text


def test_days_since_is_never_negative_and_none_without_check_ins() -> None:
    assert days_since([], today=D0) is None
    counter = days_since([day(1, True)], today=D0)  # dated tomorrow by a person east of UTC
    assert counter is not None and counter.days == 0


def test_first_urge_and_next_milestones() -> None:
    first = milestones([], urges_ridden_out=1, today=D0).kinds[1]
    assert first.kind == "urges" and first.reached_text == "You rode out your first urge."
    assert first.next == 3
    none_yet = milestones([], urges_ridden_out=0, today=D0).kinds[1]
    assert none_yet.reached is None and none_yet.reached_text is None
    assert none_yet.next_text == "Next milestone: your first urge ridden out."
    past_last = milestones([], urges_ridden_out=1000, today=D0).kinds[1]
    assert past_last.next is None and past_last.reached == 100


def test_no_shaming_or_clean_counter_words() -> None:
    m = milestones(
        [day(0, True), day(2, False)],
        urges_ridden_out=2,
        today=D0 + timedelta(3),
        show_days_since=True,
    )
    assert m.days_since is not None
    words = " ".join(
        [
            m.days_since.text,
            m.days_since.harm_free_text,
            m.days_since.setback_text or "",
            m.days_since.label,
            m.days_since.explain,
        ]
        + [k.reached_text or "" for k in m.kinds]
    ).lower()
    for shaming in ("clean", "relapse", "failed", "reset", "streak"):
        assert shaming not in words
