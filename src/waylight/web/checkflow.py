"""The state of a questionnaire in progress, carried in a signed hidden form field.

Nothing about the answers is stored on the server while a person fills in a questionnaire:
the answers so far travel with each form, signed so they cannot be changed in between. Which
question comes next follows the instrument's own `asked_if` conditions from the core.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from waylight.core.instruments import Instrument, Item
from waylight.core.rules import AnswersOnly, holds

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
    if item.asked_if is None:
        return True
    state = CheckState(instrument.id, tuple(answers))
    return holds(item.asked_if, AnswersOnly(state.by_item(instrument)))


def advance(instrument: Instrument, state: CheckState) -> CheckState:
    """Fill in placeholders for the questions that are not asked, up to the next asked one."""
    answers = list(state.answers)
    while len(answers) < len(instrument.items):
        item = instrument.items[len(answers)]
        if is_asked(instrument, item, answers):
            break
        answers.append(NOT_ASKED)
    return CheckState(state.instrument_id, tuple(answers))


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
