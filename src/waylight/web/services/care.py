"""Sharing writes: invitations, accepting, changing what is shared, ending it, acknowledging a
flag, asking for a questionnaire. Who may do what is decided by waylight.core.care.consent;
this module only stores the outcome (and writes the audit entries for viewers' writes).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waylight.core.care.consent import Part, ValidFor, ViewerRole, parts_text
from waylight.core.errors import InputError
from waylight.web.models import (
    CareLink,
    FlagAcknowledgement,
    Invitation,
    QuestionnaireRequest,
)
from waylight.web.roles import SUPPORTER
from waylight.web.services import audit

# 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L): 80 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
NOTE_MAX_CHARS = 1000
NAME_MAX_CHARS = 60


def normalise_code(code: str) -> str:
    """The code as typed, without spaces, dashes or case (people copy it in many ways)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _clean_text(text: str, limit: int) -> str:
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(text) > limit:
        raise InputError(_("Please keep it to {limit} characters or fewer.").format(limit=limit))
    return text


@dataclass(frozen=True)
class MadeInvitation:
    invitation: Invitation
    code: str  # shown once to the person; only its hash is kept


def make_invitation(
    person: Any,
    *,
    role: ViewerRole,
    parts: frozenset[Part],
    valid_for: ValidFor,
    name: str,
    message: str,
) -> MadeInvitation:
    """A one-time code for `role`, valid for `valid_for`, sharing `parts` once accepted."""
    name = _clean_text(name, NAME_MAX_CHARS)
    message = _clean_text(message, NOTE_MAX_CHARS)
    code = _new_code()
    invitation = Invitation(
        person=person,
        code_hash=code_hash(code),
        for_role=role,
        parts=parts_text(parts),
        expires_at=timezone.now() + valid_for.delta,
    )
    invitation.content = {"name": name or person.get_username(), "message": message}
    invitation.save()
    return MadeInvitation(invitation, code)


def cancel_invitation(person: Any, invitation_id: int) -> bool:
    return (
        Invitation.objects.filter(
            pk=invitation_id, person=person, used_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
        > 0
    )


class CodeRefused(InputError):
    """The code cannot be used (unknown, used, cancelled, expired, or not for this account)."""


def find_invitation(code: str) -> Invitation | None:
    """The open invitation with this code, or None (nothing says which way it failed)."""
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    return (
        Invitation.objects.filter(
            code_hash=code_hash(code),
            used_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("person")
        .first()
    )


def accept_invitation(viewer: Any, code: str, *, as_professional: bool) -> CareLink:
    """Use the code once: the person now shares the chosen parts with `viewer`.

    A code made for a professional works only for a verified professional signed in with
    their second factor (`as_professional`); a code for a supporter works for any account
    but a professional's work account. Refusals all read the same, so a guess learns nothing.
    """
    refused = CodeRefused(
        _(
            "That code does not work. It may be mistyped, used already, cancelled or out of "
            "date. Please ask the person for a new one."
        )
    )
    with transaction.atomic():
        invitation = find_invitation(code)
        if invitation is None:
            raise refused
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_at is not None or invitation.person.pk == viewer.pk:
            raise refused
        if (invitation.for_role == "professional") != as_professional:
            raise refused
        content = invitation.content
        CareLink.objects.filter(
            person=invitation.person, viewer=viewer, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())  # a new share replaces an older one
        link = CareLink(
            ref=secrets.token_hex(16),
            person=invitation.person,
            viewer=viewer,
            role=invitation.for_role,
            parts=invitation.parts,
        )
        link.content = {"name": content.get("name", ""), "message": content.get("message", "")}
        link.save()
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        if invitation.for_role == SUPPORTER:
            viewer.groups.add(Group.objects.get_or_create(name=SUPPORTER)[0])
        audit.record(viewer, link.role, invitation.person, "accept", "invitation", link.ref)
    return link


def set_parts(person: Any, ref: str, parts: frozenset[Part]) -> bool:
    """Change what a viewer sees; it holds from their very next request."""
    return (
        CareLink.objects.filter(ref=ref, person=person, revoked_at__isnull=True).update(
            parts=parts_text(parts), changed_at=timezone.now()
        )
        > 0
    )


def revoke(person: Any, ref: str) -> bool:
    """Stop sharing: the viewer's next request (even from a page already open) finds nothing."""
    return (
        CareLink.objects.filter(ref=ref, person=person, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        > 0
    )


def acknowledge(link: CareLink, viewer: Any, *, flag_key: str, kind: str, note: str) -> bool:
    """Record that `viewer` saw and acted on a flag; False when it was acknowledged already."""
    note = _clean_text(note, NOTE_MAX_CHARS)
    row = FlagAcknowledgement(
        link=link, flag_key=flag_key, kind=kind, by=viewer, by_name=audit.actor_name(viewer)
    )
    row.content = {"note": note}
    try:
        with transaction.atomic():
            row.save()
            audit.record(viewer, link.role, link.person, "acknowledge", "flag", flag_key)
    except IntegrityError:
        return False
    return True


def request_questionnaire(link: CareLink, viewer: Any, instrument: str) -> QuestionnaireRequest:
    with transaction.atomic():
        row = QuestionnaireRequest.objects.create(
            link=link, instrument=instrument, by_name=audit.actor_name(viewer)
        )
        audit.record(viewer, link.role, link.person, "request", "questionnaire", instrument)
    return row


def dismiss_request(person: Any, request_id: int) -> bool:
    return (
        QuestionnaireRequest.objects.filter(
            pk=request_id, link__person=person, dismissed_at__isnull=True
        ).update(dismissed_at=timezone.now())
        > 0
    )
