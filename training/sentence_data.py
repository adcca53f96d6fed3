"""Sentences of `../shared/data`, weakly labelled for the sentence readers.

No data set labels single sentences for the writer's own suicidal thoughts or self-harm, so
labels are made by weak supervision: several labelling functions each vote on a sentence
(positive, negative, or abstain), and a label model (Dawid and Skene's, fitted by EM) weighs
each function by how often it agrees with the others and turns the votes into a probability.
The sentence heads are then trained on those probabilities.

Labelling functions (`risk` = the writer's own suicidal thoughts or acts; `self_harm` = the
writer's own self-harm, acts, urges and traces):

- rules (hard): a counted, current rule signal of ideation, preparation or an attempt is a
  risk positive, one of self-harm a self-harm positive; a rule signal set aside (denied, a
  what-if, someone else's, an idiom) is a negative.
- supporter (hard): counsellors' answers are negative for both.
- third_person (hard): a sentence that opens with another person and has no first person is
  negative for both.
- prototypes (soft): cosine to the nearest prototype (`prototypes.py`) of at least
  `PROTO_HIGH` votes 1; under `PROTO_LOW` votes 0.
- forum_words (soft): a first-person sentence with death words in an r/SuicideWatch post votes
  1 for risk; one with self-harm words in a post the self-harm lexicon flags votes 1 for
  self-harm.
- calm_source (soft): stress-forum and non-depressive posts vote 0 (for self-harm, only
  without self-harm words).
- no_topic (soft): a sentence without any word of death or suicide (the detector's
  `risk_topic` cue) votes 0 for risk; one without a self-harm word (`self_harm_topic`) votes 0
  for self-harm.

Hard functions are trusted as they are (the detector trusts the same context reading and the
same sources); the label model weighs only the soft ones, and a hard label overrides it.

The prototypes are compared through the same sentence encoder the second reader uses, so the
labels reach wording that no rule lists; the trained heads then generalise further.

Augmentation: first-person sentences the label model calls positive are rewritten in the
third person ("I cut myself" -> "she cut herself") and added as negatives, so the heads learn
that the same act told of someone else is not the writer's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from training.train import Example
from waylight.core.textrisk.context import load_context
from waylight.core.textrisk.rules import load_lexicon, normalise
from waylight.core.textrisk.sentences import split_sentences

HEADS = ("risk", "self_harm")
MIN_WORDS = 2
PROTO_HIGH = {"risk": 0.62, "self_harm": 0.58}
PROTO_LOW = {"risk": 0.35, "self_harm": 0.30}
RISK_KINDS = frozenset(
    {"suicide_attempt", "suicide_preparation", "suicidal_ideation", "passive_ideation"}
)
CALM_SOURCES = frozenset({"naseem", "dreaddit"})

_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|myself|i'd|id)\b")
_OTHER_OPENING = re.compile(
    r"^\W*(?:my (?:friend|mom|mum|dad|sister|brother|son|daughter|bf|gf|boyfriend|girlfriend"
    r"|partner|wife|husband|cousin|roommate)|she|he|they|her|his|their)\b"
)
_DEATH_WORDS = re.compile(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|alive|live|living|end (?:it|things|my life)"
    r"|gone|exist\w*)\b"
)
_SELF_HARM_WORDS = re.compile(
    r"\b(?:cut\w*|sh|self[- ]?harm\w*|scars?|blades?|razors?|burn\w*|relaps\w*|hurt\w* myself"
    r"|harm\w* myself|bleed\w*|blood|wounds?|marks)\b"
)

IntArray = npt.NDArray[np.int8]
FloatArray = npt.NDArray[np.float64]


@dataclass
class SentenceTable:
    """Every sentence of every post, with its post, split, source and text."""

    post: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    split: npt.NDArray[np.str_]
    source: npt.NDArray[np.str_]
    texts: list[str]

    def __len__(self) -> int:
        return len(self.texts)


def sentence_table(examples: Sequence[Example]) -> SentenceTable:
    post, start, end, split, source, texts = [], [], [], [], [], []
    for index, example in enumerate(examples):
        for a, b in split_sentences(example.text):
            sentence = example.text[a:b]
            if len(sentence.split()) < MIN_WORDS:
                continue
            post.append(index)
            start.append(a)
            end.append(b)
            split.append(example.split)
            source.append(example.sources[0])
            texts.append(sentence)
    return SentenceTable(
        post=np.array(post, dtype=np.int64),
        start=np.array(start, dtype=np.int64),
        end=np.array(end, dtype=np.int64),
        split=np.array(split),
        source=np.array(source),
        texts=texts,
    )


def rule_votes(examples: Sequence[Example], table: SentenceTable) -> dict[str, IntArray]:
    """The rules' vote per sentence: each post is read whole (its context matters), then each
    match is given to the sentence it starts in."""
    lexicon, context = load_lexicon(), load_context()
    votes = {head: np.full(len(table), -1, dtype=np.int8) for head in HEADS}
    rows_of_post: dict[int, list[int]] = {}
    for k, index in enumerate(table.post.tolist()):
        rows_of_post.setdefault(index, []).append(k)
    for index, rows in rows_of_post.items():
        lowered = normalise(examples[index].text)
        matches = context.anchored(lowered, lexicon.find(lowered))
        if not matches:
            continue
        readings = context.read_all(lowered, matches)
        starts = [int(table.start[k]) for k in rows]
        for match, reading in zip(matches, readings, strict=True):
            j = bisect.bisect_right(starts, match.start) - 1
            if j < 0 or match.start >= table.end[rows[j]]:
                continue
            k = rows[j]
            counted = reading.counts_for_writer and not reading.joking
            kind = match.rule.kind
            if kind in RISK_KINDS and match.rule.level != "indicator":
                current = reading.time == "current" or kind == "suicide_attempt"
                if counted and current:
                    votes["risk"][k] = 1
                elif not reading.counts_for_writer and votes["risk"][k] != 1:
                    votes["risk"][k] = 0
            if match.rule.self_harm:
                if counted and reading.time == "current":
                    votes["self_harm"][k] = 1
                elif votes["self_harm"][k] != 1:
                    votes["self_harm"][k] = 0
    return votes


@dataclass
class Votes:
    """Per head: hard labels (1, 0, or -1 for none) and the soft functions' votes."""

    hard: dict[str, npt.NDArray[np.int8]]
    soft: dict[str, npt.NDArray[np.int8]]  # (functions, sentences)


def all_votes(
    examples: Sequence[Example],
    table: SentenceTable,
    proto_similarity: dict[str, FloatArray],
) -> Votes:
    """The labelling functions' votes.

    Hard labels come from functions trusted as they are: a counted rule signal is positive; a
    rule signal set aside, a counsellor's answer, or a sentence about another person only is
    negative (the context reader and the source decide, as in the detector). The other
    functions (prototypes, forum words, calm sources) vote softly and are weighed by the label
    model.
    """
    n = len(table)
    lowered = [t.lower() for t in table.texts]
    first_person = np.array([bool(_FIRST_PERSON.search(t)) for t in lowered])
    other_opening = np.array([bool(_OTHER_OPENING.search(t)) for t in lowered]) & ~first_person
    death = np.array([bool(_DEATH_WORDS.search(t)) for t in lowered])
    harm_words = np.array([bool(_SELF_HARM_WORDS.search(t)) for t in lowered])
    post_label = {
        head: np.array(
            [
                -1 if examples[i].labels.get(head) is None else int(examples[i].labels[head] or 0)
                for i in table.post.tolist()
            ]
        )
        for head in ("suicide", "self_harm")
    }
    context = load_context()
    topic = {
        "risk": np.array([context.has_topic(t, "risk") for t in table.texts]),
        "self_harm": np.array([context.has_topic(t, "self_harm") for t in table.texts]),
    }
    rules = rule_votes(examples, table)
    supporter = table.source == "counsel_answer"
    calm = np.isin(table.source, list(CALM_SOURCES)) | (
        (table.source == "reddit_cleaned") & (post_label["suicide"] == 0)
    )
    hard: dict[str, npt.NDArray[np.int8]] = {}
    soft: dict[str, npt.NDArray[np.int8]] = {}
    for head in HEADS:
        h = np.full(n, -1, dtype=np.int8)
        h[rules[head] == 1] = 1
        h[(rules[head] == 0) | supporter | other_opening] = 0
        hard[head] = h
        functions = []
        v = np.full(n, -1, dtype=np.int8)
        v[proto_similarity[head] >= PROTO_HIGH[head]] = 1
        v[proto_similarity[head] < PROTO_LOW[head]] = 0
        functions.append(v)
        v = np.full(n, -1, dtype=np.int8)
        if head == "risk":
            v[(post_label["suicide"] == 1) & first_person & death] = 1
        else:
            v[(post_label["self_harm"] == 1) & first_person & harm_words] = 1
        functions.append(v)
        v = np.full(n, -1, dtype=np.int8)
        v[calm if head == "risk" else calm & ~harm_words] = 0
        functions.append(v)
        v = np.full(n, -1, dtype=np.int8)
        v[~topic[head]] = 0
        functions.append(v)
        soft[head] = np.array(functions, dtype=np.int8)
    return Votes(hard, soft)


def weak_labels(
    votes: Votes, fit_on: npt.NDArray[np.bool_] | None = None
) -> dict[str, tuple[FloatArray, npt.NDArray[np.bool_]]]:
    """Per head: the probability that each sentence is positive, and which sentences have a
    label at all (a hard label or at least one soft vote). The label model is fitted on the
    sentences in `fit_on` (the training split) and applied to all."""
    out = {}
    for head in HEADS:
        fitted = votes.soft[head] if fit_on is None else votes.soft[head][:, fit_on]
        p = dawid_skene(fitted).posterior(votes.soft[head])
        hard = votes.hard[head]
        p = np.where(hard == 1, 1.0, np.where(hard == 0, 0.0, p))
        covered = (hard >= 0) | (votes.soft[head] >= 0).any(axis=0)
        out[head] = (p, covered)
    return out


@dataclass
class LabelModel:
    """Dawid and Skene's model: per function and true class, the chance of each outcome
    (abstain, vote 0, vote 1), and the share of positives."""

    theta: FloatArray  # (functions, 2, 3)
    share: float

    def posterior(self, votes: npt.NDArray[np.int8]) -> FloatArray:
        """P(positive) for each column of `votes` (functions, sentences)."""
        outcome = (votes.astype(np.int64) + 1).clip(0, 2)  # -1 abstain -> 0, 0 -> 1, 1 -> 2
        log1 = np.full(votes.shape[1], np.log(self.share))
        log0 = np.full(votes.shape[1], np.log(1 - self.share))
        for j in range(votes.shape[0]):
            log1 += np.log(self.theta[j, 1][outcome[j]])
            log0 += np.log(self.theta[j, 0][outcome[j]])
        out: FloatArray = 1.0 / (1.0 + np.exp(np.clip(log0 - log1, -50, 50)))
        return out


def dawid_skene(
    votes: npt.NDArray[np.int8], *, iterations: int = 50, prior: float = 0.1
) -> LabelModel:
    """Fit the label model to the votes of several functions by EM (Dawid and Skene 1979).

    Abstaining is an outcome like the others, so a function that only ever votes 0 is still
    weighed by how much more often it votes on negatives than on positives.
    """
    m, _ = votes.shape
    outcome = (votes.astype(np.int64) + 1).clip(0, 2)
    pos = (votes == 1).sum(axis=0)
    neg = (votes == 0).sum(axis=0)
    p = np.where(pos + neg > 0, (pos + 0.1 * prior) / (pos + neg + 0.1), prior).astype(np.float64)
    model = LabelModel(np.full((m, 2, 3), 1 / 3), prior)
    for _ in range(iterations):
        theta = np.zeros((m, 2, 3))
        for j in range(m):
            for c, weight in ((0, 1 - p), (1, p)):
                counts = np.bincount(outcome[j], weights=weight, minlength=3) + 0.5
                theta[j, c] = counts / counts.sum()
        model = LabelModel(theta, float(np.clip(p.mean(), 1e-4, 1 - 1e-4)))
        p = model.posterior(votes)
    return model


# ------------------------------------------------------------------ augmentation

_THIRD_PERSON = (
    (r"\bi'm\b", "she's"),
    (r"\bim\b", "she's"),
    (r"\bi've\b", "she's"),
    (r"\bive\b", "she's"),
    (r"\bi'd\b", "she'd"),
    (r"\bi'll\b", "she'll"),
    (r"\bi am\b", "she is"),
    (r"\bi was\b", "she was"),
    (r"\bi have\b", "she has"),
    (r"\bi\b", "she"),
    (r"\bmyself\b", "herself"),
    (r"\bmy\b", "her"),
    (r"\bme\b", "her"),
)
_THIRD_PERSON_RE = [(re.compile(a, re.IGNORECASE), b) for a, b in _THIRD_PERSON]


def third_person(sentence: str) -> str:
    """The sentence told of someone else ("I cut myself" -> "my friend says she cut herself")."""
    out = sentence
    for pattern, replacement in _THIRD_PERSON_RE:
        out = pattern.sub(replacement, out)
    return "my friend says " + out[0].lower() + out[1:] if out else out


def augmented_negatives(
    table: SentenceTable, probabilities: dict[str, FloatArray], *, split: str, limit: int, seed: int
) -> list[str]:
    """Third-person rewrites of confident first-person positives of one split."""
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    for head in HEADS:
        confident = (probabilities[head] >= 0.8) & (table.split == split)
        rows = [
            k
            for k in np.flatnonzero(confident).tolist()
            if _FIRST_PERSON.search(table.texts[k].lower())
        ]
        rng.shuffle(rows)
        chosen.update(rows[: limit // len(HEADS)])
    return [third_person(table.texts[k]) for k in sorted(chosen)]
