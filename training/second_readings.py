"""Second readings: committed sealed rounds read again, pooled (designed-on figures, not tests).

    python -m training.second_readings [--first 1] [--last N] [--path full batch unsure]

After its first run a sealed round is read again to find the kinds of text the detector
misreads, and rules are written from what it shows; from then on its figures are designed-on.
This reads rounds `--first` to `--last` (`tests/data/text_cases/sealed-N.yaml`) on each path
(`full`: the encoder on every text, as for single texts; `batch`: no encoder; `unsure`: the
encoder where the fast heads are unsure) and prints, per round and pooled over the rounds, the
at-risk recall and precision, the self-harm recall, the false-alarm rate on negative kinds and
the concern tier's exact agreement, counted exactly as `evaluate_cases` counts them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import evaluate, load_case_file

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "text_cases"
PATHS = ("full", "batch", "unsure")


@dataclass
class Tally:
    """Counts pooled over rounds, so that the pooled rates weigh every text once."""

    risk_found: int = 0
    risk_wanted: int = 0
    risk_flagged: int = 0
    sh_found: int = 0
    sh_wanted: int = 0
    false_alarms: int = 0
    negatives: int = 0
    # The concern tier (none, watch, concern, urgent) read exactly as the writer labelled it.
    tier_same: int = 0
    texts: int = 0

    def line(self) -> str:
        line = (
            f"at-risk recall {self.risk_found / self.risk_wanted:.3f}, "
            f"precision {self.risk_found / max(self.risk_flagged, 1):.3f}, "
            f"self-harm recall {self.sh_found / self.sh_wanted:.3f}, "
            f"false alarms {self.false_alarms / self.negatives:.3f} "
            f"({self.false_alarms}/{self.negatives})"
        )
        if not self.texts:  # a tally of counts alone (the threshold search keeps no tiers)
            return line
        return (
            f"{line}, concern tier agreement {self.tier_same / self.texts:.3f} "
            f"({self.tier_same}/{self.texts})"
        )


def detector_for(path: str) -> Detector:
    if path == "batch":
        return Detector.batch()
    if path == "unsure":
        return Detector.default().variant(second_reader="unsure")
    return Detector.default()


def last_round() -> int:
    numbers = [int(p.stem.split("-")[1]) for p in CASES.glob("sealed-*.yaml")]
    return max(numbers)


def read(first: int, last: int, paths: Sequence[str]) -> dict[str, Tally]:
    tallies = {path: Tally() for path in paths}
    detectors = {path: detector_for(path) for path in paths}
    for number in range(first, last + 1):
        cases = load_case_file(CASES / f"sealed-{number}.yaml").cases
        row = [f"round {number}"]
        for path in paths:
            result = evaluate(cases, detectors[path], resamples=1)
            want_risk, got_risk = result.want_risk(), result.got_risk()
            want_sh, got_sh = result.want_sh(), result.got_sh()
            negative = result.negative_kind() & ~result.want_flag()
            one = Tally(
                risk_found=int((want_risk & got_risk).sum()),
                risk_wanted=int(want_risk.sum()),
                risk_flagged=int(got_risk.sum()),
                sh_found=int((want_sh & got_sh).sum()),
                sh_wanted=int(want_sh.sum()),
                false_alarms=int((negative & result.got_flag()).sum()),
                negatives=int(negative.sum()),
                tier_same=int(result.same("concern").sum()),
                texts=len(cases),
            )
            pooled = tallies[path]
            for field in vars(one):
                setattr(pooled, field, getattr(pooled, field) + getattr(one, field))
            row.append(f"{path}: {one.line()}")
        print(" | ".join(row), flush=True)
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=int, default=1, help="first round (default 1)")
    parser.add_argument("--last", type=int, help="last round (default: the newest committed)")
    parser.add_argument("--path", nargs="+", choices=PATHS, default=["full", "batch"])
    args = parser.parse_args(argv)
    last = args.last if args.last is not None else last_round()
    if not 1 <= args.first <= last:
        parser.error(f"no rounds from {args.first} to {last}")
    for path, tally in read(args.first, last, args.path).items():
        print(f"rounds {args.first}-{last}, {path}: {tally.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
