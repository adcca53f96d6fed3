"""Sharing reads: what a viewer may see of a person, a professional's caseload, and what the
person sees of their own sharing (who, which parts, the audit log, requests).

Every viewer read starts from `open_link`, which finds the share only if it is the viewer's,
still open, and (for a professional) verified by an admin and signed in with the second
factor in this session. Nothing is cached: consent is read again on every request, so a
change or a revocation holds from the very next one. What is shown is filtered by the core's
`allows` and `visible_flags`; the caller writes the audit entries before rendering.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from waylight.core.care.consent import (
    Grant,
    Part,
    ViewerRole,
    allows,
    audit_phrase,
    parts_from_text,
)
from waylight.core.care.flags import (
    CareFlag,
    CheckInFacts,
    ResultFacts,
    lookback_days,
    raise_flags,
    result_facts,
    visible_flags,
)
from waylight.core.errors import InputError
from waylight.core.recover.change import ChangeSummary, ScorePoint, summarise
from waylight.web.crypto import Undecryptable
from waylight.web.models import (
    AuditEvent,
    AuditSubject,
    CareLink,
    FlagAcknowledgement,
    Invitation,
    KeptResult,
    ProfessionalProfile,
    QuestionnaireRequest,
)
from waylight.web.owner import Owner
from waylight.web.plan_sections import SECTIONS
from waylight.web.roles import PROFESSIONAL
from waylight.web.selectors.export import ExportedResult, exported_results
from waylight.web.selectors.space import StoredCheckIn, check_ins, plan_sections

CHECK_IN_DAYS = 90  # the check-in table and trend a viewer sees


@dataclass(frozen=True)
class Access:
    """An open share as one viewer holds it now."""

    link: CareLink
    grant: Grant
    name: str  # how the person chose to be shown
    message: str = ""  # the word the person sent with the code

    @property
    def person(self) -> Any:
        return self.link.person

    def may(self, action: Any, part: Part | None = None) -> bool:
        return allows(self.grant, action, part)


def professional_ready(user: Any, *, second_factor: bool) -> bool:
    """A professional whom an admin verified, signed in with their second factor now."""
    if not second_factor:
        return False
    profile = ProfessionalProfile.objects.filter(user=user).first()
    return profile is not None and profile.verified


def _words(link: CareLink) -> tuple[str, str]:
    """The name the person is shown as, and their message with the code."""
    try:
        content = link.content
    except Undecryptable:
        return "", ""
    return str(content.get("name") or ""), str(content.get("message") or "")


def _access(link: CareLink, ready: bool) -> Access:
    role: ViewerRole = "professional" if link.role == PROFESSIONAL else "supporter"
    grant = Grant(
        role=role,
        parts=parts_from_text(link.parts),
        verified=ready if role == "professional" else True,
        active=link.revoked_at is None,
    )
    name, message = _words(link)
    return Access(link, grant, name or link.person.get_username(), message)


def open_link(viewer: Any, ref: str, *, second_factor: bool) -> Access | None:
    """The viewer's open share `ref`, or None: not theirs, ended, or they may not see now."""
    link = (
        CareLink.objects.filter(ref=ref, viewer=viewer, revoked_at__isnull=True)
        .select_related("person")
        .first()
    )
    if link is None:
        return None
    ready = professional_ready(viewer, second_factor=second_factor)
    access = _access(link, ready)
    return access if access.may("read") else None


def open_links(viewer: Any, *, second_factor: bool) -> list[Access]:
    ready = professional_ready(viewer, second_factor=second_factor)
    links = CareLink.objects.filter(viewer=viewer, revoked_at__isnull=True).select_related("person")
    return [a for a in (_access(link, ready) for link in links) if a.may("read")]


# ------------------------------------------------------------------------------ flags


@dataclass(frozen=True)
class Acknowledged:
    by_name: str
    at: datetime
    note: str


@dataclass(frozen=True)
class FlagRow:
    flag: CareFlag
    acknowledged: Acknowledged | None

    @property
    def open(self) -> bool:
        return self.acknowledged is None


def _result_facts(results: list[ExportedResult]) -> tuple[list[ResultFacts], int]:
    facts, unreadable = [], 0
    for r in results:
        try:
            facts.append(result_facts(r.id, r.instrument, r.saved_at, r.answers))
        except InputError:
            unreadable += 1
    return facts, unreadable


def _check_in_facts(entries: list[StoredCheckIn]) -> list[CheckInFacts]:
    return [
        CheckInFacts(s.id, s.check_in.day, s.created_at, s.check_in.harmed, s.concern)
        for s in entries
    ]


def flags_since(link: CareLink) -> datetime:
    return link.created_at - timedelta(days=lookback_days())


def _acknowledgements(link: CareLink) -> dict[str, Acknowledged]:
    out: dict[str, Acknowledged] = {}
    for row in FlagAcknowledgement.objects.filter(link=link):
        try:
            note = str(row.content.get("note", ""))
        except Undecryptable:
            note = ""
        out[row.flag_key] = Acknowledged(row.by_name, row.at, note)
    return out


def flag_rows(
    access: Access,
    results: list[ExportedResult],
    entries: list[StoredCheckIn],
    lang: str | None = None,
) -> list[FlagRow]:
    """The flags this viewer may see, each with its acknowledgement: open ones first."""
    if access.grant.role != "professional":
        return []
    since = flags_since(access.link)
    facts, _ = _result_facts(results)
    flags = raise_flags(facts, _check_in_facts(entries), since=since, lang=lang)
    shown = visible_flags(flags, access.grant.parts)
    acks = _acknowledgements(access.link)
    rows = [FlagRow(flag, acks.get(flag.key)) for flag in shown]
    rows.sort(key=lambda row: not row.open)
    return rows


# ------------------------------------------------------------------------------ caseload


@dataclass(frozen=True)
class CaseloadRow:
    access: Access
    open_flags: list[CareFlag]
    latest: datetime | None  # the newest shared entry

    @property
    def hard_open(self) -> int:
        return sum(1 for f in self.open_flags if f.hard)


def _shared_results(access: Access) -> list[ExportedResult]:
    if not access.may("read", "results"):
        return []
    return exported_results(Owner(access.person, None))[0]


def _shared_check_ins(access: Access, since: date | None) -> list[StoredCheckIn]:
    if not any(access.may("read", part) for part in ("check_ins", "note_flags", "notes")):
        return []
    return check_ins(Owner(access.person, None), since=since).items


def caseload(viewer: Any, *, second_factor: bool, lang: str | None = None) -> list[CaseloadRow]:
    """Everyone sharing with this viewer: people with an open flag first (hard ones first)."""
    rows = []
    for access in open_links(viewer, second_factor=second_factor):
        since = flags_since(access.link)
        results = _shared_results(access)
        entries = _shared_check_ins(access, since.date())
        open_flags = [r.flag for r in flag_rows(access, results, entries, lang) if r.open]
        times = [r.saved_at for r in results] + [e.created_at for e in entries]
        rows.append(CaseloadRow(access, open_flags, max(times, default=None)))
    rows.sort(key=lambda r: (-r.hard_open, -len(r.open_flags), r.access.name.lower()))
    return rows


# ------------------------------------------------------------------------------ one person


@dataclass(frozen=True)
class ResultRow:
    id: int
    when: datetime
    title: str
    total: int | None
    label: str | None
    hard: bool


@dataclass(frozen=True)
class PersonView:
    """One person's page for a viewer: only what they share."""

    access: Access
    flags: list[FlagRow]
    results: list[ResultRow]  # newest first
    summaries: list[ChangeSummary]
    check_ins: list[StoredCheckIn]  # newest first, the last CHECK_IN_DAYS days
    plan: list[tuple[str, list[str]]] | None
    requests: list[RequestRow]
    unreadable: int
    parts_read: tuple[str, ...] = field(default=())
    notes: list[tuple[date, str]] = field(default_factory=list)  # only when notes are shared

    @property
    def open_hard(self) -> bool:
        return any(row.open and row.flag.hard for row in self.flags)


@dataclass(frozen=True)
class RequestRow:
    id: int
    instrument: str
    title: str
    by_name: str
    requested_at: datetime
    done_at: datetime | None
    dismissed: bool


def _requests(link_filter: Any, person: Any) -> list[RequestRow]:
    from waylight.core.instruments import load_instrument

    rows = []
    requests = QuestionnaireRequest.objects.filter(**link_filter).order_by("-requested_at", "-pk")
    kept: dict[str, list[datetime]] = defaultdict(list)
    for instrument, when in (
        KeptResult.objects.filter(owner=person).values_list("instrument", "created_at").iterator()
    ):
        kept[instrument].append(when)
    for r in requests:
        done = min((w for w in kept[r.instrument] if w >= r.requested_at), default=None)
        rows.append(
            RequestRow(
                r.pk,
                r.instrument,
                load_instrument(r.instrument).short_title,
                r.by_name,
                r.requested_at,
                done,
                r.dismissed_at is not None,
            )
        )
    return rows


def person_view(access: Access, *, today: date, lang: str | None = None) -> PersonView:
    """What this viewer may see of the person, read now; `parts_read` lists what was read."""
    owner = Owner(access.person, None)
    read: list[str] = []
    results = _shared_results(access)
    if access.may("read", "results"):
        read.append("results")
    since_day = today - timedelta(days=CHECK_IN_DAYS - 1)
    flag_since = flags_since(access.link).date()
    entries = _shared_check_ins(access, min(since_day, flag_since))
    if access.may("read", "check_ins"):
        read.append("check_ins")
    if access.may("read", "notes"):
        read.append("notes")
    plan = None
    if access.may("read", "plan"):
        read.append("plan")
        sections = plan_sections(owner)
        if sections is not None:
            plan = [(s.title, sections.get(s.key, [])) for s in SECTIONS]
    facts, unreadable = _result_facts(results)
    by_instrument: dict[str, list[ScorePoint]] = defaultdict(list)
    for fact in facts:
        if fact.total is not None:
            by_instrument[fact.instrument].append(
                ScorePoint(fact.when, fact.total, bool(fact.hard_rules))
            )
    summaries = [s for s in (summarise(i, p) for i, p in by_instrument.items()) if s]
    shown_results = [
        ResultRow(
            f.id,
            f.when,
            f.title,
            f.total,
            next((r.label for r in results if r.id == f.id), None),
            bool(f.hard_rules),
        )
        for f in sorted(facts, key=lambda f: f.when, reverse=True)
    ]
    recent = [e for e in entries if e.check_in.day >= since_day]
    table = recent if "check_ins" in read else []
    notes = (
        [(e.check_in.day, e.check_in.note) for e in recent if e.check_in.note.strip()]
        if "notes" in read
        else []
    )
    requests = (
        _requests({"link": access.link}, access.person)
        if access.grant.role == "professional"
        else []
    )
    return PersonView(
        access=access,
        flags=flag_rows(access, results, entries, lang),
        results=shown_results,
        summaries=summaries,
        check_ins=table,
        plan=plan,
        requests=requests,
        unreadable=unreadable,
        parts_read=tuple(read),
        notes=notes,
    )


# ------------------------------------------------------------------------------ the person


@dataclass(frozen=True)
class ShareRow:
    ref: str
    viewer_name: str
    role: str
    parts: frozenset[Part]
    since: datetime
    ended: datetime | None
    waiting_verification: bool


@dataclass(frozen=True)
class InvitationRow:
    id: int
    role: str
    parts: frozenset[Part]
    expires_at: datetime
    name: str


@dataclass(frozen=True)
class Sharing:
    shares: list[ShareRow]
    ended: list[ShareRow]
    invitations: list[InvitationRow]


def _viewer_name(link: CareLink) -> str:
    profile = ProfessionalProfile.objects.filter(user=link.viewer).first()
    if profile is not None:
        return f"{profile.display_name}, {profile.title}, {profile.organisation}"
    return str(link.viewer.get_username())


def sharing(person: Any) -> Sharing:
    shares: list[ShareRow] = []
    ended: list[ShareRow] = []
    for link in CareLink.objects.filter(person=person).select_related("viewer"):
        profile = ProfessionalProfile.objects.filter(user=link.viewer).first()
        row = ShareRow(
            link.ref,
            _viewer_name(link),
            link.role,
            parts_from_text(link.parts),
            link.created_at,
            link.revoked_at,
            link.role == PROFESSIONAL and (profile is None or not profile.verified),
        )
        (ended if link.revoked_at else shares).append(row)
    invitations = []
    now = timezone.now()
    for inv in Invitation.objects.filter(
        person=person, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ):
        try:
            name = str(inv.content.get("name", ""))
        except Undecryptable:
            name = ""
        invitations.append(
            InvitationRow(inv.pk, inv.for_role, parts_from_text(inv.parts), inv.expires_at, name)
        )
    return Sharing(shares, ended, invitations)


def open_requests(person: Any) -> list[RequestRow]:
    """Questionnaires a professional asked for, from shares still open, not yet dismissed."""
    rows = _requests({"link__person": person, "link__revoked_at__isnull": True}, person)
    return [r for r in rows if not r.dismissed]


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    role: str
    did: str
    detail: str


def audit_for(person: Any, *, limit: int = 500, lang: str | None = None) -> list[AuditRow]:
    """Who looked at what of this person's data, and when: newest first."""
    ref = AuditSubject.objects.filter(user=person).values_list("ref", flat=True).first()
    if ref is None:
        return []
    rows = AuditEvent.objects.filter(subject_ref=ref).order_by("-seq")[:limit]
    return [
        AuditRow(
            r.at,
            r.actor_name,
            r.actor_role,
            audit_phrase(r.action, r.what, lang),
            r.object_ref if r.what == "questionnaire" else "",
        )
        for r in rows
    ]
