"""The text detector: rules read in context, the fast trained reader, and the second reader.

Per batch of texts:
1. rules: the lexicon's matches, each read in its context (`rules`, `context`);
2. fast reader: the post model's scores for each whole text (`model`), and its sentence
   heads' scores for each sentence, which only decide what the second reader reads;
3. each sentence at the fast reader's gate is read in its context (whose, denied, what-if,
   reported, past); the writer's own, current ones go to the second reader (`semantic`),
   which encodes and scores them;
5. `combine`: tally, veto, model raise, tier;
6. language (`language`): a text clearly in another language in which nothing was found gets an
   explicit "language not supported" answer with help now, never a silent "none".

`Detector.default()` uses every layer that ships. `variant()` turns layers off (the ablation in
`evaluate_cases`, and batch callers that leave the second reader out for speed).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from waylight.core.errors import ContentError
from waylight.core.limits import check_text
from waylight.core.textrisk.combine import (
    PHQ9_NAMES,
    ModelRow,
    OperatingPoint,
    SentenceHit,
    combine,
    load_operating_point,
)
from waylight.core.textrisk.context import ContextReader, Reading, SentenceReading, load_context
from waylight.core.textrisk.explain import explain
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
from waylight.core.versions import detector_versions

if TYPE_CHECKING:
    from waylight.core.textrisk.model import ModelScores, TextModel
    from waylight.core.textrisk.semantic import SemanticReader

# Sentences per text the sentence readers look at: the newest ones (the end of a history).
MAX_FAST_SENTENCES = 400
MAX_SECOND_SENTENCES = 24
# The model version of a detector that runs without the trained readers.
NO_MODEL = "none"
# Rule ids of signals that come from a sentence reader rather than from the lexicon.
READER_RISK = "TX-READER-RISK"
READER_SELF_HARM = "TX-READER-SELF-HARM"


@dataclass(frozen=True)
class _RuleRead:
    """One text as the rules read it (the last `max_rule_chars` characters of it)."""

    text: str
    offset: int
    lowered: str
    matches: list[Match]
    readings: list[Reading]


class _LazySecondReader:
    """Loads the semantic reader the first time a sentence needs it (it costs ~0.5 s)."""

    def __init__(self) -> None:
        self._reader: SemanticReader | None = None
        self._failed = False
        self._lock = threading.Lock()

    def get(self) -> SemanticReader | None:
        with self._lock:
            if self._reader is None and not self._failed:
                self._reader = _load_semantic()
                self._failed = self._reader is None
            return self._reader


class Detector:
    """Reads texts for suicide risk, self-harm and depression signals (SPEC C6).

    `Detector.default()` is the shipped detector (rules, the trained model and the second
    reader); `Detector()` with `model=None` uses the rules alone.
    """

    _default: ClassVar[Detector | None] = None
    _batch: ClassVar[Detector | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        model: TextModel | None = None,
        *,
        second_reader: SemanticReader | _LazySecondReader | None = None,
        lexicon: Lexicon | None = None,
        context: ContextReader | None = None,
        operating_point: OperatingPoint | None = None,
        rules: bool = True,
    ) -> None:
        self.model = model
        self._second = second_reader
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
        """The shipped detector for batches (`check-text --jsonl`, `waylight scan`): every layer
        but the second reader, which reads a few hundred posts a second where the rest reads
        thousands (docs/text-detector.md, "Speed")."""
        with cls._lock:
            if cls._batch is None:
                cls._batch = cls._shipped().variant(second_reader=False)
            return cls._batch

    @classmethod
    def _shipped(cls) -> Detector:
        # The caller holds the lock.
        if cls._default is None:
            cls._default = cls(_load_model(), second_reader=_LazySecondReader())
        return cls._default

    def variant(
        self, *, rules: bool = True, model: bool = True, second_reader: bool = True
    ) -> Detector:
        """This detector with some layers left out (loaded parts are shared, not reloaded)."""
        return Detector(
            self.model if model else None,
            second_reader=self._second if second_reader else None,
            lexicon=self.lexicon,
            context=self.context,
            operating_point=self.op,
            rules=rules,
        )

    @property
    def second_reader(self) -> SemanticReader | None:
        if isinstance(self._second, _LazySecondReader):
            return self._second.get()
        return self._second

    @property
    def model_version(self) -> str:
        """The fingerprint of the shipped model files ("none" when this detector runs without
        them); the same on every result, scan row and report (`waylight.core.versions`)."""
        if self.model is None:
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
        if self.model is not None:
            parts.append("trained model")
        if self._second is not None:
            parts.append("second reader")
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
        # The model reads the newest part of a very long text (the end of a history); the
        # language check looks at the same part.
        limit = self.op.max_chars
        newest = [t[-limit:] if len(t) > limit else t for t in checked]
        rows = self._model_rows(newest)
        reads = [self._read_rules(text) for text in checked]
        hits = self._sentence_hits(reads)
        results = [
            self._result(text, read, row, text_hits, country)
            for text, read, row, text_hits in zip(checked, reads, rows, hits, strict=True)
        ]
        return [
            self._with_language(result, read_language(text), text)
            for result, text in zip(results, newest, strict=True)
        ]

    def prepare(self, text: object) -> str:
        """The text itself, or InputError for non-text, invalid or empty (invisible) input."""
        return check_text(text)

    # ------------------------------------------------------------------ the layers

    def _model_rows(self, texts: list[str]) -> list[ModelRow | None]:
        if self.model is None or not texts:
            return [None] * len(texts)
        scores: ModelScores = self.model.predict(texts)
        levels = scores.depression_levels.tolist()
        return [
            ModelRow(
                suicide=float(s),
                self_harm=float(h),
                depression=float(d),
                depression_levels=(lv[0], lv[1], lv[2], lv[3]),
            )
            for s, h, d, lv in zip(
                scores.suicide.tolist(),
                scores.self_harm.tolist(),
                scores.depression.tolist(),
                levels,
                strict=True,
            )
        ]

    def _read_rules(self, full: str) -> _RuleRead:
        # The rules read at most the last max_rule_chars; offsets are shifted back later.
        offset = max(0, len(full) - self.op.max_rule_chars)
        text = full[offset:]
        lowered = normalise(text)
        if not self.use_rules:
            return _RuleRead(text, offset, lowered, [], [])
        matches = self.lexicon.find(lowered)
        readings = self.context.read_all(lowered, matches)
        return _RuleRead(text, offset, lowered, matches, readings)

    def _sentence_hits(self, reads: list[_RuleRead]) -> list[list[SentenceHit]]:
        """Sentences the second reader finds to be the writer's own risk or self-harm.

        The fast reader's sentence heads only choose which sentences are worth the second
        reader's time (a score at its gate); on their own they mistake "cut my hair" for
        self-harm, so they never raise anything. Sentences already read by a counted rule, set
        aside by their context, or about the past are skipped, and at most
        `MAX_SECOND_SENTENCES` per text are read, the newest first.
        """
        out: list[list[SentenceHit]] = [[] for _ in reads]
        fast = self.model if self.model is not None and self.model.has_sentence_heads else None
        second = self.second_reader if self._second is not None else None
        if fast is None or second is None:
            return out
        where: list[tuple[int, int, int]] = []
        for index, read in enumerate(reads):
            spans = split_sentences(read.text)[-MAX_FAST_SENTENCES:]
            where.extend((index, start, end) for start, end in spans)
        if not where:
            return out
        fast_risk, fast_harm = fast.score_sentences([reads[i].text[s:e] for i, s, e in where])
        s = self.op.sentences
        gated = [
            k
            for k in range(len(where))
            if fast_risk[k] >= s["gate_risk"] or fast_harm[k] >= s["gate_self_harm"]
        ]
        if not gated:
            return out
        contexts = dict(
            zip(gated, self._sentence_contexts(reads, [where[k] for k in gated]), strict=True)
        )
        chosen: list[int] = []
        per_text: dict[int, int] = {}
        for k in reversed(gated):  # the newest sentences first
            reading = contexts[k]
            if reading.past or not (reading.own_risk or reading.own_self_harm):
                continue
            if _decided_by_rules(reads[where[k][0]], where[k][1], where[k][2]):
                continue
            index = where[k][0]
            if per_text.get(index, 0) < MAX_SECOND_SENTENCES:
                per_text[index] = per_text.get(index, 0) + 1
                chosen.append(k)
        if not chosen:
            return out
        risk, harm = second.score_sentences(
            [reads[where[k][0]].text[where[k][1] : where[k][2]] for k in chosen]
        )
        for k, r, h in zip(chosen, risk.tolist(), harm.tolist(), strict=True):
            index, start, end = where[k]
            reading = contexts[k]
            hit = SentenceHit(
                start=start,
                end=end,
                risk=r,
                self_harm=h,
                reader="second",
                raises_risk=r >= s["second_risk"],
                raises_self_harm=h >= s["second_self_harm"],
                own_risk=reading.own_risk,
                own_self_harm=reading.own_self_harm,
                urge=reading.urge,
                past=reading.past,
            )
            if hit.raises_risk or hit.raises_self_harm:
                out[index].append(hit)
        for hits in out:
            hits.sort(key=lambda h: h.start)
        return out

    def _sentence_contexts(
        self, reads: list[_RuleRead], sentences: list[tuple[int, int, int]]
    ) -> list[SentenceReading]:
        """The context of each sentence; with the rules off, every sentence is the writer's."""
        if not self.use_rules:
            own = SentenceReading(own_risk=True, own_self_harm=True, urge=False, past=False)
            return [own for _ in sentences]
        by_text: dict[int, list[int]] = {}
        for k, (index, _, _) in enumerate(sentences):
            by_text.setdefault(index, []).append(k)
        out: list[SentenceReading | None] = [None] * len(sentences)
        for index, ks in by_text.items():
            read = reads[index]
            spans = [(sentences[k][1], sentences[k][2]) for k in ks]
            for k, reading in zip(
                ks,
                self.context.read_sentences(read.lowered, spans, read.matches, read.readings),
                strict=True,
            ):
                out[k] = reading
        return [r for r in out if r is not None]

    def _with_language(self, result: TextResult, language: LanguageRead, text: str) -> TextResult:
        """The result, told what language the text is in.

        A text in another language in which the detector found nothing was not really read: it
        gets the explicit "language not supported" answer, with help shown, never a silent
        "none". One in which it did find something (English words among the others) keeps what
        was found, with a note, so the language check can add help but never hide a signal.
        """
        if language.supported:
            return result
        if result.concern == "none" and not result.help_now:
            return replace(
                result,
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
        note = (
            f"Much of this text seems to be in {language.name}, which the detector does not "
            "read: only its English words were read."
        )
        return replace(result, language=language, explanation=f"{result.explanation} {note}")

    def _result(
        self,
        full: str,
        read: _RuleRead,
        row: ModelRow | None,
        hits: list[SentenceHit],
        country: str | None,
    ) -> TextResult:
        truncated = len(full) > self.op.max_chars
        text, offset, lowered = read.text, read.offset, read.lowered
        matches, readings = read.matches, read.readings
        combined = combine(
            matches,
            readings,
            row,
            support=(lambda: self.context.has_veto_cue(lowered))
            if self.use_rules
            else (lambda: False),
            op=self.op,
            hits=hits,
            rules_read=self.use_rules,
        )
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
        ) + tuple(_sentence_signal(text, offset, hit) for hit in combined.raising_sentences)
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
                text, matches, readings, combined, truncated=truncated, rules_cut=offset > 0
            ),
            help_now=combined.help_now,
            country=country,
            truncated=truncated,
            model_used=combined.model_used,
            model_version=self.model_version,
            content_version=self.content_version,
        )


def unsupported_explanation(language: LanguageRead) -> str:
    """What a result says about a text in a language the detector does not read."""
    return (
        f"This text seems to be in {language.name}. The detector reads English only, so it did "
        "not read this text: there is no result, and none should be assumed. If someone may be "
        "in danger, use the help-now resources."
    )


def _decided_by_rules(read: _RuleRead, start: int, end: int) -> bool:
    """A counted, current rule signal of suicide risk or self-harm already reads the sentence."""
    return any(
        start <= m.start < end
        and r.counts_for_writer
        and not r.joking
        and r.time == "current"
        and (m.rule.self_harm or m.rule.level in ("ideation", "behavior", "attempt"))
        for m, r in zip(read.matches, read.readings, strict=True)
    )


def _sentence_signal(text: str, offset: int, hit: SentenceHit) -> Signal:
    """A sentence a trained reader raised, as a signal a reviewer can find in the text."""
    harm = hit.raises_self_harm and hit.own_self_harm
    return Signal(
        kind=("self_harm_urge" if hit.urge else "self_harm") if harm else "suicidal_ideation",
        start=hit.start + offset,
        end=hit.end + offset,
        text=text[hit.start : hit.end],
        negated=False,
        hypothetical=False,
        experiencer="self",
        time="current",
        rule=READER_SELF_HARM if harm else READER_RISK,
        counted=True,
    )


def _load_model() -> TextModel | None:
    """The shipped model, or None (rules only) when the package has no model file yet."""
    try:
        from waylight.core.textrisk.model import TextModel
    except ImportError:  # pragma: no cover - the model module ships with the package
        return None
    try:
        return TextModel.load()
    except ContentError as exc:
        warnings.warn(
            f"text model unavailable, using rules only: {exc}", RuntimeWarning, stacklevel=3
        )
        return None


def _load_semantic() -> SemanticReader | None:
    """The shipped second reader, or None when the package lacks its files."""
    from waylight.core.textrisk.semantic import SemanticReader

    if not SemanticReader.available():
        return None
    try:
        return SemanticReader.load()
    except ContentError as exc:
        warnings.warn(
            f"second reader unavailable, using the fast reader only: {exc}",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
