"""What a translation still lacks: the list a translator works through, and the parity test.

`missing_translations("es")` loads every kind of content in Spanish (which checks that each
translated id exists in English) and lists every id or text that is still shown in English.
The parity test requires it to be empty for every language Waylight ships; `waylight doctor`
reports the same list, so a third language can be added file by file (docs/languages.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from waylight.core.i18n import SOURCE_LANGUAGE, has_translation, normalise_language

KB_INDEX = "kb/index.yaml"


@dataclass(frozen=True)
class Missing:
    """One thing shown in English on a page in another language."""

    file: str  # the translation file it belongs in, relative to the content root
    what: str  # the id or field that is missing

    def __str__(self) -> str:
        return f"{self.file}: {self.what}"


def missing_translations(lang: str) -> list[Missing]:
    """Everything still in English in `lang`; empty for English itself."""
    code = normalise_language(lang)
    if code == SOURCE_LANGUAGE:
        return []
    found: list[Missing] = []
    checks = (
        _kb,
        _search,
        _instruments,
        _rules,
        _results,
        _observer,
        _plan,
        _crisis_lines,
        _recover,
    )
    for check in checks:
        found.extend(check(code))
    return found


# Recover's content files: each translation mirrors its English file with the words changed.
RECOVER_FILES = (
    ("recover/toolbox.yaml", "recover_toolbox"),
    ("recover/journal.yaml", "recover_journal"),
    ("recover/milestones.yaml", "recover_milestones"),
    ("recover/change_rules.yaml", "recover_change_rules"),
    ("recover/reminders.yaml", "recover_reminders"),
    # The triage queue's false-alarm reasons, the same way.
    ("triage/reasons.yaml", "triage_reasons"),
    # Sharing (the professional workspace): parts, the duty to act, flags, audit lines.
    ("care/sharing.yaml", "care_sharing"),
)


def _recover(lang: str) -> list[Missing]:
    from waylight.core.i18n import load_same_shape

    found: list[Missing] = []
    for relpath, schema in RECOVER_FILES:
        _, shown = load_same_shape(relpath, lang, schema=schema)  # refuses a changed shape
        if shown != lang:
            found.append(Missing(_file(relpath, lang), "the whole file"))
    return found


def _file(relpath: str, lang: str) -> str:
    return f"i18n/{lang}/{relpath}"


def _kb(lang: str) -> list[Missing]:
    from waylight.core.kb import load_knowledge_base

    found: list[Missing] = []
    if not has_translation(KB_INDEX, lang):
        found.append(Missing(_file(KB_INDEX, lang), "the whole file"))
    kb = load_knowledge_base(lang)
    for section in kb.sections:
        file = _file(f"kb/{section.id}.yaml", lang)
        if section.lang != lang:
            found.append(Missing(file, "the whole file"))
            continue
        found.extend(
            Missing(file, f"item {item.id}") for item in section.items if item.lang != lang
        )
        found.extend(
            Missing(file, f"item {item.id}: keywords")
            for item in section.items
            if item.lang == lang and not item.keywords and _english_has_keywords(item.id)
        )
    return found


def _english_has_keywords(item_id: str) -> bool:
    from waylight.core.kb import load_knowledge_base

    return bool(load_knowledge_base(SOURCE_LANGUAGE).item(item_id).keywords)


def _search(lang: str) -> list[Missing]:
    from waylight.core.search_lead import lead_for

    lead_for("test", lang=lang)  # loads and checks the translated lead words
    return [
        Missing(_file(relpath, lang), "the whole file")
        for relpath in ("kb/synonyms.yaml", "search/lead.yaml")
        if not has_translation(relpath, lang)
    ]


def _instruments(lang: str) -> list[Missing]:
    from waylight.core.instruments import instrument_ids, load_instrument

    found: list[Missing] = []
    for instrument_id in instrument_ids():
        relpath = f"instruments/{instrument_id}.yaml"
        load_instrument(instrument_id, lang)
        if not has_translation(relpath, lang):
            # Either the official translation, or a file saying why the questions stay English.
            found.append(Missing(_file(relpath, lang), "the whole file"))
    return found


def _rules(lang: str) -> list[Missing]:
    from waylight.core.rules import RULES_FILE, load_rules, translated_reasons

    done = translated_reasons(lang)
    return [
        Missing(_file(RULES_FILE, lang), f"rule {rule.id}")
        for rule in load_rules()
        if rule.id not in done
    ]


def _results(lang: str) -> list[Missing]:
    from waylight.core.assess import WORDING_FILE, load_wording

    wording = load_wording(lang)
    return [Missing(_file(WORDING_FILE, lang), key) for key in sorted(wording.untranslated)]


def _observer(lang: str) -> list[Missing]:
    from waylight.core.observer import CHECKLIST_FILE, load_checklist

    checklist = load_checklist(lang)
    file = _file(CHECKLIST_FILE, lang)
    if checklist.lang != lang:
        return [Missing(file, "the whole file")]
    found = [Missing(file, f"group {g.id}") for g in checklist.groups if g.lang != lang]
    found += [
        Missing(file, f"item {i.id}") for g in checklist.groups for i in g.items if i.lang != lang
    ]
    found += [Missing(file, f"guidance {s.id}") for s in checklist.sections if s.lang != lang]
    return found


def _plan(lang: str) -> list[Missing]:
    from waylight.core.plan import SECTIONS_FILE, load_plan_sections

    plan = load_plan_sections(lang)
    return [
        Missing(_file(SECTIONS_FILE, lang), f"section {s.key}")
        for s in plan.sections
        if s.lang != lang
    ]


def _crisis_lines(lang: str) -> list[Missing]:
    from waylight.core.i18n import load_translation
    from waylight.core.resources import CRISIS_LINES_FILE, help_for, list_countries

    file = _file(CRISIS_LINES_FILE, lang)
    words = load_translation(CRISIS_LINES_FILE, lang, schema="crisis_lines_i18n")
    if words is None:
        return [Missing(file, "the whole file")]
    listed = [code for code, _ in list_countries()]
    found = [Missing(file, f"country {c}: name") for c in listed if c not in words["countries"]]
    for country in [None, *listed]:
        help_here = help_for(country, lang=lang)
        for service in help_here.services:
            found += [Missing(file, f"{service.id}: {what}") for what in service.in_english]
        if help_here.emergency is not None:
            found += [
                Missing(file, f"{country} emergency: {what}")
                for what in help_here.emergency.in_english
            ]
    return list(dict.fromkeys(found))
