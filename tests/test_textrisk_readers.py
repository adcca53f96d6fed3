"""The sentence readers inside the detector: the fast gate, the second reader, their context.

Fakes stand in for the trained readers where a test needs exact scores; the last tests use the
shipped readers on wording no rule lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pytest

from waylight.core.textrisk import Detector
from waylight.core.textrisk.detector import MAX_SECOND_SENTENCES, READER_RISK, READER_SELF_HARM
from waylight.core.textrisk.model import ModelScores
from waylight.core.textrisk.semantic import SemanticReader


class FakeModel:
    """A post model that scores nothing, with sentence heads that score every sentence alike."""

    has_sentence_heads = True
    info: ClassVar[dict[str, str]] = {"version": "fake-1"}

    def __init__(self, gate: float = 0.5) -> None:
        self.gate = gate

    def predict(self, texts: Sequence[str]) -> ModelScores:
        n = len(texts)
        zeros = np.zeros(n)
        return ModelScores(zeros, zeros.copy(), zeros.copy(), np.tile([1.0, 0, 0, 0], (n, 1)))

    def score_sentences(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        n = len(sentences)
        return np.full(n, self.gate), np.full(n, self.gate)


class FakeSecond:
    """A second reader that remembers what it was asked to read."""

    def __init__(self, risk: float = 0.0, self_harm: float = 0.0) -> None:
        self.scores = (risk, self_harm)
        self.read: list[str] = []

    def score_sentences(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        self.read.extend(sentences)
        n = len(sentences)
        return np.full(n, self.scores[0]), np.full(n, self.scores[1])


def detector(second: FakeSecond, *, gate: float = 0.5) -> Detector:
    return Detector(FakeModel(gate), second_reader=second)  # type: ignore[arg-type]


def test_a_sentence_no_rule_lists_is_raised_by_the_second_reader_and_marked() -> None:
    second = FakeSecond(risk=0.95)
    result = detector(second).analyse("I want the lights to go out on me for good.")
    assert (result.suicide_risk.level, result.concern, result.help_now) == (
        "ideation",
        "concern",
        True,
    )
    (signal,) = [s for s in result.signals if s.rule == READER_RISK]
    assert signal.text == "I want the lights to go out on me for good."
    assert "trained reader" in result.explanation
    assert "lights" not in result.explanation  # the sentence itself is never quoted
    assert result.model_version.startswith("text-model-")
    assert Detector(None).analyse("hello").model_version == "none"


def test_a_self_harm_sentence_is_behaviour_and_an_urge_an_indicator() -> None:
    act = detector(FakeSecond(self_harm=0.95)).analyse("my arms tell the story of last night")
    assert (act.suicide_risk.level, act.self_harm.present) == ("behavior", True)
    assert [s.rule for s in act.signals] == [READER_SELF_HARM]
    urge = detector(FakeSecond(self_harm=0.95)).analyse("all I want is that feeling again")
    assert (urge.suicide_risk.level, urge.self_harm.present, urge.concern) == (
        "indicator",
        True,
        "concern",
    )


@pytest.mark.parametrize(
    "text",
    [
        "My daughter says she wants the lights to go out on her",
        "If I ever wanted the lights to go out I would tell someone",
        "I used to want the lights to go out, years ago",
        "I want the lights to go out on me lol",
    ],
)
def test_the_second_reader_never_sees_what_context_sets_aside(text: str) -> None:
    second = FakeSecond(risk=0.99, self_harm=0.99)
    result = detector(second).analyse(text)
    assert result.suicide_risk.level in ("none", "indicator")
    assert not result.self_harm.present
    assert second.read == []


def test_below_the_fast_gate_the_second_reader_is_not_asked() -> None:
    second = FakeSecond(risk=0.99)
    result = detector(second, gate=0.0).analyse("I want the lights to go out on me for good")
    assert result.suicide_risk.level == "none"
    assert second.read == []


def test_a_long_history_sends_at_most_a_few_newest_sentences() -> None:
    second = FakeSecond()
    text = " ".join(f"Day {i} felt heavy." for i in range(3 * MAX_SECOND_SENTENCES))
    detector(second).analyse(text)
    assert len(second.read) == MAX_SECOND_SENTENCES
    assert second.read[0] == f"Day {3 * MAX_SECOND_SENTENCES - 1} felt heavy."


def test_without_the_second_reader_no_sentence_raises_anything() -> None:
    result = (
        detector(FakeSecond(risk=0.99))
        .variant(second_reader=False)
        .analyse("I want the lights to go out on me for good")
    )
    assert result.suicide_risk.level == "none"


def test_the_rules_off_ablation_reads_sentences_without_context() -> None:
    second = FakeSecond(risk=0.99)
    result = detector(second).variant(rules=False).analyse("My daughter says she wants to die")
    assert result.suicide_risk.level == "ideation"  # the model alone cannot tell whose it is


# ------------------------------------------------------------------ the shipped readers

pytestmark_shipped = pytest.mark.skipif(
    not SemanticReader.available(), reason="no second reader in this checkout"
)


@pytestmark_shipped
def test_the_shipped_second_reader_reads_an_image_no_rule_lists() -> None:
    text = "the world would keep turning without me, maybe better"
    full = Detector.default()
    assert full.analyse(text).suicide_risk.level == "ideation"
    assert full.variant(second_reader=False).analyse(text).suicide_risk.level == "none"


@pytestmark_shipped
def test_the_shipped_second_reader_scores_meaning_not_words() -> None:
    reader = SemanticReader.load()
    risk, harm = reader.score_sentences(
        [
            "I don't want to be alive anymore",
            "I have been hurting myself again",
            "We painted the kitchen a light green colour",
        ]
    )
    assert risk[0] > 0.5 > risk[2]
    assert harm[1] > 0.5 > harm[2]
    assert np.all((risk >= 0) & (risk <= 1)) and np.all((harm >= 0) & (harm <= 1))
