"""The check-in note, read by the text detector, and how Waylight answers a check-in.

A note is read only to answer the person at once. A `concern` or `urgent` reading gets a gentle
answer with their safety plan and help-now lines; nobody else is told. A note in a language the
detector does not read is not read at all (`NoteReading.read` is False): the shell says so
plainly, with help now one step away, and never takes it for a calm note or a crisis. A "yes, I
hurt myself" gets words about setbacks, never blame; a strong urge points to the toolbox.

    >>> read_note("").concern
    'none'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from waylight.core.recover.journal import CheckIn, journal_rules
from waylight.core.textrisk.rules import Tier

RESPOND_TIERS: frozenset[Tier] = frozenset({"concern", "urgent"})

Answer = Literal["support", "setback", "strong_urge", "saved"]


@dataclass(frozen=True)
class NoteReading:
    """What the detector found in a note, kept as the tier only (the note itself is the text)."""

    concern: Tier
    help_now: bool
    read: bool = True  # False: the note is in a language the detector does not read

    @property
    def respond(self) -> bool:
        """True when the note needs the gentle answer with the plan and help-now lines."""
        return self.read and (self.concern in RESPOND_TIERS or self.help_now)


NOTHING = NoteReading(concern="none", help_now=False)


def read_note(note: str, *, country: str | None = None) -> NoteReading:
    """Read a note with the shipped text detector; an empty note is not read at all."""
    if not note.strip():
        return NOTHING
    from waylight.core.textrisk import analyse

    result = analyse(note, country=country)
    if not result.read:
        return NoteReading(concern="none", help_now=False, read=False)
    return NoteReading(concern=result.concern, help_now=result.help_now)


def answer_for(entry: CheckIn, reading: NoteReading) -> Answer:
    """Which answer the person sees after saving: the most caring one that applies."""
    if reading.respond:
        return "support"
    if entry.harmed is True:
        return "setback"
    if entry.urge >= journal_rules().strong_urge_from:
        return "strong_urge"
    return "saved"
