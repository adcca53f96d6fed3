"""Score the detector on a file of hand-written cases; print the figures as Markdown.

    python -m waylight.core.textrisk.evaluate_cases CASES.yaml              # the shipped detector
    python -m waylight.core.textrisk.evaluate_cases CASES.yaml --ablation   # and its layers alone
    python -m waylight.core.textrisk.evaluate_cases CASES.yaml --failures   # list disagreements

A case file holds `cases:` (each with `text`, the expected `suicide` level, `self_harm`,
`concern`, optionally `depression`, `tags`, `pin`, `kind` and `register`) and optionally a
top-level `round:` name. Sealed rounds carry `kind` and `register`; older files without them
are read too (their per-kind and per-register tables are left out).

Definitions (printed with the figures):
- at risk: suicide level ideation, behavior or attempt. At-risk recall = detected at risk
  among cases expected at risk; precision = expected at risk among cases detected at risk.
- self-harm recall and precision: the same with `self_harm` (the writer's own, current).
- flagged: detected at risk, or self-harm present, or concern `concern` or `urgent`.
- false-alarm rate: among cases of the negative kinds (`NEGATIVE_KINDS`) whose expected answer
  is not flagged, the share the detector flags.
- agreement: exact match of the suicide level (5 levels), of the concern tier (4 tiers).
Every figure comes with a 95 % bootstrap interval: cases resampled with replacement
(`--resamples`, default 2,000; `--seed`, default 13), percentile interval.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import yaml

from waylight.core.textrisk.combine import Combined
from waylight.core.textrisk.detector import Detector
from waylight.core.textrisk.result import TextResult
from waylight.core.textrisk.rules import LEVELS, TIERS

AT_RISK = frozenset({"ideation", "behavior", "attempt"})
FLAG_TIERS = frozenset({"concern", "urgent"})
NEGATIVE_KINDS = frozenset(
    {
        "idiom",
        "news",
        "fiction_lyrics",
        "supporter",
        "third_person",
        "everyday",
        "negation_hypothetical",
    }
)
DEPRESSION_LEVELS = ("none", "mild", "moderate", "severe")
RESAMPLES = 2000
SEED = 13

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Case:
    text: str
    suicide: str
    self_harm: bool
    concern: str
    depression: str | None = None
    tags: tuple[str, ...] = ()
    pin: bool = False
    kind: str | None = None
    register: str | None = None

    @property
    def flagged(self) -> bool:
        """Expected to be flagged (`flags`)."""
        return flags(self.suicide, self.self_harm, self.concern)


@dataclass(frozen=True)
class CaseFile:
    cases: list[Case]
    round: str | None = None


def flags(level: str, self_harm: bool, concern: str) -> bool:
    """The one definition of "flagged", for expected and detected answers alike: suicide level
    at risk, or self-harm (present), or concern tier at least `concern`."""
    return level in AT_RISK or self_harm or concern in FLAG_TIERS


def flagged(result: TextResult) -> bool:
    """The detector flags a text (`flags`)."""
    return flags(result.suicide_risk.level, result.self_harm.present, result.concern)


def combined_flagged(combined: Combined) -> bool:
    """The detector's combined layers flag a text (`flags`), as `flagged` reads the result
    made from them: for sweeps that combine the layers again at other operating points."""
    return flags(combined.level, combined.self_harm_present, combined.concern)


# ------------------------------------------------------------------ reading case files


def load_case_file(path: Path) -> CaseFile:
    """Cases from a YAML file; raises ValueError naming the case when a field is wrong."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise ValueError(f"{path}: expected a mapping with a 'cases' list")
    cases = []
    for i, raw in enumerate(data["cases"]):
        if not isinstance(raw, dict) or "text" not in raw:
            raise ValueError(f"{path}: case {i} has no text")
        if raw.get("suicide") not in LEVELS or raw.get("concern") not in TIERS:
            raise ValueError(f"{path}: case {i}: bad suicide level or concern tier: {raw}")
        if not isinstance(raw.get("self_harm"), bool):
            raise ValueError(f"{path}: case {i}: self_harm must be true or false")
        depression = raw.get("depression")
        if depression is not None and depression not in DEPRESSION_LEVELS:
            raise ValueError(f"{path}: case {i}: bad depression level {depression!r}")
        cases.append(
            Case(
                text=str(raw["text"]),
                suicide=raw["suicide"],
                self_harm=raw["self_harm"],
                concern=raw["concern"],
                depression=depression,
                tags=tuple(str(t) for t in raw.get("tags", ()) or ()),
                pin=bool(raw.get("pin", False)),
                kind=str(raw["kind"]) if raw.get("kind") is not None else None,
                register=str(raw["register"]) if raw.get("register") is not None else None,
            )
        )
    name = data.get("round")
    return CaseFile(cases, str(name) if name is not None else None)


def load_cases(path: Path) -> list[Case]:
    """The cases of one file (see `load_case_file`)."""
    return load_case_file(path).cases


# ------------------------------------------------------------------ figures with intervals


@dataclass(frozen=True)
class Figure:
    """A share with its 95 % bootstrap interval; `n` is its denominator."""

    value: float | None
    low: float | None
    high: float | None
    n: int

    def cell(self) -> str:
        if self.value is None:
            return "–"
        if self.low is None or self.high is None:
            return f"{self.value:.3f}"
        return f"{self.value:.3f} ({self.low:.3f}–{self.high:.3f})"


class Bootstrap:
    """Case-level resampling shared by every figure of one report (so they are comparable)."""

    def __init__(self, n_cases: int, *, resamples: int = RESAMPLES, seed: int = SEED) -> None:
        self.n = n_cases
        rng = np.random.default_rng(seed)
        # counts[r, i]: how often case i is drawn in resample r.
        draws = rng.integers(0, max(n_cases, 1), size=(resamples, n_cases))
        self.counts = np.zeros((resamples, n_cases), dtype=np.int32)
        if n_cases:
            rows = np.repeat(np.arange(resamples), n_cases)
            np.add.at(self.counts, (rows, draws.ravel()), 1)

    def share(self, hit: BoolArray, within: BoolArray) -> Figure:
        """Share of `hit` among cases where `within` is true, with its interval."""
        denominator = int(within.sum())
        if denominator == 0:
            return Figure(None, None, None, 0)
        value = float((hit & within).sum()) / denominator
        tops = self.counts @ (hit & within).astype(np.int32)
        bottoms = self.counts @ within.astype(np.int32)
        ok = bottoms > 0
        ratios = tops[ok] / bottoms[ok]
        low, high = np.percentile(ratios, [2.5, 97.5]) if ratios.size else (value, value)
        return Figure(value, float(low), float(high), denominator)


# ------------------------------------------------------------------ the report


@dataclass
class Report:
    """The detector's answers next to the expected ones, and every figure derived from them."""

    cases: list[Case]
    results: list[TextResult]
    resamples: int = RESAMPLES
    seed: int = SEED
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for case, result in zip(self.cases, self.results, strict=True):
            key = (case.suicide, result.suicide_risk.level)
            self.confusion[key] = self.confusion.get(key, 0) + 1
        self._boot: Bootstrap | None = None

    @property
    def boot(self) -> Bootstrap:
        if self._boot is None:
            self._boot = Bootstrap(len(self.cases), resamples=self.resamples, seed=self.seed)
        return self._boot

    def _array(self, values: Sequence[bool]) -> BoolArray:
        return np.array(values, dtype=bool).reshape(len(self.cases))

    def _pairs(self) -> list[tuple[Case, TextResult]]:
        return list(zip(self.cases, self.results, strict=True))

    # -- per-case truth values
    def want_risk(self) -> BoolArray:
        return self._array([c.suicide in AT_RISK for c in self.cases])

    def got_risk(self) -> BoolArray:
        return self._array([r.suicide_risk.level in AT_RISK for r in self.results])

    def want_sh(self) -> BoolArray:
        return self._array([c.self_harm for c in self.cases])

    def got_sh(self) -> BoolArray:
        return self._array([r.self_harm.present for r in self.results])

    def want_flag(self) -> BoolArray:
        return self._array([c.flagged for c in self.cases])

    def got_flag(self) -> BoolArray:
        return self._array([flagged(r) for r in self.results])

    def negative_kind(self) -> BoolArray:
        return self._array([c.kind in NEGATIVE_KINDS for c in self.cases])

    def same(self, what: str) -> BoolArray:
        return self._array([_got(r, what) == _want(c, what) for c, r in self._pairs()])

    def everyone(self) -> BoolArray:
        return np.ones(len(self.cases), dtype=bool)

    # -- headline figures
    def figures(self, within: BoolArray | None = None) -> dict[str, Figure]:
        """The headline figures, over all cases or over the cases where `within` is true."""
        scope = self.everyone() if within is None else within
        boot = self.boot
        want_r, got_r, want_s, got_s = (
            self.want_risk(),
            self.got_risk(),
            self.want_sh(),
            self.got_sh(),
        )
        has_depression = self._array([c.depression is not None for c in self.cases])
        return {
            "at-risk recall": boot.share(got_r, want_r & scope),
            "at-risk precision": boot.share(want_r, got_r & scope),
            "self-harm recall": boot.share(got_s, want_s & scope),
            "self-harm precision": boot.share(want_s, got_s & scope),
            "false-alarm rate (negative kinds)": boot.share(
                self.got_flag(), self.negative_kind() & ~self.want_flag() & scope
            ),
            "flag recall (any kind)": boot.share(self.got_flag(), self.want_flag() & scope),
            "level agreement": boot.share(self.same("suicide"), scope),
            "concern agreement": boot.share(self.same("concern"), scope),
            "self-harm agreement": boot.share(self.same("self_harm"), scope),
            "depression level agreement (where given)": boot.share(
                self.same("depression"), has_depression & scope
            ),
        }

    def group_rows(self, key: Callable[[Case], str | None]) -> list[tuple[str, dict[str, Figure]]]:
        """Per group (kind or register): n, flag recall, share wrongly flagged, agreements."""
        groups = sorted({k for c in self.cases if (k := key(c)) is not None})
        rows = []
        for name in groups:
            inside = self._array([key(c) == name for c in self.cases])
            boot = self.boot
            rows.append(
                (
                    name,
                    {
                        "n": Figure(float(inside.sum()), None, None, int(inside.sum())),
                        "flag recall": boot.share(self.got_flag(), inside & self.want_flag()),
                        "wrongly flagged": boot.share(self.got_flag(), inside & ~self.want_flag()),
                        "level agreement": boot.share(self.same("suicide"), inside),
                        "concern agreement": boot.share(self.same("concern"), inside),
                    },
                )
            )
        return rows

    # -- older interface, used by the regression tests
    def agreement(self, what: str) -> float:
        """Share of cases where `what` (suicide, self_harm, concern, depression) agrees."""
        pairs = self._pairs()
        if what == "depression":
            pairs = [(c, r) for c, r in pairs if c.depression is not None]
        if not pairs:
            return 1.0
        return sum(1 for c, r in pairs if _got(r, what) == _want(c, what)) / len(pairs)

    def recall_own_risk(self) -> float:
        """Share of cases with the writer's own risk (level above none) found above none."""
        risky = [(c, r) for c, r in self._pairs() if c.suicide != "none"]
        if not risky:
            return 1.0
        return sum(1 for _, r in risky if r.suicide_risk.level != "none") / len(risky)

    def failures(self) -> list[tuple[Case, TextResult, list[str]]]:
        out = []
        for case, result in self._pairs():
            wrong = [
                w
                for w in ("suicide", "self_harm", "concern", "depression")
                if (w != "depression" or case.depression is not None)
                and _got(result, w) != _want(case, w)
            ]
            if wrong:
                out.append((case, result, wrong))
        return out

    def misses_by_kind(self) -> dict[str, tuple[int, int, int]]:
        """Per kind: at-risk texts not found at risk, self-harm texts not found as self-harm,
        and false alarms (a negative-kind text, not to be flagged, flagged). Kinds with none
        of the three are left out."""
        missed_risk = self.want_risk() & ~self.got_risk()
        missed_sh = self.want_sh() & ~self.got_sh()
        false_alarm = self.negative_kind() & ~self.want_flag() & self.got_flag()
        counts: dict[str, tuple[int, int, int]] = {}
        for i, case in enumerate(self.cases):
            kind = case.kind or "(no kind)"
            risk, sh, fa = counts.get(kind, (0, 0, 0))
            counts[kind] = (
                risk + int(missed_risk[i]),
                sh + int(missed_sh[i]),
                fa + int(false_alarm[i]),
            )
        return {kind: n for kind, n in sorted(counts.items()) if any(n)}

    def misses_markdown(self) -> str:
        rows = self.misses_by_kind()
        lines = [
            "Misses and false alarms by kind (counts of texts):",
            "",
            "| kind | at-risk missed | self-harm missed | false alarms |",
            "|---|---|---|---|",
        ]
        lines += [f"| {kind} | {r} | {s} | {f} |" for kind, (r, s, f) in rows.items()]
        totals = [sum(n[i] for n in rows.values()) for i in range(3)]
        lines.append(f"| all | {totals[0]} | {totals[1]} | {totals[2]} |")
        return "\n".join(lines)

    # -- Markdown
    def confusion_markdown(self) -> str:
        lines = [
            "Suicide level, rows = expected, columns = detector:",
            "",
            "| expected \\ detector | " + " | ".join(LEVELS) + " |",
            "|---" * (len(LEVELS) + 1) + "|",
        ]
        for want in LEVELS:
            row = [str(self.confusion.get((want, got), 0)) for got in LEVELS]
            lines.append(f"| {want} | " + " | ".join(row) + " |")
        return "\n".join(lines)

    def markdown(self) -> str:
        lines = [
            f"Hard cases: {len(self.cases)}. Agreement: suicide level "
            f"{self.agreement('suicide'):.1%}, self-harm {self.agreement('self_harm'):.1%}, "
            f"concern tier {self.agreement('concern'):.1%}, depression level (where given) "
            f"{self.agreement('depression'):.1%}; recall of any own risk "
            f"{self.recall_own_risk():.1%}.",
            "",
            "| figure | value (95 % interval) | n |",
            "|---|---|---|",
        ]
        for name, fig in self.figures().items():
            lines.append(f"| {name} | {fig.cell()} | {fig.n} |")
        lines += ["", self.confusion_markdown()]
        for title, key in (
            ("kind", lambda c: c.kind),
            ("register", lambda c: c.register),
        ):
            rows = self.group_rows(key)
            if not rows:
                continue
            lines += [
                "",
                f"Per {title} (flag = at risk, self-harm, or concern at least `concern`):",
                "",
                f"| {title} | n | flag recall | wrongly flagged | level agreement "
                "| concern agreement |",
                "|---|---|---|---|---|---|",
            ]
            for name, figs in rows:
                cells = [figs[k].cell() for k in ("flag recall", "wrongly flagged")]
                cells += [figs[k].cell() for k in ("level agreement", "concern agreement")]
                lines.append(f"| {name} | {figs['n'].n} | " + " | ".join(cells) + " |")
        return "\n".join(lines)


def _want(case: Case, what: str) -> Any:
    return {
        "suicide": case.suicide,
        "self_harm": case.self_harm,
        "concern": case.concern,
        "depression": case.depression,
    }[what]


def _got(result: TextResult, what: str) -> Any:
    return {
        "suicide": result.suicide_risk.level,
        "self_harm": result.self_harm.present,
        "concern": result.concern,
        "depression": result.depression.level,
    }[what]


def evaluate(
    cases: Sequence[Case],
    detector: Detector | None = None,
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Report:
    detector = detector or Detector.default()
    results = detector.analyse_many([c.text for c in cases])
    return Report(list(cases), results, resamples=resamples, seed=seed)


# ------------------------------------------------------------------ ablation

# Which layers each ablation row uses: (rules, trained readers, which texts the encoder reads:
# every text (True), the ones the fast heads are unsure about ("unsure"), or none (False)).
ABLATION: tuple[tuple[str, tuple[bool, bool, bool | Literal["unsure"]]], ...] = (
    ("rules alone", (True, False, False)),
    ("learned reader alone, fast heads", (False, True, False)),
    ("learned reader alone, full heads", (False, True, True)),
    ("rules + fast heads, no encoder (the batch path)", (True, True, False)),
    ("rules + reader, encoder where unsure (--second-reader)", (True, True, "unsure")),
    ("rules + reader, encoder on every text (shipped for single texts)", (True, True, True)),
)
ABLATION_FIGURES = (
    "at-risk recall",
    "at-risk precision",
    "self-harm recall",
    "self-harm precision",
    "false-alarm rate (negative kinds)",
    "level agreement",
)


def ablation_markdown(
    cases: Sequence[Case], base: Detector, *, resamples: int = RESAMPLES, seed: int = SEED
) -> str:
    lines = [
        "Ablation (same cases, same resamples):",
        "",
        "| layers | " + " | ".join(ABLATION_FIGURES) + " |",
        "|---" * (len(ABLATION_FIGURES) + 1) + "|",
    ]
    for name, (rules, model, second) in ABLATION:
        detector = base.variant(rules=rules, model=model, second_reader=second)
        figures = evaluate(cases, detector, resamples=resamples, seed=seed).figures()
        lines.append(
            f"| {name} | " + " | ".join(figures[f].cell() for f in ABLATION_FIGURES) + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("cases", type=Path, help="a YAML case file (dev, or a sealed round)")
    parser.add_argument("--rules-only", action="store_true", help="Leave the models out.")
    parser.add_argument(
        "--no-second-reader",
        action="store_true",
        help="Leave the sentence encoder out (the learned reader's fast heads only).",
    )
    parser.add_argument(
        "--unsure-only",
        action="store_true",
        help="The encoder reads only the texts the fast heads are unsure about.",
    )
    parser.add_argument("--ablation", action="store_true", help="Also score each layer alone.")
    parser.add_argument("--failures", action="store_true", help="List the cases that disagree.")
    parser.add_argument("--resamples", type=int, default=RESAMPLES)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    try:
        case_file = load_case_file(args.cases)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"cannot read the cases: {exc}", file=sys.stderr)
        return 2
    base = Detector.default()
    detector = base.variant(
        rules=True,
        model=not args.rules_only,
        second_reader=False
        if args.rules_only or args.no_second_reader
        else "unsure"
        if args.unsure_only
        else True,
    )
    report = evaluate(case_file.cases, detector, resamples=args.resamples, seed=args.seed)
    title = f"round `{case_file.round}`" if case_file.round else f"`{args.cases.name}`"
    print(f"## Detector on {title}")
    print()
    print(
        f"Detector: model `{detector.model_version}`, content `{detector.content_version}`, "
        f"layers: {detector.layers_description()}. Intervals: {args.resamples} resamples, "
        f"seed {args.seed}."
    )
    print()
    print(report.markdown())
    if args.ablation:
        print()
        print(ablation_markdown(case_file.cases, base, resamples=args.resamples, seed=args.seed))
    if args.failures:
        print()
        print(report.misses_markdown())
        print()
        for case, result, wrong in report.failures():
            got = (
                f"{result.suicide_risk.level}/{result.self_harm.present}/{result.concern}"
                f"/{result.depression.level}"
            )
            want = f"{case.suicide}/{case.self_harm}/{case.concern}/{case.depression}"
            where = f"[{case.kind}] " if case.kind else ""
            print(f"- {where}{', '.join(wrong)}: want {want}, got {got}: {case.text[:90]!r}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into `head`: stop quietly
        sys.exit(0)
