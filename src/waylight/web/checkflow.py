"""The state of a questionnaire in progress, carried in an encrypted hidden form field.

Nothing about the answers is stored on the server while a person fills in a questionnaire:
the answers so far travel with each form, encrypted and authenticated (Fernet), so they can be
neither read (an answer about suicide must not sit readable in a saved page or a proxy log) nor
changed in between. The key is derived from the secret key, not from the data keys, so the
check works even when saving is off. Which question comes next is the core's `next_item`, the
same sequence the command line follows.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from waylight.core.instruments import Instrument, Item
from waylight.core.questions import is_asked as core_is_asked
from waylight.core.questions import next_item

SALT = b"waylight.check.state"
MAX_AGE_SECONDS = 12 * 3600
NOT_ASKED = ""  # the placeholder for a question that was skipped or not asked


def _derive(secret: str) -> Fernet:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SALT).derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(raw))


@cache
def _state_keys(secrets_in_order: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([_derive(secret) for secret in secrets_in_order])


def _keys() -> MultiFernet:
    fallbacks = tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ()))
    return _state_keys((settings.SECRET_KEY, *fallbacks))


def new_run() -> str:
    """A random id for one run through a questionnaire (keeps "keep this result" idempotent)."""
    return secrets.token_urlsafe(12)


class StateError(ValueError):
    """The state field is missing, changed, too old or for another questionnaire."""


@dataclass(frozen=True)
class CheckState:
    instrument_id: str
    answers: tuple[str, ...]
    run: str = field(default_factory=new_run)

    def sign(self) -> str:
        """The state sealed for the hidden field: encrypted and authenticated, not readable."""
        payload = json.dumps(
            {"i": self.instrument_id, "a": list(self.answers), "r": self.run},
            separators=(",", ":"),
        ).encode("utf-8")
        return _keys().encrypt(payload).decode("ascii")

    @classmethod
    def load(cls, token: str, instrument: Instrument) -> CheckState:
        if not token:
            return cls(instrument.id, ())
        try:
            payload = _keys().decrypt(token.encode("ascii"), ttl=MAX_AGE_SECONDS)
            data = json.loads(payload)
        except (InvalidToken, UnicodeError, ValueError) as exc:
            raise StateError("the saved answers could not be read") from exc
        answers = data.get("a") if isinstance(data, dict) else None
        run = data.get("r") if isinstance(data, dict) else None
        if (
            data.get("i") != instrument.id
            or not isinstance(answers, list)
            or not isinstance(run, str)
            or len(answers) > len(instrument.items)
            or not all(isinstance(a, str) for a in answers)
        ):
            raise StateError("the saved answers belong to another questionnaire")
        return cls(instrument.id, tuple(answers), run)

    def with_answer(self, value: str) -> CheckState:
        return replace(self, answers=(*self.answers, value))

    def replay_key(self) -> str:
        """Same run, same answers: same key. A second "keep" of it keeps nothing new."""
        text = json.dumps([self.instrument_id, self.run, list(self.answers)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def back(self, instrument: Instrument) -> tuple[CheckState, str]:
        """The state one asked question earlier, and the answer that question had."""
        answers = list(self.answers)
        last = ""
        while answers:
            last = answers.pop()
            if is_asked(instrument, instrument.items[len(answers)], answers):
                break
        return replace(self, answers=tuple(answers)), last

    def by_item(self, instrument: Instrument) -> dict[str, int | str | None]:
        """The answers keyed by item id, with the values typed as the instrument's options."""
        out: dict[str, int | str | None] = {}
        for item, raw in zip(instrument.items, self.answers, strict=False):
            out[item.id] = typed(item, raw)
        return out


def typed(item: Item, raw: str) -> int | str | None:
    if raw == NOT_ASKED:
        return None
    return int(raw) if item.numeric else raw


def is_asked(instrument: Instrument, item: Item, answers: list[str] | tuple[str, ...]) -> bool:
    state = CheckState(instrument.id, tuple(answers))
    return core_is_asked(item, state.by_item(instrument))


def advance(instrument: Instrument, state: CheckState) -> CheckState:
    """Fill in placeholders for the questions that are not asked, up to the next asked one."""
    passed = zip(instrument.items, state.answers, strict=False)
    typed_so_far = [typed(item, raw) for item, raw in passed]
    upcoming = next_item(instrument, typed_so_far)
    stop = len(instrument.items) if upcoming is None else instrument.items.index(upcoming)
    padding = (NOT_ASKED,) * max(0, stop - len(state.answers))
    return replace(state, answers=(*state.answers, *padding))


def current_item(instrument: Instrument, state: CheckState) -> Item | None:
    """The question to show now, or None when every question has been answered."""
    if len(state.answers) >= len(instrument.items):
        return None
    return instrument.items[len(state.answers)]


def answers_for_core(state: CheckState) -> list[str]:
    """Answers in item order as the core's assess() takes them; trailing unasked ones dropped."""
    answers = list(state.answers)
    while answers and answers[-1] == NOT_ASKED:
        answers.pop()
    return answers


def progress(instrument: Instrument, state: CheckState) -> tuple[int, int]:
    """(this question's number, how many questions) as the person will meet them.

    Only questions that are asked count: one not asked is never numbered, and a question that
    depends on later answers ("one more if your answers call for it") joins the count only once
    the answers so far call for it. So a PHQ-9 with no problems ticked is "of 9", as its tile says.
    """
    current = len(state.answers)
    answers = list(state.answers)
    asked_before = sum(
        1
        for position, item in enumerate(instrument.items[:current])
        if is_asked(instrument, item, answers[:position])
    )
    still_to_come = sum(
        1 for item in instrument.items[current + 1 :] if is_asked(instrument, item, answers)
    )
    number = asked_before + 1
    return number, number + still_to_come
