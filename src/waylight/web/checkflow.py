"""The state of a questionnaire in progress, carried in a signed hidden form field.

Nothing about the answers is stored on the server while a person fills in a questionnaire:
the answers so far travel with each form, signed so they cannot be changed in between. Which
question comes next is the core's `next_item`, the same sequence the command line follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from waylight.core.instruments import Instrument, Item
from waylight.core.questions import is_asked as core_is_asked
from waylight.core.questions import next_item

SALT = "waylight.check.state"
MAX_AGE_SECONDS = 12 * 3600
NOT_ASKED = ""  # the placeholder for a question that was skipped or not asked


class StateError(ValueError):
    """The state field is missing, changed, too old or for another questionnaire."""


@dataclass(frozen=True)
class CheckState:
    instrument_id: str
    answers: tuple[str, ...]

    def sign(self) -> str:
        return signing.dumps(
            {"i": self.instrument_id, "a": list(self.answers)}, salt=SALT, compress=True
        )

    @classmethod
    def load(cls, token: str, instrument: Instrument) -> CheckState:
        if not token:
            return cls(instrument.id, ())
        try:
            data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        except signing.BadSignature as exc:
            raise StateError("the saved answers could not be read") from exc
        answers = data.get("a") if isinstance(data, dict) else None
        if (
            data.get("i") != instrument.id
            or not isinstance(answers, list)
            or len(answers) > len(instrument.items)
            or not all(isinstance(a, str) for a in answers)
        ):
            raise StateError("the saved answers belong to another questionnaire")
        return cls(instrument.id, tuple(answers))

    def with_answer(self, value: str) -> CheckState:
        return CheckState(self.instrument_id, (*self.answers, value))

    def back(self, instrument: Instrument) -> tuple[CheckState, str]:
        """The state one asked question earlier, and the answer that question had."""
        answers = list(self.answers)
        last = ""
        while answers:
            last = answers.pop()
            if is_asked(instrument, instrument.items[len(answers)], answers):
                break
        return CheckState(self.instrument_id, tuple(answers)), last

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
    return CheckState(state.instrument_id, (*state.answers, *padding))


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
