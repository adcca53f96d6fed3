"""The learned reader's thresholds swept on second readings of committed sealed rounds.

    python -m training.reader_thresholds [--first 1] [--last N] [--path full batch]

Every text of rounds `--first` to `--last` is read once by every layer (`Detector.layers`);
the layers are then combined again at each point of a grid of the reader's thresholds
(`at_risk`, `self_harm` of the head set the path reads, and the stricter `vetoed` bar), all
else in the operating point as shipped. For each point it prints the pooled at-risk recall
and precision, self-harm recall and false alarms on negative kinds, counted as
`evaluate_cases` counts them, and then the point with the fewest false alarms among those that
lose at most `--recall-slack` of at-risk and of self-harm recall against the shipped point.

These are designed-on figures (the rules were written from these rounds; the reader never
trained on the rounds it reads here unless its recipe says so): they say what a threshold
change would trade, not what it would give on new writing, which only a new sealed round says.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import replace

from training.second_readings import CASES, PATHS, Tally, detector_for, last_round
from waylight.core.textrisk.combine import OperatingPoint
from waylight.core.textrisk.detector import Detector, Layers
from waylight.core.textrisk.evaluate_cases import (
    AT_RISK,
    FLAG_TIERS,
    NEGATIVE_KINDS,
    Case,
    load_case_file,
)

AT_RISK_GRID = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
SELF_HARM_GRID = (0.4, 0.45, 0.5, 0.55, 0.6)
VETOED_GRID = (0.5, 0.6, 0.7)


def point(
    op: OperatingPoint, head: str, at_risk: float, self_harm: float, vetoed: float
) -> OperatingPoint:
    """`op` with the `head` set's at-risk and self-harm thresholds and the vetoed bar set."""
    reader = {name: dict(values) for name, values in op.reader.items()}
    reader[head].update(at_risk=at_risk, self_harm=self_harm)
    reader["vetoed"] = {"at_risk": max(vetoed, at_risk), "self_harm": max(vetoed, self_harm)}
    return replace(op, reader=reader)


def tally(detector: Detector, read: Sequence[tuple[Case, Layers]], op: OperatingPoint) -> Tally:
    out = Tally()
    for case, layers in read:
        both = detector.combined(layers, op)
        got_risk = both.level in AT_RISK
        flagged = got_risk or both.self_harm_present or both.concern in FLAG_TIERS
        want_risk = case.suicide in AT_RISK
        negative = case.kind in NEGATIVE_KINDS and not case.flagged
        out.risk_found += want_risk and got_risk
        out.risk_wanted += want_risk
        out.risk_flagged += got_risk
        out.sh_found += case.self_harm and both.self_harm_present
        out.sh_wanted += case.self_harm
        out.false_alarms += negative and flagged
        out.negatives += negative
    return out


def sweep(first: int, last: int, path: str, slack: float) -> None:
    detector = detector_for(path)
    head = "fast" if path == "batch" else "full"
    read: list[tuple[Case, Layers]] = []
    for number in range(first, last + 1):
        cases = load_case_file(CASES / f"sealed-{number}.yaml").cases
        read += zip(cases, detector.layers([c.text for c in cases]), strict=True)
    shipped = detector.op.reader[head]
    now = tally(detector, read, detector.op)
    print(f"rounds {first}-{last}, {path}, shipped point {dict(shipped)}: {now.line()}")
    grid = itertools.product(
        (shipped["at_risk"], *AT_RISK_GRID), (shipped["self_harm"], *SELF_HARM_GRID), VETOED_GRID
    )
    best: tuple[float, str] | None = None
    for at_risk, self_harm, vetoed in grid:
        one = tally(detector, read, point(detector.op, head, at_risk, self_harm, vetoed))
        label = f"at_risk {at_risk}, self_harm {self_harm}, vetoed {vetoed}"
        print(f"  {label}: {one.line()}", flush=True)
        keeps = (
            one.risk_found / one.risk_wanted >= now.risk_found / now.risk_wanted - slack
            and one.sh_found / one.sh_wanted >= now.sh_found / now.sh_wanted - slack
        )
        rate = one.false_alarms / one.negatives
        if keeps and (best is None or rate < best[0]):
            best = (rate, label)
    if best is not None:
        print(
            f"fewest false alarms within {slack} of the shipped recalls: {best[1]} ({best[0]:.4f})"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=int, default=1, help="first round (default 1)")
    parser.add_argument("--last", type=int, help="last round (default: the newest committed)")
    parser.add_argument("--path", nargs="+", choices=PATHS[:2], default=["full", "batch"])
    parser.add_argument("--recall-slack", type=float, default=0.01, dest="slack")
    args = parser.parse_args(argv)
    last = args.last if args.last is not None else last_round()
    if not 1 <= args.first <= last:
        parser.error(f"no rounds from {args.first} to {last}")
    for path in args.path:
        sweep(args.first, last, path, args.slack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
