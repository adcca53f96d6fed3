"""Failed writes become one exception with a plain reason, and nothing is half-saved."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError

from waylight.web.crypto import KeysUnavailable

log = logging.getLogger("waylight.web.writes")


class WriteFailed(Exception):
    """A write did not happen; `kind` says why in words that hold no personal data."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def classify(exc: BaseException) -> str:
    """locked, read-only, full, no-keys or unavailable: from the error, never its values."""
    if isinstance(exc, KeysUnavailable):
        return "no-keys"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read-only"
        return "unavailable"
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read-only"
    if "full" in text or "no space" in text:
        return "full"
    return "unavailable"


@contextmanager
def write_guard() -> Iterator[None]:
    """Run a write; on a storage failure raise WriteFailed (the transaction rolls back)."""
    try:
        yield
    except WriteFailed:
        raise
    except (DatabaseError, OSError, KeysUnavailable) as exc:
        kind = classify(exc)
        # The type and kind only: a database error can quote the values it was given.
        log.warning("a write failed (%s, %s); nothing was saved", kind, type(exc).__name__)
        raise WriteFailed(kind) from exc
