"""Screening questionnaires as data: items, options, scoring method and explicit bands.

Each instrument is one file under `content/instruments/`, validated against
`schema/instrument.schema.json` and then checked for what a schema cannot say: bands that
cover the whole range without gaps, option sets and scored items that exist, and conditions
written only with the closed operator set of `waylight.core.rules`.

In another language, `load_instrument(id, "es")` gives the same instrument (same items, values,
scoring and rules) with the words of `content/i18n/es/instruments/<id>.yaml`: either the
official published translation, word for word, with its source (`Instrument.lang` is "es"), or,
where no official translation can be cited, the English questions with Waylight's own words
around them translated and a `language_note` saying why (`Instrument.lang` stays "en"). A
questionnaire is never translated by Waylight itself: its wording is part of what was validated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from waylight.core.content import list_content, load_data
from waylight.core.errors import ContentError, UnknownInstrument
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language, words
from waylight.core.rules import Condition, check_condition

FOLDER = "instruments"


@dataclass(frozen=True)
class Option:
    """One answer a person can give: the value scored or stored, and the words shown."""

    value: int | str
    label: str


@dataclass(frozen=True)
class Item:
    """One question, numbered as on the printed form."""

    id: str
    topic: str
    text: str
    options: tuple[Option, ...]
    required: bool = True
    asked_if: Condition | None = None
    asked_when: str | None = None  # asked_if in words, for messages
    stem: str | None = None
    note: str | None = None
    option_set: str = ""  # the name of its option set in the content file

    @property
    def number(self) -> int:
        return int(self.id)

    @property
    def numeric(self) -> bool:
        """Whether answers are numbers (PHQ/GAD items) rather than words (yes/no items)."""
        return all(isinstance(option.value, int) for option in self.options)

    @property
    def values(self) -> tuple[int | str, ...]:
        return tuple(option.value for option in self.options)

    def allowed(self) -> str:
        """The allowed answers in words, e.g. `0, 1, 2 or 3 (0 = Not at all, ...)`."""
        values = [str(v) for v in self.values]
        listed = ", ".join(values[:-1]) + " or " + values[-1]
        if not self.numeric:
            return listed
        meanings = ", ".join(f"{o.value} = {o.label}" for o in self.options)
        return f"{listed} ({meanings})"

    def label_for(self, value: int | str | None) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return "not answered"


@dataclass(frozen=True)
class Band:
    """A score range with its label and the key of its next step."""

    id: str
    min: int
    max: int
    label: str
    next_step: str
    result: str | None = None

    def contains(self, total: int) -> bool:
        return self.min <= total <= self.max


@dataclass(frozen=True)
class Outcome:
    """An instrument's own outcome where it has one instead of bands (the ASQ).

    `result` is what scripts see (SPEC section 6: negative, non_acute_positive, acute_positive);
    a finer outcome such as "positive, acuity unknown" reports the result it is handled as.
    """

    id: str
    label: str
    next_step: str
    result: str = ""

    @property
    def reported(self) -> str:
        return self.result or self.id


@dataclass(frozen=True)
class SumScoring:
    """Total = sum of the listed items; the total falls in exactly one band."""

    items: tuple[str, ...]
    min: int
    max: int
    bands: tuple[Band, ...]

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.contains(total):
                return band
        raise ValueError(f"total {total} is outside {self.min}-{self.max}")


@dataclass(frozen=True)
class TriageScoring:
    """NIMH ASQ triage: a positive screen from the screen items, acuity from one item."""

    screen_items: tuple[str, ...]
    acuity_item: str
    positive_values: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)


Scoring = SumScoring | TriageScoring


@dataclass(frozen=True)
class Instrument:
    """A questionnaire with everything needed to show it, score it and credit it."""

    id: str
    title: str
    short_title: str
    order: int
    version: str
    citation: str
    licence: str
    source_url: str
    audience: str
    recall_period: str
    stem: str
    about: str
    notes: tuple[str, ...]
    items: tuple[Item, ...]
    scoring: Scoring
    always_next_steps: tuple[str, ...]
    lang: str = SOURCE_LANGUAGE  # the language of the questions and answers as shown
    requested_lang: str = SOURCE_LANGUAGE  # the language asked for
    language_note: str | None = None  # why the questions are in another language than asked
    wording_source: str | None = None  # a translation: where its wording comes from

    @property
    def shown_in_other_language(self) -> bool:
        """True when the questions are shown in English on a page in another language."""
        return self.lang != self.requested_lang

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    @property
    def min_answers(self) -> int:
        """Answers up to the last item that is always asked and always needed."""
        always = [i for i, item in enumerate(self.items, 1) if item.required and not item.asked_if]
        return max(always, default=0)

    @property
    def max_answers(self) -> int:
        return len(self.items)

    @property
    def max_total(self) -> int | None:
        return self.scoring.max if isinstance(self.scoring, SumScoring) else None

    def answer_pattern(self) -> str:
        """How answers are written, item by item, e.g. `1-9: 0-3; 10: 0-3, may be left empty`."""
        parts: list[str] = []
        run: list[Item] = []
        for item in self.items:
            if run and not _same_shape(run[-1], item):
                parts.append(_describe_run(run))
                run = []
            run.append(item)
        parts.append(_describe_run(run))
        return "; ".join(parts)

    def expected_count(self) -> str:
        low, high = self.min_answers, self.max_answers
        if low == high:
            return f"{low} answers"
        extra = ", ".join(
            f"question {item.id}" for item in self.items[low:] if item.asked_if or not item.required
        )
        return f"{low} answers ({high} with {extra})"


def _same_shape(a: Item, b: Item) -> bool:
    return (
        a.values == b.values
        and a.required == b.required
        and (a.asked_if is None) == (b.asked_if is None)
    )


def _describe_run(run: list[Item]) -> str:
    first, last = run[0], run[-1]
    where = first.id if first is last else f"{first.id}-{last.id}"
    item = first
    if item.numeric:
        values = [int(v) for v in item.values]
        allowed = f"{min(values)}-{max(values)}"
    else:
        allowed = "|".join(str(v) for v in item.values)
    if not item.required:
        allowed += ", may be left empty"
    elif item.asked_if:
        allowed += ", when asked"
    return f"{where}: {allowed}"


def _build(data: dict[str, Any], file: str) -> Instrument:
    sets = {
        name: tuple(Option(o["value"], o["label"]) for o in options)
        for name, options in data["option_sets"].items()
    }
    items: list[Item] = []
    for raw in data["items"]:
        if raw["options"] not in sets:
            raise ContentError(file, f"item {raw['id']} uses unknown option set {raw['options']}")
        if "asked_if" in raw:
            check_condition(raw["asked_if"], where=f"{file} (item {raw['id']})")
        items.append(
            Item(
                id=raw["id"],
                topic=raw["topic"],
                text=" ".join(raw["text"].split()),
                options=sets[raw["options"]],
                required=raw.get("required", True),
                asked_if=raw.get("asked_if"),
                asked_when=raw.get("asked_when"),
                stem=raw.get("stem"),
                note=raw.get("note"),
                option_set=raw["options"],
            )
        )
    if [item.number for item in items] != list(range(1, len(items) + 1)):
        raise ContentError(file, "items must be numbered 1, 2, 3, ... in order")
    known = {item.id for item in items}
    scoring = _build_scoring(data["scoring"], known, file)
    return Instrument(
        id=data["id"],
        title=data["title"],
        short_title=data["short_title"],
        order=data.get("order", 99),
        version=data["version"],
        citation=" ".join(data["citation"].split()),
        licence=" ".join(data["licence"].split()),
        source_url=data["source_url"],
        audience=data.get("audience", ""),
        recall_period=data["recall_period"],
        stem=data["stem"],
        about=data["about"],
        notes=tuple(data.get("notes", ())),
        items=tuple(items),
        scoring=scoring,
        always_next_steps=tuple(data.get("always_next_steps", ())),
    )


def _build_scoring(raw: dict[str, Any], known: set[str], file: str) -> Scoring:
    if raw["method"] == "asq_triage":
        missing = {*raw["screen_items"], raw["acuity_item"]} - known
        if missing:
            raise ContentError(file, f"scoring names unknown items {sorted(missing)}")
        needed = {"negative", "non_acute_positive", "acute_positive", "positive_acuity_unknown"}
        missing_outcomes = needed - {o["id"] for o in raw["outcomes"]}
        if missing_outcomes:
            raise ContentError(file, f"scoring lacks outcomes {sorted(missing_outcomes)}")
        return TriageScoring(
            screen_items=tuple(raw["screen_items"]),
            acuity_item=raw["acuity_item"],
            positive_values=tuple(raw["positive_values"]),
            outcomes=tuple(
                Outcome(o["id"], o["label"], o["next_step"], o.get("result", ""))
                for o in raw["outcomes"]
            ),
        )
    missing = set(raw["items"]) - known
    if missing:
        raise ContentError(file, f"scoring names unknown items {sorted(missing)}")
    bands = tuple(
        Band(b["id"], b["min"], b["max"], b["label"], b["next_step"], b.get("result"))
        for b in raw["bands"]
    )
    # Bands must tile min..max exactly: a gap would leave a total with no band, an overlap two.
    expected = raw["min"]
    for band in bands:
        if band.min != expected or band.max < band.min:
            raise ContentError(file, f"band {band.id} should start at {expected}", field="bands")
        expected = band.max + 1
    if expected != raw["max"] + 1:
        raise ContentError(file, f"bands end at {expected - 1}, not {raw['max']}", field="bands")
    return SumScoring(tuple(raw["items"]), raw["min"], raw["max"], bands)


@cache
def load_instrument(instrument_id: str, lang: str | None = None) -> Instrument:
    """One instrument by id (`phq9`, `phq2`, `phqa`, `gad7`, `asq`), in `lang` (default English).

    Whatever the language, items, values and scoring are the English file's: only words change.
    """
    code = normalise_language(lang)
    if code != SOURCE_LANGUAGE:
        return _translated(load_instrument(instrument_id), code)
    key = instrument_id.strip().lower().replace("-", "")
    if key not in instrument_ids():
        known = ", ".join(instrument_ids())
        raise UnknownInstrument(f"Unknown instrument {instrument_id!r}; choose one of: {known}.")
    file = f"{FOLDER}/{key}.yaml"
    data = load_data(file, schema="instrument")
    if data["id"] != key:
        raise ContentError(file, f"id {data['id']!r} does not match the file name")
    return _build(data, file)


@cache
def instrument_ids() -> tuple[str, ...]:
    """The ids of every shipped instrument, in file-name order."""
    return tuple(path.rsplit("/", 1)[-1].removesuffix(".yaml") for path in list_content(FOLDER))


def list_instruments(lang: str | None = None) -> list[Instrument]:
    """Every shipped instrument, in the order people should see them, in `lang`."""
    return sorted((load_instrument(i, lang) for i in instrument_ids()), key=lambda i: i.order)


# ------------------------------------------------------------------------------ translations


def _translated(english: Instrument, lang: str) -> Instrument:
    relpath = f"{FOLDER}/{english.id}.yaml"
    file = f"i18n/{lang}/{relpath}"
    raw = load_translation(relpath, lang, schema="instrument_i18n")
    if raw is None:
        # Nothing at all in this language yet: the English instrument, marked as such.
        return replace(english, requested_lang=lang)
    if raw["id"] != english.id:
        raise ContentError(file, f"id {raw['id']!r} does not match the file name")
    shared = {
        "title": raw["title"],
        "short_title": raw["short_title"],
        "audience": raw.get("audience", english.audience),
        "notes": tuple(words(n) for n in raw.get("notes", english.notes)),
        "scoring": _translated_labels(english.scoring, raw["labels"], file),
        "requested_lang": lang,
    }
    if raw["wording"] == "english_only":
        return replace(
            english,
            **shared,
            licence=words(raw.get("licence", english.licence)),
            language_note=words(raw["language_note"]),
        )
    source = raw["source"]
    return replace(
        english,
        **shared,
        version=raw["version"],
        licence=words(raw["licence"]),
        recall_period=raw["recall_period"],
        stem=raw["stem"],
        items=_translated_items(english, raw, file),
        lang=lang,
        wording_source=words(f"{source['name']} {' '.join(source['urls'])}"),
    )


def _translated_items(english: Instrument, raw: dict[str, Any], file: str) -> tuple[Item, ...]:
    sets: dict[str, list[str]] = raw["option_sets"]
    items: dict[str, dict[str, Any]] = raw["items"]
    if set(items) != {item.id for item in english.items}:
        raise ContentError(file, "an official translation must carry every item", field="items")
    translated: list[Item] = []
    for item in english.items:
        name = item.option_set
        labels = sets.get(name)
        if labels is None or len(labels) != len(item.options):
            raise ContentError(file, f"option set {name!r} needs {len(item.options)} labels")
        words_for = items[item.id]
        if bool(item.stem) != ("stem" in words_for):
            raise ContentError(file, f"item {item.id}: a stem exactly where the English has one")
        translated.append(
            replace(
                item,
                topic=words_for["topic"],
                text=words(words_for["text"]),
                options=tuple(
                    Option(o.value, label) for o, label in zip(item.options, labels, strict=True)
                ),
                stem=words_for.get("stem"),
                asked_when=words_for.get("asked_when", item.asked_when),
                note=words_for.get("note", item.note),
            )
        )
    return tuple(translated)


def _translated_labels(scoring: Scoring, labels: dict[str, str], file: str) -> Scoring:
    if isinstance(scoring, SumScoring):
        ids = {band.id for band in scoring.bands}
        if set(labels) != ids:
            raise ContentError(file, f"labels must name exactly the bands {sorted(ids)}")
        bands = tuple(replace(band, label=labels[band.id]) for band in scoring.bands)
        return replace(scoring, bands=bands)
    ids = {outcome.id for outcome in scoring.outcomes}
    if set(labels) != ids:
        raise ContentError(file, f"labels must name exactly the outcomes {sorted(ids)}")
    outcomes = tuple(replace(o, label=labels[o.id]) for o in scoring.outcomes)
    return replace(scoring, outcomes=outcomes)
