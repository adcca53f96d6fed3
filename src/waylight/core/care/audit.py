"""The audit log's hash chain: each entry's hash covers the one before it and its own fields.

    >>> from datetime import datetime, UTC
    >>> first = AuditRecord(1, datetime(2026, 3, 2, tzinfo=UTC), "a1", "Dr Lee",
    ...                     "professional", "s1", "read", "results", "")
    >>> entry = first.sealed(GENESIS)
    >>> check_chain([entry], head=(1, entry.hash)).ok
    True

Changing any field of an entry, removing one, or reordering them breaks the chain from that
point: `check_chain` says where. The head (the last sequence number and hash, kept apart from
the entries) also catches entries cut from the end. Entries hold ids, roles and codes only,
never a person's words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry. `seq` counts from 1 without gaps; `at` is stored in UTC."""

    seq: int
    at: datetime
    actor_ref: str
    actor_name: str
    actor_role: str
    subject_ref: str
    action: str
    what: str
    object_ref: str
    prev_hash: str = ""
    hash: str = ""

    def canonical(self) -> bytes:
        """The entry's own fields as canonical JSON: sorted keys, no spaces, ASCII only."""
        fields = {
            "seq": self.seq,
            "at": self.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_ref": self.actor_ref,
            "actor_name": self.actor_name,
            "actor_role": self.actor_role,
            "subject_ref": self.subject_ref,
            "action": self.action,
            "what": self.what,
            "object_ref": self.object_ref,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")

    def digest(self, prev_hash: str) -> str:
        return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + self.canonical()).hexdigest()

    def sealed(self, prev_hash: str) -> AuditRecord:
        """This entry chained after `prev_hash`."""
        return replace(self, prev_hash=prev_hash, hash=self.digest(prev_hash))


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of checking the chain: `ok`, how many entries were read, the first break."""

    ok: bool
    checked: int
    head_hash: str
    broken_at: int | None = None  # the sequence number where the chain first breaks
    problem: str = ""


def check_chain(records: Iterable[AuditRecord], *, head: tuple[int, str]) -> ChainCheck:
    """Walk the entries in sequence order and check every link, then the head.

    `head` is (last sequence number, last hash) as kept beside the log.
    """
    expected_seq, prev = 1, GENESIS
    checked = 0
    for record in records:
        checked += 1
        if record.seq != expected_seq:
            what = "missing" if record.seq > expected_seq else "repeated or out of order"
            return ChainCheck(
                False,
                checked,
                prev,
                expected_seq,
                f"entry {expected_seq} is {what} (found {record.seq})",
            )
        if record.prev_hash != prev:
            return ChainCheck(
                False,
                checked,
                prev,
                record.seq,
                f"entry {record.seq} does not point at the entry before it",
            )
        if record.digest(prev) != record.hash:
            return ChainCheck(
                False,
                checked,
                prev,
                record.seq,
                f"entry {record.seq} was changed after it was written",
            )
        prev = record.hash
        expected_seq += 1
    last_seq, last_hash = head
    if last_seq != expected_seq - 1 or last_hash != prev:
        return ChainCheck(
            False,
            checked,
            prev,
            expected_seq,
            f"the log ends at entry {expected_seq - 1} but its head says {last_seq}: "
            "entries were removed from the end, or the head was changed",
        )
    return ChainCheck(True, checked, prev)
