"""The knowledge base (SPEC C1): complete, cross-linked, reviewed, safe and in our own words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from waylight.core import kb as kb_module
from waylight.core.errors import ContentError, InputError
from waylight.core.kb import Item, KnowledgeBase, load_knowledge_base
from waylight.core.markup import HELP_NOW
from waylight.core.safety import find_unsafe

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"

EXPECTED_COUNTS = {
    "signs": 8,
    "forms": 8,
    "causes": 6,
    "risk-factors": 6,
    "depression-links": 4,
    "myths": 6,
    "recovery": 5,
    "helping": 5,
    "treatments": 5,
    "references": 3,
}
ID_PREFIX = {
    "signs": "sign-",
    "forms": "form-",
    "causes": "cause-",
    "risk-factors": "risk-",
    "depression-links": "link-",
    "myths": "myth-",
    "recovery": "recovery-",
    "helping": "help-",
    "care": "care-",
    "treatments": "treatment-",
    "faq": "faq-",
    "references": "study-",
}
# Words the seed used that shame people. None may be shown, not even in a review note: a note
# says what was changed, without repeating the words.
SHAMING = re.compile(
    r"\b(obsessed|indulg\w*|immersed|preoccupied|committed suicide|horrible)\b", re.I
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def reader_text(item: Item) -> str:
    """Everything a reader sees of an item but its review note, as one line of words."""
    parts = [item.title, item.summary, item.body, *item.points, item.myth or "", item.fact or ""]
    return " ".join(" ".join(parts).split())


def test_every_section_of_the_seed_is_there_in_order(kb: KnowledgeBase) -> None:
    assert [s.id for s in kb.sections] == list(ID_PREFIX)
    for section_id, count in EXPECTED_COUNTS.items():
        assert kb.section(section_id).count == count, section_id
    assert kb.section("faq").count >= 6


def test_ids_are_unique_and_look_stable(kb: KnowledgeBase) -> None:
    ids = [item.id for item in kb.items]
    assert len(ids) == len(set(ids))
    for section in kb.sections:
        for item in section:
            assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", item.id), item.id
            assert item.id.startswith(ID_PREFIX[section.id]), item.id


def test_every_related_id_and_source_resolves(kb: KnowledgeBase) -> None:
    for item in kb.items:
        assert item.related, f"{item.id} relates to nothing"
        for related_id in item.related:
            assert kb.has_item(related_id), f"{item.id} -> {related_id}"
        for source_id in item.sources:
            assert source_id in kb.sources, f"{item.id} cites {source_id}"


def test_items_have_a_short_summary_and_a_body_of_paragraphs(kb: KnowledgeBase) -> None:
    for item in kb.items:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", item.summary.strip()) if s]
        assert 1 <= len(sentences) <= 2, f"{item.id}: {len(sentences)} sentences in summary"
        assert item.paragraphs, item.id


def related_sections(kb: KnowledgeBase, item: Item) -> set[str]:
    return {kb.item(r).section for r in item.related}


def test_each_sign_relates_to_causes_or_forms(kb: KnowledgeBase) -> None:
    for sign in kb.section("signs"):
        assert related_sections(kb, sign) & {"causes", "forms"}, sign.id


def test_each_treatment_relates_to_a_recovery_step(kb: KnowledgeBase) -> None:
    for treatment in kb.section("treatments"):
        assert "recovery" in related_sections(kb, treatment), treatment.id


@pytest.mark.parametrize("section_id", ["causes", "risk-factors", "helping", "treatments"])
def test_grouped_sections_list_their_points(kb: KnowledgeBase, section_id: str) -> None:
    section = kb.section(section_id)
    assert section.points_label
    for item in section:
        assert len(item.points) >= 4, item.id


def test_each_depression_link_names_its_phq9_items(kb: KnowledgeBase) -> None:
    links = {item.id: item for item in kb.section("depression-links")}
    for link in links.values():
        assert link.phq9_items and all(1 <= n <= 9 for n in link.phq9_items), link.id
        assert link.points, link.id
    assert 1 in links["link-anhedonia"].phq9_items  # anhedonia is PHQ-9 item 1
    assert {1, 4} <= set(links["link-apathy"].phq9_items)  # interest and energy
    assert 2 in links["link-irritability-anger"].phq9_items  # PHQ-A: irritable mood


def test_myths_state_the_myth_then_the_fact(kb: KnowledgeBase) -> None:
    for myth in kb.section("myths"):
        assert myth.myth and myth.fact, myth.id
        assert myth.title.startswith("Myth:"), myth.id


def test_myths_and_faq_agree_that_self_harm_is_a_sign_of_distress(kb: KnowledgeBase) -> None:
    myths = kb.section("myths")
    assert "not an indicator of mental illness" not in myths.intro
    assert "distress" in myths.intro and "not a diagnosis" in myths.intro
    assert myths.review_note
    assert "not a diagnosis" in kb.item("faq-sign-of-depression").body


def test_studies_carry_authors_date_title_journal_doi_and_design(kb: KnowledgeBase) -> None:
    for study in kb.section("references"):
        assert study.authors and study.date and len(study.title) > 20, study.id
        assert study.journal and study.doi and study.design, study.id
        assert re.fullmatch(r"10\.\d{4,9}/\S+", study.doi), study.id
        assert kb.sources[study.id].url == f"https://doi.org/{study.doi}"
        assert study.journal in kb.sources[study.id].citation
    # Yang 2017 looked at one point in time; it did not follow anyone.
    yang = kb.item("study-yang-2017")
    assert "cross-sectional" in (yang.design or "")
    assert not re.search(r"\bfollow(ed|s)?\b", yang.summary + yang.body, re.I)
    assert "followed young people" not in kb.section("references").intro


def test_the_legal_group_reassures_and_makes_no_claim_of_punishment(kb: KnowledgeBase) -> None:
    legal = kb.item("risk-practical-legal")
    assert legal.review_note
    text = reader_text(legal)
    punishment = re.compile(
        r"criminal charges?|imprison|prison|detention|probation|\bfines?\b|juvenile|penalt",
        re.I,
    )
    assert not punishment.search(text), punishment.search(text)
    assert "not a crime" in text and "mostly kept private" in text


# What professionals and helplines keep private, said with its limits wherever it is said.
UNQUALIFIED_PRIVACY = re.compile(
    r"(is|are|keep[s]? [a-z ]+?) confidential\b|will not get (you )?arrested|"
    r"not get you into trouble with the law|nobody is charged",
    re.I,
)


def test_confidentiality_is_described_with_its_limits(kb: KnowledgeBase) -> None:
    for item in kb.items:
        text = reader_text(item)
        assert not UNQUALIFIED_PRIVACY.search(text), (item.id, UNQUALIFIED_PRIVACY.search(text))
        if "kept private" in text:
            assert "under 18" in text and "first" in text, item.id
    for item_id in (
        "risk-practical-legal",
        "faq-is-it-illegal",
        "recovery-professional-help",
        "help-encourage-professional-help",
        "care-parents-and-carers",
    ):
        assert "serious risk" in reader_text(kb.item(item_id)), item_id


def test_the_risk_items_say_plainly_that_self_harm_raises_the_risk_of_suicide(
    kb: KnowledgeBase,
) -> None:
    body = kb.item("risk-physical-health")
    text = reader_text(body)
    assert "accidental" not in text
    assert "higher risk of suicide" in text and "deserves care" in text
    assert "die by suicide" in reader_text(kb.item("risk-suicidal-thoughts"))


def test_hair_pulling_and_skin_picking_are_not_called_self_harm_that_is_hard_to_stop(
    kb: KnowledgeBase,
) -> None:
    for item_id in ("form-hair-pulling", "form-scratching"):
        text = reader_text(kb.item(item_id))
        assert "body-focused repetitive behaviour" in text, item_id
        assert "habit-reversal therapy" in text, item_id
        assert "dsm-5" in kb.item(item_id).sources, item_id
    hair = reader_text(kb.item("form-hair-pulling"))
    assert "not a kind of self-harm" in hair
    assert not re.search(r"hard to stop it has a name", hair)


def test_treatments_say_what_nice_says_consider_not_recommend(kb: KnowledgeBase) -> None:
    for item in kb.section("treatments"):
        assert not re.search(r"guidance\s+recommends|treatments guidance recommends", item.body)
    assert "consider" in kb.item("treatment-cbt").body
    assert "considered" in kb.item("treatment-dbt").body
    assert "evidence" in kb.item("treatment-group-therapy").body


def test_review_notes_say_what_changed_without_quoting_the_seed(kb: KnowledgeBase) -> None:
    notes = [(item.id, item.review_note) for item in kb.items if item.review_note]
    notes += [(s.id, s.review_note) for s in kb.sections if s.review_note]
    assert len(notes) > 20
    for where, note in notes:
        assert note is not None
        assert '"' not in note and "“" not in note, f"{where} quotes the seed: {note}"
        assert not SHAMING.search(note), where
        assert find_unsafe(note) == [], where


def test_a_review_note_claims_only_what_the_text_does(kb: KnowledgeBase) -> None:
    # The note on low self-worth says PHQ-9 question 6 was added: the body must say so.
    low = kb.item("sign-low-self-esteem")
    assert "question 6" in (low.review_note or "") and "question 6" in low.body


def test_the_source_article_is_cited_neutrally(kb: KnowledgeBase) -> None:
    citation = kb.sources["seed"].citation
    assert not SHAMING.search(citation) and "Stop This" not in citation
    assert "rewritten in our own words" in citation


def test_the_topics_public_health_guidance_adds_are_there(kb: KnowledgeBase) -> None:
    care = kb.section("care")
    assert [i.id for i in care] == [
        "care-safer-home",
        "care-hospital",
        "care-wounds",
        "care-online",
        "care-higher-risk",
        "care-parents-and-carers",
    ]
    assert "sectioned" in kb.item("care-hospital").body
    assert "chatsafe" in kb.item("care-online").sources
    higher = reader_text(kb.item("care-higher-risk"))
    for group in ("self-harmed before", "LGBTQ+", "autistic", "in care"):
        assert group in higher, group
    for item in care:
        # Where the clinical reference gives no source, the note says so instead of inventing one.
        assert item.review_note, item.id


def test_the_seed_mistakes_we_know_of_carry_a_review_note(kb: KnowledgeBase) -> None:
    for item_id in [
        "sign-unexplained-injuries",
        "sign-unusual-spending",
        "form-cutting",
        "form-hitting",
        "form-excessive-exercise",
        "form-self-poisoning",
        "myth-weakness",
        "risk-practical-legal",
    ]:
        assert kb.item(item_id).review_note, item_id
    for section_id in ["causes", "risk-factors"]:  # "five" in the seed, six in fact
        assert kb.section(section_id).review_note, section_id
    # The seed called self-harm "an expression of courage"; the courage is in reaching out.
    fact = kb.item("myth-weakness").fact or ""
    assert not re.search(r"self-harm is [^.]*(courage|brave)", fact, re.I)
    assert "reaching out" in fact.lower()


def test_every_item_cites_the_seed_or_says_why_not(kb: KnowledgeBase) -> None:
    for item in kb.items:
        assert "seed" in item.sources or item.review_note, item.id


def test_no_item_uses_shaming_words(kb: KnowledgeBase) -> None:
    for item in kb.items:
        assert not SHAMING.search(reader_text(item)), item.id


def test_no_item_carries_method_detail_or_unsafe_language(kb: KnowledgeBase) -> None:
    for item in kb.items:
        text = reader_text(item) + " " + (item.review_note or "")
        assert find_unsafe(text) == [], item.id


def test_the_knowledge_base_points_to_help_now_in_channel_neutral_words(
    kb: KnowledgeBase,
) -> None:
    # Content says "Help now"; the command line shows the command, the web a link.
    assert HELP_NOW in kb.help_now and "emergency number" in kb.help_now
    for item_id in ("risk-suicidal-thoughts", "faq-help-right-now", "form-self-poisoning"):
        assert HELP_NOW in kb.item(item_id).body, item_id
    for item in kb.items:
        assert "waylight" not in reader_text(item).lower() or item.section == "references"


def test_content_that_names_a_command_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_load = kb_module.load_data

    def load_with_a_command(relpath: str, *, schema: str | None = None) -> Any:
        data = real_load(relpath, schema=schema)
        if relpath == "kb/faq.yaml":
            items = [dict(i) for i in data["items"]]
            items[0]["body"] = items[0]["body"] + "\n\nRun waylight help-now to see lines."
            data = {**data, "items": items}
        return data

    monkeypatch.setattr(kb_module, "load_data", load_with_a_command)
    load_knowledge_base.cache_clear()
    try:
        with pytest.raises(ContentError, match="names a command") as caught:
            load_knowledge_base()
    finally:
        load_knowledge_base.cache_clear()
    assert caught.value.file == "kb/faq.yaml" and caught.value.field == "items/0/body"


def test_unknown_section_or_item_names_the_valid_ones(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="signs, forms"):
        kb.section("nope")
    with pytest.raises(InputError, match="form-cutting"):
        kb.item("nope", section="forms")
    with pytest.raises(InputError):
        kb.item("form-cutting", section="signs")


# --- loader checks --------------------------------------------------------------------------


def test_a_broken_related_id_names_the_file_and_field(monkeypatch: pytest.MonkeyPatch) -> None:
    real_load = kb_module.load_data

    def load_with_a_typo(relpath: str, *, schema: str | None = None) -> Any:
        data = real_load(relpath, schema=schema)
        if relpath == "kb/forms.yaml":
            data = {**data, "items": [dict(i) for i in data["items"]]}
            data["items"][1]["related"] = ["cause-no-such-thing"]
        return data

    monkeypatch.setattr(kb_module, "load_data", load_with_a_typo)
    load_knowledge_base.cache_clear()
    try:
        with pytest.raises(ContentError) as caught:
            load_knowledge_base()
    finally:
        load_knowledge_base.cache_clear()
    assert caught.value.file == "kb/forms.yaml"
    assert caught.value.field == "items/1/related/0"
    assert "cause-no-such-thing" in str(caught.value)


def test_a_duplicate_id_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_load = kb_module.load_data

    def load_with_a_duplicate(relpath: str, *, schema: str | None = None) -> Any:
        data = real_load(relpath, schema=schema)
        if relpath == "kb/myths.yaml":
            items = [dict(i) for i in data["items"]]
            items[2]["id"] = "sign-withdrawing"
            data = {**data, "items": items}
        return data

    monkeypatch.setattr(kb_module, "load_data", load_with_a_duplicate)
    load_knowledge_base.cache_clear()
    try:
        with pytest.raises(ContentError, match="sign-withdrawing") as caught:
            load_knowledge_base()
    finally:
        load_knowledge_base.cache_clear()
    assert caught.value.file == "kb/myths.yaml"


# --- our own words ------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'"))


def eight_grams(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 8]) for i in range(len(w) - 7)}


@pytest.fixture(scope="module")
def seed_grams() -> set[tuple[str, ...]]:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed article is not beside the repository ({SEED_DIR})")
    return set().union(*(eight_grams(f.read_text(encoding="utf-8")) for f in files))


def test_the_copy_check_catches_a_copied_sentence(seed_grams: set[tuple[str, ...]]) -> None:
    seed_text = (sorted(SEED_DIR.glob("*.txt"))[0]).read_text(encoding="utf-8")
    copied = " ".join(words(seed_text)[200:212])
    assert eight_grams(copied) & seed_grams


def test_no_item_shares_eight_words_in_a_row_with_the_seed(
    kb: KnowledgeBase, seed_grams: set[tuple[str, ...]]
) -> None:
    copied: list[str] = []
    for item in kb.items:
        # A cited study's title is a citation and must stay exact; everything else is ours.
        fields = [item.summary, item.body, *item.points, item.myth or "", item.fact or ""]
        if item.section != "references":
            fields.append(item.title)
        for text in fields:
            for gram in eight_grams(text) & seed_grams:
                copied.append(f"{item.id}: {' '.join(gram)}")
    for section in kb.sections:
        for gram in eight_grams(section.intro) & seed_grams:
            copied.append(f"{section.id} intro: {' '.join(gram)}")
    assert not copied, "copied from the seed:\n" + "\n".join(copied)


def test_the_schema_requires_section_specific_fields() -> None:
    from waylight.core.content import load_data, validate

    myths = load_data("kb/myths.yaml", schema="kb_section")
    first = {k: v for k, v in myths["items"][0].items() if k != "fact"}
    broken = {**myths, "items": [first, *myths["items"][1:]]}
    with pytest.raises(ContentError) as caught:
        validate(broken, schema="kb_section", file="kb/myths.yaml")
    assert caught.value.file == "kb/myths.yaml"
    assert caught.value.field.startswith("items/0")
    assert "fact" in str(caught.value)
