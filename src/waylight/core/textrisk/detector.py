"""The text detector: rules read in context, the learned reader, and the post model.

Per batch of texts:
1. rules: the lexicon's matches, each read in its context (`rules`, `context`), and the rules'
   own verdict (`combine.tally`);
2. the learned reader (`reader`): its fast heads read every text (hashed words and character
   n-grams, the static embedding, the rules' signals); its full heads, which add the MiniLM
   encoder's vector (`encoder`), read the texts the detector chooses: every text of a single
   call, and in batches the texts the fast heads are unsure about (`full_reads`);
3. the post model (`model`): the depression level and score. A depression level head
   (`level_head`), when the detector has one, gives the level probabilities instead, from the
   features the learned reader computed for each text (`SharedFeatures`, computed once per
   batch and passed on, never recomputed); the package ships none (docs/model-card.md);
4. `combine`: tally, veto, model raise, tier; then, where the learned reader raised the
   result beyond the rules, the sentence that carries most of it is marked as a signal;
5. language (`language`): a text clearly in another language in which nothing was found gets an
   explicit "language not supported" answer with help now, never a silent "none".

`Detector.default()` uses every layer that ships. `variant()` turns layers off (the ablation in
`evaluate_cases`, and batch callers that read with the encoder only where the fast heads are
unsure, for speed).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from waylight.core.errors import ContentError
from waylight.core.limits import check_text
from waylight.core.textrisk.combine import (
    PHQ9_NAMES,
    Combined,
    ModelRow,
    OperatingPoint,
    ReaderRow,
    Tally,
    combine,
    load_operating_point,
    tally,
)
from waylight.core.textrisk.context import NO_CUES, ContextReader, Reading, TextCues, load_context
from waylight.core.textrisk.explain import MarkedSentences, explain
from waylight.core.textrisk.language import LanguageRead, read_language
from waylight.core.textrisk.result import (
    Depression,
    Evidence,
    SelfHarm,
    Signal,
    SuicideRisk,
    Symptom,
    TextResult,
    check_country,
)
from waylight.core.textrisk.rules import Lexicon, Match, load_lexicon, normalise
from waylight.core.textrisk.sentences import split_sentences
from waylight.core.textrisk.spelling import Respelled, load_respeller
from waylight.core.versions import detector_versions

if TYPE_CHECKING:
    from waylight.core.textrisk.encoder import SentenceEncoder
    from waylight.core.textrisk.level_head import LevelHead
    from waylight.core.textrisk.model import ModelScores, TextModel
    from waylight.core.textrisk.reader import Reader, ReaderScores
    from waylight.core.textrisk.shared_features import SharedFeatures

# Which texts the full heads (with the encoder) read: all, the ones the fast heads are unsure
# about, or none.
FullReads = Literal["all", "unsure", "none"]
# Sentences per text the reader scores to find the one that carries a raised result.
MAX_MARKED_SENTENCES = 200
# Texts whose shared features are held at once (those of ~2,000 posts of 100 words take
# ~30 MB), as the learned reader scores them.
CHUNK_TEXTS = 2000
# The model version of a detector that runs without the trained readers.
NO_MODEL = "none"
# Rule ids of signals that mark the sentence the learned reader read its result in.
READER_RISK = "TX-READER-RISK"
READER_SELF_HARM = "TX-READER-SELF-HARM"
# An optional shipped part (post model, learned reader, level head, sentence encoder).
_Part = TypeVar("_Part")


@dataclass(frozen=True)
class _RuleRead:
    """One text as the rules read it (the last `max_rule_chars` characters of it)."""

    text: str
    offset: int
    lowered: str
    # `lowered` with its hurried spellings respelled ("cuttin" -> "cutting"), as the rules
    # read it; the spans in `matches` are mapped back to `text`.
    spelled: str
    matches: list[Match]
    readings: list[Reading]
    tallied: Tally
    cues: TextCues
    signals: list[float]


@dataclass(frozen=True)
class Layers:
    """One text as every layer read it, before they are combined: the rules' reading and the
    trained readers' rows (None where a reader is absent or did not read the text)."""

    read: _RuleRead
    row: ModelRow | None
    reader: ReaderRow | None


class _LazyEncoder:
    """Loads the sentence encoder the first time a text needs it (it costs ~0.4 s)."""

    def __init__(self) -> None:
        self._encoder: SentenceEncoder | None = None
        self._failed = False
        self._lock = threading.Lock()

    def get(self) -> SentenceEncoder | None:
        with self._lock:
            if self._encoder is None and not self._failed:
                self._encoder = _load_encoder()
                self._failed = self._encoder is None
            return self._encoder


class Detector:
    """Reads texts for suicide risk, self-harm and depression signals (SPEC C6).

    `Detector.default()` is the shipped detector (rules, the learned reader with the encoder,
    the post model, and a depression level head if the package has one); `Detector()` with no
    trained parts uses the rules alone. `level_head` is read only with both `model` and
    `reader` (it reads the reader's features and sets the post model's level probabilities).
    """

    _default: ClassVar[Detector | None] = None
    _batch: ClassVar[Detector | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        model: TextModel | None = None,
        *,
        reader: Reader | None = None,
        encoder: SentenceEncoder | _LazyEncoder | None = None,
        full_reads: FullReads = "all",
        lexicon: Lexicon | None = None,
        context: ContextReader | None = None,
        operating_point: OperatingPoint | None = None,
        rules: bool = True,
        level_head: LevelHead | None = None,
    ) -> None:
        self.model = model
        self.reader = reader
        self.level_head = level_head
        self._encoder = encoder
        self.full_reads: FullReads = full_reads if encoder is not None else "none"
        self.lexicon = lexicon or load_lexicon()
        self.context = context or load_context()
        self.op = operating_point or load_operating_point()
        self.use_rules = rules

    @classmethod
    def default(cls) -> Detector:
        """The shipped detector, built once per process: every layer that ships."""
        with cls._lock:
            return cls._shipped()

    @classmethod
    def batch(cls) -> Detector:
        """The shipped detector for batches (`check-text --jsonl`, `waylight scan`): rules,
        the learned reader's fast heads and the post model, without the sentence encoder. The
        encoder reads a 100-word post in tens of milliseconds, so even one post in a hundred
        sent to it would pull a batch far under 2,000 posts a second on two cores; what
        leaving it out costs is measured (docs/model-card.md, "Cross-writer figures")."""
        with cls._lock:
            if cls._batch is None:
                cls._batch = cls._shipped().variant(second_reader=False)
            return cls._batch

    @classmethod
    def _shipped(cls) -> Detector:
        # The caller holds the lock.
        if cls._default is None:
            cls._default = cls(
                _load_model(),
                reader=_load_reader(),
                encoder=_LazyEncoder(),
                level_head=_load_level_head(),
            )
        return cls._default

    def variant(
        self,
        *,
        rules: bool = True,
        model: bool = True,
        second_reader: bool | Literal["unsure"] = True,
        level_head: bool = True,
    ) -> Detector:
        """This detector with some layers left out (loaded parts are shared, not reloaded).

        `model=False` leaves out the trained readers (the learned reader, the post model and
        the level head); `second_reader` says which texts the encoder reads: all (True), the
        ones the fast heads are unsure about ("unsure"), or none (False); `level_head=False`
        leaves the depression level to the post model's own level head.
        """
        full: FullReads = (
            "unsure" if second_reader == "unsure" else "all" if second_reader else "none"
        )
        return Detector(
            self.model if model else None,
            reader=self.reader if model else None,
            encoder=self._encoder if model and full != "none" else None,
            full_reads=full,
            lexicon=self.lexicon,
            context=self.context,
            operating_point=self.op,
            rules=rules,
            level_head=self.level_head if model and level_head else None,
        )

    def with_level_head(self, level_head: LevelHead | None) -> Detector:
        """This detector, every loaded part shared, with another depression level head (None:
        the post model's own)."""
        return self._sharing(self.op, level_head)

    def with_operating_point(self, op: OperatingPoint) -> Detector:
        """This detector, every loaded part shared, reading at another operating point."""
        return self._sharing(op, self.level_head)

    def _sharing(self, op: OperatingPoint, level_head: LevelHead | None) -> Detector:
        return Detector(
            self.model,
            reader=self.reader,
            encoder=self._encoder,
            full_reads=self.full_reads,
            lexicon=self.lexicon,
            context=self.context,
            operating_point=op,
            rules=self.use_rules,
            level_head=level_head,
        )

    @property
    def reads_level_head(self) -> bool:
        """Whether the depression level head sets the level (it needs the learned reader's
        features and the post model's depression score)."""
        return self.level_head is not None and self.reader is not None and self.model is not None

    @property
    def encoder(self) -> SentenceEncoder | None:
        """The sentence encoder of the full heads (loaded on first use), or None."""
        if isinstance(self._encoder, _LazyEncoder):
            return self._encoder.get()
        return self._encoder

    # Older name, kept for callers that load the encoder before forking workers.
    second_reader = encoder

    @property
    def model_version(self) -> str:
        """The fingerprint of the shipped model files ("none" when this detector runs without
        them); the same on every result, scan row and report (`waylight.core.versions`)."""
        if self.model is None and self.reader is None:
            return NO_MODEL
        return detector_versions().model_version

    @property
    def content_version(self) -> str:
        """The fingerprint of the detector's content files (rules, cues, operating point)."""
        return detector_versions().content_version

    def layers_description(self) -> str:
        parts = []
        if self.use_rules:
            parts.append("rules")
        if self.reader is not None:
            parts.append("learned reader (fast heads)")
        if self.reader is not None and self.full_reads != "none":
            which = "every text" if self.full_reads == "all" else "texts the fast heads doubt"
            parts.append(f"full heads with the encoder ({which})")
        if self.model is not None:
            parts.append("post model (depression)")
        if self.reads_level_head:
            parts.append("depression level head (the reader's features)")
        return " + ".join(parts) or "nothing"

    # ------------------------------------------------------------------ public calls

    def analyse(self, text: str, *, country: str | None = None) -> TextResult:
        """Read one text. Raises InputError for an empty text, UnknownCountry for a bad code."""
        return self.analyse_many([text], country=country)[0]

    def analyse_many(self, texts: Sequence[str], *, country: str | None = None) -> list[TextResult]:
        """Read many texts in one batch (the readers score them together, which is faster)."""
        if isinstance(texts, str):
            raise TypeError("analyse_many() takes a sequence of texts, not one string")
        check_country(country)
        checked = [self.prepare(text) for text in texts]
        newest = self._newest(checked)
        layers = self._layers(checked, newest)
        reads = [layer.read for layer in layers]
        combined = [self.combined(layer) for layer in layers]
        marks = self._marked_sentences(reads, combined)
        results = [
            self._result(text, read, both, mark, country)
            for text, read, both, mark in zip(checked, reads, combined, marks, strict=True)
        ]
        return [
            self._with_language(result, read_language(text), text)
            for result, text in zip(results, newest, strict=True)
        ]

    def layers(self, texts: Sequence[str]) -> list[Layers]:
        """Each text as every layer reads it, before they are combined. With `combined` an
        operating point can then be varied without reading the texts again (a threshold
        sweep); `analyse_many` is `layers` and `combined` at this detector's own point."""
        checked = [self.prepare(text) for text in texts]
        return self._layers(checked, self._newest(checked))

    def combined(self, layers: Layers, operating_point: OperatingPoint | None = None) -> Combined:
        """The layers of one text combined (tally, veto, model raise, tier) at this detector's
        operating point, or at `operating_point`."""
        read = layers.read
        # `combine` asks whether a cause is named, then whether it is an injury's: the text is
        # searched at most once, and only when asked.
        cause = cache(partial(self.context.everyday_cause, read.spelled))
        return combine(
            read.matches,
            read.readings,
            layers.row,
            support=lambda: read.cues.veto,
            op=operating_point or self.op,
            reader=layers.reader,
            tallied=read.tallied,
            story=read.cues.story,
            other_cause=lambda: cause() is not None,
            injury_cause=lambda: cause() == "injury",
            clean_stretch=lambda: self.context.clean_stretch(read.spelled),
            sober_stretch=lambda: self.context.sober_stretch(read.spelled),
            medicine_routine=lambda: self.context.medicine_routine(read.spelled),
            record_of_other=lambda: self.context.record_of_other(read.spelled),
            arranged_for_reason=lambda: self.context.arranged_for_reason(read.spelled),
            arranged_everyday=lambda: self.context.arranged_everyday(read.spelled),
            everyday_completion=lambda: self.context.everyday_completion(read.spelled),
            traces_of_other=lambda: self.context.traces_of_other(read.spelled),
            long_past_told=lambda: self.context.long_past_told(read.spelled),
            distress_lasting=lambda: self.context.distress_lasting(read.spelled),
            emptiness_lasting=lambda: self.context.emptiness_lasting(read.spelled),
            passive_told=lambda: self.context.passive_told(read.spelled),
            harm_named=lambda: self.context.harm_named(read.spelled),
            farewell_asked=lambda: self.context.farewell_asked(read.spelled),
            light_denial=lambda: self.context.light_denial(read.spelled),
        )

    def prepare(self, text: object) -> str:
        """The text itself, or InputError for non-text, invalid or empty (invisible) input."""
        return check_text(text)

    def signal_vectors(self, texts: Sequence[str]) -> list[list[float]]:
        """The rules' reading of each text as the learned reader's `signals` features (used
        by training, which must see exactly what the detector gives the reader)."""
        return [self._read_rules(check_text(t)).signals for t in texts]

    # ------------------------------------------------------------------ the layers

    def _newest(self, checked: list[str]) -> list[str]:
        """The part of each text the trained readers and the language check read: the newest
        `max_chars` characters of a very long text (the end of a history)."""
        limit = self.op.max_chars
        return [t[-limit:] if len(t) > limit else t for t in checked]

    def _layers(self, checked: list[str], newest: list[str]) -> list[Layers]:
        """The layers of `checked` texts; the trained readers read their `newest` parts."""
        # The post model reads every text before the rules' readings are held (its working
        # memory is gone by then).
        # The trained readers read a text's hurried spellings respelled too ("plastrs b4" as
        # "plasters before"), as the rules do: they learnt mostly from standard spelling.
        # A text short enough that the rules read all of it too is normalised and respelled once
        # here and read by the rules from that (twice cost a few per cent of the batch path).
        spelled = [_spelled(text) for text in newest]
        newest = [
            text if r.origin is None else r.text
            for text, (_, r) in zip(newest, spelled, strict=True)
        ]
        scores = self.model.predict(newest) if self.model is not None and newest else None
        whole = min(self.op.max_rule_chars, self.op.max_chars)
        reads = [
            self._read_rules(full, ready if len(full) <= whole else None)
            for full, ready in zip(checked, spelled, strict=True)
        ]
        rows, readers = self._trained_rows(newest, reads, scores)
        return [Layers(*parts) for parts in zip(reads, rows, readers, strict=True)]

    def _trained_rows(
        self, texts: list[str], reads: list[_RuleRead], scores: ModelScores | None
    ) -> tuple[list[ModelRow | None], list[ReaderRow | None]]:
        """The post model's and the learned reader's rows, a chunk of texts at a time. Each
        chunk's features (`SharedFeatures`) are computed once, read by the learned reader and
        the level head alike, and let go before the next chunk (and before the caller goes on
        to mark sentences, which scores features of its own)."""
        rows: list[ModelRow | None] = []
        readers: list[ReaderRow | None] = []
        for start in range(0, len(texts), CHUNK_TEXTS):
            part = slice(start, start + CHUNK_TEXTS)
            chunk = texts[part]
            shared = self.reader.shared_features(chunk) if self.reader is not None else None
            rows += self._model_rows(scores, part, len(chunk), shared)
            readers += self._reader_rows(chunk, reads[part], shared)
        return rows, readers

    def _model_rows(
        self, scores: ModelScores | None, part: slice, n: int, shared: SharedFeatures | None
    ) -> list[ModelRow | None]:
        """The post model's `scores` of the `n` texts at `part`; the level probabilities are
        the level head's (from the learned reader's `shared` features of those texts) when this
        detector reads it."""
        if scores is None:
            return [None] * n
        if self.reads_level_head and shared is not None:
            assert self.level_head is not None
            levels = self.level_head.probabilities(shared).tolist()
        else:
            levels = scores.depression_levels[part].tolist()
        return [
            ModelRow(
                suicide=float(s),
                self_harm=float(h),
                depression=float(d),
                depression_levels=(lv[0], lv[1], lv[2], lv[3]),
            )
            for s, h, d, lv in zip(
                scores.suicide[part].tolist(),
                scores.self_harm[part].tolist(),
                scores.depression[part].tolist(),
                levels,
                strict=True,
            )
        ]

    def _read_rules(self, full: str, ready: tuple[str, Respelled] | None = None) -> _RuleRead:
        """`full` as the rules read it; `ready` is its normalised and respelled text where the
        caller has them already (`_spelled` of the whole text)."""
        # The rules read at most the last max_rule_chars; offsets are shifted back later.
        offset = max(0, len(full) - self.op.max_rule_chars)
        text = full[offset:]
        lowered, respelled = _spelled(text) if ready is None else ready
        spelled = respelled.text
        if self.use_rules:
            found = self.context.anchored(spelled, self.lexicon.find(spelled))
            readings = self.context.read_all(spelled, found)
            cues = self.context.text_cues(spelled)
            matches = _in_original(found, respelled)
        else:
            matches, readings, cues = [], [], NO_CUES
        tallied = tally(matches, readings, self.op, words=len(lowered.split()))
        signals = _signals(matches, readings, tallied, cues)
        return _RuleRead(text, offset, lowered, spelled, matches, readings, tallied, cues, signals)

    def _reader_rows(
        self, texts: list[str], reads: list[_RuleRead], shared: SharedFeatures | None
    ) -> list[ReaderRow | None]:
        """The learned reader's probabilities: fast heads for every text it reads, full heads
        (with the encoder) for the texts `full_reads` chooses, each from the texts' `shared`
        features. A text shorter than the operating point's `short.min_words` in which no
        rule matched is not read (None): on a few words the reader's scores are little more
        than its training corpus's priors."""
        out: list[ReaderRow | None] = [None] * len(texts)
        if self.reader is None or not texts:
            return out
        min_words = self.op.reader.get("short", {}).get("min_words", 0)
        readable = [
            i
            for i, (text, read) in enumerate(zip(texts, reads, strict=True))
            if read.matches or len(text.split()) >= min_words
        ]
        features = shared.rows(readable) if shared is not None else None
        for i, row in zip(readable, self._read(texts, reads, readable, features), strict=True):
            out[i] = row
        return out

    def _read(
        self,
        every: list[str],
        reads: list[_RuleRead],
        readable: list[int],
        features: SharedFeatures | None,
    ) -> list[ReaderRow | None]:
        if self.reader is None or not readable:
            return []
        texts = [every[i] for i in readable]
        signals = [reads[i].signals for i in readable]
        scores = self.reader.score(texts, signals, features=features)
        chosen = self.full_choice(scores)
        encoder = self.encoder if chosen and self.reader.has_full else None
        if encoder is not None:
            vectors = encoder.encode_texts([texts[i] for i in chosen])
            full = self.reader.score(
                [texts[i] for i in chosen],
                [signals[i] for i in chosen],
                vectors,
                features=features.rows(chosen) if features is not None else None,
            )
            scores = _merge(scores, full, chosen)
        return _rows(scores)

    def full_choice(self, scores: ReaderScores) -> list[int]:
        """Indices of the texts the full heads read."""
        if self.full_reads == "none":
            return []
        if self.full_reads == "all":
            return list(range(len(scores)))
        band = self.op.reader["unsure"]
        low, high = band["low"], band["high"]
        at_risk = scores.at_risk()
        return [
            i
            for i in range(len(scores))
            if low <= at_risk[i] <= high or low <= scores.self_harm[i] <= high
        ]

    def _with_language(self, result: TextResult, language: LanguageRead, text: str) -> TextResult:
        """The result, told what language the text is in.

        A text in another language in which the detector found nothing was not really read: it
        gets the explicit "language not supported" answer, with help shown, never a silent
        "none". One in which it did find something (English words among the others) keeps what
        was found, with a note, so the language check can add help but never hide a signal.

        The learned reader's character n-grams pick up a little of other languages, so what it
        alone finds below help-now (distress at `watch`) is a guess on words the detector does
        not read: such a text also gets the "not supported" answer, which shows help, rather
        than a `watch` that hides it. What the reader finds at help-now level is kept.
        """
        if language.supported:
            return result
        rule_found = any(s.rule not in (READER_RISK, READER_SELF_HARM) for s in result.signals)
        if not result.help_now and not rule_found:
            return replace(
                result,
                concern="none",
                suicide_risk=SuicideRisk("none", 0.0),
                self_harm=SelfHarm(False, 0.0),
                depression=Depression("none", 0.0, ()),
                signals=(),
                explanation=unsupported_explanation(language),
                help_now=True,
                model_used=False,
                language=language,
                read=False,
            )
        what_was_read = (
            "only the words it knows were read (English, and a few common phrases of other "
            "languages about wanting to die or hurting oneself)."
            if rule_found
            else "what is reported here is the trained reader's guess from its words, in a "
            "language it was not built for."
        )
        note = (
            f"Much of this text seems to be in {language.name}, which the detector does not "
            f"read: {what_was_read}"
        )
        return replace(result, language=language, explanation=f"{result.explanation} {note}")

    def _result(
        self,
        full: str,
        read: _RuleRead,
        combined: Combined,
        mark: tuple[tuple[Signal, ...], MarkedSentences],
        country: str | None,
    ) -> TextResult:
        truncated = len(full) > self.op.max_chars
        text, offset = read.text, read.offset
        matches, readings = read.matches, read.readings
        signals = tuple(
            Signal(
                kind=m.rule.kind,
                start=m.start + offset,
                end=m.end + offset,
                text=text[m.start : m.end],
                negated=r.negated,
                hypothetical=r.hypothetical,
                experiencer=r.experiencer,
                time=r.time,
                rule=m.rule.id,
                counted=r.counts_for_writer,
            )
            for m, r in zip(matches, readings, strict=True)
            if r.idiom is None  # everyday expressions are not signals at all
        )
        marked_signals, marked = mark
        signals += marked_signals
        symptoms = tuple(
            Symptom(
                item=item,
                name=PHQ9_NAMES[item],
                evidence=tuple(
                    Evidence(m.start + offset, m.end + offset, text[m.start : m.end]) for m in found
                ),
            )
            for item, found in combined.symptoms.items()
        )
        return TextResult(
            suicide_risk=SuicideRisk(combined.level, combined.suicide_score),
            self_harm=SelfHarm(combined.self_harm_present, combined.self_harm_score),
            depression=Depression(combined.depression_level, combined.depression_score, symptoms),
            signals=signals,
            concern=combined.concern,
            explanation=explain(
                text,
                matches,
                readings,
                combined,
                truncated=truncated,
                rules_cut=offset > 0,
                marked=marked,
            ),
            help_now=combined.help_now,
            country=country,
            truncated=truncated,
            model_used=combined.model_used,
            model_version=self.model_version,
            content_version=self.content_version,
        )

    def _marked_sentences(
        self, reads: Sequence[_RuleRead], combined: Sequence[Combined]
    ) -> list[tuple[tuple[Signal, ...], MarkedSentences]]:
        """Where the learned reader raised a result beyond the rules, the sentence that carries
        most of it (the fast heads' highest score among the text's sentences), so a reviewer
        can find the words; a one-sentence text is marked whole. Also which sentence that is
        (its number among the text's sentences), for the explanation. The sentences of every
        such text in the batch are scored together."""
        out: list[tuple[tuple[Signal, ...], MarkedSentences]] = [
            ((), MarkedSentences((), 0)) for _ in reads
        ]
        if self.reader is None:
            return out
        wanted: list[tuple[int, bool, bool, list[tuple[int, int]], int, int]] = []
        sentences: list[str] = []
        signals: list[list[float]] = []
        for index, (read, both) in enumerate(zip(reads, combined, strict=True)):
            risk = "reader_risk" in both.model_raised
            harm = "reader_self_harm" in both.model_raised
            if not (risk or harm):
                continue
            every = split_sentences(read.text) or [(0, len(read.text))]
            skipped = max(0, len(every) - MAX_MARKED_SENTENCES)
            spans = every[skipped:]
            wanted.append((index, risk, harm, spans, skipped, len(every)))
            sentences.extend(read.text[a:b] for a, b in spans)
            signals.extend(
                _signals_within(self, read, a, b) if self.use_rules else read.signals
                for a, b in spans
            )
        if not wanted:
            return out
        scores = self.reader.score(sentences, signals)
        at_risk, self_harm = scores.at_risk(), scores.self_harm
        first = 0
        for index, risk, harm, spans, skipped, total in wanted:
            read = reads[index]
            found: list[Signal] = []
            numbers: list[int] = []
            own: list[tuple[int, int]] = []
            for kind, rule, raised, values in (
                ("suicidal_ideation", READER_RISK, risk, at_risk),
                ("self_harm", READER_SELF_HARM, harm, self_harm),
            ):
                if not raised:
                    continue
                best = int(values[first : first + len(spans)].argmax())
                a, b = spans[best]
                found.append(
                    Signal(
                        kind=kind,
                        start=a + read.offset,
                        end=b + read.offset,
                        text=read.text[a:b],
                        negated=False,
                        hypothetical=False,
                        experiencer="self",
                        time="current",
                        rule=rule,
                        counted=True,
                    )
                )
                numbers.append(skipped + best + 1)
                own.append((a, b))
            out[index] = (
                tuple(found),
                MarkedSentences(tuple(dict.fromkeys(numbers)), total, tuple(own)),
            )
            first += len(spans)
        return out


def unsupported_explanation(language: LanguageRead) -> str:
    """What a result says about a text in a language the detector does not read."""
    return (
        f"This text seems to be in {language.name}. The detector reads English only, so it did "
        "not read this text: there is no result, and none should be assumed. If someone may be "
        "in danger, use the help-now resources."
    )


def _spelled(text: str) -> tuple[str, Respelled]:
    """`text` normalised (lower-cased), and that with its hurried spellings respelled."""
    lowered = normalise(text)
    return lowered, load_respeller().respell(lowered, text)


def _in_original(matches: list[Match], respelled: Respelled) -> list[Match]:
    """`matches` in a respelled text, with their spans in the original text."""
    if respelled.origin is None:
        return matches
    return [Match(m.rule, respelled.at(m.start), respelled.at(m.end)) for m in matches]


def _signals(
    matches: Sequence[Match], readings: Sequence[Reading], tallied: Tally, cues: TextCues
) -> list[float]:
    from waylight.core.textrisk.reader import signal_vector

    return signal_vector(
        matches,
        readings,
        level=tallied.level,
        tier=tallied.concern,
        self_harm=tallied.self_harm_present,
        serious=tallied.serious,
        evidence=tallied.evidence,
        set_aside=tallied.set_aside,
        support=cues.support,
        idiom=cues.idiom,
    )


def _signals_within(detector: Detector, read: _RuleRead, start: int, end: int) -> list[float]:
    """The signal features of one sentence: the text's rule signals that fall inside it."""
    pairs = [
        (m, r) for m, r in zip(read.matches, read.readings, strict=True) if start <= m.start < end
    ]
    matches = [m for m, _ in pairs]
    readings = [r for _, r in pairs]
    tallied = tally(matches, readings, detector.op)
    cues = detector.context.text_cues(read.lowered[start:end])
    return _signals(matches, readings, tallied, cues)


def _merge(fast: ReaderScores, full: ReaderScores, chosen: Sequence[int]) -> ReaderScores:
    from waylight.core.textrisk.reader import ReaderScores

    levels, harm, urgent, used = (
        fast.levels.copy(),
        fast.self_harm.copy(),
        fast.urgent.copy(),
        fast.full.copy(),
    )
    levels[list(chosen)] = full.levels
    harm[list(chosen)] = full.self_harm
    urgent[list(chosen)] = full.urgent
    used[list(chosen)] = True
    return ReaderScores(levels, harm, urgent, used)


def _rows(scores: ReaderScores) -> list[ReaderRow | None]:
    levels: list[list[float]] = scores.levels.tolist()
    return [
        ReaderRow(
            levels=(lv[0], lv[1], lv[2], lv[3], lv[4]),
            self_harm=float(h),
            urgent=float(u),
            full=bool(f),
        )
        for lv, h, u, f in zip(
            levels,
            scores.self_harm.tolist(),
            scores.urgent.tolist(),
            scores.full.tolist(),
            strict=True,
        )
    ]


def _load_optional(
    name: str, available: Callable[[], bool], load: Callable[[], _Part], fallback: str
) -> _Part | None:
    """A shipped part, or None when the package lacks its files or they cannot be read (the
    detector then works without it, and says how in a warning)."""
    if not available():
        return None
    try:
        return load()
    except ContentError as exc:
        warnings.warn(f"{name} unavailable, {fallback}: {exc}", RuntimeWarning, stacklevel=4)
        return None


def _load_model() -> TextModel | None:
    """The shipped post model."""
    from waylight.core.textrisk.model import TextModel

    return _load_optional("text model", lambda: True, TextModel.load, "using rules only")


def _load_reader() -> Reader | None:
    """The shipped learned reader."""
    from waylight.core.textrisk.reader import Reader

    return _load_optional("learned reader", Reader.available, Reader.load, "using rules only")


def _load_level_head() -> LevelHead | None:
    """The shipped depression level head (the post model's own level head gives the level
    without it)."""
    from waylight.core.textrisk.level_head import LevelHead

    return _load_optional(
        "depression level head",
        LevelHead.available,
        LevelHead.load,
        "using the post model's",
    )


def _load_encoder() -> SentenceEncoder | None:
    """The shipped sentence encoder."""
    from waylight.core.textrisk.encoder import SentenceEncoder

    return _load_optional(
        "sentence encoder",
        SentenceEncoder.available,
        SentenceEncoder.load,
        "using the fast heads only",
    )
