"""Real posts that are not about the writer's risk, as `none` texts for the learned reader.

The written corpus teaches the reader what risk sounds like, and its look-alikes (idioms,
news, supporters, everyday talk) are short texts chosen to be hard. Real posts are longer and
more emotional, and the reader trained on the corpus alone flagged about a quarter of ordinary
Reddit posts (`training.real_posts`). These are real posts of the research data
(`../shared/data`) whose data set says they are neither about suicide nor depression:

- `reddit_cleaned` posts labelled not depressive (posts from ordinary subreddits);
- counsellors' answers from Counsel Chat (written by a counsellor to someone else: they talk
  about self-harm and suicide without being at risk).

Only the **train** split of `training.train` is read, so `training.real_posts` (the val split)
still measures posts the reader never saw. The Naseem/Dreaddit family is left out by default:
its "minimum depression" posts are stress posts whose suicide level is not labelled, and it
stays a data set the reader never trained on, to show whether the change carries over.
`STRESS_SOURCE` names it for `stress_per_source`: up to that many of its train-split control
posts (stress posts about work, money, love and health, not about suicide or depression) join
the controls. `training.train` splits whole groups of copies of a post, and Dreaddit's copies
of a Naseem post share its group, so the family's validation and test posts stay unread.

Each post is labelled `none` (not at risk, no self-harm, no concern) with kind `real_control`,
and is given to one of the three writers' folds at random (seeded), so the out-of-writer
predictions that calibration and thresholds are chosen on score every real post with heads
that never read it.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

import numpy as np

from training.reader_train import REAL_CONTROL, REAL_POSITIVE
from training.real_posts import group_of, source_of
from training.train import Example, load_examples
from training.written import WRITERS, Labelled
from waylight.core.textrisk.evaluate_cases import Case

SOURCES = ("reddit_cleaned", "counsel_answer")
# The stress-forum family (Naseem, Dreaddit relabelled), added only on request.
STRESS_SOURCE = "naseem"
# Enough real posts to stand beside the 5,700 written texts without drowning them.
PER_SOURCE = 1200
SEED = 13


def control_examples(
    examples: Sequence[Example],
    *,
    per_source: int = PER_SOURCE,
    seed: int = SEED,
    stress_per_source: int = 0,
) -> list[Example]:
    """Up to `per_source` train-split control posts of each source, sampled with `seed`, and
    up to `stress_per_source` of the stress-forum family (`STRESS_SOURCE`)."""
    rng = random.Random(seed)
    chosen: list[Example] = []
    wanted = [(source, per_source) for source in SOURCES]
    if stress_per_source > 0:
        wanted.append((STRESS_SOURCE, stress_per_source))
    for source, n in wanted:
        found = [
            e
            for e in examples
            if e.split == "train" and source_of(e) == source and group_of(e) == "control"
        ]
        chosen.extend(rng.sample(found, min(n, len(found))))
    return chosen


@functools.cache
def _examples(data_path: str | None, seed: int) -> tuple[Example, ...]:
    """The research data's posts with their splits, read once per path and seed: a fit that
    asks for both the controls and the weak positives reads the data once."""
    _, examples = load_examples(data_path, seed=seed)
    return tuple(examples)


def load_real_controls(
    data_path: str | None = None,
    *,
    per_source: int = PER_SOURCE,
    seed: int = SEED,
    stress_per_source: int = 0,
) -> tuple[Labelled, dict[str, int]]:
    """The real control posts as labelled `none` texts spread over the writers' folds, and
    how many came from each source."""
    examples = _examples(data_path, seed)
    chosen = control_examples(
        examples, per_source=per_source, seed=seed, stress_per_source=stress_per_source
    )
    cases = [
        Case(text=e.text, suicide="none", self_harm=False, concern="none", kind=REAL_CONTROL)
        for e in chosen
    ]
    rng = np.random.default_rng(seed)
    writer = rng.choice(np.array(WRITERS), size=len(cases))
    names = (*SOURCES, STRESS_SOURCE) if stress_per_source > 0 else SOURCES
    counts = {s: sum(1 for e in chosen if source_of(e) == s) for s in names}
    return Labelled(cases, writer), counts


def joined(first: Labelled, second: Labelled) -> Labelled:
    return Labelled([*first.cases, *second.cases], np.concatenate([first.writer, second.writer]))


def load_real_positives(data_path: str | None = None, *, seed: int = SEED) -> Labelled:
    """The train split's r/SuicideWatch posts (SDCNL), weakly labelled `ideation`."""
    examples = _examples(data_path, seed)
    chosen = [e for e in examples if e.split == "train" and group_of(e) == "suicide"]
    cases = [
        Case(
            text=e.text, suicide="ideation", self_harm=False, concern="concern", kind=REAL_POSITIVE
        )
        for e in chosen
    ]
    rng = np.random.default_rng(seed + 1)
    writer = rng.choice(np.array(WRITERS), size=len(cases))
    return Labelled(cases, writer)
