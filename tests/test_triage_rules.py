"""The triage queue's rules (`waylight.core.triage`): what is raised, what comes first, and
what a reviewer's decision must hold."""

from __future__ import annotations

import pytest

from waylight.core.safety import find_unsafe
from waylight.core.triage import (
    ESCALATED,
    FALSE_ALARM,
    REVIEWED,
    ROUTINE_BAND,
    URGENT_BAND,
    DecisionError,
    check_decision,
    false_alarm_reasons,
    is_raised,
    queue_priority,
)


@pytest.mark.parametrize(
    ("concern", "raised"),
    [
        ("none", False),
        (None, False),
        ("watch", True),
        ("concern", True),
        ("urgent", True),
        ("unread", True),
    ],
)
def test_watch_and_above_enter_the_queue(concern: str | None, raised: bool) -> None:
    assert is_raised(concern) is raised


def test_urgent_posts_and_alerts_come_first() -> None:
    assert queue_priority("urgent", raised_alert=False) == URGENT_BAND
    assert queue_priority("watch", raised_alert=True) == URGENT_BAND
    assert queue_priority("unread", raised_alert=False) == URGENT_BAND
    assert queue_priority("concern", raised_alert=False) == ROUTINE_BAND
    assert queue_priority("watch", raised_alert=False) == ROUTINE_BAND
    assert URGENT_BAND < ROUTINE_BAND


def test_the_reasons_are_a_short_list_with_stable_ids_and_safe_words() -> None:
    reasons = false_alarm_reasons()
    ids = [r.id for r in reasons.reasons]
    assert len(ids) == len(set(ids)) and 2 <= len(ids) <= 12
    assert ids[-1] == "other" and reasons.get("other") and reasons.get("other").needs_note  # type: ignore[union-attr]
    for reason in reasons.reasons:
        assert not find_unsafe(f"{reason.label}. {reason.hint}"), reason.id


@pytest.mark.parametrize("action", [REVIEWED, ESCALATED])
def test_reviewed_and_escalated_need_no_reason(action: str) -> None:
    decided = check_decision(action, reason="idiom", note="  seen  ")
    assert decided.action == action and decided.reason == "" and decided.note == "seen"


def test_a_false_alarm_needs_a_reason_from_the_list() -> None:
    with pytest.raises(DecisionError) as refused:
        check_decision(FALSE_ALARM)
    assert set(refused.value.errors) == {"reason"}
    with pytest.raises(DecisionError):
        check_decision(FALSE_ALARM, reason="made_up")
    assert check_decision(FALSE_ALARM, reason="someone_else").reason == "someone_else"


def test_something_else_needs_a_note_and_notes_have_a_limit() -> None:
    with pytest.raises(DecisionError) as refused:
        check_decision(FALSE_ALARM, reason="other", note="   ")
    assert set(refused.value.errors) == {"note"}
    limit = false_alarm_reasons().note_max_chars
    assert check_decision(FALSE_ALARM, reason="other", note="x" * limit).note == "x" * limit
    with pytest.raises(DecisionError) as refused:
        check_decision(FALSE_ALARM, reason="other", note="x" * (limit + 1))
    assert set(refused.value.errors) == {"note"}
    with pytest.raises(DecisionError):
        check_decision(REVIEWED, note="x" * (limit * 10))


def test_control_characters_leave_a_note_and_an_unknown_action_is_refused() -> None:
    assert check_decision(REVIEWED, note="a\x00b\r\nc").note == "ab\nc"
    with pytest.raises(DecisionError) as refused:
        check_decision("delete")
    assert "action" in refused.value.errors
