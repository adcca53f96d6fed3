"""Knowledge-base search finds the right items from the words people actually type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from waylight.core.errors import InputError
from waylight.core.kb import load_knowledge_base
from waylight.core.search import search, stem

QUERIES_FILE = Path(__file__).parent / "data" / "search_queries.yaml"
TOP = 3
REQUIRED_SHARE = 0.90


def load_queries() -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))[
        "queries"
    ]
    return queries


def ids(query: str, limit: int = 5) -> list[str]:
    return [hit.item.id for hit in search(query, limit=limit)]


def test_the_query_set_is_big_enough_and_names_real_items() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    kb = load_knowledge_base()
    for entry in queries:
        assert entry["expect"], entry["query"]
        for item_id in entry["expect"]:
            assert kb.has_item(item_id), f"{entry['query']!r} expects unknown {item_id}"


def test_at_least_90_percent_of_everyday_queries_find_an_expected_item_in_the_top_3() -> None:
    queries = load_queries()
    failures = []
    for entry in queries:
        found = ids(entry["query"], limit=TOP)
        if not set(found) & set(entry["expect"]):
            failures.append(f"{entry['query']!r}: got {found}, wanted one of {entry['expect']}")
    share = 1 - len(failures) / len(queries)
    print(f"\nsearch: {share:.0%} of {len(queries)} queries hit in the top {TOP}")
    for failure in failures:
        print("  miss:", failure)
    assert share >= REQUIRED_SHARE, "\n".join(failures)


def test_the_spec_example_finds_the_form_the_cause_and_a_treatment() -> None:
    found = ids("I pull my hair when I'm stressed")
    assert found[0] == "form-hair-pulling"
    assert "cause-difficult-emotions" in found
    assert any(item_id.startswith("treatment-") for item_id in found), found


@pytest.mark.parametrize(
    "query", ["I want to die", "thinking about suicide", "kms", "i don't want to be here anymore"]
)
def test_crisis_words_still_find_the_items_about_getting_help(query: str) -> None:
    found = ids(query, limit=TOP)
    assert {"risk-suicidal-thoughts", "faq-help-right-now"} & set(found), found


def test_hits_explain_themselves_and_serialise_for_json() -> None:
    hits = search("hoodie in summer", limit=2)
    assert hits[0].item.id == "sign-covering-up"
    assert hits[0].score >= hits[1].score > 0
    assert "hoodi" in hits[0].matched
    assert hits[0].to_dict() == {
        "id": "sign-covering-up",
        "section": "signs",
        "title": hits[0].item.title,
        "summary": hits[0].item.summary,
        "score": round(hits[0].score, 3),
    }


def test_limit_caps_the_results() -> None:
    assert len(search("self harm", limit=2)) == 2
    assert len(search("self harm")) == 5


def test_words_we_do_not_know_find_nothing_rather_than_noise() -> None:
    assert search("xylophone zeppelin") == []
    assert search("the and of") == []


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_refused_with_a_clear_message(query: str) -> None:
    with pytest.raises(InputError, match="Type a few words"):
        search(query)


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(InputError, match="at least 1"):
        search("hair", limit=0)


@pytest.mark.parametrize(
    ("words", "stem_"),
    [
        (["pull", "pulling", "pulled", "pulls"], "pull"),
        (["hoodie", "hoodies"], "hoodi"),
        (["stress", "stressed", "stresses"], "stress"),
        (["cut", "cutting", "cuts"], "cut"),
        (["shower", "showering", "showers"], "shower"),
        (["lonely", "loneliness"], "loneli"),
    ],
)
def test_the_stemmer_folds_word_forms_together(words: list[str], stem_: str) -> None:
    assert {stem(w) for w in words} == {stem_}
