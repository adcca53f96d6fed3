"""The learned reader: a text's suicide level, self-harm and urgency, read from labelled texts.

Trained (`training/reader_train.py`) on hand-written texts labelled by the labelling guide
(docs/labelling-guide.md): a corpus written for Waylight by three independent writers and the
dev cases. It reads what no phrase list can: wording it has never seen lands near wording it
learnt from, through three kinds of features:

- `hashed`: words, word pairs and character 3-4-grams of each word (`features.hashed_counts`
  with subwords), TF-IDF weighted and folded into `n_buckets` buckets: shorthand, typos and
  spellings ("sh'd", "relasped", "su1cide") meet the spellings it learnt;
- `static`: the static sentence embedding (`static.py`, distilled from the MiniLM encoder): a
  text's place by meaning, at the cost of a table lookup;
- `signals`: what the rules counted and set aside (`signal_vector`): each rule kind as the
  writer's own current, past or joking experience, or denied, a what-if, someone else's; the
  rules' own level and tier; support and idiom cues;
- `encoder` (the full reader only): the MiniLM encoder's vector of the text (`encoder.py`),
  which reads word order and context, at a few hundred texts a second.

Two sets of heads share the first three feature kinds: the **fast** heads use only them and
read every text; the **full** heads add the encoder and read the texts the detector chooses
(single texts always; in batches the ones the fast heads are unsure about). Each set gives
probabilities for the five suicide levels, for the writer's own current self-harm, and for
`urgent` concern. The detector turns them into levels at the thresholds of
content/text/operating_point.yaml (`combine.model_raise`).

Weights: `model/reader.npz` (numbers only: hashed features, no words), description
`model/reader.json`. Numpy only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from waylight.core.errors import ContentError
from waylight.core.textrisk.context import Reading
from waylight.core.textrisk.features import HashedCounts
from waylight.core.textrisk.rules import LEVELS, TIERS, Match
from waylight.core.textrisk.shared_features import SharedFeatures, shared_features
from waylight.core.textrisk.static import StaticEmbedder

READER_NPZ = "reader.npz"
READER_JSON = "reader.json"
FORMAT = 1
# Outputs of each head set: five level logits (softmax), then self-harm and urgent (sigmoid).
N_LEVELS = len(LEVELS)
N_OUTPUTS = N_LEVELS + 2
SELF_HARM, URGENT = N_LEVELS, N_LEVELS + 1
HEAD_SETS = ("fast", "full")
# Rule kinds and what became of their signals (the order of `signal_vector`).
SIGNAL_KINDS = (
    "suicide_attempt",
    "suicide_preparation",
    "suicidal_ideation",
    "passive_ideation",
    "self_harm",
    "self_harm_urge",
    "distress",
    "depression",
    "emoji",
)
SIGNAL_STATES = ("current", "past", "joking", "negated", "hypothetical", "other")
N_SIGNALS = N_LEVELS + len(TIERS) + 4 + len(SIGNAL_KINDS) * len(SIGNAL_STATES) + 2
# Texts scored at once (hashed features of ~2,000 posts of 100 words take ~30 MB).
CHUNK_TEXTS = 2000
# log(1 + count) of small signal counts, computed once by the same numpy function: one
# np.log1p call per count took about a seventh of the rules' time in a profile.
_LOG1P = [float(np.log1p(c)) for c in range(64)]

FloatArray = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]


def signal_vector(
    matches: Sequence[Match],
    readings: Sequence[Reading],
    *,
    level: str,
    tier: str,
    self_harm: bool,
    serious: bool,
    evidence: bool,
    set_aside: bool,
    support: bool,
    idiom: bool,
) -> list[float]:
    """The rules' reading of one text as numbers: the tally's level, tier and flags, then per
    rule kind how many signals were the writer's own (current, past, joking) or set aside
    (denied, a what-if, someone else's), as log(1 + count), then support and idiom cues."""
    out = [0.0] * N_SIGNALS
    out[LEVELS.index(level)] = 1.0
    out[N_LEVELS + TIERS.index(tier)] = 1.0
    base = N_LEVELS + len(TIERS)
    out[base : base + 4] = [float(self_harm), float(serious), float(evidence), float(set_aside)]
    base += 4
    counts = [0] * (len(SIGNAL_KINDS) * len(SIGNAL_STATES))
    for match, reading in zip(matches, readings, strict=True):
        if reading.idiom is not None or match.rule.course:
            continue  # course cues were not in the signals the reader was trained on
        state: str
        if reading.counts_for_writer:
            state = "joking" if reading.joking else reading.time
        elif reading.negated:
            state = "negated"
        elif reading.hypothetical:
            state = "hypothetical"
        else:
            state = "other"
        kind = SIGNAL_KINDS.index(match.rule.kind)
        counts[kind * len(SIGNAL_STATES) + SIGNAL_STATES.index(state)] += 1
    out[base : base + len(counts)] = [
        _LOG1P[c] if c < len(_LOG1P) else float(np.log1p(c)) for c in counts
    ]
    out[-2:] = [float(support), float(idiom)]
    return out


@dataclass(frozen=True)
class ReaderScores:
    """Probabilities per text: `levels` (n, 5) over none..attempt, `self_harm` and `urgent`
    (n,), and which head set read each text (`full`: True where the encoder was used)."""

    levels: FloatArray
    self_harm: FloatArray
    urgent: FloatArray
    full: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.levels.shape[0])

    def at_risk(self) -> FloatArray:
        """Probability of ideation, behavior or attempt."""
        out: FloatArray = self.levels[:, LEVELS.index("ideation") :].sum(axis=1)
        return out


@dataclass(frozen=True)
class Heads:
    """One head set: linear weights over hashed TF-IDF and dense features, with calibration."""

    idf: FloatArray  # (n_buckets,)
    sparse: F32  # (n_buckets, N_OUTPUTS)
    dense: F32  # (dense features, N_OUTPUTS)
    bias: FloatArray  # (N_OUTPUTS,)
    temperature: float  # divides the level logits
    platt_scale: FloatArray  # (2,) self-harm, urgent
    platt_shift: FloatArray

    @property
    def n_buckets(self) -> int:
        return int(self.idf.shape[0])

    @cached_property
    def _sparse_by_output(self) -> F32:
        # The sparse weights transposed (N_OUTPUTS, n_buckets): the gathered weights of one
        # text then lie side by side per output, so summing them (`logits`) reads memory in
        # order. Made on first use (a few MB), so training never pays for it.
        return np.ascontiguousarray(self.sparse.T)

    def logits(self, counts: HashedCounts, dense: F32) -> FloatArray:
        """Raw outputs (n, N_OUTPUTS) for hashed counts (over the full hash space) and dense
        features."""
        out: FloatArray = dense.astype(np.float64) @ self.dense.astype(np.float64) + self.bias
        if counts.doc.size:
            feature = counts.feature & (self.n_buckets - 1)
            values = (1.0 + np.log(counts.count)) * self.idf[feature]
            norms = np.sqrt(
                np.bincount(counts.doc, weights=values * values, minlength=counts.n_docs)
            )
            norms[norms == 0.0] = 1.0
            values = values / norms[counts.doc]
            # (N_OUTPUTS, entries): the same products and per-text sums as gathering rows of
            # `sparse` and summing down them, but in contiguous memory (about twice as fast).
            contributions = np.take(self._sparse_by_output, feature, axis=1) * values.astype(
                np.float32
            )
            starts = np.flatnonzero(np.r_[True, counts.doc[1:] != counts.doc[:-1]])
            out[counts.doc[starts]] += np.add.reduceat(contributions, starts, axis=1).T
        return out

    def probabilities(self, raw: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        levels = raw[:, :N_LEVELS] / self.temperature
        levels = np.exp(levels - levels.max(axis=1, keepdims=True))
        levels /= levels.sum(axis=1, keepdims=True)
        binary = raw[:, N_LEVELS:] * self.platt_scale + self.platt_shift
        binary = 0.5 * (1.0 + np.tanh(0.5 * binary))
        return levels, binary[:, 0].copy(), binary[:, 1].copy()


class Reader:
    """The learned reader (fast and full head sets). Use `Reader.load()`."""

    _cached: ClassVar[Reader | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, static: StaticEmbedder, heads: Mapping[str, Heads], info: dict[str, Any]
    ) -> None:
        fast = heads["fast"]
        if fast.dense.shape[0] != static.dimensions + N_SIGNALS:
            raise ContentError(READER_NPZ, "the fast heads do not match the static table")
        if "full" in heads and heads["full"].dense.shape[0] != fast.dense.shape[0] + 384:
            raise ContentError(READER_NPZ, "the full heads do not match the encoder")
        self.static = static
        self.heads = dict(heads)
        self.info = info

    @property
    def has_full(self) -> bool:
        return "full" in self.heads

    @classmethod
    def available(cls) -> bool:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        return folder.joinpath(READER_NPZ).is_file() and StaticEmbedder.available()

    @classmethod
    def load(cls) -> Reader:
        """The shipped reader, read once per process."""
        with cls._lock:
            if cls._cached is None:
                cls._cached = cls._read_package_files()
            return cls._cached

    @classmethod
    def _read_package_files(cls) -> Reader:
        folder = resources.files("waylight.core.textrisk").joinpath("model")
        try:
            info = json.loads(folder.joinpath(READER_JSON).read_text(encoding="utf-8"))
            with folder.joinpath(READER_NPZ).open("rb") as handle, np.load(handle) as arrays:
                parts = {name: np.asarray(arrays[name]) for name in arrays.files}
        except (OSError, ValueError, KeyError) as exc:
            raise ContentError(READER_NPZ, f"the reader cannot be read ({exc})") from exc
        if info.get("format") != FORMAT:
            raise ContentError(READER_JSON, "the reader was written for another format")
        return cls(StaticEmbedder.load(), heads_from_arrays(parts), info)

    def shared_features(self, texts: Sequence[str]) -> SharedFeatures:
        """The hashed counts and static vectors of `texts`: what the fast heads read besides
        the rules' signals, kept for the depression level head (`SharedFeatures`)."""
        return shared_features(texts, self.static)

    def features(
        self, texts: Sequence[str], signals: Sequence[Sequence[float]]
    ) -> tuple[HashedCounts, F32]:
        """Hashed counts and the fast dense features (static vector, then signals)."""
        return self._inputs(self.shared_features(texts), signals)

    @staticmethod
    def _inputs(
        shared: SharedFeatures, signals: Sequence[Sequence[float]]
    ) -> tuple[HashedCounts, F32]:
        rules = np.asarray(signals, dtype=np.float32).reshape(len(shared), N_SIGNALS)
        return shared.counts, np.hstack([shared.static, rules]).astype(np.float32)

    def score(
        self,
        texts: Sequence[str],
        signals: Sequence[Sequence[float]],
        encoder_vectors: npt.NDArray[np.floating] | None = None,
        *,
        features: SharedFeatures | None = None,
    ) -> ReaderScores:
        """Probabilities for each text: by the fast heads, or by the full heads when
        `encoder_vectors` (one encoder vector per text, `SentenceEncoder.encode_texts`) is
        given. `features`, when given, are the texts' own (`shared_features`, computed once
        by the caller): they are read instead of being computed again."""
        if len(texts) != len(signals):
            raise ValueError("one signal vector per text is needed")
        if features is not None and len(features) != len(texts):
            raise ValueError("one row of shared features per text is needed")
        use_full = encoder_vectors is not None
        if use_full and not self.has_full:
            raise ContentError(READER_NPZ, "this reader has no full heads")
        heads = self.heads["full" if use_full else "fast"]
        n = len(texts)
        levels = np.zeros((n, N_LEVELS))
        harm = np.zeros(n)
        urgent = np.zeros(n)
        for start in range(0, n, CHUNK_TEXTS):
            stop = min(n, start + CHUNK_TEXTS)
            shared = (
                features.rows(range(start, stop))
                if features is not None
                else self.shared_features(texts[start:stop])
            )
            counts, dense = self._inputs(shared, signals[start:stop])
            if encoder_vectors is not None:
                vectors = np.asarray(encoder_vectors[start:stop], dtype=np.float32)
                dense = np.hstack([dense, vectors])
            levels[start:stop], harm[start:stop], urgent[start:stop] = heads.probabilities(
                heads.logits(counts, dense)
            )
        return ReaderScores(levels, harm, urgent, np.full(n, use_full))


def heads_from_arrays(parts: Mapping[str, np.ndarray]) -> dict[str, Heads]:
    """Head sets from the arrays of `reader.npz` (`fast_idf`, `fast_sparse`, ...)."""
    heads: dict[str, Heads] = {}
    for name in HEAD_SETS:
        if f"{name}_sparse" not in parts:
            continue
        heads[name] = Heads(
            idf=parts[f"{name}_idf"].astype(np.float64),
            sparse=parts[f"{name}_sparse"].astype(np.float32),
            dense=parts[f"{name}_dense"].astype(np.float32),
            bias=parts[f"{name}_bias"].astype(np.float64),
            temperature=float(parts[f"{name}_temperature"]),
            platt_scale=parts[f"{name}_platt_scale"].astype(np.float64),
            platt_shift=parts[f"{name}_platt_shift"].astype(np.float64),
        )
    if "fast" not in heads:
        raise ContentError(READER_NPZ, "the reader has no fast heads")
    return heads


def heads_to_arrays(heads: Mapping[str, Heads]) -> dict[str, np.ndarray]:
    """The inverse of `heads_from_arrays` (weights stored as float16)."""
    out: dict[str, np.ndarray] = {}
    for name, h in heads.items():
        out[f"{name}_idf"] = h.idf.astype(np.float32)
        out[f"{name}_sparse"] = h.sparse.astype(np.float16)
        out[f"{name}_dense"] = h.dense.astype(np.float32)
        out[f"{name}_bias"] = h.bias.astype(np.float64)
        out[f"{name}_temperature"] = np.array(h.temperature)
        out[f"{name}_platt_scale"] = h.platt_scale.astype(np.float64)
        out[f"{name}_platt_shift"] = h.platt_shift.astype(np.float64)
    return out
