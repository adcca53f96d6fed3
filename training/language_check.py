"""Measure the text detector's language check (docs/text-detector.md, "Texts in other languages").

    python -m training.language_check [--data PATH]

Prints, numbers only (never a text):

- English research texts, whole and split into sentences, read as not English. The word lists
  were cleaned of words common in English (`collisions` below) on the SDCNL, CAMS, IRF and
  cleaned-Reddit texts, so the other families are the fair measure; both are shown.
- Short Spanish texts (`tests/data/language_es_short.txt`) read as not English.
- Words of the other languages' lists that are as common as 10 in a million words in the
  English texts of the first families (the check that chose which words to leave out): it
  should print none.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from training.data import REPO_ROOT, Record, data_dir, load_all
from waylight.core.content import load_data
from waylight.core.textrisk.language import read_language

LIST_FAMILIES = {"sdcnl_cams_irf", "reddit_cleaned"}
SPANISH_SHORT = REPO_ROOT / "tests" / "data" / "language_es_short.txt"
PER_MILLION = 10
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the research data folder (default ../shared/data)")
    args = parser.parse_args()
    records = load_all(data_dir(args.data))
    for fair in (False, True):
        chosen = [r for r in records if (r.family not in LIST_FAMILIES) == fair]
        name = "other families (fair)" if fair else "SDCNL/CAMS/IRF + cleaned Reddit (lists)"
        texts = flagged = sentences = flagged_sentences = 0
        for record in chosen:
            texts += 1
            flagged += not read_language(record.text).supported
            for sentence in _SENTENCE.split(record.text):
                if sentence.strip():
                    sentences += 1
                    flagged_sentences += not read_language(sentence).supported
        print(
            f"{name}: {flagged} of {texts} texts and {flagged_sentences} of {sentences} "
            "sentences read as not English"
        )
    lines = [
        line.strip()
        for line in SPANISH_SHORT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    codes = Counter(read_language(line).code for line in lines)
    caught = sum(n for code, n in codes.items() if code != "en")
    print(f"short Spanish texts: {caught} of {len(lines)} read as not English {dict(codes)}")
    print(f"collisions: {collisions(records)}")


def collisions(records: list[Record]) -> list[tuple[str, str, int]]:
    """Listed words of other languages that are common in English texts of the list families."""
    languages = load_data("text/languages.yaml", schema="text_languages")["languages"]
    listed = {code: set(lang["words"]) for code, lang in languages.items() if code != "en"}
    every = set().union(*listed.values())
    counts: Counter[str] = Counter()
    total = 0
    for record in records:
        # Posts really written in another language (the cleaned Reddit set has some) do not count.
        if record.family in LIST_FAMILIES and read_language(record.text).supported:
            words = [w.replace("’", "'") for w in _WORD.findall(record.text.lower())]
            total += len(words)
            counts.update(w for w in words if w in every)
    limit = total * PER_MILLION / 1_000_000
    return sorted(
        (code, word, counts[word])
        for code, words in listed.items()
        for word in words
        if counts[word] >= limit
    )


if __name__ == "__main__":
    main()
