"""Repeated questionnaire totals read with the change rules (SPEC C5).

    >>> from datetime import date
    >>> points = [ScorePoint(date(2026, 1, 5), 16), ScorePoint(date(2026, 2, 2), 7)]
    >>> summary = summarise("phq9", points)
    >>> (summary.change, summary.meaningful, summary.response, summary.remission)
    (-9, True, True, False)

The rules (content/recover/change_rules.yaml, from the clinical reference): a change of 5
points or more between one result and the next is meaningful; response is a drop of 50 % or
more from the first total; remission is a PHQ-9 (or PHQ-A) total below 5. Response and
remission are only named when the first total was in the mild range or above.

Every administration is read again for its hard trigger (item 9 above 0): an improving total
can hide new thoughts of being better off dead. When the latest result has one, the trigger
speaks first and no reassurance stands beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from waylight.core.content import load_data
from waylight.core.i18n import SOURCE_LANGUAGE, load_same_shape, normalise_language

RULES_FILE = "recover/change_rules.yaml"

Direction = Literal["lower", "higher", "same"]


@dataclass(frozen=True)
class ChangeRule:
    instrument: str
    title: str
    meaningful_change: int
    response_drop: float
    remission_below: int | None
    from_total: int


@dataclass(frozen=True)
class ScorePoint:
    """One kept result: when, its total, and whether it raised a hard trigger."""

    when: date | datetime
    total: int
    trigger: bool = False


@dataclass(frozen=True)
class ChangeSummary:
    """The change rules applied to one questionnaire's results, oldest first."""

    instrument: str
    title: str
    first: ScorePoint
    previous: ScorePoint | None
    latest: ScorePoint
    change: int | None  # latest minus previous; None with one result
    direction: Direction | None
    meaningful: bool
    response: bool
    remission: bool
    trigger_first: bool
    statements: tuple[str, ...]
    about: str
    lang: str = SOURCE_LANGUAGE  # the language of `statements` and `about`


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data(RULES_FILE, schema="recover_change_rules")
    return data


@cache
def _wording(lang: str) -> tuple[dict[str, str], dict[str, Any], str]:
    """(wording, instruments, language) in `lang`: the rules' numbers are the English file's
    (the translation may only change words, which load_same_shape checks)."""
    data, shown = load_same_shape(RULES_FILE, lang, schema="recover_change_rules")
    return data["wording"], data["instruments"], shown


@cache
def change_rule(instrument: str) -> ChangeRule | None:
    """The rule for a questionnaire, or None when its totals are not followed over time."""
    raw = _data()["instruments"].get(instrument)
    if raw is None:
        return None
    return ChangeRule(
        instrument=instrument,
        title=raw["title"],
        meaningful_change=raw["meaningful_change"],
        response_drop=float(raw["response_drop"]),
        remission_below=raw.get("remission_below"),
        from_total=raw["from_total"],
    )


def followed_instruments() -> tuple[str, ...]:
    """The questionnaires whose totals are charted and read with the change rules."""
    return tuple(_data()["instruments"])


def is_response(rule: ChangeRule, first: int, latest: int) -> bool:
    """A drop of `response_drop` (50 %) or more from a first total in the mild range or above."""
    return first >= rule.from_total and (first - latest) >= rule.response_drop * first


def is_remission(rule: ChangeRule, first: int, latest: int) -> bool:
    """A total below the remission line after a first total in the mild range or above."""
    return (
        rule.remission_below is not None
        and first >= rule.from_total
        and latest < rule.remission_below
    )


def summarise(
    instrument: str, points: Sequence[ScorePoint], *, lang: str | None = None
) -> ChangeSummary | None:
    """The change rules over `points` (oldest first), said in `lang`; None for no points or no
    rule. The numbers and the logic are the same in every language."""
    rule = change_rule(instrument)
    if rule is None or not points:
        return None
    wording, titles, shown = _wording(normalise_language(lang))
    title = titles[instrument]["title"]
    first, latest = points[0], points[-1]
    previous = points[-2] if len(points) > 1 else None

    change = None if previous is None else latest.total - previous.total
    direction: Direction | None = None
    if change is not None:
        direction = "same" if change == 0 else ("lower" if change < 0 else "higher")
    meaningful = change is not None and abs(change) >= rule.meaningful_change
    several = previous is not None
    response = several and is_response(rule, first.total, latest.total)
    remission = several and is_remission(rule, first.total, latest.total)

    def say(key: str, before: int = 0, after: int = 0) -> str:
        return wording[key].format(
            title=title, points=abs(after - before), before=before, after=after
        )

    statements: list[str] = []
    if latest.trigger:
        # The trigger speaks first, and nothing reassuring stands beside it (SPEC 3, rule 8).
        statements.append(say("trigger_first"))
    elif previous is None:
        statements.append(say("only_one", after=latest.total))
    else:
        key = {
            "same": "no_change",
            "lower": "lower_meaningful" if meaningful else "small_change",
            "higher": "higher_meaningful" if meaningful else "small_change",
        }[direction or "same"]
        statements.append(say(key, previous.total, latest.total))
        if response:
            statements.append(say("response", first.total, latest.total))
        if remission:
            statements.append(say("remission", first.total, latest.total))
    return ChangeSummary(
        instrument=instrument,
        title=rule.title,
        first=first,
        previous=previous,
        latest=latest,
        change=change,
        direction=direction,
        meaningful=meaningful,
        response=response,
        remission=remission,
        trigger_first=latest.trigger,
        statements=tuple(statements),
        about=wording["about"],
        lang=shown,
    )
