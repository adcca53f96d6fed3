"""How the shipped detector reads its own training corpus (designed-on figures).

`python -m training.corpus_readings` reads every written training text (not the dev cases)
with the shipped detector and prints at-risk recall and precision, self-harm recall, and how
many texts labelled below ideation it reads at risk. The detector was trained on these texts,
so the figures only say what a rule or context change moved, never how it does on new writing.
"""

from __future__ import annotations

from training.written import load_labelled
from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import Report


def main() -> None:
    corpus = load_labelled(dev=False)
    results = Detector.default().analyse_many(corpus.texts)
    report = Report(corpus.cases, results, resamples=1)
    want, got = report.want_risk(), report.got_risk()
    want_sh, got_sh = report.want_sh(), report.got_sh()
    print(f"texts: {len(corpus)}")
    print(f"at-risk recall: {(want & got).sum() / want.sum():.4f}")
    print(f"at-risk precision: {(want & got).sum() / max(got.sum(), 1):.4f}")
    print(f"self-harm recall: {(want_sh & got_sh).sum() / want_sh.sum():.4f}")
    print(f"not at risk, read at risk: {(~want & got).sum()} of {(~want).sum()}")


if __name__ == "__main__":
    main()
