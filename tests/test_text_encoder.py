"""The sentence encoder and its tokenizer, against the reference implementation.

tests/data/encoder_reference.json holds token ids and unit vectors that the reference
libraries (the `tokenizers` package and sentence-transformers with PyTorch, float32) gave for
three everyday sentences when the encoder was built. Waylight's numpy encoder with 8-bit weights
must give the same ids and nearly the same vectors, without either library installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from waylight.core.textrisk.encoder import SentenceEncoder, dequantise, quantise
from waylight.core.textrisk.sentences import MAX_WORDS, split_sentences

REFERENCE = json.loads(
    (Path(__file__).parent / "data" / "encoder_reference.json").read_text(encoding="utf-8")
)

pytestmark = pytest.mark.skipif(
    not SentenceEncoder.available(), reason="no encoder file in this checkout"
)


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_token_ids_match_the_reference_tokenizer(encoder: SentenceEncoder) -> None:
    for text, ids in zip(REFERENCE["texts"], REFERENCE["token_ids"], strict=True):
        assert encoder.tokenizer.encode(text, 128) == ids, text


def test_long_texts_are_cut_to_the_token_limit_with_the_end_marker(
    encoder: SentenceEncoder,
) -> None:
    ids = encoder.tokenizer.encode("word " * 500, 128)
    assert len(ids) == 128
    assert ids[0] == encoder.tokenizer.cls_id and ids[-1] == encoder.tokenizer.sep_id


def test_vectors_match_the_float32_reference(encoder: SentenceEncoder) -> None:
    got = encoder.encode(REFERENCE["texts"])
    want = np.array(REFERENCE["vectors"], dtype=np.float32)
    assert got.shape == want.shape == (3, 384)
    cosines = (got * want).sum(axis=1)
    assert cosines.min() > 0.998, cosines
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_batches_sorted_by_length_give_the_same_vectors_as_one_by_one(
    encoder: SentenceEncoder,
) -> None:
    texts = ["short", "a somewhat longer sentence about the weather today", "mid length text"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_quantise_round_trip_keeps_rows_within_half_a_step() -> None:
    rng = np.random.default_rng(0)
    w = rng.normal(size=(5, 7)).astype(np.float32)
    q, scale = quantise(w)
    assert q.dtype == np.int8
    assert np.all(np.abs(dequantise(q, scale) - w) <= scale[:, None] / 2 + 1e-7)


def test_a_string_is_refused_rather_than_split_into_characters(encoder: SentenceEncoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("one string")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("I want to die. Really!! ok", ["I want to die.", "Really!!", "ok"]),
        ("line one\nline two... and three?", ["line one", "line two...", "and three?"]),
        ("   ", []),
    ],
)
def test_sentences_split_at_ends_and_line_breaks(text: str, want: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == want


def test_a_run_on_sentence_is_cut_near_a_comma_and_no_piece_is_too_long() -> None:
    text = ", ".join(f"part {i} of a long line" for i in range(30))
    pieces = [text[a:b] for a, b in split_sentences(text)]
    assert len(pieces) > 1
    assert all(len(p.split()) <= MAX_WORDS for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_the_ascii_shortcut_splits_words_exactly_as_the_general_path(text: str) -> None:
    # ASCII texts (nearly all posts) take a regular-expression shortcut; it must give the
    # same words as BERT's pre-tokenizer, or the encoder and static table would read other ids.
    from waylight.core.textrisk import wordpiece

    general: list[str] = []
    for chunk in wordpiece._normalise(text).split():
        general.extend(wordpiece._split_punctuation(chunk))
    assert wordpiece.WordPiece(["[CLS]", "[SEP]", "[UNK]", "[PAD]"]).tokens(text) == general
