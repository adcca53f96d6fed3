"""Nothing Waylight ships carries method detail or unsafe language (SPEC section 3).

Examples here use general words only: the checker is tested on the *shape* of unsafe text,
never on real method detail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import waylight
from waylight.core.content import load_data, parse_yaml
from waylight.core.safety import (
    SHIPPED_TEXT_SUFFIXES,
    find_unsafe,
    is_exempt,
    is_safe,
    load_rules,
    rules_from,
)

PACKAGE = Path(waylight.__file__).parent
CONTENT = PACKAGE / "content"
TEMPLATES = PACKAGE / "web" / "templates"
# Apps of the web shell with their own templates (the triage queue).
APP_TEMPLATES = [PACKAGE / "web" / "triage" / "templates"]


def shipped_text_files() -> list[Path]:
    """Every text file under content/ and templates/, but lists that name what they detect."""
    files = [
        path
        for path in sorted(CONTENT.rglob("*"))
        if path.is_file()
        and path.suffix in SHIPPED_TEXT_SUFFIXES
        and not is_exempt(path.relative_to(CONTENT).as_posix())
    ]
    for folder in (TEMPLATES, *APP_TEMPLATES):
        if folder.is_dir():
            files += [p for p in sorted(folder.rglob("*")) if p.is_file()]
    return files


def test_the_walk_sees_the_crisis_lines_and_the_knowledge_base() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in shipped_text_files()}
    assert "content/resources/crisis_lines.yaml" in names
    assert "content/kb/signs.yaml" in names
    assert "content/triage/reasons.yaml" in names
    assert "web/triage/templates/triage/post.html" in names
    assert not any(n.startswith("content/safety/") for n in names)


@pytest.mark.parametrize(
    "path", shipped_text_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_shipped_text_has_no_unsafe_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    findings = find_unsafe(text)
    report = [
        f"line {text.count(chr(10), 0, f.span[0]) + 1}: {f.phrase!r} ({f.rule_id}); "
        f"write instead: {f.suggestion}"
        for f in findings
    ]
    assert not findings, f"{path.name}:\n" + "\n".join(report)


# A command names one shell; content is read in every shell (docs/knowledge-base.md).
COMMAND = re.compile(
    r"\bwaylight\s+(?:help-now|learn|score|signs|check-text|doctor|instruments|serve|scan|"
    r"home|audit)\b|`",
    re.IGNORECASE,
)


def content_data_files() -> list[Path]:
    return [
        p
        for p in sorted(CONTENT.rglob("*.yaml"))
        if not is_exempt(p.relative_to(CONTENT).as_posix())
    ]


def shown_strings(value: object) -> list[str]:
    """Every string value in loaded content: what a shell may show (comments are not shown)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in shown_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in shown_strings(v)]
    return []


@pytest.mark.parametrize(
    "path", content_data_files(), ids=lambda p: p.relative_to(CONTENT).as_posix()
)
def test_no_content_names_a_command(path: Path) -> None:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    named = [s for s in shown_strings(data) if COMMAND.search(s)]
    assert not named, f"{path.name}: write [[Help now]] instead of a command: {named[:3]}"


def test_the_command_check_sees_the_knowledge_base_and_catches_a_command() -> None:
    assert CONTENT / "kb" / "faq.yaml" in content_data_files()
    assert COMMAND.search("Run `waylight help-now` to see the lines.")
    assert COMMAND.search("run waylight help-now")
    assert not COMMAND.search("See [[Help now]] for crisis lines. Waylight cites it.")


def test_both_deny_lists_load_validated_and_reviewed() -> None:
    kinds = {rule.kind for rule in load_rules()}
    assert kinds == {"method_detail", "unsafe_language"}
    for name in ("method_detail", "unsafe_language"):
        data = load_data(f"safety/{name}.yaml", schema="safety_list")
        assert data["reviewed"]["date"] and data["reviewed"]["note"]


def test_every_rule_matches_its_own_examples_and_its_suggestion_is_safe() -> None:
    for rule in load_rules():
        assert rule.pattern.search("") is None, f"{rule.id} matches empty text: it flags everything"
        for example in rule.examples:
            assert rule.pattern.search(f"They said {example} here."), (rule.id, example)
        if rule.suggestion:
            assert is_safe(rule.suggestion), (rule.id, rule.suggestion)
        if rule.kind == "unsafe_language":
            assert rule.suggestion, f"{rule.id} says what not to write but not what to write"
            assert rule.examples, f"{rule.id} has no example to prove it works"


@pytest.mark.parametrize(
    "text,rule_id",
    [
        ("Take 20 mg twice.", "dose-with-unit"),
        ("a handful of 10 tablets", "dose-with-unit"),
        ("how many would it take to die", "amount-to-harm-question"),
        ("what is a lethal dose", "lethal-amount"),
        ("the easiest way to die", "best-way-to-die"),
        ("a step by step guide to self-harm", "method-as-instruction"),
        ("they thought about jumping off", "jump-from-place"),
        ("a known suicide spot", "place-detail"),
        ("He was a suicide victim.", "suicide-victim"),
        ("Calling someone an attention-seeker hurts.", "attention-seeker"),
        ("She is a cutter.", "cutter-label"),
        ("It was a failed attempt.", "failed-attempt"),
        ("people who indulge in self-harm", "self-harm-as-indulgence"),
        ("someone obsessed with self-harm", "obsessed-with-self-harm"),
        ("Stop This Horrible Act", "horrible-act"),
        ("ATTENTION SEEKER", "attention-seeker"),
        ("an attention\u2011seeker", "attention-seeker"),  # the non-breaking hyphen editors insert
        ("an attention\n      seeker", "attention-seeker"),  # wrapped across lines in a YAML file
    ],
)
def test_unsafe_shapes_are_found(text: str, rule_id: str) -> None:
    assert rule_id in {f.rule_id for f in find_unsafe(text)}


@pytest.mark.parametrize(
    "text",
    [
        "She died by suicide, and her family found support.",
        "Self-harm is not attention seeking: it is usually a way of coping with pain.",
        "Ask directly and kindly: are you thinking about suicide?",
        "Keep medicines and sharp things out of reach for a while.",
        "This exam is killing me.",
        "Over the last 2 weeks, how often have you felt down?",
        "Scores range from 0 to 27.",
        "Call 116 123, free, day or night.",
        "Not a cookie cutter plan: it is yours.",
        "Psychotherapy and psycho-education both help.",
        "How to cope when you want to hurt yourself.",
        "Learning how to stop harming yourself takes time.",
        "They survived a suicide attempt and are recovering.",
        "",
    ],
)
def test_safe_text_is_not_flagged(text: str) -> None:
    assert find_unsafe(text) == []


def test_findings_carry_the_phrase_its_span_and_the_better_wording() -> None:
    text = "Notes: he was a suicide victim."
    (finding,) = find_unsafe(text)
    assert finding.kind == "unsafe_language"
    assert text[finding.span[0] : finding.span[1]] == finding.phrase == "suicide victim"
    assert finding.suggestion and "died by suicide" in finding.suggestion
    assert finding.to_dict()["span"] == list(finding.span)


def test_findings_come_in_reading_order() -> None:
    findings = find_unsafe("A cutter, then 5 mg, then a suicide victim.")
    assert [f.rule_id for f in findings] == ["cutter-label", "dose-with-unit", "suicide-victim"]


def test_a_custom_list_can_be_checked_before_it_ships() -> None:
    rules = tuple(
        rules_from(
            {
                "kind": "unsafe_language",
                "patterns": [
                    {"id": "x", "pattern": r"\bgloomy\b", "why": "test", "suggestion": "low"}
                ],
            }
        )
    )
    assert [f.phrase for f in find_unsafe("A Gloomy day", rules=rules)] == ["Gloomy"]


CORPUS = Path(__file__).resolve().parent.parent / "training" / "corpus"
# Findings read by hand and kept, by (file, rule id, the words found): six are the checker
# reading everyday words (three glue guns, weeds, a game character, the title of an HR guide);
# three are kept as the writers wrote them because the detector must learn to read them: a
# question seeking a way to die, with no method in it (labelled ideation), an educator quoting
# the label she no longer uses, and a writer naming their own teenage self by a label; one is a
# therapist's rating question quoted by the writer ("on a scale of 1 to 10, how much..."), which
# the amount rule reads as asking for an amount.
# Changing a corpus text changes the trained reader, so they are not edited here; any other
# finding fails.
CORPUS_REVIEWED = {
    ("written-b.yaml", "jump-from-place", "jumps in front of"),
    ("written-b.yaml", "named-means", "gun"),
    ("written-b.yaml", "method-as-instruction", "guide to helping a colleague after a suicide"),
    ("written-b.yaml", "self-harmer-label", "self-harmer"),
    ("written-c.yaml", "best-way-to-die", "painless way to die"),
    ("written-c.yaml", "best-way-to-die", "easiest way to kill"),
    ("written-e.yaml", "named-means", "gun"),
    ("written-e.yaml", "cutter-label", "cutter"),
    ("written-i.yaml", "named-means", "gun"),
    ("written-j.yaml", "amount-to-harm-question", "how much do you want to die"),
}


@pytest.mark.parametrize("path", sorted(CORPUS.glob("written-*.yaml")), ids=lambda p: p.name)
def test_the_written_training_corpus_uses_general_words_only(path: Path) -> None:
    # The learned reader's training texts live in the repository: means in general words
    # only, never a method detail (the same checker as every shipped text).
    from waylight.core.textrisk.evaluate_cases import load_case_file

    cases = load_case_file(path).cases
    assert len(cases) > 1000
    found = {(path.name, f.rule_id, f.phrase) for c in cases for f in find_unsafe(c.text)}
    assert found - CORPUS_REVIEWED == set()
