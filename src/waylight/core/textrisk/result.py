"""What the text detector returns: `TextResult` and its parts, with the C6 JSON shape."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waylight.core.textrisk.context import Experiencer, Time
from waylight.core.textrisk.language import ENGLISH, LanguageRead
from waylight.core.textrisk.rules import Level, Tier

ABOUT = (
    "Signals found in a text, for a human reader to look at. This is not a diagnosis and not a "
    "prediction of what anyone will do; a 'none' result never means someone is safe."
)
# `status` of a text the detector did not read because it is not in a language it reads.
LANGUAGE_NOT_SUPPORTED = "language_not_supported"


@dataclass(frozen=True)
class Evidence:
    """A span of the original text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Symptom:
    """A PHQ-9 item the text gives evidence for."""

    item: int
    name: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "name": self.name,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Signal:
    """One rule match, read in context."""

    kind: str
    start: int
    end: int
    text: str
    negated: bool
    hypothetical: bool
    experiencer: Experiencer
    time: Time
    rule: str
    counted: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "experiencer": self.experiencer,
            "time": self.time,
            "rule": self.rule,
            "counted": self.counted,
        }


@dataclass(frozen=True)
class SuicideRisk:
    level: Level
    score: float


@dataclass(frozen=True)
class SelfHarm:
    present: bool
    score: float


@dataclass(frozen=True)
class Depression:
    level: str
    score: float
    symptoms: tuple[Symptom, ...]


@dataclass(frozen=True)
class TextResult:
    """The detector's reading of one text (SPEC C6).

    A text in a language the detector does not read, in which it found nothing, was not read
    (`read` is False): its levels and scores are empty placeholders that no caller should
    show, `help_now` is True, and `to_dict()` says `"status": "language_not_supported"` with
    the levels and `concern` as null, so the answer is never a silent "none". Check `read`
    first. A text partly in another language that was read keeps its result, and `to_dict()`
    adds `language`.
    """

    suicide_risk: SuicideRisk
    self_harm: SelfHarm
    depression: Depression
    signals: tuple[Signal, ...]
    concern: Tier
    explanation: str
    help_now: bool
    country: str | None = None
    truncated: bool = False
    model_used: bool = False
    model_version: str = "none"
    content_version: str = ""
    language: LanguageRead = ENGLISH
    read: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def resources(self) -> list[dict[str, Any]]:
        """Help-now resources for the country (always present: a 'none' never hides them)."""
        return [dict(r) for r in _resources(self.country)]

    def _language(self) -> dict[str, Any]:
        return {
            "code": self.language.code,
            "name": self.language.name,
            "supported": self.language.supported,
        }

    def _body(self) -> dict[str, Any]:
        if not self.read:
            return self._unsupported_body()
        body: dict[str, Any] = {
            "suicide_risk": {
                "level": self.suicide_risk.level,
                "score": round(self.suicide_risk.score, 3),
            },
            "self_harm": {
                "present": self.self_harm.present,
                "score": round(self.self_harm.score, 3),
            },
            "depression": {
                "level": self.depression.level,
                "score": round(self.depression.score, 3),
                "symptoms": [s.to_dict() for s in self.depression.symptoms],
            },
            "signals": [s.to_dict() for s in self.signals],
            "concern": self.concern,
            "explanation": self.explanation,
            "help_now": self.help_now,
        }
        if self.truncated:
            body["truncated"] = True
        if not self.language.supported:
            body["language"] = self._language()
        body["about"] = ABOUT
        body["model_version"] = self.model_version
        body["content_version"] = self.content_version
        return body

    def _unsupported_body(self) -> dict[str, Any]:
        return {
            "status": LANGUAGE_NOT_SUPPORTED,
            "language": self._language(),
            "suicide_risk": None,
            "self_harm": None,
            "depression": None,
            "signals": [],
            "concern": None,
            "explanation": self.explanation,
            "help_now": True,
            "about": ABOUT,
            "model_version": self.model_version,
            "content_version": self.content_version,
        }

    def to_dict(self) -> dict[str, Any]:
        """The C6 fields as plain JSON-ready data, with `resources`."""
        body = self._body()
        body["resources"] = self.resources
        return body

    def to_json(self, *, resources: bool = True, **first: Any) -> str:
        """One compact JSON line; keys in `first` (such as `id`) come before the C6 fields.

        `resources=False` leaves the crisis list out: a batch caller shows help-now resources
        once for the whole batch instead of on every line. The list is the same for every text
        of a country, so its JSON is made once.
        """
        head = dict(first)
        head.update(self._body())
        encoded = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
        if not resources:
            return encoded
        return encoded[:-1] + ',"resources":' + _resources_json(self.country) + "}"


@cache
def _resources(country: str | None) -> tuple[dict[str, Any], ...]:
    from waylight.core.resources import help_for

    return tuple(help_for(country).to_resources())


@cache
def _resources_json(country: str | None) -> str:
    return json.dumps(list(_resources(country)), ensure_ascii=False, separators=(",", ":"))


def check_country(country: str | None) -> None:
    """Raise UnknownCountry now, before any text is read, when the code is not a country."""
    _resources(country)
