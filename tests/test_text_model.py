"""The shipped text model (C6): loads from the package, keeps its contract, ranks sensibly.

Example texts are our own, in general words only (SPEC section 3).
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from waylight.core.textrisk.features import N_FEATURES, hashed_counts, tokens
from waylight.core.textrisk.model import DEPRESSION_LEVELS, MODEL_NPZ, ModelScores, TextModel

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `training/` sits at the repo root, next to `src/`
    sys.path.insert(0, str(REPO))

from training.splits import assign_splits, normalised_words  # noqa: E402

CONCERNING = [
    "I want to die. I cannot keep going and I have been thinking about ending my life tonight.",
    "Nobody would miss me if I was gone, I am so tired of being alive and I want it all to end.",
]
NEUTRAL = [
    "We had a lovely lunch in the garden and then watched a film with the kids.",
    "The train was late again, so I read my book and got to work a bit after nine.",
]
SUPPORTER = [
    "If you are going through a hard time, please reach out to someone you trust or a helpline."
]


@pytest.fixture(scope="module")
def model() -> TextModel:
    return TextModel.load()


def test_load_is_cached_and_reads_the_packaged_file(model: TextModel) -> None:
    assert TextModel.load() is model
    shipped = resources.files("waylight.core.textrisk").joinpath("model", MODEL_NPZ)
    assert shipped.is_file()


def test_predict_returns_one_score_per_text_in_range(model: TextModel) -> None:
    texts = [*CONCERNING, *NEUTRAL, "", "   "]
    scores = model.predict(texts)
    assert isinstance(scores, ModelScores)
    for head in (scores.suicide, scores.self_harm, scores.depression):
        assert head.shape == (len(texts),)
        assert np.all((head >= 0.0) & (head <= 1.0))
    assert scores.depression_levels.shape == (len(texts), len(DEPRESSION_LEVELS))
    assert np.allclose(scores.depression_levels.sum(axis=1), 1.0)
    assert np.all(scores.depression_levels >= 0.0)


def test_empty_batch_gives_empty_arrays(model: TextModel) -> None:
    scores = model.predict([])
    assert scores.suicide.shape == (0,)
    assert scores.depression_levels.shape == (0, 4)


def test_a_single_string_is_refused_rather_than_split_into_characters(model: TextModel) -> None:
    with pytest.raises(TypeError):
        model.predict("I feel fine")  # type: ignore[arg-type]


def test_predict_is_deterministic_and_batch_independent(model: TextModel) -> None:
    texts = [*CONCERNING, *NEUTRAL]
    first, second = model.predict(texts), model.predict(texts)
    assert np.array_equal(first.suicide, second.suicide)
    alone = model.predict([texts[2]])
    assert alone.suicide[0] == pytest.approx(first.suicide[2], abs=1e-9)
    assert alone.depression_levels[0] == pytest.approx(first.depression_levels[2], abs=1e-9)


def test_scores_do_not_depend_on_the_process_hash_seed(model: TextModel) -> None:
    code = (
        "from waylight.core.textrisk.model import TextModel\n"
        f"print(repr(float(TextModel.load().predict([{CONCERNING[0]!r}]).suicide[0])))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert float(out.stdout) == pytest.approx(model.predict([CONCERNING[0]]).suicide[0])


def test_a_writer_wanting_to_die_scores_above_ordinary_messages(model: TextModel) -> None:
    concerning, neutral = model.predict(CONCERNING), model.predict(NEUTRAL)
    assert concerning.suicide.min() > neutral.suicide.max()
    assert concerning.depression.min() > neutral.depression.max()
    assert np.all(concerning.suicide >= model.thresholds["suicide"])


def test_a_supporter_pointing_to_help_scores_below_a_writer_at_risk(model: TextModel) -> None:
    supporter, concerning = model.predict(SUPPORTER), model.predict(CONCERNING)
    assert supporter.suicide.max() < concerning.suicide.min()
    assert np.argmax(supporter.depression_levels[0]) == DEPRESSION_LEVELS.index("none")


def test_features_ignore_case_and_apostrophes() -> None:
    assert tokens("I'm NOT okay") == tokens("im not okay") == ["im", "not", "okay"]
    counts = hashed_counts(["I'm not okay", "im not OKAY"])
    first = counts.feature[counts.doc == 0]
    assert np.array_equal(first, counts.feature[counts.doc == 1])
    assert counts.feature.max() < N_FEATURES


def test_model_file_is_small_and_holds_numbers_only() -> None:
    shipped = resources.files("waylight.core.textrisk").joinpath("model", MODEL_NPZ)
    with shipped.open("rb") as handle, np.load(handle) as arrays:
        assert all(arrays[name].dtype.kind in "fiu" for name in arrays.files)
    with shipped.open("rb") as handle:
        assert len(handle.read()) < 20 * 1024 * 1024


def test_model_loads_in_a_fresh_process_in_under_two_seconds() -> None:
    # Only the model load is timed: interpreter and numpy start-up depend on machine load.
    code = (
        "import time\n"
        "from waylight.core.textrisk.model import TextModel\n"
        "t = time.perf_counter()\n"
        "TextModel.load().predict(['hello'])\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 2.0


def test_split_never_puts_one_post_on_both_sides() -> None:
    # Copies of a post as different data sets hold them: verbatim, re-cased with other
    # punctuation, and with a title in front. They must all land in one split.
    body = " ".join(f"word{i}" for i in range(40))
    posts = [f"post {n} " + " ".join(f"w{n}x{i}" for i in range(30)) for n in range(300)]
    texts = [
        *posts,
        body,
        body.upper().replace(" ", ", "),
        "A title\n" + body,
        *posts[:50],  # exact duplicates, as another family would hold them
    ]
    groups, split_names = assign_splits(texts, seed=7)
    split_of_text: dict[str, set[str]] = {}
    for text, name in zip(texts, split_names, strict=True):
        split_of_text.setdefault(" ".join(normalised_words(text)), set()).add(name)
    assert all(len(names) == 1 for names in split_of_text.values())
    copies = [i for i, t in enumerate(texts) if "word0" in t.lower()]
    assert len({groups[i] for i in copies}) == 1
    assert len({split_names[i] for i in copies}) == 1
    assert set(split_names) == {"train", "val", "test"}


def test_split_is_reproducible_for_a_seed_and_order_free() -> None:
    texts = [f"text number {n} " + "filler " * n for n in range(200)]
    _, first = assign_splits(texts, seed=3)
    _, again = assign_splits(list(reversed(texts)), seed=3)
    assert first == list(reversed(again))


def _write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)


def _tiny_data_folder(root: Path) -> dict[str, str]:
    """Every data file the loaders read, in its real layout, holding our own short texts."""
    shared = "I feel so alone lately and every day is harder than the one before it, " * 3
    stress = "Work has been piling up and my landlord keeps calling about the rent this month. " * 2
    own = {"shared": shared.strip(), "stress": stress.strip()}
    sdcnl = ["", "title", "selftext", "is_suicide"]
    _write_csv(root / "sdcnl/training-set.csv", sdcnl, [["1", "A title", own["shared"], "1"]])
    _write_csv(root / "sdcnl/testing-set.csv", sdcnl, [["2", "Hello", "Nice weather today", "0"]])
    _write_csv(root / "cams/IntentSDCNL_Testing.csv", ["selftext", "ANNOTATIONS"], [])
    _write_csv(
        root / "cams/IntentSDCNL_Training.csv",
        ["selftext", "ANNOTATIONS", "Interpretations"],
        [[own["shared"], "5", "alone"]],
    )
    _write_csv(root / "cams/added_CAMS_data.csv", ["selftext", "cause", "inference"], [])
    for name in ("train_data.csv", "val_data.csv", "test_data.csv"):
        _write_csv(root / "irf" / name, ["", "text", "belong", "burden"], [])
    naseem = root / "depression_severity_naseem2022/Reddit_depression_dataset.csv"
    _write_csv(naseem, ["text", "label"], [[own["stress"], "mild"]])
    _write_csv(root / "dreaddit/dreaddit-train.csv", ["text", "label"], [[own["stress"], "1"]])
    _write_csv(root / "dreaddit/dreaddit-test.csv", ["text", "label"], [])
    _write_csv(
        root / "depsign_lt_edi_2022/dev.tsv",
        ["PID", "Text data", "Label"],
        [["d1", "Some days are fine and some are not.", "not depression"]],
        delimiter="\t",
    )
    _write_csv(
        root / "reddit_depression_cleaned/depression_dataset_reddit_cleaned.csv",
        ["text", "is_depressive"],
        [["going to the match on saturday with my brother", "0"]],
    )
    _write_csv(
        root / "counsel_chat/20200325_counsel_chat.csv",
        ["questionTitle", "questionText", "topic", "answerText"],
        [["Arguing", "We argue about chores.", "relationships", "Try talking at a calm time."]],
    )
    return own


def test_loaders_merge_copies_across_data_sets_into_one_example(tmp_path: Path) -> None:
    from training.data import load_all
    from training.train import build_examples

    own = _tiny_data_folder(tmp_path)
    examples = build_examples(load_all(tmp_path), seed=13)
    shared = [e for e in examples if "alone lately" in e.text]
    assert len(shared) == 1  # SDCNL (with a title) and CAMS (without) are one post
    assert set(shared[0].sources) == {"sdcnl", "cams_intent"}
    assert shared[0].labels["suicide"] == 1  # CAMS' copy inherits SDCNL's label
    stress = [e for e in examples if e.text == own["stress"]]
    assert len(stress) == 1 and set(stress[0].sources) == {"naseem", "dreaddit"}
    assert stress[0].labels["level"] == 1 and stress[0].labels["suicide"] == 0
    answer = next(e for e in examples if e.sources == ("counsel_answer",))
    assert answer.labels == {"suicide": 0, "self_harm": 0, "depression": 0, "level": 0}
    depsign = next(e for e in examples if e.sources == ("depsign",))
    assert depsign.labels["suicide"] is None  # not a safe negative (see training/data.py)


def test_large_batches_are_scored_in_chunks_with_the_same_result(
    model: TextModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [*CONCERNING, *NEUTRAL, *SUPPORTER]
    whole = model.predict(texts)
    monkeypatch.setattr("waylight.core.textrisk.model.CHUNK_TEXTS", 2)
    chunked = model.predict(texts)
    assert np.allclose(whole.suicide, chunked.suicide)
    assert np.allclose(whole.depression_levels, chunked.depression_levels)
