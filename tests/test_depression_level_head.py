"""The depression level head: its ordinal decision, its arithmetic, and the features it shares
with the learned reader inside the detector (computed once per batch, never again).

Example texts are our own, in general words only (SPEC section 3).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import sparse

from waylight.core.errors import ContentError
from waylight.core.textrisk import Detector
from waylight.core.textrisk.detector import READER_RISK, READER_SELF_HARM
from waylight.core.textrisk.features import N_FEATURES, hashed_counts
from waylight.core.textrisk.level_head import (
    FORMAT,
    LEVEL_HEAD_JSON,
    LEVEL_HEAD_NPZ,
    N_HEADS,
    LevelHead,
    ordinal_probabilities,
)
from waylight.core.textrisk.reader import Reader
from waylight.core.textrisk.shared_features import SharedFeatures, shared_features
from waylight.core.textrisk.static import DIMENSIONS, StaticEmbedder
from waylight.core.versions import model_version_of

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `training/` sits at the repo root, next to `src/`
    sys.path.insert(0, str(REPO))

from training.features import fit_idf, tfidf_matrix  # noqa: E402

POSTS = [
    "Work was long today. I made pasta and watched an old film, then went to bed early.",
    "I have felt empty for weeks. I sleep all day, nothing is fun any more and I stopped "
    "answering my friends. Everything is an effort.",
    "Some days are fine. Today I could not get out of bed and I cried in the shower.",
    "Our team won the match on Saturday and we celebrated with pizza afterwards.",
]


def head_with(bias: Sequence[float], *, rng_seed: int | None = None) -> LevelHead:
    """A level head with the given bias; random small weights when `rng_seed` is given."""
    rng = np.random.default_rng(rng_seed or 0)
    scale = 0.0 if rng_seed is None else 1.0
    return LevelHead(
        idf=np.ones(N_FEATURES, dtype=np.float32),
        sparse=(scale * rng.normal(size=(N_HEADS, N_FEATURES))).astype(np.float32),
        static=(scale * rng.normal(size=(DIMENSIONS, N_HEADS))).astype(np.float32),
        bias=np.asarray(bias, dtype=np.float64),
        temperature=1.0,
    )


# ----------------------------------------------------------------------------- the decision


def test_heads_are_made_monotone_a_level_cannot_skip_one_below() -> None:
    # "above moderate" and "above mild" say yes, "above none" says no: the level is none.
    p = ordinal_probabilities(np.array([[-1.0, 2.0, 3.0]]))
    assert int(p.argmax()) == 0
    # Once a head is below one half, the heads above it are too.
    p = ordinal_probabilities(np.array([[2.0, -0.5, 4.0]]))
    assert int(p.argmax()) == 1


def test_the_level_is_the_number_of_heads_at_or_above_one_half() -> None:
    rng = np.random.default_rng(7)
    log_odds = rng.normal(scale=3.0, size=(2000, 3))
    monotone = np.minimum.accumulate(log_odds, axis=1)
    counted = (monotone > 0).sum(axis=1)
    assert np.array_equal(ordinal_probabilities(log_odds).argmax(axis=1), counted)
    # Already monotone heads: simply those above one half.
    ordered = -np.sort(-log_odds, axis=1)
    assert np.array_equal(ordinal_probabilities(ordered).argmax(axis=1), (ordered > 0).sum(1))


def test_probabilities_are_the_softmax_of_running_sums_and_the_temperature_keeps_the_level() -> (
    None
):
    log_odds = np.array([[2.0, 1.0, -1.0]])
    scores = np.array([0.0, 2.0, 3.0, 2.0])
    want = np.exp(scores) / np.exp(scores).sum()
    assert ordinal_probabilities(log_odds)[0] == pytest.approx(want)
    warm = ordinal_probabilities(log_odds, temperature=2.0)[0]
    assert warm == pytest.approx(np.exp(scores / 2) / np.exp(scores / 2).sum())
    assert int(warm.argmax()) == 2 and warm.max() < want.max()  # flatter, same level
    rng = np.random.default_rng(3)
    many = rng.normal(scale=2.0, size=(500, 3))
    for t in (0.5, 1.0, 3.0):
        p = ordinal_probabilities(many, temperature=t)
        assert np.allclose(p.sum(axis=1), 1.0) and np.all(p >= 0.0)
        assert np.array_equal(p.argmax(axis=1), ordinal_probabilities(many).argmax(axis=1))


def test_bad_log_odds_or_temperature_are_refused() -> None:
    with pytest.raises(ValueError):
        ordinal_probabilities(np.zeros((2, 4)))
    with pytest.raises(ValueError):
        ordinal_probabilities(np.zeros((2, 3)), temperature=0.0)


def test_a_head_that_does_not_fit_the_features_is_refused_clearly() -> None:
    good = head_with([0.0, 0.0, 0.0])
    with pytest.raises(ContentError):
        LevelHead(good.idf[:10], good.sparse, good.static, good.bias, 1.0)
    with pytest.raises(ContentError):
        LevelHead(good.idf, good.sparse, good.static, good.bias, 0.0)
    with pytest.raises(ContentError):
        LevelHead.from_arrays({"idf": good.idf}, {})


# ----------------------------------------------------------------------------- arithmetic


def test_log_odds_are_trainings_tfidf_and_static_columns_times_the_weights() -> None:
    """The run-time head computes what scikit-learn computed on training's matrices."""
    static = StaticEmbedder.load()
    features = shared_features(POSTS, static)
    idf = fit_idf(hashed_counts(POSTS * 3, subwords=True))
    rng = np.random.default_rng(11)
    head = LevelHead(
        idf=idf.astype(np.float32),
        sparse=rng.normal(size=(N_HEADS, N_FEATURES)).astype(np.float32),
        static=rng.normal(size=(DIMENSIONS, N_HEADS)).astype(np.float32),
        bias=np.array([0.5, -0.2, -1.0]),
        temperature=1.3,
    )
    matrix = sparse.hstack(
        [
            tfidf_matrix(hashed_counts(POSTS, subwords=True), head.idf),
            sparse.csr_matrix(static.embed(POSTS).astype(np.float64)),
        ],
        format="csr",
    )
    coef = np.vstack([head.sparse.T, head.static]).astype(np.float64)
    want = matrix @ coef + head.bias
    assert head.log_odds(features) == pytest.approx(want, abs=1e-4)
    assert head.probabilities(features) == pytest.approx(ordinal_probabilities(want, 1.3), abs=1e-4)


def test_a_head_written_to_a_folder_reads_back_the_same(tmp_path: Path) -> None:
    head = head_with([0.1, 0.2, 0.3], rng_seed=5)
    np.savez_compressed(tmp_path / LEVEL_HEAD_NPZ, **head.to_arrays())
    (tmp_path / LEVEL_HEAD_JSON).write_text(json.dumps({"format": FORMAT}), encoding="utf-8")
    again = LevelHead.read(tmp_path)
    features = shared_features(POSTS, StaticEmbedder.load())
    assert np.array_equal(again.log_odds(features), head.log_odds(features))
    (tmp_path / LEVEL_HEAD_JSON).write_text(json.dumps({"format": FORMAT + 1}), encoding="utf-8")
    with pytest.raises(ContentError, match="another format"):
        LevelHead.read(tmp_path)
    with pytest.raises(ContentError, match="cannot be read"):
        LevelHead.read(tmp_path / "missing")


def test_rows_of_shared_features_are_the_features_of_those_texts_alone() -> None:
    static = StaticEmbedder.load()
    every = shared_features(POSTS, static)
    assert every.rows(range(len(POSTS))) is every
    picked = every.rows([1, 3])
    alone = shared_features([POSTS[1], POSTS[3]], static)
    for name in ("doc", "feature", "count"):
        assert np.array_equal(getattr(picked.counts, name), getattr(alone.counts, name))
    assert np.array_equal(picked.static, alone.static)
    assert len(every.rows([])) == 0
    with pytest.raises(ValueError):
        every.rows([2, 1])
    with pytest.raises(ValueError):
        SharedFeatures(every.counts, every.static[:2])


# ----------------------------------------------------------------------------- the detector


@pytest.fixture(scope="module")
def batch() -> Detector:
    """The shipped batch detector with a level head of random weights (the head measured on
    the test split does not ship, docs/model-card.md): every layer real, the head's numbers
    made up."""
    return Detector.batch().with_level_head(head_with([0.5, -0.5, -1.5], rng_seed=9))


def with_head(base: Detector, head: LevelHead | None) -> Detector:
    return base.with_level_head(head)


def test_a_detector_reads_a_level_head_it_is_given_and_its_variants_keep_it(
    batch: Detector,
) -> None:
    assert batch.reads_level_head
    assert "depression level head" in batch.layers_description()
    assert batch.variant(second_reader=False).level_head is batch.level_head
    assert batch.variant(level_head=False).level_head is None
    assert batch.variant(model=False).level_head is None
    assert batch.with_operating_point(batch.op).level_head is batch.level_head
    # The shipped detector reads the package's head when there is one, else none.
    shipped = Detector.default().level_head
    assert (shipped is not None) == LevelHead.available()


def test_the_detector_takes_the_heads_most_likely_level(batch: Detector) -> None:
    text = POSTS[0]
    severe = with_head(batch, head_with([6.0, 6.0, 6.0])).analyse(text)
    none = with_head(batch, head_with([-6.0, -6.0, -6.0])).analyse(text)
    moderate = with_head(batch, head_with([6.0, 6.0, -6.0])).analyse(text)
    assert (severe.depression.level, severe.concern) == ("severe", "concern")
    assert none.depression.level == "none"
    assert moderate.depression.level == "moderate"
    # The level head sets the depression level only: risk and self-harm stay as they were.
    for result in (severe, moderate):
        assert result.suicide_risk == none.suicide_risk
        assert result.self_harm == none.self_harm


def test_the_level_head_reads_the_readers_features_computed_once(
    batch: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One computation of the shared features per batch, and the level head reads exactly
    the object the learned reader read (not a second computation of the same numbers)."""
    reader, head = batch.reader, batch.level_head
    assert isinstance(reader, Reader) and isinstance(head, LevelHead)
    computed: list[tuple[list[str], SharedFeatures]] = []
    read_by_reader: list[Any] = []
    read_by_head: list[SharedFeatures] = []
    embedded: list[int] = []
    original_compute, original_score = reader.shared_features, reader.score
    original_probabilities = LevelHead.probabilities
    original_embed = StaticEmbedder.embed

    def compute(texts: Sequence[str]) -> SharedFeatures:
        out = original_compute(texts)
        computed.append((list(texts), out))
        return out

    def score(*args: Any, **kwargs: Any) -> Any:
        read_by_reader.append(kwargs.get("features"))
        return original_score(*args, **kwargs)

    def probabilities(self: LevelHead, features: SharedFeatures) -> Any:
        read_by_head.append(features)
        return original_probabilities(self, features)

    def embed(self: StaticEmbedder, texts: Sequence[str]) -> Any:
        embedded.append(len(texts))
        return original_embed(self, texts)

    monkeypatch.setattr(reader, "shared_features", compute)
    monkeypatch.setattr(reader, "score", score)
    monkeypatch.setattr(LevelHead, "probabilities", probabilities)
    monkeypatch.setattr(StaticEmbedder, "embed", embed)
    results = batch.analyse_many(POSTS)
    # No sentence was marked (marking scores sentences, which have features of their own).
    assert not [s for r in results for s in r.signals if s.rule in (READER_RISK, READER_SELF_HARM)]
    assert len(computed) == 1 and computed[0][0] == POSTS
    shared = computed[0][1]
    assert read_by_head == [shared] and read_by_head[0] is shared
    assert read_by_reader == [shared] and read_by_reader[0] is shared
    assert embedded == [len(POSTS)]  # the static embedding once, for the whole batch


def test_the_level_head_reads_texts_the_reader_leaves_out(batch: Detector) -> None:
    # Too short for the reader (and no rule matches), still read by the level head.
    short = "so tired"
    min_words = int(batch.op.reader["short"]["min_words"])
    assert len(short.split()) < min_words
    result = with_head(batch, head_with([6.0, 6.0, 6.0])).analyse(short)
    assert result.depression.level == "severe"


def test_without_the_head_the_post_models_levels_are_read(batch: Detector) -> None:
    plain = batch.variant(level_head=False)
    assert plain.level_head is None and not plain.reads_level_head
    assert "depression level head" not in plain.layers_description()
    # A rules-and-model detector without the learned reader has no shared features.
    no_reader = Detector(batch.model, level_head=head_with([6.0, 6.0, 6.0]))
    assert not no_reader.reads_level_head
    assert no_reader.analyse(POSTS[0]).depression.level == (
        plain.analyse(POSTS[0]).depression.level
    )


def test_the_model_version_changes_with_the_level_heads_files(tmp_path: Path) -> None:
    shipped = resources.files("waylight.core.textrisk").joinpath("model")
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("text_model.json", "text_model.npz"):
        shutil.copyfile(str(shipped.joinpath(name)), folder / name)
    without = model_version_of(folder)
    (folder / "depression_head.json").write_text('{"format": 1}', encoding="utf-8")
    (folder / "depression_head.npz").write_bytes(b"one")
    first = model_version_of(folder)
    (folder / "depression_head.npz").write_bytes(b"two")
    assert len({without, first, model_version_of(folder)}) == 3


def test_the_test_split_command_refuses_a_level_head_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from training import evaluate

    for argv, says in (
        (["--level-head", str(tmp_path)], "--level-head needs --depression-only"),
        (["--depression-only", "--level-head", str(tmp_path)], "no depression_head.npz there"),
    ):
        with pytest.raises(SystemExit) as stopped:
            evaluate.main(argv)
        assert stopped.value.code == 2
        assert says in capsys.readouterr().err
