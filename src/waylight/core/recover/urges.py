"""Ride the urge: wait with an urge for a while, rating it before and after.

    >>> ride = parse_urge_ride({"before": "8", "after": "4"}, helped=[], allowed_helped=[],
    ...                        minutes=16)
    >>> (ride.before, ride.after, ride.eased)
    (8, 4, True)

A ride that reaches the end (the "after" rating) counts as an urge ridden out, whatever the
numbers say: staying with an urge is the skill, and it grows each time it is used.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.i18n import tr as _
from waylight.core.recover.journal import SCALE_MAX, CheckInError, small_int

TOOLBOX_FILE = "recover/toolbox.yaml"
MAX_MINUTES = 24 * 60  # a ride started yesterday and finished today still counts once


@cache
def urge_minutes() -> int:
    """How long the timer runs (about 15 minutes; content/recover/toolbox.yaml)."""
    return int(load_data(TOOLBOX_FILE, schema="recover_toolbox")["urge"]["minutes"])


@dataclass(frozen=True)
class UrgeRide:
    """One urge ridden out: the urge before and after, the minutes waited, what helped."""

    before: int
    after: int
    minutes: int
    helped: tuple[str, ...] = ()

    @property
    def eased(self) -> bool:
        return self.after < self.before

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "minutes": self.minutes,
            "helped": list(self.helped),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UrgeRide:
        return cls(
            before=int(data["before"]),
            after=int(data["after"]),
            minutes=int(data["minutes"]),
            helped=tuple(str(h) for h in data.get("helped", ())),
        )


def parse_rating(raw: str, *, field: str) -> int:
    """An urge rating from 0 to 10, or CheckInError naming `field`."""
    value = small_int(raw)
    if value is None or not 0 <= value <= SCALE_MAX:
        raise CheckInError(
            {field: _("Please choose a number from 0 to {max}.").format(max=SCALE_MAX)}
        )
    return value


def parse_urge_ride(
    fields: Mapping[str, str],
    *,
    helped: Iterable[str],
    allowed_helped: Collection[str],
    minutes: int,
) -> UrgeRide:
    """Check a finished ride: before and after ratings, and what helped (ticked from a list)."""
    errors: dict[str, str] = {}
    ratings: dict[str, int] = {}
    for name in ("before", "after"):
        try:
            ratings[name] = parse_rating(fields.get(name, ""), field=name)
        except CheckInError as exc:
            errors.update(exc.errors)
    chosen = tuple(dict.fromkeys(h.strip() for h in helped if h.strip()))
    if any(h not in allowed_helped for h in chosen):
        errors["helped"] = _(
            "One of the ticked things is not in the list. Please tick from the list."
        )
    if errors:
        raise CheckInError(errors)
    return UrgeRide(
        before=ratings["before"],
        after=ratings["after"],
        minutes=max(0, min(minutes, MAX_MINUTES)),
        helped=chosen,
    )
