"""FHIR R4 exports: every resource validates against the R4B models of fhir.resources (its
default package is R5), LOINC codes are where they belong, and every listed code has a valid
LOINC check digit (a typo in a code is caught here, not in a clinic's system)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from waylight.core.care.fhir import LOINC, ExportedAnswers, _codes, fhir_bundle
from waylight.core.instruments import list_instruments

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)

RESULTS = [
    ExportedAnswers(1, "phq9", WHEN, ["1", "2", "0", "1", "0", "1", "0", "0", "1", "1"]),
    ExportedAnswers(2, "gad7", WHEN, ["2", "2", "1", "1", "0", "0", "3", "2"]),
    ExportedAnswers(3, "asq", WHEN, ["yes", "no", "no", "no", "yes"]),
    ExportedAnswers(4, "phqa", WHEN, ["0"] * 9 + ["no", "", "no", "no"]),
    ExportedAnswers(5, "phq2", WHEN, ["1", "1"]),
    ExportedAnswers(6, "phq9", WHEN.replace(day=20), ["0"] * 9),
]


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.fixture(scope="module")
def bundle() -> dict:
    return fhir_bundle(RESULTS, person_ref="ref-123", made_at=WHEN)


def test_the_bundle_and_every_resource_validate_as_fhir_r4(bundle: dict) -> None:
    Bundle.model_validate(bundle)
    for q in resources(bundle, "Questionnaire"):
        Questionnaire.model_validate(q)
    for qr in resources(bundle, "QuestionnaireResponse"):
        QuestionnaireResponse.model_validate(qr)
    for obs in resources(bundle, "Observation"):
        Observation.model_validate(obs)
    assert bundle["type"] == "collection"


def test_one_questionnaire_per_instrument_and_a_response_and_observation_per_result(
    bundle: dict,
) -> None:
    assert len(resources(bundle, "Questionnaire")) == 5
    assert len(resources(bundle, "QuestionnaireResponse")) == 6
    assert len(resources(bundle, "Observation")) == 6
    patient = resources(bundle, "Patient")[0]
    assert patient["identifier"][0]["value"] == "ref-123" and "name" not in patient


def _loinc(codings: list[dict]) -> list[str]:
    return [c["code"] for c in codings if c["system"] == LOINC]


def test_phq9_and_gad7_totals_carry_their_loinc_codes(bundle: dict) -> None:
    totals = {
        tuple(_loinc(o["code"]["coding"])): o.get("valueInteger")
        for o in resources(bundle, "Observation")
    }
    assert totals[("44261-6",)] in (7, 0)
    assert totals[("70274-6",)] == 9
    phq9 = next(q for q in resources(bundle, "Questionnaire") if q["url"].endswith("phq9"))
    assert _loinc(phq9["code"]) == ["44249-1"]
    item9 = next(i for i in phq9["item"] if i["linkId"] == "9")
    assert _loinc(item9["code"]) == ["44260-8"]
    answers = [o["valueCoding"]["code"] for o in item9["answerOption"]]
    assert answers == ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
    gad7 = next(q for q in resources(bundle, "Questionnaire") if q["url"].endswith("gad7"))
    assert _loinc(gad7["code"]) == ["69737-5"]
    assert _loinc(gad7["item"][0]["code"]) == ["69725-0"]
    # The one GAD-7 item we could not confirm a code for carries none.
    assert _loinc(gad7["item"][7]["code"]) == []


def test_answers_match_the_questionnaire_options(bundle: dict) -> None:
    questionnaires = {q["url"]: q for q in resources(bundle, "Questionnaire")}
    for response in resources(bundle, "QuestionnaireResponse"):
        q = questionnaires[response["questionnaire"]]
        options = {i["linkId"]: [o["valueCoding"] for o in i["answerOption"]] for i in q["item"]}
        for item in response["item"]:
            assert item["answer"][0]["valueCoding"] in options[item["linkId"]]


def test_a_hard_trigger_is_written_into_the_observation(bundle: dict) -> None:
    asq = next(
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == "asq-result"
    )
    assert asq["valueCodeableConcept"]["coding"][0]["code"] == "asq-acute_positive"
    assert any("HT-ASQ-ACUTE" in n["text"] for n in asq["note"])
    quiet = [o for o in resources(bundle, "Observation") if o.get("valueInteger") == 0]
    assert quiet and all("note" not in o for o in quiet)


def test_ids_are_stable_and_answers_that_no_longer_score_are_left_out() -> None:
    one = fhir_bundle(RESULTS[:1], person_ref="p", made_at=WHEN)
    two = fhir_bundle(RESULTS[:1], person_ref="p", made_at=WHEN)
    assert one == two
    broken = ExportedAnswers(9, "phq9", WHEN, ["7"] * 9)
    assert len(fhir_bundle([broken], person_ref="p", made_at=WHEN)["entry"]) == 1


def loinc_check_digit(body: str) -> int:
    """LOINC's mod 10 check digit of the part before the dash."""
    digits = [int(c) for c in body if c.isdigit()]
    odd = "".join(str(d) for d in reversed(digits[::-1][0::2]))  # 1st, 3rd... from the right
    even = "".join(str(d) for d in reversed(digits[::-1][1::2]))
    number = even + str(int(odd) * 2)
    total = sum(int(c) for c in number)
    return (10 - total % 10) % 10


def every_listed_code() -> list[str]:
    """The term codes (panels, items, totals). Answer codes (LA...) use another check and are
    compared with LOINC's published answer list LL358-3 in the test above."""
    data = _codes()
    codes: list[str] = []
    for entry in data["instruments"].values():
        codes += [entry["panel"], entry["total"], *entry["items"].values()]
    return codes


@pytest.mark.parametrize("code", every_listed_code())
def test_every_loinc_code_has_a_valid_check_digit(code: str) -> None:
    body, check = code.rsplit("-", 1)
    assert loinc_check_digit(body) == int(check), code


def test_the_check_digit_function_is_right_on_known_codes() -> None:
    assert loinc_check_digit("44261") == 6
    assert loinc_check_digit("12345") == 5  # LOINC's own worked example
    assert loinc_check_digit("44261") != 7


def test_every_instrument_exports() -> None:
    for instrument in list_instruments():
        assert instrument.id in {r.instrument for r in RESULTS}
