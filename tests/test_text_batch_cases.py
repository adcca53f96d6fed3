"""The batch path on Waylight's dev cases (tests/data/text_cases/dev.yaml).

`tests/test_text_hard_cases.py` pins every dev case on the single-text path (the learned reader's
full heads, with the sentence encoder). The batch path (`Detector.batch()`: rules and the fast
heads, no encoder; `check-text --jsonl`, `waylight scan`, `training.second_readings --path
batch`) reads the same texts with other heads, so it is pinned here too: every dev case must
give its single-text pinned answer on the batch path, unless tests/data/dev_case_batch_repins.yaml
lists it with its batch answer and why. The detector is built once for the module, and the dev
cases are read in one batch.
"""

from __future__ import annotations

import pytest
import yaml
from tests.test_text_hard_cases import CASES, CASES_FILE, pinned_answer

from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import Case
from waylight.core.textrisk.result import TextResult

BATCH_REPINS_FILE = CASES_FILE.parent.parent / "dev_case_batch_repins.yaml"
BATCH_REPINS: dict[str, dict[str, object]] = {
    r["text"]: r
    for r in yaml.safe_load(BATCH_REPINS_FILE.read_text(encoding="utf-8"))["repins"] or []
}
Answer = tuple[object, object, object]


def answer(got: object) -> Answer:
    assert isinstance(got, dict)
    return (got["suicide"], got["self_harm"], got["concern"])


def batch_pinned_answer(case: Case) -> Answer:
    """The case's single-text pinned answer, or its batch repin's answer where it has one."""
    repin = BATCH_REPINS.get(case.text)
    return pinned_answer(case) if repin is None else answer(repin["got"])


@pytest.fixture(scope="module")
def batch_results() -> list[TextResult]:
    return Detector.batch().analyse_many([c.text for c in CASES])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.text[:40] for c in CASES])
def test_every_dev_case_is_pinned_on_the_batch_path(
    batch_results: list[TextResult], index: int
) -> None:
    case, result = CASES[index], batch_results[index]
    got = (result.suicide_risk.level, result.self_harm.present, result.concern)
    assert got == batch_pinned_answer(case), result.explanation


def test_every_batch_repin_names_a_dev_case_still_differs_and_says_why() -> None:
    by_text = {c.text: c for c in CASES}
    for text, repin in BATCH_REPINS.items():
        case = by_text.get(text)
        assert case is not None, f"not a dev case: {text}"
        # A batch repin is a difference from the single-text path, written down: an entry
        # whose batch answer is the single-text one is no longer a difference.
        assert batch_pinned_answer(case) != pinned_answer(case), text
        # It records both answers it stands between, as they are pinned now.
        assert answer(repin.get("single_text")) == pinned_answer(case), text
        assert answer(repin.get("label")) == (case.suicide, case.self_harm, case.concern), text
        why = repin.get("why")
        assert isinstance(why, str) and len(why) > 40 and why.rstrip().endswith("."), text
    # Batch repins are exceptions, not a second label set.
    assert len(BATCH_REPINS) <= len(CASES) // 20


def test_the_batch_path_is_the_rules_and_fast_heads_without_the_encoder() -> None:
    # What this file pins is the batch path as its callers build it.
    detector = Detector.batch()
    assert detector.full_reads == "none"
    assert "full heads" not in detector.layers_description()
