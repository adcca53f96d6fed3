"""The learned reader inside the detector: which texts its full heads read, what it raises, and
how a raised result is shown.

Fakes stand in for the trained reader and the encoder where a test needs exact scores; the last
tests use the shipped reader on wording no rule lists.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from tests.fake_readers import FakeEncoder, FakeReader

from waylight.core.textrisk import Detector
from waylight.core.textrisk.detector import READER_RISK, READER_SELF_HARM
from waylight.core.textrisk.reader import Reader


def detector(reader: FakeReader, encoder: FakeEncoder | None = None) -> Detector:
    return Detector(None, reader=reader, encoder=encoder or FakeEncoder())  # type: ignore[arg-type]


def test_a_text_no_rule_lists_is_raised_by_the_reader_and_its_sentence_marked() -> None:
    reader = FakeReader(by_word={"lights": (0.97, 0.0)})
    text = "Long week at work. I want the lights to go out on me for good."
    result = detector(reader).analyse(text)
    assert (result.suicide_risk.level, result.concern, result.help_now) == (
        "ideation",
        "concern",
        True,
    )
    (signal,) = [s for s in result.signals if s.rule == READER_RISK]
    assert signal.text == "I want the lights to go out on me for good."
    assert text[signal.start : signal.end] == signal.text
    assert "trained reader" in result.explanation
    assert "in sentence 2 of 2" in result.explanation  # named by its place, never quoted
    assert "lights" not in result.explanation
    assert result.resources


def test_layers_read_once_can_be_combined_again_at_another_operating_point() -> None:
    # A threshold sweep reads the texts once and combines them at each point of its grid.
    reader = FakeReader(by_word={"lights": (0.7, 0.0)})
    texts = ["Long week at work. I want the lights to go out on me for good.", "Lunch at noon?"]
    found = detector(reader)
    layers = found.layers(texts)
    assert (
        [found.combined(one).level for one in layers]
        == [r.suicide_risk.level for r in found.analyse_many(texts)]
        == ["ideation", "none"]
    )
    read_before = len(reader.fast_read)
    strict = dict(found.op.reader["full"], at_risk=0.8)
    stricter = replace(found.op, reader={**found.op.reader, "full": strict})
    assert [found.combined(one, stricter).level for one in layers] == ["indicator", "none"]
    assert len(reader.fast_read) == read_before  # combining again reads nothing again


def test_reader_self_harm_marks_the_sentence_that_carries_it() -> None:
    reader = FakeReader(by_word={"arms": (0.0, 0.95)})
    result = detector(reader).analyse("Summer is here. My arms tell the story of last night.")
    assert result.self_harm.present
    (signal,) = [s for s in result.signals if s.rule == READER_SELF_HARM]
    assert signal.text == "My arms tell the story of last night."
    assert "self-harm in sentence 2 of 2" in result.explanation
    assert "arms" not in result.explanation
    alone = detector(reader).analyse("my arms tell the story")
    assert "in its only sentence" in alone.explanation


def test_a_raised_level_never_quotes_a_weaker_rule_phrase_as_its_reason() -> None:
    # The rules read a past signal; the reader raises current self-harm. The explanation must
    # not present the past phrase as the words that say so.
    reader = FakeReader(fast=(0.0, 0.95))
    result = detector(reader).analyse("I used to self-harm, 2 years clean. Tonight was bad.")
    assert result.self_harm.present
    assert result.explanation.startswith("The text describes self-harm.")
    assert "About the past, kept as a signal to watch" in result.explanation


def test_a_short_text_without_a_rule_match_is_not_read_by_the_reader() -> None:
    # On a few words the reader's scores are its corpus's priors ("Export me" read as at risk).
    min_words = int(Detector(None).op.reader["short"]["min_words"])
    reader = FakeReader(fast=(0.99, 0.99), full=(0.99, 0.99))
    short = " ".join(["word"] * (min_words - 1))
    assert detector(reader).analyse(short).suicide_risk.level == "none"
    assert reader.fast_read == [] and reader.full_read == []
    longer = " ".join(["word"] * min_words)
    assert detector(reader).analyse(longer).suicide_risk.level == "ideation"
    # A rule match makes a short text worth reading (here a denied one: the vetoed thresholds).
    detector(reader).analyse("never kill myself")
    assert "never kill myself" in reader.fast_read


def test_a_single_text_is_read_by_the_full_heads() -> None:
    reader, encoder = FakeReader(fast=(0.0, 0.0), full=(0.97, 0.0)), FakeEncoder()
    result = detector(reader, encoder).analyse("the world would keep turning without me")
    assert encoder.encoded == ["the world would keep turning without me"]
    assert result.suicide_risk.level == "ideation"


def test_the_batch_path_encodes_only_the_texts_the_fast_heads_are_unsure_about() -> None:
    band = Detector(None).op.reader["unsure"]
    unsure = (band["low"] + band["high"]) / 2
    reader = FakeReader(by_word={"maybe": (unsure, 0.0), "sure": (0.99, 0.0)})
    encoder = FakeEncoder()
    batch = detector(reader, encoder).variant(second_reader="unsure")
    texts = ["a quiet day", "maybe it does not matter", "sure of it, I am done"]
    batch.analyse_many(texts)
    assert encoder.encoded == ["maybe it does not matter"]
    assert reader.full_read == ["maybe it does not matter"]


def test_without_the_encoder_only_the_fast_heads_read() -> None:
    reader, encoder = FakeReader(fast=(0.0, 0.0), full=(0.99, 0.99)), FakeEncoder()
    result = detector(reader, encoder).variant(second_reader=False).analyse("a grey day")
    assert encoder.encoded == [] and reader.full_read == []
    assert result.suicide_risk.level == "none" and not result.self_harm.present


@pytest.mark.parametrize(
    "text",
    [
        "My daughter says she wants to kill herself",
        "If I ever wanted to kill myself I would tell someone",
        "I would never kill myself",
    ],
)
def test_what_context_sets_aside_needs_the_stricter_vetoed_thresholds(text: str) -> None:
    vetoed = Detector(None).op.reader["vetoed"]["at_risk"]
    reader = FakeReader(fast=(vetoed - 0.05, 0.0))
    result = detector(reader).analyse(text)
    assert result.suicide_risk.level in ("none", "indicator")
    assert not result.self_harm.present


def test_single_texts_get_the_encoder_and_batches_do_not() -> None:
    # The encoder reads tens of 100-word posts a second: in the batch path it would pull
    # check-text --jsonl far under 2,000 posts a second (docs/benchmarks.md).
    assert Detector.default().full_reads == "all"
    assert Detector.batch().full_reads == "none"
    assert Detector.batch().reader is Detector.default().reader


def test_without_trained_readers_the_version_says_none() -> None:
    assert Detector(None).analyse("hello").model_version == "none"
    assert detector(FakeReader()).variant(model=False).reader is None


# ------------------------------------------------------------------ the shipped reader

shipped = pytest.mark.skipif(not Reader.available(), reason="no learned reader in this checkout")


@shipped
def test_the_shipped_detector_reads_an_image_no_rule_lists() -> None:
    result = Detector.default().analyse("the world would keep turning without me, maybe better")
    assert result.suicide_risk.level in ("ideation", "behavior")
    assert result.help_now
    assert any(s.rule == READER_RISK for s in result.signals)
    assert result.model_version.startswith("text-model-")


@shipped
def test_the_shipped_detector_reads_self_harm_in_shorthand() -> None:
    for text in (
        "sh'd again last night, 40 days clean gone",
        "nobody can know what I did to my arms",
    ):
        result = Detector.default().analyse(text)
        assert result.self_harm.present, text


@shipped
@pytest.mark.parametrize(
    "text",
    [
        "We painted the kitchen a light green colour",
        "This exam is killing me lol",
        "My friend told me she self-harms and I don't know how to help her",
    ],
)
def test_the_shipped_detector_leaves_everyday_talk_and_supporters_alone(text: str) -> None:
    result = Detector.default().analyse(text)
    assert result.suicide_risk.level in ("none", "indicator")
    assert not result.self_harm.present


@shipped
def test_the_shipped_reader_gives_probabilities() -> None:
    reader = Reader.load()
    texts = ["I don't want to be alive anymore", "I have been hurting myself again", "hi"]
    detector = Detector.default()
    scores = reader.score(texts, detector.signal_vectors(texts))
    assert scores.levels.shape == (3, 5)
    assert np.allclose(scores.levels.sum(axis=1), 1.0)
    assert np.all((scores.self_harm >= 0) & (scores.self_harm <= 1))
    assert scores.at_risk()[0] > scores.at_risk()[2]
    assert scores.self_harm[1] > scores.self_harm[2]


@shipped
def test_the_operating_point_holds_the_thresholds_the_reader_was_trained_with() -> None:
    # train_reader chooses them on out-of-writer predictions; the content file must agree.
    info = Reader.load().info
    reader_point = Detector.default().op.reader
    for heads in ("fast", "full"):
        assert reader_point[heads] == pytest.approx(info["thresholds"][heads]), heads
