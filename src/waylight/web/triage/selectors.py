"""Reads of the triage queue, as typed objects the templates and downloads render.

The queue (urgent first, then by time waiting), one post with its evidence, explanation,
author history and early-warning alert, and the false-alarm export. Text that no configured
key can open is reported as such, never shown as empty.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from waylight.core.early_warning import AuthorAlert, AuthorWatch
from waylight.core.triage import URGENT_BAND, ReasonList, false_alarm_reasons
from waylight.web.crypto import Undecryptable
from waylight.web.language import page_language
from waylight.web.triage import labels
from waylight.web.triage.highlight import Piece, pieces, spans_from_signals
from waylight.web.triage.models import (
    ESCALATED,
    FALSE_ALARM,
    NOT_RAISED,
    REVIEWED,
    WAITING,
    AuthorTimeline,
    Decision,
    QueuedPost,
)

log = logging.getLogger("waylight.web.triage.selectors")

PER_PAGE = 20
HISTORY_POSTS = 10
TABS = {
    "waiting": (WAITING,),
    "escalated": (ESCALATED,),
    "done": (REVIEWED, FALSE_ALARM),
}
# What the stored text is: shown, erased after its retention time, or not readable with the
# configured keys (reported, never shown as empty).
KEPT, ERASED, UNREADABLE = "kept", "erased", "unreadable"


@dataclass(frozen=True)
class EvidenceLine:
    external_id: str | None
    concern: str
    concern_label: str
    weight: float
    queue_id: int | None


@dataclass(frozen=True)
class AlertView:
    """An author's early-warning alert, as a reviewer reads it."""

    reason: str
    reason_label: str
    posts_to_alert: int
    posts_read: int
    evidence: float
    alerted_at: datetime | None
    alert_post_id: str | None
    evidence_posts: tuple[EvidenceLine, ...]


@dataclass(frozen=True)
class QueueCard:
    id: int
    platform: str
    external_id: str
    received_at: datetime
    posted_at: datetime
    waiting: timedelta
    urgent: bool
    concern: str
    concern_label: str
    suicide_level: str
    suicide_level_label: str
    self_harm: bool
    depression_level: str
    depression_level_label: str
    status: str
    status_label: str
    text_state: str
    pieces: tuple[Piece, ...]
    explanation: str
    cut_note: str
    raised_alert: bool
    alert: AlertView | None
    author_posts: int


@dataclass(frozen=True)
class QueueTab:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class QueuePage:
    tab: str
    tabs: tuple[QueueTab, ...]
    cards: tuple[QueueCard, ...]
    page: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class SignalLine:
    kind: str
    text: str
    rule: str
    counted: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class HistoryLine:
    external_id: str
    posted_at: datetime
    number: int
    concern: str
    concern_label: str
    status_label: str
    queue_id: int | None
    is_this_post: bool


@dataclass(frozen=True)
class DecisionLine:
    action: str
    action_label: str
    reason_label: str
    note: str
    reviewer: str
    decided_at: datetime


@dataclass(frozen=True)
class PostDetail:
    card: QueueCard
    suicide_score: float
    self_harm_score: float
    depression_score: float
    signals: tuple[SignalLine, ...]
    metadata: tuple[tuple[str, str], ...]
    author: str
    history: tuple[HistoryLine, ...]
    decisions: tuple[DecisionLine, ...]
    model_version: str
    content_version: str


# ------------------------------------------------------------------------------ the queue


def tab_counts() -> tuple[QueueTab, ...]:
    return tuple(
        QueueTab(
            key,
            labels.word(labels.TAB, key),
            QueuedPost.objects.filter(status__in=statuses).count(),
        )
        for key, statuses in TABS.items()
    )


def queue_page(tab: str = "waiting", page: int = 1, *, now: datetime | None = None) -> QueuePage:
    """One page of the queue: waiting and escalated posts urgent first, then longest waiting;
    done posts most recently decided first."""
    tab = tab if tab in TABS else "waiting"
    rows = _with_relations(QueuedPost.objects.filter(status__in=TABS[tab]))
    if tab == "done":
        rows = rows.order_by("-decided_at", "-pk")
    else:
        rows = rows.order_by("priority", "received_at", "pk")
    total = rows.count()
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, page), pages)
    start = (page - 1) * PER_PAGE
    now = now or timezone.now()
    cards = tuple(_card(post, now) for post in rows[start : start + PER_PAGE])
    return QueuePage(tab=tab, tabs=tab_counts(), cards=cards, page=page, pages=pages)


def _with_relations(rows: QuerySet[QueuedPost]) -> QuerySet[QueuedPost]:
    return rows.select_related("api_key", "timeline")


def _content(post: QueuedPost) -> tuple[str, dict[str, Any]]:
    if not post.has_text:
        return ERASED, {}
    try:
        return KEPT, dict(post.content)
    except Undecryptable:
        log.warning("queued post %s cannot be decrypted with the configured keys", post.pk)
        return UNREADABLE, {}


def _card(post: QueuedPost, now: datetime) -> QueueCard:
    state, content = _content(post)
    text = str(content.get("text", ""))
    signals = content.get("signals", [])
    return QueueCard(
        id=post.pk,
        platform=post.api_key.name,
        external_id=post.external_id,
        received_at=post.received_at,
        posted_at=post.posted_at,
        waiting=(post.decided_at or now) - post.received_at,
        urgent=post.priority == URGENT_BAND,
        concern=post.concern,
        concern_label=labels.word(labels.TIER, post.concern),
        suicide_level=post.suicide_level,
        suicide_level_label=labels.word(labels.SUICIDE_LEVEL, post.suicide_level),
        self_harm=post.self_harm,
        depression_level=post.depression_level,
        depression_level_label=labels.word(labels.DEPRESSION_LEVEL, post.depression_level),
        status=post.status,
        status_label=labels.word(labels.STATUS, post.status),
        text_state=state,
        pieces=tuple(pieces(text, spans_from_signals(signals))) if text else (),
        explanation=str(content.get("explanation", "")),
        cut_note=str(content.get("cut", "")),
        raised_alert=post.raised_alert,
        alert=alert_of(post.timeline),
        author_posts=post.timeline.posts,
    )


def alert_of(timeline: AuthorTimeline) -> AlertView | None:
    """The author's early-warning alert, if one was raised (read from the stored watch)."""
    if not timeline.alert_reason or not timeline.watch_state:
        return None
    try:
        alert: AuthorAlert = AuthorWatch.restore("", timeline.watch_state).result()
    except ValueError:
        log.warning("author timeline %s has an unreadable early-warning state", timeline.pk)
        return None
    if not alert.alert:
        return None
    ids = [p.post_id for p in alert.evidence_posts if p.post_id]
    known = dict(
        QueuedPost.objects.filter(timeline=timeline, external_id__in=ids)
        .exclude(status=NOT_RAISED)
        .values_list("external_id", "pk")
    )
    return AlertView(
        reason=str(alert.reason),
        reason_label=labels.word(labels.ALERT_REASON, str(alert.reason)),
        posts_to_alert=int(alert.posts_to_alert or 0),
        posts_read=alert.posts,
        evidence=round(alert.evidence, 2),
        alerted_at=timeline.alerted_at,
        alert_post_id=alert.alert_post_id,
        evidence_posts=tuple(
            EvidenceLine(
                p.post_id,
                p.concern,
                labels.word(labels.TIER, p.concern),
                round(p.weight, 2),
                known.get(p.post_id or ""),
            )
            for p in alert.evidence_posts
        ),
    )


# ------------------------------------------------------------------------------ one post


def post_detail(post_id: int, *, now: datetime | None = None) -> PostDetail | None:
    """A raised post with everything a reviewer needs; None when there is no such post."""
    post = _with_relations(QueuedPost.objects.filter(pk=post_id)).exclude(status=NOT_RAISED).first()
    if post is None:
        return None
    now = now or timezone.now()
    card = _card(post, now)
    _, content = _content(post)
    reasons = false_alarm_reasons(page_language())
    return PostDetail(
        card=card,
        suicide_score=post.suicide_score,
        self_harm_score=post.self_harm_score,
        depression_score=post.depression_score,
        signals=tuple(_signal_line(s) for s in content.get("signals", [])),
        metadata=tuple(
            (str(k), "" if v is None else str(v))
            for k, v in sorted(dict(content.get("metadata", {})).items())
        ),
        author=_author(post.timeline),
        history=_history(post),
        decisions=tuple(
            _decision_line(d, reasons)
            for d in Decision.objects.filter(post=post).select_related("reviewer")
        ),
        model_version=post.model_version,
        content_version=post.content_version,
    )


def _signal_line(signal: dict[str, Any]) -> SignalLine:
    notes = []
    if signal.get("negated"):
        notes.append(labels.word(labels.SIGNAL_NOTE, "negated"))
    if signal.get("hypothetical"):
        notes.append(labels.word(labels.SIGNAL_NOTE, "hypothetical"))
    if signal.get("experiencer") == "other":
        notes.append(labels.word(labels.SIGNAL_NOTE, "other"))
    if signal.get("time") == "past":
        notes.append(labels.word(labels.SIGNAL_NOTE, "past"))
    return SignalLine(
        kind=labels.word(labels.SIGNAL_KIND, str(signal.get("kind", ""))),
        text=str(signal.get("text", "")),
        rule=str(signal.get("rule", "")),
        counted=bool(signal.get("counted", True)),
        notes=tuple(notes),
    )


def _author(timeline: AuthorTimeline) -> str:
    try:
        return str(timeline.author)
    except Undecryptable:
        return ""


def _history(post: QueuedPost) -> tuple[HistoryLine, ...]:
    recent = QueuedPost.objects.filter(timeline=post.timeline).order_by("-author_post_number")
    return tuple(
        HistoryLine(
            external_id=p.external_id,
            posted_at=p.posted_at,
            number=p.author_post_number,
            concern=p.concern,
            concern_label=labels.word(labels.TIER, p.concern),
            status_label=labels.word(labels.STATUS, p.status),
            queue_id=None if p.status == NOT_RAISED else p.pk,
            is_this_post=p.pk == post.pk,
        )
        for p in recent[:HISTORY_POSTS]
    )


def reviewer_name(decision: Decision) -> str:
    """Who decided: the account's name, or "a former reviewer" once it was deleted."""
    if decision.reviewer is None:
        return str(labels.FORMER_REVIEWER)
    return str(decision.reviewer.get_username())


def _decision_line(decision: Decision, reasons: ReasonList) -> DecisionLine:
    reason = reasons.get(decision.reason) if decision.reason else None
    note = ""
    if decision.note_ciphertext:
        try:
            note = str(decision.note)
        except Undecryptable:
            note = str(labels.UNREADABLE_NOTE)
    return DecisionLine(
        action=decision.action,
        action_label=labels.word(labels.STATUS, decision.action),
        reason_label=reason.label if reason else decision.reason,
        note=note,
        reviewer=reviewer_name(decision),
        decided_at=decision.decided_at,
    )


# ------------------------------------------------------------------------------ exports

EXPORT_FIELDS = (
    "post_id",
    "platform",
    "received_at",
    "concern",
    "suicide_level",
    "suicide_score",
    "self_harm",
    "self_harm_score",
    "depression_level",
    "depression_score",
    "rules",
    "model_version",
    "content_version",
    "reason",
    "reason_label",
    "note",
    "decided_at",
    "text_kept",
    "text",
)


@dataclass(frozen=True)
class FalseAlarmRow:
    """One false alarm for retraining: what the detector said, and why a human disagreed.

    No reviewer appears (not their name, nor their account); the text is there only when the
    platform's key allows keeping texts and it is still kept.
    """

    post_id: str
    platform: str
    received_at: str
    concern: str
    suicide_level: str
    suicide_score: float
    self_harm: bool
    self_harm_score: float
    depression_level: str
    depression_score: float
    rules: tuple[str, ...]
    model_version: str
    content_version: str
    reason: str
    reason_label: str
    note: str
    decided_at: str
    text_kept: bool
    text: str

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in EXPORT_FIELDS}


def false_alarms(*, since: datetime | None = None) -> Iterator[FalseAlarmRow]:
    """Every post whose latest decision is a false alarm, oldest decision first."""
    rows = QueuedPost.objects.filter(status=FALSE_ALARM).select_related("api_key")
    if since is not None:
        rows = rows.filter(decided_at__gte=since)
    reasons = false_alarm_reasons()
    for post in rows.order_by("decided_at", "pk").iterator(chunk_size=500):
        decision = Decision.objects.filter(post=post).order_by("-decided_at", "-pk").first()
        if decision is None:
            continue
        text = ""
        if post.api_key.keep_texts:
            state, content = _content(post)
            text = str(content.get("text", "")) if state == KEPT else ""
        reason = reasons.get(decision.reason)
        note = ""
        if decision.note_ciphertext:
            try:
                note = str(decision.note)
            except Undecryptable:
                note = ""
        yield FalseAlarmRow(
            post_id=post.external_id,
            platform=post.api_key.name,
            received_at=post.received_at.isoformat(),
            concern=post.concern,
            suicide_level=post.suicide_level,
            suicide_score=post.suicide_score,
            self_harm=post.self_harm,
            self_harm_score=post.self_harm_score,
            depression_level=post.depression_level,
            depression_score=post.depression_score,
            rules=tuple(post.rules),
            model_version=post.model_version,
            content_version=post.content_version,
            reason=decision.reason,
            reason_label=reason.label if reason else decision.reason,
            note=note,
            decided_at=decision.decided_at.isoformat(),
            text_kept=bool(text),
            text=text,
        )


def api_status(api_key: Any, external_id: str) -> tuple[QueuedPost, list[Decision]] | None:
    """A platform's own post and its decisions (None for another platform's, or none)."""
    post = QueuedPost.objects.filter(api_key=api_key, external_id=external_id).first()
    if post is None:
        return None
    return post, list(Decision.objects.filter(post=post))
