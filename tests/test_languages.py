"""Every language has the same ids and the same logic; only the words change (docs/languages.md).

Parity: every id of the English content has its words in every shipped language. Fallback: a
text that is not translated yet is shown in English and says so. Questionnaires: only official
translations, word for word, and the same scores and triggers in every language.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import waylight
from waylight.core import i18n
from waylight.core import kb as kb_module
from waylight.core.assess import assess, load_wording
from waylight.core.errors import ContentError, UnknownLanguage
from waylight.core.i18n import language_codes, normalise_language, pick_language
from waylight.core.instruments import SumScoring, instrument_ids, load_instrument
from waylight.core.kb import load_knowledge_base
from waylight.core.observer import guide, load_checklist
from waylight.core.plan import load_plan_sections
from waylight.core.questions import next_item
from waylight.core.resources import help_for, list_countries
from waylight.core.safety import find_unsafe
from waylight.core.search import search
from waylight.core.search_lead import lead_for
from waylight.core.translations import missing_translations

CONTENT = Path(waylight.__file__).parent / "content"
DATA = Path(__file__).parent / "data"
TRANSLATED = [code for code in language_codes() if code != "en"]


# ------------------------------------------------------------------------------ the languages


def test_spanish_is_shipped_and_english_is_the_source() -> None:
    assert language_codes()[0] == "en"
    assert "es" in TRANSLATED


@pytest.mark.parametrize(
    "given,code",
    [(None, "en"), ("", "en"), ("es", "es"), ("ES", "es"), ("es-MX", "es"), ("es_419", "es"),
     ("en-GB", "en")],
)  # fmt: skip
def test_a_language_tag_gives_the_language_waylight_speaks(given: str | None, code: str) -> None:
    assert normalise_language(given) == code


@pytest.mark.parametrize("given", ["fr", "klingon", "e", "es-", 12])
def test_an_unknown_language_is_a_clear_error(given: Any) -> None:
    with pytest.raises(UnknownLanguage, match=r"en \(English\), es \(Spanish\)"):
        normalise_language(given)


@pytest.mark.parametrize(
    "header,code",
    [("es-ES,es;q=0.9,en;q=0.8", "es"), ("fr-FR,es;q=0.8,en;q=0.5", "es"),
     ("en-US,en;q=0.9,es;q=0.8", "en"), ("de-DE,fr;q=0.9", "en"), ("", "en"), (None, "en"),
     ("es;q=0,en", "en"), ("garbage;;;", "en")],
)  # fmt: skip
def test_the_browser_language_picks_a_default(header: str | None, code: str) -> None:
    assert pick_language(header) == code


# ------------------------------------------------------------------------------ parity


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_english_id_has_its_words_in_every_shipped_language(lang: str) -> None:
    missing = missing_translations(lang)
    assert missing == [], "\n".join(str(m) for m in missing)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translated_id_exists_in_english(lang: str) -> None:
    english = load_knowledge_base("en")
    translated = load_knowledge_base(lang)
    assert [s.id for s in translated.sections] == [s.id for s in english.sections]
    assert [i.id for i in translated.items] == [i.id for i in english.items]
    for english_item, item in zip(english.items, translated.items, strict=True):
        # Only words change: links, sources and PHQ-9 items stay the English file's.
        assert item.related == english_item.related and item.sources == english_item.sources
        assert item.phq9_items == english_item.phq9_items
        assert len(item.points) == len(english_item.points)
    assert set(load_checklist(lang).item_ids) == set(load_checklist("en").item_ids)
    assert load_plan_sections(lang).keys == load_plan_sections("en").keys
    assert set(load_wording(lang).steps) == set(load_wording("en").steps)


def test_a_translated_id_the_english_lacks_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kb_module.load_translation

    def with_an_extra_item(relpath: str, lang: str, *, schema: str) -> Any:
        data = real(relpath, lang, schema=schema)
        if relpath == "kb/signs.yaml" and data is not None:
            items = dict(data["items"])
            items["sign-not-in-english"] = items["sign-covering-up"]
            data = {**data, "items": items}
        return data

    monkeypatch.setattr(kb_module, "load_translation", with_an_extra_item)
    load_knowledge_base.cache_clear()
    try:
        with pytest.raises(ContentError, match="sign-not-in-english"):
            load_knowledge_base("es")
    finally:
        load_knowledge_base.cache_clear()


def test_a_missing_translation_falls_back_to_english_per_item_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = kb_module.load_translation

    def without_one_item(relpath: str, lang: str, *, schema: str) -> Any:
        data = real(relpath, lang, schema=schema)
        if relpath == "kb/forms.yaml" and data is not None:
            items = {k: v for k, v in data["items"].items() if k != "form-biting"}
            data = {**data, "items": items}
        return data

    monkeypatch.setattr(kb_module, "load_translation", without_one_item)
    load_knowledge_base.cache_clear()
    try:
        kb = load_knowledge_base("es")
        item = kb.item("form-biting")
        assert item.lang == "en" and item.title == "Biting"
        assert kb.item("form-cutting").lang == "es"
        assert (
            i18n.in_english_note("es") == "Aún no está traducido al español; se muestra en inglés."
        )
        assert "i18n/es/kb/forms.yaml: item form-biting" in [
            str(m) for m in missing_translations("es")
        ]
    finally:
        load_knowledge_base.cache_clear()


def test_a_half_translated_item_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kb_module.load_translation

    def without_points(relpath: str, lang: str, *, schema: str) -> Any:
        data = real(relpath, lang, schema=schema)
        if relpath == "kb/causes.yaml" and data is not None:
            items = {k: dict(v) for k, v in data["items"].items()}
            del items["cause-trauma"]["points"]
            data = {**data, "items": items}
        return data

    monkeypatch.setattr(kb_module, "load_translation", without_points)
    load_knowledge_base.cache_clear()
    try:
        with pytest.raises(ContentError, match="lacks 'points'"):
            load_knowledge_base("es")
    finally:
        load_knowledge_base.cache_clear()


# ------------------------------------------------------------------------------ how it reads


def spanish_files(*, instruments: bool = True) -> list[Path]:
    files = sorted((CONTENT / "i18n" / "es").rglob("*.yaml"))
    return [f for f in files if instruments or "instruments" not in f.parts]


def shown(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in shown(v)]
    if isinstance(value, list):
        return [s for v in value for s in shown(v)]
    return []


@pytest.mark.parametrize("path", spanish_files(), ids=lambda p: p.name)
def test_spanish_text_passes_both_deny_lists(path: Path) -> None:
    findings = find_unsafe(path.read_text(encoding="utf-8"))
    assert findings == [], [(f.phrase, f.rule_id) for f in findings]


@pytest.mark.parametrize(
    "text,rule",
    [("Se dice que cometió suicidio.", "es-cometer-suicidio"),
     ("un suicidio consumado", "es-suicidio-consumado"),
     ("fue un intento fallido", "es-intento-fallido"),
     ("la víctima de suicidio", "es-victima-de-suicidio"),
     ("una epidemia de suicidios", "es-epidemia-de-suicidios"),
     ("los suicidas", "es-los-suicidas"),
     ("es una cortadora", "es-cortador-label"),
     ("una dosis letal", "es-lethal-amount"),
     ("toma 20 pastillas", "es-dose-with-unit"),
     ("la forma más fácil de morir", "es-best-way-to-die")],
)  # fmt: skip
def test_the_spanish_deny_lists_catch_unsafe_spanish(text: str, rule: str) -> None:
    assert rule in {f.rule_id for f in find_unsafe(text)}


@pytest.mark.parametrize(
    "text",
    ["Murió por suicidio, y su familia recibió apoyo.", "Se quitó la vida hace dos años.",
     "No lo hace para llamar la atención: es una forma de aguantar el dolor.",
     "¿Estás pensando en el suicidio?", "Guarda los medicamentos bajo llave.",
     "Cómo dejar de hacerme daño.", "Las personas con pensamientos suicidas merecen ayuda."],
)  # fmt: skip
def test_the_spanish_deny_lists_leave_safe_spanish_alone(text: str) -> None:
    assert find_unsafe(text) == []


def test_the_spanish_content_says_died_by_suicide_and_never_committed() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in spanish_files()).lower()
    assert "morir por suicidio" in text or "murió por suicidio" in text
    assert not re.search(r"comet\w*\s+(?:un\s+)?suicidio", text)


@pytest.mark.parametrize("path", spanish_files(instruments=False), ids=lambda p: p.name)
def test_waylight_speaks_to_young_readers_as_tu_never_usted(path: Path) -> None:
    # The official questionnaires use "usted", as every official PHQ translation does; Waylight's
    # own words are informal and warm.
    strings = shown(yaml.safe_load(path.read_text(encoding="utf-8")))
    formal = [s for s in strings if re.search(r"\busted(?:es)?\b", s, re.IGNORECASE)]
    assert formal == []
    # Neutral across Spain and Latin America: no "vosotros" forms either.
    vosotros = re.compile(
        r"\b(?:vosotr[oa]s|os\s+\w+|est[aá]is|sois|ten[eé]is|pod[eé]is|hab[eé]is|"
        r"hablad|haced|buscad|apuntad|practicad|escribid|pensad|acordad|fijaos)\b",
        re.IGNORECASE,
    )
    spain_only = [s for s in strings if vosotros.search(s)]
    assert spain_only == []


def test_help_now_reads_in_spanish_and_the_mark_stays_the_same() -> None:
    kb = load_knowledge_base("es")
    assert "[[Help now]]" in kb.help_now and "número de emergencias" in kb.help_now
    assert i18n.help_now_words("es") == "Ayuda ahora"
    for item_id in ("risk-suicidal-thoughts", "faq-help-right-now", "form-self-poisoning"):
        assert "[[Help now]]" in kb.item(item_id).body, item_id


# ------------------------------------------------------------------------------ questionnaires


def official() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "instrument_wording_es.yaml").read_text("utf-8"))
    return data


def joined(stem: str | None, text: str) -> str:
    return f"{stem} {text}" if stem else text


@pytest.mark.parametrize(
    "instrument_id,key", [("phq9", "phq9"), ("gad7", "gad7"), ("phq2", "phq9")]
)
def test_official_spanish_wording_is_shown_word_for_word(instrument_id: str, key: str) -> None:
    words = official()
    shown_instrument = load_instrument(instrument_id, "es")
    assert shown_instrument.lang == "es" and not shown_instrument.shown_in_other_language
    assert shown_instrument.stem == words["stem"]
    expected = words[key][: len(shown_instrument.scoring.items)]  # type: ignore[union-attr]
    scored = [shown_instrument.item(i) for i in shown_instrument.scoring.items]  # type: ignore[union-attr]
    assert [item.text for item in scored] == expected
    for item in scored:
        assert [o.label for o in item.options] == words["frequency"]
    extra = [i for i in shown_instrument.items if i not in scored]
    for item in extra:  # the difficulty question, printed as one sentence on the form
        assert joined(item.stem, item.text) == " ".join(words["difficulty_question"].split())
        assert [o.label for o in item.options] == words["difficulty"]
    assert " ".join(words["attribution"].split()) in shown_instrument.licence
    assert shown_instrument.wording_source and "phqscreeners.com" in shown_instrument.wording_source


@pytest.mark.parametrize("instrument_id", ["asq", "phqa"])
def test_without_an_official_spanish_version_the_questions_stay_english_and_say_why(
    instrument_id: str,
) -> None:
    english = load_instrument(instrument_id)
    shown_instrument = load_instrument(instrument_id, "es")
    assert shown_instrument.lang == "en" and shown_instrument.shown_in_other_language
    assert [i.text for i in shown_instrument.items] == [i.text for i in english.items]
    assert shown_instrument.stem == english.stem
    assert shown_instrument.language_note and "inglés" in shown_instrument.language_note
    assert shown_instrument.title != english.title  # Waylight's own words are translated


def answer_sets(instrument_id: str) -> list[list[Any]]:
    """Many valid answer lists: every ASQ pattern, PHQ/GAD boundaries and random fills."""
    instrument = load_instrument(instrument_id)
    if not isinstance(instrument.scoring, SumScoring):
        sets = []
        for first_four in itertools.product(["yes", "no", "refused"], repeat=4):
            fifth = ["", "yes", "no", "refused"] if {"yes", "refused"} & set(first_four) else [""]
            sets += [[*first_four, q5] for q5 in fifth]
        return sets
    rng = random.Random(13)
    sets = []
    for _ in range(150):
        answers: list[Any] = []
        while (item := next_item(instrument, answers)) is not None or len(answers) < len(
            instrument.items
        ):
            if item is None:
                answers.append(None)
                continue
            answers.append(rng.choice(item.values))
        sets.append(["" if a is None else a for a in answers])
    return sets


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_scores_and_triggers_are_the_same_in_spanish(instrument_id: str) -> None:
    for answers in answer_sets(instrument_id):
        english = assess(instrument_id, answers, country="US")
        spanish = assess(instrument_id, answers, country="US", lang="es")
        for field in ("total", "band", "result", "help_now"):
            assert getattr(spanish, field) == getattr(english, field), (answers, field)
        assert [f.id for f in spanish.flags] == [f.id for f in english.flags], answers
        assert len(spanish.next_steps) == len(english.next_steps)


def test_phq9_item_9_above_zero_leads_to_help_now_in_spanish() -> None:
    result = assess("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], country="MX", lang="es")
    assert result.help_now and result.flags[0].id == "HT-PHQ9-ITEM9"
    assert result.flags[0].reason.startswith("Dijiste que has tenido pensamientos")
    assert result.next_steps[0].startswith("Por favor, habla hoy con alguien")
    assert result.total_note and "No puede mostrar si estás a salvo" in result.total_note
    assert not any("rango más bajo" in step for step in result.next_steps)  # the trigger first
    assert result.band_label == "Nada o mínima" and result.title.endswith("(PHQ-9)")
    assert result.resources[0]["name"] == "Servicios de emergencia"
    assert result.country_help.services[0].name.startswith("Línea de la Vida")


# ------------------------------------------------------------------------------ help now


def test_spanish_speaking_lines_come_first_on_a_spanish_page() -> None:
    english = help_for("US")
    spanish = help_for("US", lang="es")
    assert spanish.services[0].id == "us-988" and spanish.services[0].speaks("es")
    # Within 988, the Spanish keyword comes first, and the note says how to reach Spanish.
    first_text = spanish.services[0].texts[0]
    assert (
        first_text.keyword == "AYUDA" and first_text.describe() == "Envía AYUDA al 988 (En español)"
    )
    assert "llama al 988 y marca el 2" in (spanish.services[0].notes or "")
    assert english.services[0].texts[0].keyword is None  # English order unchanged
    # Wherever a country has several lines, those answering in Spanish come first.
    for code in ("US", "PR", "ES", "AR", "CL"):
        speaks = [s.speaks("es") for s in help_for(code, lang="es").services]
        assert speaks == sorted(speaks, reverse=True), code


@pytest.mark.parametrize("code", ["US", "ES", "MX", "AR", "CO", "CL", "PE", "UY", "EC", "PR", "DO"])
def test_spanish_speaking_countries_have_a_line_that_answers_in_spanish(code: str) -> None:
    spanish = help_for(code, lang="es")
    assert spanish.services and spanish.services[0].speaks("es"), code
    assert spanish.emergency is not None and spanish.emergency.number
    for service in spanish.services:
        assert service.sources, service.id
        assert (
            service.status == "unverified" and service.verified_at is None
        )  # never a claimed date
        assert service.check_note == "Aún no lo hemos comprobado en la página del propio servicio."
        assert service.in_english == (), (service.id, service.in_english)


def test_the_fallback_speaks_spanish_and_points_to_the_directory() -> None:
    fallback = help_for("VE", lang="es")
    assert fallback.is_fallback and fallback.name == "Venezuela"
    assert "112 o el 911" in (fallback.guidance or "")
    assert help_for(None, lang="es").name == "Tu país"
    names = dict(list_countries("es"))
    assert names["US"] == "Estados Unidos" and names["ES"] == "España"


# ------------------------------------------------------------------------------ search


def test_spanish_search_finds_everyday_queries() -> None:
    queries = yaml.safe_load((DATA / "search_queries_es.yaml").read_text("utf-8"))["queries"]
    assert len(queries) >= 40
    misses = [
        q["query"]
        for q in queries
        if not {h.item.id for h in search(q["query"], limit=3, lang="es")} & set(q["expect"])
    ]
    share = 1 - len(misses) / len(queries)
    print(f"\nSpanish search: {share:.0%} of {len(queries)} queries in the top 3; misses: {misses}")
    assert share >= 0.85, misses


def test_accents_are_optional_in_spanish_search() -> None:
    with_accents = [h.item.id for h in search("depresión y autolesión", lang="es")]
    without = [h.item.id for h in search("depresion y autolesion", lang="es")]
    assert with_accents == without and with_accents


def test_a_spanish_crisis_search_puts_help_first_and_a_worried_parent_gets_guidance() -> None:
    assert lead_for("me quiero morir", lang="es").help_first
    assert lead_for("Quiero quitarme la vida", lang="es").help_first
    assert not lead_for("qué es la autolesión", lang="es").help_first
    assert lead_for("mi hija se corta", lang="es").about_someone
    assert lead_for("my daughter is cutting herself", lang="es").about_someone  # English counts


# ------------------------------------------------------------------------------ observer


def test_the_observer_guidance_speaks_spanish_with_the_same_levels() -> None:
    english = guide(["obs-wants-to-die"], country="ES")
    spanish = guide(["obs-wants-to-die"], country="ES", lang="es")
    assert spanish.level == english.level == "help_now"
    assert spanish.headline.startswith("Hablar de morir o del suicidio")
    assert [s.id for s in spanish.sections] == [s.id for s in english.sections]
    assert spanish.country_help.services[0].id == "es-024"
