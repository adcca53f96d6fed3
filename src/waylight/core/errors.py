"""Errors raised by the core.

    WaylightError
    ├── ContentError        a shipped data file is missing, unreadable or fails its schema
    └── InputError          a person or a script gave input we cannot use
        ├── UnknownInstrument
        ├── AnswerError     wrong count, out of range, or unknown value for an item
        ├── UnknownCountry
        └── UnknownLanguage

Every message is written for the person who will read it: it names what was wrong and what is
allowed. Shells print the message and exit (code 2 on the command line); they never show a
stack trace.
"""

from __future__ import annotations


class WaylightError(Exception):
    """Base class for every error the core raises on purpose."""


class ContentError(WaylightError):
    """A content file is missing, unreadable or does not match its schema."""

    def __init__(self, file: str, message: str, *, field: str = "") -> None:
        self.file = file
        self.field = field
        where = f"{file} at {field}" if field else file
        super().__init__(f"{where}: {message}")


class InputError(WaylightError):
    """Input from a person or a script that cannot be used as given."""


class UnknownInstrument(InputError):
    """The instrument id is not one Waylight ships."""


class AnswerError(InputError):
    """An answer has the wrong count, is out of range, or is not an allowed value."""


class UnknownCountry(InputError):
    """The country code is not a valid ISO 3166-1 alpha-2 code."""


class UnknownLanguage(InputError):
    """The language is not one Waylight speaks."""
