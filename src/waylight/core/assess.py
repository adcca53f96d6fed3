"""The one entry point every shell calls to turn questionnaire answers into a result.

    assess("phq9", ["0", "1", "2", ...], country="GB") -> ScreeningResult

The result carries the score and band, the flags raised (hard triggers first), the next steps in
the order a person should take them, and the help-now resources for the person's country.
Resources are always there, whatever the result (SPEC section 3.4): a negative screen never
hides where to get help.

`assess(..., lang="es")` scores with the very same English instrument and rules (one logic);
only the words of the result change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from waylight.core.content import load_data
from waylight.core.errors import ContentError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language, words
from waylight.core.instruments import Instrument, SumScoring, load_instrument
from waylight.core.rules import Flag, evaluate
from waylight.core.scoring import RawAnswers, Score, score

if TYPE_CHECKING:
    from waylight.core.resources import CountryHelp

WORDING_FILE = "results/next_steps.yaml"


@dataclass(frozen=True)
class Wording:
    """Next steps and 'about this result' texts, by key (content/results/next_steps.yaml)."""

    steps: dict[str, str]
    about: dict[str, str]
    help_heading: str
    help_always: str
    help_now_intro: str
    total_beside_trigger: str
    lang: str = SOURCE_LANGUAGE
    # keys (steps, "about:<key>", and the single texts) still in English in a translation
    untranslated: frozenset[str] = frozenset()

    def step(self, key: str) -> str:
        return self.steps[key]


@cache
def load_wording(lang: str | None = None) -> Wording:
    """The result texts in `lang` (default English); a text not yet translated is in English."""
    code = normalise_language(lang)
    data = load_data(WORDING_FILE, schema="next_steps")
    english = Wording(
        steps={key: words(text) for key, text in data["steps"].items()},
        about={key: words(text) for key, text in data["about"].items()},
        help_heading=data["help_heading"],
        help_always=words(data["help_always"]),
        help_now_intro=words(data["help_now_intro"]),
        total_beside_trigger=words(data["total_beside_trigger"]),
    )
    if code == SOURCE_LANGUAGE:
        return english
    raw = load_translation(WORDING_FILE, code, schema="next_steps_i18n") or {}
    file = f"i18n/{code}/{WORDING_FILE}"
    for group in ("steps", "about"):
        unknown = sorted(set(raw.get(group, {})) - set(getattr(english, group)))
        if unknown:
            raise ContentError(file, f"translates unknown key {unknown[0]!r}", field=group)
    steps = {k: words(raw.get("steps", {}).get(k, v)) for k, v in english.steps.items()}
    about = {k: words(raw.get("about", {}).get(k, v)) for k, v in english.about.items()}
    singles = ("help_heading", "help_always", "help_now_intro", "total_beside_trigger")
    missing = {k for k in english.steps if k not in raw.get("steps", {})}
    missing |= {f"about:{k}" for k in english.about if k not in raw.get("about", {})}
    missing |= {k for k in singles if k not in raw}
    return Wording(
        steps=steps,
        about=about,
        help_heading=raw.get("help_heading", english.help_heading),
        help_always=words(raw.get("help_always", english.help_always)),
        help_now_intro=words(raw.get("help_now_intro", english.help_now_intro)),
        total_beside_trigger=words(raw.get("total_beside_trigger", english.total_beside_trigger)),
        lang=code,
        untranslated=frozenset(missing),
    )


@dataclass(frozen=True)
class ScreeningResult:
    """A screening result, ready for any shell to show. `to_dict()` is SPEC section 6's shape."""

    instrument: str
    title: str
    total: int | None
    max_total: int | None
    band: str | None
    band_label: str | None
    result: str | None
    result_label: str | None
    flags: tuple[Flag, ...]
    next_steps: tuple[str, ...]
    help_now: bool
    resources: tuple[dict[str, Any], ...]
    about: str
    attribution: str
    citation: str
    help_heading: str
    help_always: str
    country: str | None
    country_help: CountryHelp  # the typed help the shells render; `resources` is its JSON
    total_note: str | None = None  # beside the total when a hard trigger fired
    lang: str = SOURCE_LANGUAGE  # the language of the result's words
    shown: Instrument | None = None  # the instrument as shown in `lang` (its labels, its note)

    @property
    def hard_flags(self) -> tuple[Flag, ...]:
        return tuple(flag for flag in self.flags if flag.hard)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the fields scripts rely on (SPEC section 6), in this order."""
        return {
            "instrument": self.instrument,
            "total": self.total,
            "band": self.band,
            "result": self.result,
            "flags": [flag.to_dict() for flag in self.flags],
            "next_steps": list(self.next_steps),
            "help_now": self.help_now,
            "resources": [dict(resource) for resource in self.resources],
        }


def assess(
    instrument_id: str,
    answers: RawAnswers,
    *,
    country: str | None = None,
    lang: str | None = None,
) -> ScreeningResult:
    """Score the answers, apply the rules and attach next steps and help-now resources.

    `lang` changes the words only: the English instrument and rules score every language.
    Raises UnknownInstrument, AnswerError (naming the item and the allowed values),
    UnknownCountry (an invalid country code) or UnknownLanguage.
    """
    # Imported here so that scoring and its tests do not depend on the crisis-line directory.
    from waylight.core.resources import help_for

    code = normalise_language(lang)
    instrument = load_instrument(instrument_id)
    shown = load_instrument(instrument.id, code)
    scored = score(instrument, answers)
    help_here = help_for(country, lang=code)
    flags = tuple(evaluate(instrument.id, scored, lang=code))
    wording = load_wording(code)
    help_now = any(flag.hard for flag in flags)
    return ScreeningResult(
        instrument=instrument.id,
        title=shown.title,
        total=scored.total,
        max_total=instrument.max_total,
        band=scored.band.id if scored.band else None,
        band_label=_band_label(shown, scored),
        result=scored.result,
        result_label=_result_label(shown, scored),
        flags=flags,
        next_steps=tuple(wording.step(key) for key in next_step_keys(scored, flags)),
        help_now=help_now,
        resources=tuple(help_here.to_resources()),
        about=wording.about[instrument.about],
        attribution=shown.licence,
        citation=instrument.citation,
        help_heading=wording.help_heading,
        help_always=wording.help_always,
        country=help_here.code,
        country_help=help_here,
        total_note=wording.total_beside_trigger if help_now and scored.total is not None else None,
        lang=code,
        shown=shown,
    )


def _band_label(shown: Instrument, scored: Score) -> str | None:
    if scored.band is None or not isinstance(shown.scoring, SumScoring):
        return None
    return next(b.label for b in shown.scoring.bands if b.id == scored.band.id)


def _result_label(shown: Instrument, scored: Score) -> str | None:
    if scored.outcome is not None and not isinstance(shown.scoring, SumScoring):
        return shown.scoring.outcome(scored.outcome.id).label
    if scored.band is not None and scored.band.result:
        return _band_label(shown, scored)
    return None


def next_step_keys(scored: Score, flags: tuple[Flag, ...]) -> list[str]:
    """Keys of the next steps, most urgent first: hard triggers, the result, flags, always.

    When a hard trigger fires, the trigger speaks first and the total's band text gives way:
    a low total must never sit beside it as reassurance ("lowest range", "check again in two
    weeks"). An instrument's own triage outcome (the ASQ's) is kept: it is about the trigger.
    """
    hard = [f.next_step for f in flags if f.hard and f.next_step]
    keys: list[str] = list(hard)
    band_step = scored.band is not None and scored.outcome is None
    if scored.next_step and not (hard and band_step):
        keys.append(scored.next_step)
    keys += [f.next_step for f in flags if not f.hard and f.next_step]
    keys += scored.instrument.always_next_steps
    # "Right now" outranks "today": when both are due, the more urgent one is enough.
    if "help_now_immediately" in keys or scored.result == "acute_positive":
        keys = [k for k in keys if k != "help_now_today"]
    return list(dict.fromkeys(keys))
