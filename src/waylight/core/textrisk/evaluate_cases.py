"""Score the detector on a file of hand-written hard cases and print a confusion matrix.

    python -m waylight.core.textrisk.evaluate_cases tests/data/text_hard_cases.yaml
    python -m waylight.core.textrisk.evaluate_cases CASES.yaml --rules-only --failures

The case file format is described at the top of tests/data/text_hard_cases.yaml. The output is
Markdown, ready for the model card.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.result import TextResult
from waylight.core.textrisk.rules import LEVELS, TIERS


@dataclass(frozen=True)
class Case:
    text: str
    suicide: str
    self_harm: bool
    concern: str
    depression: str | None = None
    tags: tuple[str, ...] = ()
    pin: bool = False


@dataclass
class Report:
    """Agreement of the detector with the expected answers."""

    cases: list[Case]
    results: list[TextResult]
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for case, result in zip(self.cases, self.results, strict=True):
            key = (case.suicide, result.suicide_risk.level)
            self.confusion[key] = self.confusion.get(key, 0) + 1

    def agreement(self, what: str) -> float:
        """Share of cases where `what` (suicide, self_harm, concern, depression) agrees."""
        pairs = [(c, r) for c, r in zip(self.cases, self.results, strict=True)]
        if what == "depression":
            pairs = [(c, r) for c, r in pairs if c.depression is not None]
        if not pairs:
            return 1.0
        return sum(1 for c, r in pairs if _got(c, r, what) == _want(c, what)) / len(pairs)

    def failures(self) -> list[tuple[Case, TextResult, list[str]]]:
        out = []
        for case, result in zip(self.cases, self.results, strict=True):
            wrong = [
                w
                for w in ("suicide", "self_harm", "concern", "depression")
                if (w != "depression" or case.depression is not None)
                and _got(case, result, w) != _want(case, w)
            ]
            if wrong:
                out.append((case, result, wrong))
        return out

    def recall_own_risk(self) -> float:
        """Share of cases with the writer's own risk (level above none) found above none."""
        risky = [
            (c, r) for c, r in zip(self.cases, self.results, strict=True) if c.suicide != "none"
        ]
        if not risky:
            return 1.0
        return sum(1 for _, r in risky if r.suicide_risk.level != "none") / len(risky)

    def markdown(self) -> str:
        lines = [
            f"Hard cases: {len(self.cases)}. Agreement: suicide level "
            f"{self.agreement('suicide'):.1%}, self-harm {self.agreement('self_harm'):.1%}, "
            f"concern tier {self.agreement('concern'):.1%}, depression level (where given) "
            f"{self.agreement('depression'):.1%}; recall of any own risk "
            f"{self.recall_own_risk():.1%}.",
            "",
            "Suicide level, rows = expected, columns = detector:",
            "",
            "| expected \\ detector | " + " | ".join(LEVELS) + " |",
            "|---" * (len(LEVELS) + 1) + "|",
        ]
        for want in LEVELS:
            row = [str(self.confusion.get((want, got), 0)) for got in LEVELS]
            lines.append(f"| {want} | " + " | ".join(row) + " |")
        return "\n".join(lines)


def _want(case: Case, what: str) -> Any:
    return {
        "suicide": case.suicide,
        "self_harm": case.self_harm,
        "concern": case.concern,
        "depression": case.depression,
    }[what]


def _got(case: Case, result: TextResult, what: str) -> Any:
    del case
    return {
        "suicide": result.suicide_risk.level,
        "self_harm": result.self_harm.present,
        "concern": result.concern,
        "depression": result.depression.level,
    }[what]


def load_cases(path: Path) -> list[Case]:
    """Cases from a YAML file; raises ValueError naming the case when a field is wrong."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for i, raw in enumerate(data["cases"]):
        if raw["suicide"] not in LEVELS or raw["concern"] not in TIERS:
            raise ValueError(f"case {i}: bad suicide level or concern tier: {raw}")
        cases.append(
            Case(
                text=str(raw["text"]),
                suicide=raw["suicide"],
                self_harm=bool(raw["self_harm"]),
                concern=raw["concern"],
                depression=raw.get("depression"),
                tags=tuple(raw.get("tags", ())),
                pin=bool(raw.get("pin", False)),
            )
        )
    return cases


def evaluate(cases: Sequence[Case], detector: Detector | None = None) -> Report:
    detector = detector or Detector.default()
    results = detector.analyse_many([c.text for c in cases])
    return Report(list(cases), results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("cases", type=Path)
    parser.add_argument("--rules-only", action="store_true", help="Leave the model out.")
    parser.add_argument("--failures", action="store_true", help="List the cases that disagree.")
    args = parser.parse_args(argv)
    detector = Detector(None) if args.rules_only else Detector.default()
    report = evaluate(load_cases(args.cases), detector)
    print(report.markdown())
    if args.failures:
        print()
        for case, result, wrong in report.failures():
            got = (
                f"{result.suicide_risk.level}/{result.self_harm.present}/{result.concern}"
                f"/{result.depression.level}"
            )
            want = f"{case.suicide}/{case.self_harm}/{case.concern}/{case.depression}"
            print(f"- {', '.join(wrong)}: want {want}, got {got}: {case.text[:90]!r}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into `head`: stop quietly
        sys.exit(0)
