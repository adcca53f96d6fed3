"""At most `PDF_SLOTS` PDFs drawn at once across every worker process of this server.

gunicorn's sync workers answer one request each. A PDF in a script that needs the shipped
Unicode fonts takes up to a second or two of CPU; without a limit, a handful of them at once
would hold every worker and help now would wait behind them. With a slot per lock file
(`fcntl.flock`, shared by all processes on the machine), a PDF request that finds every slot
taken is answered at once with 503 and Retry-After, and never holds a worker waiting.
`waylight serve` sets the slots to one fewer than its workers; 0 turns the gate off.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

log = logging.getLogger("waylight.web.pdfgate")
RETRY_AFTER_S = 3


def _lock_dir() -> Path:
    tag = hashlib.sha256(str(settings.DATA_DIR).encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"waylight-{os.getuid()}-{tag}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@contextmanager
def pdf_slot(request: HttpRequest) -> Iterator[HttpResponse | None]:
    """Yield None while holding a slot, or a 503 response to return when all are busy."""
    slots = int(getattr(settings, "PDF_SLOTS", 0))
    if slots <= 0:
        yield None
        return
    try:
        folder = _lock_dir()
    except OSError as exc:
        log.warning("PDF slots unavailable (%s); drawing without a limit", type(exc).__name__)
        yield None
        return
    for number in range(slots):
        fd = os.open(folder / f"pdf-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield None
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    response = render(
        request, "waylight/errors/pdf_busy.html", {"seconds": RETRY_AFTER_S}, status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_S)
    yield response
