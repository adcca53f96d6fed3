"""The triage queue's rules: which posts a reviewer sees, in what order, and what a decision is.

    >>> is_raised("watch"), is_raised("none")
    (True, False)
    >>> queue_priority("concern", raised_alert=False) > queue_priority("urgent", raised_alert=False)
    True
    >>> check_decision("false_alarm", reason="idiom", note="").reason
    'idiom'

A platform sends posts; the text detector reads each one (through `waylight.core.scan`, the
same path as a batch scan). A post is **raised** (it enters the queue for a human) when its
concern tier is `watch`, `concern` or `urgent`. The queue shows **urgent first**: posts the
detector marks `urgent`, and the post that raised an author's early-warning alert
(`waylight.core.early_warning`), because both ask a human to look now; then every other raised
post. Within each band, the post that has waited longest comes first.

A reviewer's decision is one of `reviewed`, `escalated` or `false_alarm`; a false alarm needs a
reason from a short list kept as content (`content/triage/reasons.yaml`, with its words in
other languages under `content/i18n/<lang>/triage/`), with an optional note (the last reason,
"something else", needs one). The reasons' ids feed the retraining export.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.errors import InputError
from waylight.core.i18n import load_same_shape
from waylight.core.i18n import tr as _
from waylight.core.recover.journal import clean_text

REASONS_FILE = "triage/reasons.yaml"
RAISED_TIERS: tuple[str, ...] = ("watch", "concern", "urgent")
UNREAD = "unread"  # the concern of a post the detector could not read

REVIEWED = "reviewed"
ESCALATED = "escalated"
FALSE_ALARM = "false_alarm"
ACTIONS: tuple[str, ...] = (REVIEWED, ESCALATED, FALSE_ALARM)

# Lower comes first.
URGENT_BAND = 0
ROUTINE_BAND = 1


def is_raised(concern: str | None) -> bool:
    """Whether a post with this concern tier goes into the queue for a human to read."""
    return concern in RAISED_TIERS or concern == UNREAD


def queue_priority(concern: str | None, *, raised_alert: bool) -> int:
    """The queue band of a raised post: urgent and unread posts, and a post that raised its
    author's early-warning alert, come before the rest."""
    return URGENT_BAND if concern in ("urgent", UNREAD) or raised_alert else ROUTINE_BAND


@dataclass(frozen=True)
class FalseAlarmReason:
    """One reason a reviewer can give for a false alarm (a stable id and the words shown)."""

    id: str
    label: str
    hint: str
    needs_note: bool = False


@dataclass(frozen=True)
class ReasonList:
    reasons: tuple[FalseAlarmReason, ...]
    note_max_chars: int
    note_hint: str
    lang: str  # the language the words are really in (English when not translated)

    def get(self, reason_id: str) -> FalseAlarmReason | None:
        return next((r for r in self.reasons if r.id == reason_id), None)


@cache
def false_alarm_reasons(lang: str | None = None) -> ReasonList:
    """The short list of false-alarm reasons, in the order a reviewer sees them, in `lang`
    (English when there is no translation; the ids are the same in every language)."""
    data: dict[str, Any]
    data, shown = load_same_shape(REASONS_FILE, lang, schema="triage_reasons")
    return ReasonList(
        reasons=tuple(
            FalseAlarmReason(
                id=str(r["id"]),
                label=str(r["label"]),
                hint=str(r["hint"]),
                needs_note=bool(r.get("needs_note", False)),
            )
            for r in data["reasons"]
        ),
        note_max_chars=int(data["note_max_chars"]),
        note_hint=str(data["note_hint"]),
        lang=shown,
    )


class DecisionError(InputError):
    """A decision cannot be recorded as given; `errors` maps each field to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


@dataclass(frozen=True)
class CheckedDecision:
    """A reviewer's decision after its checks: the action, a reason (false alarms only), a note."""

    action: str
    reason: str = ""
    note: str = ""


def check_decision(
    action: str, *, reason: str = "", note: str = "", lang: str | None = None
) -> CheckedDecision:
    """The decision as it will be kept, or DecisionError naming every field that is wrong.

    The messages are in the shell's messages language; a reason is named in `lang`."""
    errors: dict[str, str] = {}
    reasons = false_alarm_reasons(lang)
    if action not in ACTIONS:
        errors["action"] = _("Choose one: reviewed, escalate, or false alarm.")
    cleaned = ""
    too_long = _("The note is longer than {count} characters.")
    if len(note) > reasons.note_max_chars * 2:
        errors["note"] = too_long.format(count=reasons.note_max_chars)
    else:
        cleaned = clean_text(note)
        if len(cleaned) > reasons.note_max_chars:
            errors["note"] = too_long.format(count=reasons.note_max_chars)
    chosen = ""
    if action == FALSE_ALARM:
        found = reasons.get(reason)
        if found is None:
            errors["reason"] = _("Choose why this is a false alarm from the list.")
        else:
            chosen = found.id
            if found.needs_note and not cleaned and "note" not in errors:
                errors["note"] = _("“{reason}” needs a short note saying what it was.").format(
                    reason=found.label
                )
    if errors:
        raise DecisionError(errors)
    return CheckedDecision(action=action, reason=chosen, note=cleaned)
