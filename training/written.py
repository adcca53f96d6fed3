"""The labelled texts the learned reader trains on: the written corpus and the dev cases.

- `training/corpus/written-{a,b,c,d,e,f,g,h,i}.yaml`: texts written for Waylight by nine independent
  writers, each in their own registers, labelled by docs/labelling-guide.md
  (`training/corpus/README.md`);
- `tests/data/text_cases/dev.yaml`: the dev cases (same labels);
- `tests/data/text_cases/sealed-N.yaml`: sealed rounds whose first run is committed
  (`load_sealed`), which `train_reader --sealed-through N` adds. A sealed round measures the
  detector once, on its first run; after that it is design data like the dev cases, and
  training on it is one more use of that kind. Rounds not yet run are never read here.

Each text keeps its writer ("a" to "h", or "dev"), so the cross-writer evaluation
(`training/cross_writer.py`) can hold one of writers A, B and C out (writers D to H and the
dev cases are always trained on). Sealed rounds, when trained on, are always trained on too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from training.data import REPO_ROOT
from waylight.core.textrisk.evaluate_cases import Case, load_case_file
from waylight.core.textrisk.rules import LEVELS, TIERS

CORPUS_DIR = REPO_ROOT / "training" / "corpus"
DEV_CASES = REPO_ROOT / "tests" / "data" / "text_cases" / "dev.yaml"
# Writers whose texts are held out in turn by the cross-writer evaluation.
WRITERS = ("a", "b", "c")
# Writers whose texts are always trained on and never held out: writers D, E and F wrote after
# the reader's design was measured, aimed at what it got wrong (D: third persons, negations,
# recovery, long everyday posts; E: self-harm told through traces, recovery against relapse,
# supporters, code-switching; F, after round 4: thoughts of dying in new images and asides,
# recovery against relapse, negations, code-switching, long forum posts; G, after round 7:
# supporters writing to someone who struggles, third persons, everyday talk, fiction and
# recovery, each beside at-risk texts in the same contexts; H: plain everyday messages, plans,
# work emails and ordinary goodbyes, with at-risk texts in the same registers; I, after rounds
# 10 and 11: self-harm in the words of another language inside English posts, everyday
# injuries, supporters and third persons in slang and other languages; J: whose risk it is
# where the words are the same, supporters and others quoting or reporting someone's words,
# fiction and news in the first person, hyperbole in other languages, each beside the writer's
# own risk in the same contexts), so holding them
# out would measure the aim, not a new writer; keeping the three held-out folds as they were
# keeps the cross-writer figures comparable.
TRAIN_ONLY = ("d", "e", "f", "g", "h", "i", "j")
DEV = "dev"
CASES_DIR = REPO_ROOT / "tests" / "data" / "text_cases"


@dataclass(frozen=True)
class Labelled:
    """Texts with their labels and writers, as arrays for training."""

    cases: list[Case]
    writer: npt.NDArray[np.str_]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cases]

    @property
    def level(self) -> npt.NDArray[np.int64]:
        return np.array([LEVELS.index(c.suicide) for c in self.cases], dtype=np.int64)

    @property
    def self_harm(self) -> npt.NDArray[np.int64]:
        return np.array([int(c.self_harm) for c in self.cases], dtype=np.int64)

    @property
    def urgent(self) -> npt.NDArray[np.int64]:
        return np.array([int(c.concern == "urgent") for c in self.cases], dtype=np.int64)

    @property
    def concern(self) -> npt.NDArray[np.int64]:
        return np.array([TIERS.index(c.concern) for c in self.cases], dtype=np.int64)

    def subset(self, mask: npt.NDArray[np.bool_]) -> Labelled:
        return Labelled(
            [c for c, keep in zip(self.cases, mask, strict=True) if keep], self.writer[mask]
        )

    def __len__(self) -> int:
        return len(self.cases)


def corpus_file(writer: str, folder: Path = CORPUS_DIR) -> Path:
    return folder / f"written-{writer}.yaml"


def load_labelled(
    writers: Sequence[str] = (*WRITERS, *TRAIN_ONLY),
    *,
    dev: bool = True,
    folder: Path = CORPUS_DIR,
) -> Labelled:
    """The written corpus of `writers` (and the dev cases), in file order."""
    cases: list[Case] = []
    owner: list[str] = []
    for writer in writers:
        found = load_case_file(corpus_file(writer, folder)).cases
        cases.extend(found)
        owner.extend([writer] * len(found))
    if dev:
        found = load_case_file(DEV_CASES).cases
        cases.extend(found)
        owner.extend([DEV] * len(found))
    return Labelled(cases, np.array(owner))


def sealed_file(round_number: int, folder: Path = CASES_DIR) -> Path:
    return folder / f"sealed-{round_number}.yaml"


def load_sealed(through: int, *, folder: Path = CASES_DIR) -> Labelled:
    """Sealed rounds 1 to `through` (each round its own writer, "sealed-N"), in round order.

    Only rounds whose first run is committed beside them may be read: a round without its
    `sealed-N.first-run.md` has not measured the detector yet, and reading it would spend it.
    """
    cases: list[Case] = []
    owner: list[str] = []
    for number in range(1, through + 1):
        path = sealed_file(number, folder)
        if not path.with_name(f"sealed-{number}.first-run.md").is_file():
            raise ValueError(f"sealed round {number} has no committed first run: not read")
        found = load_case_file(path).cases
        cases.extend(found)
        owner.extend([f"sealed-{number}"] * len(found))
    return Labelled(cases, np.array(owner))
