"""Loaders for the research data sets in `../shared/data` and their mapping to model labels.

Every loader returns `Record`s: one text, where it came from, its family (texts shared between
data sets share a family), and a label per model head, or `None` where that data set says
nothing about the head. The mapping, in short (the model card explains the reasons):

| source | suicide | self_harm | depression | level (0 none .. 3 severe) |
|---|---|---|---|---|
| SDCNL | is_suicide (r/SuicideWatch 1, r/depression 0) | lexicon | 1 for r/depression | - |
| CAMS intent (SDCNL re-annotated) | via SDCNL text match | lexicon | - | - |
| CAMS added | - | lexicon | 1 (posts annotated for the cause of the writer's distress) | - |
| IRF | via SDCNL text match | lexicon | - | - |
| Naseem | - | lexicon | minimum 0, else 1 | minimum 0, mild 1, moderate 2, severe 3 |
| Dreaddit (same texts as Naseem) | 0 (stress forums) | lexicon | via Naseem | via Naseem |
| DepSign dev | - (see load_depsign) | lexicon | not depression 0, else 1 | 0, -, 2, 3 |
| reddit depression cleaned | 0 if not depressive | lexicon | is_depressive | 0 if not depressive |
| counsel_chat questions | 0 off-topic | 1 self-harm topic | depression topic 1, off-topic 0 | - |
| counsel_chat answers | 0 (a supporter) | 0 | 0 | 0 |

"lexicon" is a weak label: 1 when the text uses a self-harm phrase (`SELF_HARM_PATTERN`), else 0.
No data set labels self-harm by hand in any number, so the self-harm head learns which *other*
words come with those phrases; the phrases themselves are masked out of its training texts
(`mask_self_harm_phrases`), leaving the explicit phrases to the rules layer.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"

FAMILY_OF_SOURCE = {
    "sdcnl": "sdcnl_cams_irf",
    "cams_intent": "sdcnl_cams_irf",
    "cams_added": "sdcnl_cams_irf",
    "irf": "sdcnl_cams_irf",
    "naseem": "naseem_dreaddit",
    "dreaddit": "naseem_dreaddit",
    "depsign": "depsign",
    "reddit_cleaned": "reddit_cleaned",
    "counsel_question": "counsel_chat",
    "counsel_answer": "counsel_chat",
}

# The data files we read, as named in ../shared/data/MANIFEST.md (its sha256 column is checked).
DATA_FILES = (
    "sdcnl/training-set.csv",
    "sdcnl/testing-set.csv",
    "cams/IntentSDCNL_Training.csv",
    "cams/IntentSDCNL_Testing.csv",
    "cams/added_CAMS_data.csv",
    "irf/train_data.csv",
    "irf/val_data.csv",
    "irf/test_data.csv",
    "depression_severity_naseem2022/Reddit_depression_dataset.csv",
    "dreaddit/dreaddit-train.csv",
    "dreaddit/dreaddit-test.csv",
    "depsign_lt_edi_2022/dev.tsv",
    "reddit_depression_cleaned/depression_dataset_reddit_cleaned.csv",
    "counsel_chat/20200325_counsel_chat.csv",
)

# Weak self-harm label: a self-harm phrase in general words. Used only at training time.
SELF_HARM_PATTERN = re.compile(
    r"\b(?:self[\s-]?harm\w*|selfharm\w*|self[\s-]?injur\w*|nssi"
    r"|(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harming|burn|burning)\s+my\s?self"
    r"|i\s+(?:cut|cutted)\b|my\s+(?:scars|cuts)|relapsed?\s+(?:on|into)\s+(?:sh|cutting))",
    re.IGNORECASE,
)
# Counsel Chat topics that say nothing either way about depression.
_DEPRESSION_NEUTRAL_TOPICS = {
    "depression",
    "self-harm",
    "self-esteem",
    "anxiety",
    "trauma",
    "grief-and-loss",
    "stress",
    "sleep-improvement",
    "diagnosis",
    "counseling-fundamentals",
    "behavioral-change",
    "substance-abuse",
    "addiction",
    "eating-disorders",
}
_NASEEM_LEVEL = {"minimum": 0, "mild": 1, "moderate": 2, "severe": 3}
_DEPSIGN_LEVEL = {"not depression": 0, "moderate": 2, "severe": 3}


@dataclass
class Record:
    """One text from one data file, with a label per head (`None`: that file says nothing)."""

    text: str
    source: str
    labels: dict[str, int | None] = field(default_factory=dict)
    # Short texts by the same writer about the same thing (a post's title), used as extra
    # training rows so the model also learns from one-line texts.
    short_texts: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return FAMILY_OF_SOURCE[self.source]


def data_dir(explicit: str | None = None) -> Path:
    """`--data` if given, else $WAYLIGHT_DATA, else ../shared/data next to the repo."""
    chosen = explicit or os.environ.get("WAYLIGHT_DATA")
    return Path(chosen) if chosen else DEFAULT_DATA


def self_harm_lexicon(text: str) -> int:
    return 1 if SELF_HARM_PATTERN.search(text) else 0


def mask_self_harm_phrases(text: str) -> str:
    return SELF_HARM_PATTERN.sub(" ", text)


def _rows(path: Path, *, delimiter: str = ",", encoding: str = "utf-8") -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(newline="", encoding=encoding, errors="replace") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _labels(
    text: str,
    *,
    suicide: int | None = None,
    depression: int | None = None,
    level: int | None = None,
) -> dict[str, int | None]:
    return {
        "suicide": suicide,
        "self_harm": self_harm_lexicon(text),
        "depression": depression,
        "level": level,
    }


def _titles(title: str) -> tuple[str, ...]:
    """A title worth learning from on its own: at least three words."""
    title = title.strip()
    return (title,) if len(title.split()) >= 3 else ()


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def load_sdcnl(root: Path) -> Iterator[Record]:
    for name in ("training-set.csv", "testing-set.csv"):
        for row in _rows(root / "sdcnl" / name):
            text = f"{row.get('title', '')}\n{row.get('selftext', '')}".strip()
            is_suicide = _int_or_none(row.get("is_suicide"))
            depression = 1 if is_suicide == 0 else None
            labels = _labels(text, suicide=is_suicide, depression=depression)
            yield Record(text, "sdcnl", labels, _titles(row.get("title", "")))


def load_cams(root: Path) -> Iterator[Record]:
    for name in ("IntentSDCNL_Training.csv", "IntentSDCNL_Testing.csv"):
        for row in _rows(root / "cams" / name):
            text = row.get("selftext", "")
            yield Record(text, "cams_intent", _labels(text))
    for row in _rows(root / "cams" / "added_CAMS_data.csv", encoding="latin-1"):
        text = row.get("selftext", "")
        yield Record(text, "cams_added", _labels(text, depression=1))


def load_irf(root: Path) -> Iterator[Record]:
    for name in ("train_data.csv", "val_data.csv", "test_data.csv"):
        for row in _rows(root / "irf" / name):
            text = row.get("text", "")
            yield Record(text, "irf", _labels(text))


def load_naseem(root: Path) -> Iterator[Record]:
    path = root / "depression_severity_naseem2022" / "Reddit_depression_dataset.csv"
    for row in _rows(path):
        text = row.get("text", "")
        level = _NASEEM_LEVEL.get(row.get("label", "").strip().lower())
        depression = None if level is None else int(level > 0)
        yield Record(text, "naseem", _labels(text, depression=depression, level=level))


def load_dreaddit(root: Path) -> Iterator[Record]:
    for name in ("dreaddit-train.csv", "dreaddit-test.csv"):
        for row in _rows(root / "dreaddit" / name):
            text = row.get("text", "")
            yield Record(text, "dreaddit", _labels(text, suicide=0))


def load_depsign(root: Path) -> Iterator[Record]:
    for row in _rows(root / "depsign_lt_edi_2022" / "dev.tsv", delimiter="\t"):
        text = row.get("Text data", "")
        level = _DEPSIGN_LEVEL.get(row.get("Label", "").strip().lower())
        depression = None if level is None else int(level > 0)
        # No suicide label: reading errors by hand showed that many "not depression" posts
        # state the writer's own wish to die, so they are not safe negatives.
        yield Record(text, "depsign", _labels(text, depression=depression, level=level))


def load_reddit_cleaned(root: Path) -> Iterator[Record]:
    path = root / "reddit_depression_cleaned" / "depression_dataset_reddit_cleaned.csv"
    for row in _rows(path):
        text = row.get("text", "")
        depressive = _int_or_none(row.get("is_depressive"))
        negative = 0 if depressive == 0 else None
        yield Record(
            text,
            "reddit_cleaned",
            _labels(text, suicide=negative, depression=depressive, level=negative),
        )


def load_counsel_chat(root: Path) -> Iterator[Record]:
    seen_questions: set[str] = set()
    for row in _rows(root / "counsel_chat" / "20200325_counsel_chat.csv"):
        topic = row.get("topic", "").strip().lower()
        question = f"{row.get('questionTitle', '')}\n{row.get('questionText', '')}".strip()
        if question not in seen_questions:
            seen_questions.add(question)
            off_topic = topic not in _DEPRESSION_NEUTRAL_TOPICS
            labels = _labels(question)
            if topic == "self-harm":
                labels["self_harm"] = 1
            if topic == "depression":
                labels["depression"] = 1
            elif off_topic:
                labels["depression"] = 0
            if off_topic and not labels["self_harm"]:
                labels["suicide"] = 0
            yield Record(
                question, "counsel_question", labels, _titles(row.get("questionTitle", ""))
            )
        answer = row.get("answerText", "").strip()
        if answer:
            # A supporter or a professional writing to someone else: no risk of their own.
            labels = {"suicide": 0, "self_harm": 0, "depression": 0, "level": 0}
            yield Record(answer, "counsel_answer", labels)


LOADERS: tuple[Callable[[Path], Iterator[Record]], ...] = (
    load_sdcnl,
    load_cams,
    load_irf,
    load_naseem,
    load_dreaddit,
    load_depsign,
    load_reddit_cleaned,
    load_counsel_chat,
)


def load_all(root: Path) -> list[Record]:
    """Every record from every data file, empty texts dropped."""
    records = [r for loader in LOADERS for r in loader(root)]
    return [r for r in records if r.text.strip()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_hashes(root: Path) -> dict[str, str]:
    """sha256 per file as listed in MANIFEST.md (empty if there is no manifest)."""
    manifest = root / "MANIFEST.md"
    if not manifest.exists():
        return {}
    found: dict[str, str] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 7 and re.fullmatch(r"[0-9a-f]{64}", cells[6]):
            found[cells[1]] = cells[6]
    return found


def data_provenance(root: Path) -> list[dict[str, object]]:
    """For each file: its sha256, the manifest's sha256, and whether they agree."""
    expected = manifest_hashes(root)
    provenance: list[dict[str, object]] = []
    for name in DATA_FILES:
        actual = sha256_of(root / name)
        provenance.append(
            {
                "file": name,
                "sha256": actual,
                "manifest_sha256": expected.get(name),
                "matches_manifest": expected.get(name) == actual,
            }
        )
    return provenance
