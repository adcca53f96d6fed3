"""The text detector: rules read in context, plus the shipped model as a second reader."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from waylight.core.errors import ContentError
from waylight.core.limits import check_text
from waylight.core.textrisk.combine import (
    PHQ9_NAMES,
    ModelRow,
    OperatingPoint,
    combine,
    load_operating_point,
)
from waylight.core.textrisk.context import ContextReader, load_context
from waylight.core.textrisk.explain import explain
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
from waylight.core.textrisk.rules import Lexicon, load_lexicon, normalise

if TYPE_CHECKING:
    from waylight.core.textrisk.model import ModelScores, TextModel


class Detector:
    """Reads texts for suicide risk, self-harm and depression signals (SPEC C6).

    `Detector.default()` is the shipped detector (rules plus the trained model); `Detector()`
    with `model=None` uses the rules alone.
    """

    _default: ClassVar[Detector | None] = None
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        model: TextModel | None = None,
        *,
        lexicon: Lexicon | None = None,
        context: ContextReader | None = None,
        operating_point: OperatingPoint | None = None,
    ) -> None:
        self.model = model
        self.lexicon = lexicon or load_lexicon()
        self.context = context or load_context()
        self.op = operating_point or load_operating_point()

    @classmethod
    def default(cls) -> Detector:
        """The shipped detector, built once per process: rules plus the model when it ships."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls(_load_model())
            return cls._default

    # ------------------------------------------------------------------ public calls

    def analyse(self, text: str, *, country: str | None = None) -> TextResult:
        """Read one text. Raises InputError for an empty text, UnknownCountry for a bad code."""
        return self.analyse_many([text], country=country)[0]

    def analyse_many(self, texts: Sequence[str], *, country: str | None = None) -> list[TextResult]:
        """Read many texts in one batch (the model scores them together, which is faster)."""
        if isinstance(texts, str):
            raise TypeError("analyse_many() takes a sequence of texts, not one string")
        check_country(country)
        checked = [self.prepare(text) for text in texts]
        # The model reads the newest part of a very long text (the end of a history).
        limit = self.op.max_chars
        rows = self._model_rows([t[-limit:] if len(t) > limit else t for t in checked])
        return [
            self._analyse_one(text, row, country) for text, row in zip(checked, rows, strict=True)
        ]

    def prepare(self, text: object) -> str:
        """The text itself, or InputError for non-text, invalid or empty (invisible) input."""
        return check_text(text)

    # ------------------------------------------------------------------ internals

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

    def _analyse_one(self, full: str, row: ModelRow | None, country: str | None) -> TextResult:
        truncated = len(full) > self.op.max_chars
        # The rules read at most the last max_rule_chars; offsets are shifted back below.
        offset = max(0, len(full) - self.op.max_rule_chars)
        text = full[offset:]
        lowered = normalise(text)
        matches = self.lexicon.find(lowered)
        readings = self.context.read_all(lowered, matches)
        combined = combine(
            matches, readings, row, support=lambda: self.context.has_veto_cue(lowered), op=self.op
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
        )
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
