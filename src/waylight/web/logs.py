"""One logging set-up for every library, that never writes personal text.

What a person types (answers, plans, notes, searches) must never reach a log, and libraries do
not know that: a PDF library names the characters its font lacks, Django names the path of a
failed request, an exception message may quote the input that caused it. So every record, from
Waylight, Django, gunicorn, fpdf2, fontTools or Python's warnings, goes through one handler
whose filter keeps only what cannot hold personal text:

- Waylight's own loggers (`waylight.*`) are written as they are: they are written never to
  include personal text (tests/web/test_privacy_logs.py checks a marker string).
- Any other library's record keeps its message *template* and loses its values:
  `Font %s is missing the following glyphs: %s [values withheld]`; a message that is an
  exception's own text (Django's security log) is withheld whole.
- An exception keeps its type and the code lines of its traceback, never its message.

There is no access log: a URL and its timing can say what a person was doing.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

OWN_PREFIX = "waylight"
WITHHELD = "[values withheld]"


def is_own(name: str) -> bool:
    return name == OWN_PREFIX or name.startswith(OWN_PREFIX + ".")


def safe_traceback(exc_info: Any) -> str:
    """The frames of a traceback (file, line, code) and the exception's type, no message."""
    exc_type, _, tb = exc_info
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    name = getattr(exc_type, "__qualname__", "Exception")
    return f"Traceback (most recent call last):\n{frames}{name} (message withheld)"


class PrivacyFilter(logging.Filter):
    """Rewrites each record so that it carries no values from a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not is_own(record.name):
            template = record.msg if isinstance(record.msg, str) else "(message withheld)"
            exc = record.exc_info[1] if record.exc_info else None
            if exc is not None and str(exc) and str(exc) in template:
                # The message *is* the exception's text (Django's security log does this).
                template = f"{type(exc).__qualname__} (message withheld)"
            elif record.args:
                template = f"{template} {WITHHELD}"
            record.msg = template
            record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = safe_traceback(record.exc_info)
            record.exc_info = None
        return True


def logging_config(debug: bool = False) -> dict[str, Any]:
    """The `logging.config.dictConfig` dictionary for Django and for gunicorn."""
    quiet = {"handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"private": {"()": "waylight.web.logs.PrivacyFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"}
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["private"],
                "formatter": "plain",
            }
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "waylight": {**quiet, "level": "DEBUG" if debug else "INFO"},
            "django": {**quiet, "level": "WARNING"},
            # 4xx warnings only name the path of a request; server errors are kept.
            "django.request": {**quiet, "level": "ERROR"},
            "django.server": {**quiet, "level": "ERROR"},
            "django.security": {**quiet, "level": "ERROR"},
            # Glyph warnings: the characters a font lacks are the person's characters.
            "fpdf": {**quiet, "level": "ERROR"},
            "fontTools": {**quiet, "level": "ERROR"},
            "gunicorn.error": {**quiet, "level": "INFO"},
            # No access log at all: paths and timings can reveal health data.
            "gunicorn.access": {"handlers": [], "propagate": False, "level": "CRITICAL"},
            "py.warnings": {**quiet, "level": "WARNING"},
        },
    }
