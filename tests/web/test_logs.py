"""The log filter: a library's values and an exception's message never reach the output."""

from __future__ import annotations

import logging
import sys

from waylight.web.logs import PrivacyFilter

SECRET = "my plan says Biscuit"


def record(name: str, msg: object, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError(SECRET)
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args or None, exc_info)


def formatted(rec: logging.LogRecord) -> str:
    assert PrivacyFilter().filter(rec)
    return logging.Formatter("%(name)s: %(message)s").format(rec)


def test_a_librarys_values_are_withheld_and_its_template_kept() -> None:
    out = formatted(
        record("fpdf.output", "Font %s is missing the following glyphs: %s", "F", SECRET)
    )
    assert SECRET not in out and "missing the following glyphs" in out and "withheld" in out


def test_a_message_that_is_the_exceptions_text_is_withheld() -> None:
    out = formatted(record("django.security.DisallowedHost", SECRET, exc=True))
    assert SECRET not in out and "ValueError (message withheld)" in out
    assert "test_logs.py" in out  # the traceback's code lines stay, for whoever debugs


def test_waylights_own_messages_stay_but_exception_messages_never() -> None:
    out = formatted(record("waylight.web.writes", "a write failed (%s)", "locked", exc=True))
    assert "a write failed (locked)" in out and SECRET not in out


def test_a_non_text_message_is_withheld() -> None:
    out = formatted(record("somelib", {"plan": SECRET}))
    assert SECRET not in out
