"""The learned reader's thresholds swept on second readings of committed sealed rounds.

    python -m training.reader_thresholds [--first 1] [--last N] [--path full batch]
        [--recall-slack 0.01 | --recall-floor AT_RISK SELF_HARM]

Every text of rounds `--first` to `--last` is read once by every layer (`Detector.layers`);
the layers are then combined again at each point of a grid of the reader's thresholds
(`at_risk`, `self_harm` of the head set the path reads, and the stricter `vetoed` bar), all
else in the operating point as shipped. For each point it prints the pooled at-risk recall
and precision, self-harm recall and false alarms on negative kinds, counted as
`evaluate_cases` counts them, and then the point with the fewest false alarms among those that
lose at most `--recall-slack` of at-risk and of self-harm recall against the shipped point, or,
with `--recall-floor`, among those that reach the given at-risk and self-harm recall (to choose
against some other reader's recall, measured on the same rounds and path).

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
    NEGATIVE_KINDS,
    Case,
    combined_flagged,
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
        want_risk = case.suicide in AT_RISK
        negative = case.kind in NEGATIVE_KINDS and not case.flagged
        out.risk_found += want_risk and got_risk
        out.risk_wanted += want_risk
        out.risk_flagged += got_risk
        out.sh_found += case.self_harm and both.self_harm_present
        out.sh_wanted += case.self_harm
        out.false_alarms += negative and combined_flagged(both)
        out.negatives += negative
    return out


def keeps(one: Tally, floors: tuple[float, float]) -> bool:
    """`one` reaches both recall floors (at-risk, self-harm)."""
    return (
        one.risk_found / one.risk_wanted >= floors[0] and one.sh_found / one.sh_wanted >= floors[1]
    )


def fewest_false_alarms(
    points: Sequence[tuple[str, Tally]], floors: tuple[float, float]
) -> tuple[float, str] | None:
    """The false-alarm rate and label of the first point with the fewest false alarms among
    those that reach both recall floors; None when none does."""
    best: tuple[float, str] | None = None
    for label, one in points:
        rate = one.false_alarms / one.negatives
        if keeps(one, floors) and (best is None or rate < best[0]):
            best = (rate, label)
    return best


def read_rounds(detector: Detector, first: int, last: int) -> list[tuple[Case, Layers]]:
    read: list[tuple[Case, Layers]] = []
    for number in range(first, last + 1):
        cases = load_case_file(CASES / f"sealed-{number}.yaml").cases
        read += zip(cases, detector.layers([c.text for c in cases]), strict=True)
    return read


def sweep(
    detector: Detector,
    head: str,
    read: Sequence[tuple[Case, Layers]],
    slack: float,
    floors: tuple[float, float] | None = None,
    title: str = "",
) -> tuple[float, str] | None:
    """Print every grid point's figures and the chosen one (see the module's docstring);
    return the chosen point's false-alarm rate and label."""
    shipped = detector.op.reader[head]
    now = tally(detector, read, detector.op)
    print(f"{title}shipped point {dict(shipped)}: {now.line()}")
    if floors is None:
        floors = (
            now.risk_found / now.risk_wanted - slack,
            now.sh_found / now.sh_wanted - slack,
        )
        within = f"within {slack} of the shipped recalls"
    else:
        within = (
            f"with at-risk recall at least {floors[0]} and self-harm recall at least {floors[1]}"
        )
    grid = itertools.product(
        (shipped["at_risk"], *AT_RISK_GRID), (shipped["self_harm"], *SELF_HARM_GRID), VETOED_GRID
    )
    points: list[tuple[str, Tally]] = []
    for at_risk, self_harm, vetoed in grid:
        one = tally(detector, read, point(detector.op, head, at_risk, self_harm, vetoed))
        label = f"at_risk {at_risk}, self_harm {self_harm}, vetoed {vetoed}"
        print(f"  {label}: {one.line()}", flush=True)
        points.append((label, one))
    best = fewest_false_alarms(points, floors)
    if best is not None:
        print(f"fewest false alarms {within}: {best[1]} ({best[0]:.4f})")
    else:
        print(f"no point of the grid {within}")
    return best


def recall(value: str) -> float:
    share = float(value)
    if not 0.0 <= share <= 1.0:
        raise argparse.ArgumentTypeError(f"a recall lies between 0 and 1, not {value}")
    return share


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=int, default=1, help="first round (default 1)")
    parser.add_argument("--last", type=int, help="last round (default: the newest committed)")
    parser.add_argument("--path", nargs="+", choices=PATHS[:2], default=["full", "batch"])
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--recall-slack",
        type=float,
        default=0.01,
        dest="slack",
        help="recall each point may lose against the shipped point (default 0.01)",
    )
    choice.add_argument(
        "--recall-floor",
        type=recall,
        nargs=2,
        metavar=("AT_RISK", "SELF_HARM"),
        dest="floors",
        help="at-risk and self-harm recall each point must reach, instead of the shipped "
        "point's less the slack (the same floors on every path)",
    )
    args = parser.parse_args(argv)
    last = args.last if args.last is not None else last_round()
    if not 1 <= args.first <= last:
        parser.error(f"no rounds from {args.first} to {last}")
    floors = (args.floors[0], args.floors[1]) if args.floors is not None else None
    for path in args.path:
        detector = detector_for(path)
        read = read_rounds(detector, args.first, last)
        head = "fast" if path == "batch" else "full"
        title = f"rounds {args.first}-{last}, {path}, "
        sweep(detector, head, read, args.slack, floors, title)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
