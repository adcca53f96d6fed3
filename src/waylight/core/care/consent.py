"""Who may see what of a person's data, and do what with it: one rule for every shell.

    >>> grant = Grant(role="professional", parts=frozenset({"results"}), verified=True)
    >>> allows(grant, "read", "results"), allows(grant, "read", "plan")
    (True, False)
    >>> allows(grant, "change", "results")
    False

A person shares with a supporter or a professional by an invitation they make, choosing the
parts (content/care/sharing.yaml): questionnaire results, check-in numbers, the safety plan, a
flag when a note reads as urgent, and the words of notes (off unless ticked). Nobody but the
person ever changes their data. A professional must also be verified by an admin and signed in
with their second factor before anything is allowed; a supporter only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any, Literal, cast

from waylight.core.errors import InputError
from waylight.core.i18n import load_same_shape
from waylight.core.i18n import tr as _

SHARING_FILE = "care/sharing.yaml"

Part = Literal["results", "check_ins", "plan", "note_flags", "notes"]
ViewerRole = Literal["supporter", "professional"]
Action = Literal["read", "change", "export", "acknowledge", "request"]

PARTS: tuple[Part, ...] = ("results", "check_ins", "plan", "note_flags", "notes")
VIEWER_ROLES: tuple[ViewerRole, ...] = ("professional", "supporter")
ACTIONS: tuple[Action, ...] = ("read", "change", "export", "acknowledge", "request")


@dataclass(frozen=True)
class Grant:
    """What one viewer holds over one person's data right now.

    `active`: the share is neither revoked nor belongs to a deleted account. `verified`: for a
    professional, verified by an admin and signed in with the second factor in this session
    (always True for a supporter, who needs neither).
    """

    role: ViewerRole
    parts: frozenset[Part]
    verified: bool = True
    active: bool = True


def allows(grant: Grant | None, action: Action, part: Part | None = None) -> bool:
    """Whether a viewer with `grant` may do `action` on `part` of the person's data.

    `part=None` asks about the person as such (their name in a list, their page): any active
    grant allows reading that. No grant, an ended one, or an unverified professional allows
    nothing, and nobody but the person may change anything.
    """
    if grant is None or not grant.active or not grant.verified:
        return False
    if action == "change":
        return False
    if action == "read":
        return part is None or part in grant.parts
    if grant.role != "professional":
        return False  # a supporter reads; exports, flags and requests are a professional's
    if action == "request":
        # Asking for a questionnaire makes sense only when its result will be seen.
        return "results" in grant.parts
    return part is not None and part in grant.parts


@dataclass(frozen=True)
class PartInfo:
    id: Part
    label: str
    shows: str
    default: bool


@dataclass(frozen=True)
class RoleInfo:
    id: ViewerRole
    label: str
    example: str
    duty: str


@dataclass(frozen=True)
class ValidFor:
    id: str
    days: int
    label: str

    @property
    def delta(self) -> timedelta:
        return timedelta(days=self.days)


@dataclass(frozen=True)
class SharingWords:
    """The words a person reads before sharing, and the choices an invitation offers."""

    parts: tuple[PartInfo, ...]
    roles: tuple[RoleInfo, ...]
    always_true: tuple[str, ...]
    never_shared: tuple[str, ...]
    valid_for: tuple[ValidFor, ...]
    default_valid_for: str

    def part(self, part_id: str) -> PartInfo:
        for info in self.parts:
            if info.id == part_id:
                return info
        raise KeyError(part_id)

    def role(self, role_id: str) -> RoleInfo:
        for info in self.roles:
            if info.id == role_id:
                return info
        raise KeyError(role_id)

    @property
    def default_parts(self) -> frozenset[Part]:
        return frozenset(info.id for info in self.parts if info.default)


def _flat(text: str) -> str:
    return " ".join(text.split())


@cache
def sharing_data(lang: str | None = None) -> dict[str, Any]:
    """The sharing content in `lang` (its words only; ids and numbers are the English file's)."""
    data: dict[str, Any] = load_same_shape(SHARING_FILE, lang, schema="care_sharing")[0]
    return data


@cache
def sharing_words(lang: str | None = None) -> SharingWords:
    data = sharing_data(lang)
    return SharingWords(
        parts=tuple(
            PartInfo(p["id"], p["label"], _flat(p["shows"]), p["default"]) for p in data["parts"]
        ),
        roles=tuple(
            RoleInfo(cast(ViewerRole, key), r["label"], r["example"], _flat(r["duty"]))
            for key, r in data["roles"].items()
        ),
        always_true=tuple(_flat(t) for t in data["always_true"]),
        never_shared=tuple(_flat(t) for t in data["never_shared"]),
        valid_for=tuple(ValidFor(v["id"], v["days"], v["label"]) for v in data["valid_for"]),
        default_valid_for=data["default_valid_for"],
    )


def parse_parts(values: Iterable[str]) -> frozenset[Part]:
    """The parts ticked on a form; an unknown value is refused (InputError), none is allowed."""
    chosen: set[Part] = set()
    for value in values:
        if value not in PARTS:
            raise InputError(_("That is not something that can be shared."))
        chosen.add(value)
    return frozenset(chosen)


def parse_role(value: str) -> ViewerRole:
    if value not in VIEWER_ROLES:
        raise InputError(
            _("Please choose who the invitation is for: a professional or a supporter.")
        )
    return value


def parse_valid_for(value: str) -> ValidFor:
    for choice in sharing_words().valid_for:
        if choice.id == value:
            return choice
    raise InputError(_("Please choose how long the code works."))


def parts_text(parts: Iterable[str]) -> str:
    """The parts in the order they are offered, as stored (comma separated)."""
    wanted = set(parts)
    return ",".join(p for p in PARTS if p in wanted)


def parts_from_text(text: str) -> frozenset[Part]:
    """Stored parts back as a set; anything unknown (an older release's word) is dropped."""
    return frozenset(p for p in text.split(",") if p in PARTS)


def audit_phrase(action: str, what: str, lang: str | None = None) -> str:
    """What an audit entry means, in the person's words ("looked at your safety plan")."""
    words: dict[str, str] = sharing_data(lang)["audit_words"]
    return words.get(f"{action}:{what}", f"{action} {what.replace('_', ' ')}")
