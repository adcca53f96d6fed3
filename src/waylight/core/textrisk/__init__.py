"""Waylight's text detector (SPEC C6): risk signals in a text, explained, for a human reader.

    >>> from waylight.core.textrisk import analyse
    >>> analyse("I'd kill for a pizza").suicide_risk.level
    'none'

Layers: transparent rules (`rules`, `context`: content/text/*.yaml) and the shipped trained
model (`model`), combined by `combine` at the operating point in content/text/operating_point.yaml.
See docs/text-detector.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.result import (
    Depression,
    Evidence,
    SelfHarm,
    Signal,
    SuicideRisk,
    Symptom,
    TextResult,
)

__all__ = [
    "Depression",
    "Detector",
    "Evidence",
    "SelfHarm",
    "Signal",
    "SuicideRisk",
    "Symptom",
    "TextResult",
    "analyse",
    "analyse_many",
]


def analyse(text: str, *, country: str | None = None) -> TextResult:
    """Read one text with the shipped detector (rules plus model)."""
    return Detector.default().analyse(text, country=country)


def analyse_many(texts: Sequence[str], *, country: str | None = None) -> list[TextResult]:
    """Read many texts in one batch with the shipped detector."""
    return Detector.default().analyse_many(texts, country=country)
