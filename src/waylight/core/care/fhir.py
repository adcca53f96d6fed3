"""Questionnaire results as FHIR R4 resources, with LOINC codes where LOINC has them.

    >>> from datetime import datetime, UTC
    >>> result = ExportedAnswers(3, "phq9", datetime(2026, 3, 2, tzinfo=UTC), ["1"] * 9)
    >>> bundle = fhir_bundle([result], person_ref="p-1", made_at=result.when)
    >>> [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    ['Patient', 'Questionnaire', 'QuestionnaireResponse', 'Observation']

One `Bundle` (type `collection`) holds a `Patient` known only by a pseudonymous identifier (no
name: Waylight keeps none), one `Questionnaire` per instrument used, and for each result its
`QuestionnaireResponse` and an `Observation` for its total (the ASQ, which has no total, for its
outcome). Results are scored again with today's rules. A hard trigger is written into the
Observation's note, so the record says what needs following up. The LOINC codes are content
(content/care/fhir.yaml): what we could not confirm is not coded, never guessed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import InputError
from waylight.core.instruments import Instrument, Item, load_instrument
from waylight.core.rules import evaluate
from waylight.core.scoring import Score, score

FHIR_FILE = "care/fhir.yaml"
LOINC = "http://loinc.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
# Waylight's own code systems, for what LOINC does not (or we could not confirm) code.
WAYLIGHT = "urn:waylight:fhir"
QUESTIONNAIRE_BASE = f"{WAYLIGHT}:Questionnaire:"
ANSWERS_SYSTEM = f"{WAYLIGHT}:answers"
ITEMS_SYSTEM = f"{WAYLIGHT}:items"
TOTALS_SYSTEM = f"{WAYLIGHT}:totals"
PERSON_SYSTEM = f"{WAYLIGHT}:person"
# Stable resource ids: the same result exported twice gets the same ids.
_NAMESPACE = uuid.UUID("6f1d7a52-3c1e-4b7e-9a59-2c4f0e6b1d10")


@dataclass(frozen=True)
class ExportedAnswers:
    """One kept result as stored: its id, questionnaire, when it was kept, answers in order."""

    id: int
    instrument: str
    when: datetime
    answers: Sequence[str | int]


@cache
def _codes() -> dict[str, Any]:
    data: dict[str, Any] = load_data(FHIR_FILE, schema="care_fhir")
    return data


def loinc_total(instrument_id: str) -> str | None:
    """The LOINC code of an instrument's total score, or None where none is listed."""
    entry = _codes()["instruments"].get(instrument_id)
    return None if entry is None else str(entry["total"])


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _item_code(instrument: Instrument, item: Item) -> dict[str, str]:
    loinc = _codes()["instruments"].get(instrument.id, {}).get("items", {}).get(item.id)
    if loinc:
        return {"system": LOINC, "code": loinc}
    return {"system": ITEMS_SYSTEM, "code": f"{instrument.id}-{item.id}"}


def _answer_coding(instrument: Instrument, item: Item, value: int | str) -> dict[str, Any]:
    label = item.label_for(value)
    entry = _codes()["instruments"].get(instrument.id, {})
    if item.id in entry.get("answer_list_items", ()):
        code = _codes()["frequency_answers"].get(label)
        if code:
            return {"system": LOINC, "code": code, "display": label}
    return {
        "system": ANSWERS_SYSTEM,
        "code": f"{instrument.id}-{item.id}-{value}",
        "display": label,
    }


def questionnaire_url(instrument: Instrument) -> str:
    return f"{QUESTIONNAIRE_BASE}{instrument.id}"


def questionnaire(instrument: Instrument) -> dict[str, Any]:
    """The instrument as a FHIR R4 Questionnaire (its items, options and licence)."""
    entry = _codes()["instruments"].get(instrument.id)
    items = []
    for item in instrument.items:
        options = []
        for option in item.options:
            one: dict[str, Any] = {"valueCoding": _answer_coding(instrument, item, option.value)}
            if isinstance(option.value, int):
                one["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": option.value}]
            options.append(one)
        items.append(
            {
                "linkId": item.id,
                "code": [_item_code(instrument, item)],
                "text": " ".join(item.text.split()),
                "type": "choice",
                "required": bool(item.required and item.asked_if is None),
                "answerOption": options,
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": _uuid("questionnaire", instrument.id, instrument.version),
        "url": questionnaire_url(instrument),
        "version": instrument.version,
        "name": instrument.short_title.replace("-", ""),
        "title": instrument.title,
        "status": "active",
        "subjectType": ["Patient"],
        "copyright": " ".join(instrument.licence.split()),
        "item": items,
    }
    if entry is not None:
        resource["code"] = [{"system": LOINC, "code": entry["panel"]}]
    return resource


def questionnaire_response(
    instrument: Instrument, result: ExportedAnswers, scored: Score, patient_id: str
) -> dict[str, Any]:
    """The answers of one result as a FHIR R4 QuestionnaireResponse (skipped items left out)."""
    items = []
    for item in instrument.items:
        value = scored.answers.get(item.id)
        if value is None:
            continue
        items.append(
            {
                "linkId": item.id,
                "text": " ".join(item.text.split()),
                "answer": [{"valueCoding": _answer_coding(instrument, item, value)}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid("response", result.id),
        "questionnaire": questionnaire_url(instrument),
        "status": "completed",
        "subject": _ref(patient_id),
        "authored": _when(result.when),
        "item": items,
    }


def observation(
    instrument: Instrument, result: ExportedAnswers, scored: Score, patient_id: str
) -> dict[str, Any]:
    """The total (or, for the ASQ, the outcome) of one result as a FHIR R4 Observation."""
    loinc = loinc_total(instrument.id)
    coding = (
        {"system": LOINC, "code": loinc}
        if loinc
        else {"system": TOTALS_SYSTEM, "code": f"{instrument.id}-total"}
    )
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _uuid("observation", result.id),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": [coding], "text": f"{instrument.short_title} total score"},
        "subject": _ref(patient_id),
        "effectiveDateTime": _when(result.when),
        "derivedFrom": [_ref(_uuid("response", result.id))],
    }
    if scored.total is not None:
        resource["valueInteger"] = scored.total
        if scored.band is not None:
            resource["interpretation"] = [{"text": scored.band.label}]
    else:
        resource["code"] = {
            "coding": [{"system": TOTALS_SYSTEM, "code": f"{instrument.id}-result"}],
            "text": f"{instrument.short_title} result",
        }
        resource["valueCodeableConcept"] = {
            "coding": [{"system": ANSWERS_SYSTEM, "code": f"{instrument.id}-{scored.result}"}],
            "text": scored.result_label or str(scored.result),
        }
    hard = [flag for flag in evaluate(instrument.id, scored) if flag.hard]
    if hard:
        resource["note"] = [
            {"text": f"Hard trigger {flag.id}: {flag.rationale} (screening, not a diagnosis)"}
            for flag in hard
        ]
    return resource


def fhir_bundle(
    results: Sequence[ExportedAnswers], *, person_ref: str, made_at: datetime
) -> dict[str, Any]:
    """Every result as a FHIR R4 Bundle of type `collection`, oldest first.

    A result whose stored answers no longer score (an instrument changed) is left out rather
    than guessed at.
    """
    patient_id = _uuid("patient", person_ref)
    entries: list[dict[str, Any]] = [
        {
            "fullUrl": f"urn:uuid:{patient_id}",
            "resource": {
                "resourceType": "Patient",
                "id": patient_id,
                "identifier": [{"system": PERSON_SYSTEM, "value": person_ref}],
            },
        }
    ]
    seen: set[str] = set()
    for result in sorted(results, key=lambda r: (r.when, r.id)):
        try:
            instrument = load_instrument(result.instrument)
            scored = score(instrument, list(result.answers))
        except InputError:
            continue
        made = []
        if instrument.id not in seen:
            seen.add(instrument.id)
            made.append(questionnaire(instrument))
        made.append(questionnaire_response(instrument, result, scored, patient_id))
        made.append(observation(instrument, result, scored, patient_id))
        entries += [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in made]
    return {
        "resourceType": "Bundle",
        "id": _uuid("bundle", person_ref, _when(made_at)),
        "type": "collection",
        "timestamp": _when(made_at),
        "entry": entries,
    }
