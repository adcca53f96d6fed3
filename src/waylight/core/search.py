"""Search the knowledge base in everyday words.

Example:
    >>> [hit.item.id for hit in search("I pull my hair when I'm stressed", limit=3)]
    ['form-hair-pulling', 'cause-difficult-emotions', 'treatment-cbt']

Ranking is BM25 (the classic search-engine formula) over each item's title, summary, body,
points and the `keywords` people actually type, with a light stemmer so that "pulling" finds
"pull". A small synonym list (`content/kb/synonyms.yaml`) lets "hoodie" find "long sleeves".
Everything is pure Python and the index is built once per process, with each term's BM25
weight per item computed up front: there is no model to download, and a query is a few
dictionary look-ups (docs/benchmarks.md has the figures).

Each language has its own index, over the knowledge base in that language
(`search(query, lang="es")`), its own stop words and synonyms
(`content/i18n/<lang>/kb/synonyms.yaml`) and its own light stemmer; outside English, accents are
ignored, so "depresion" finds "depresión".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data
from waylight.core.errors import InputError
from waylight.core.i18n import SOURCE_LANGUAGE, load_translation, normalise_language
from waylight.core.kb import Item, load_knowledge_base

SYNONYMS_FILE = "kb/synonyms.yaml"

# How much a word counts in each field. Titles and the everyday keywords say what an item is
# about; bodies mention many things in passing.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "summary": 2.0,
    "myth": 1.5,
    "fact": 1.0,
    "points": 1.0,
    "body": 1.0,
}
SYNONYM_WEIGHT = 0.5  # a synonym counts, but less than the word the person typed
PHRASE_BONUS = 2.0  # per word of an item keyword phrase found whole in the query
# The best matches lend a share of their score to the items they relate to, so that "I pull my
# hair when I'm stressed" also brings up the treatments that help with it.
RELATED_SHARE = 0.2
RELATED_FROM_TOP = 3
K1 = 1.2
B = 0.75
MAX_QUERY_CHARS = 500

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class SearchHit:
    """One result: the item, how well it matched, and the query words that matched it."""

    item: Item
    score: float
    matched: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The hit as `waylight learn --search ... --json` prints it."""
        return {
            "id": self.item.id,
            "section": self.item.section,
            "title": self.item.title,
            "summary": self.item.summary,
            "score": round(self.score, 3),
        }


def search(query: str, *, limit: int = 5, lang: str | None = None) -> list[SearchHit]:
    """The items that best match `query`, best first; an empty list when nothing matches.

    `lang` chooses the knowledge base searched (default English)."""
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}.")
    text = query.strip()[:MAX_QUERY_CHARS]
    if not text:
        raise InputError("Type a few words to search for, for example: pulling my hair out.")
    index = _index(normalise_language(lang))
    weights = _query_terms(text, index)
    if not weights:
        return []
    scores: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    for term, weight in weights.items():
        for item_id, contribution in index.postings[term]:
            scores[item_id] = scores.get(item_id, 0.0) + weight * contribution
            matched.setdefault(item_id, []).append(term)
    phrase_text = " " + " ".join(_words(text, index.lang)) + " "
    for phrase, item_id in index.phrases:
        if f" {phrase} " in phrase_text:
            scores[item_id] = scores.get(item_id, 0.0) + PHRASE_BONUS * (phrase.count(" ") + 1)
    _share_with_related(scores, index)
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [
        SearchHit(item=index.items[item_id], score=score, matched=tuple(matched.get(item_id, ())))
        for item_id, score in ranked
    ]


def _share_with_related(scores: dict[str, float], index: _Index) -> None:
    top = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:RELATED_FROM_TOP]
    for item_id, score in top:
        for related_id in index.items[item_id].related:
            scores[related_id] = scores.get(related_id, 0.0) + RELATED_SHARE * score


def stem(word: str) -> str:
    """A light, predictable stemmer: 'pulling', 'pulled' and 'pulls' all become 'pull'."""
    word = word.replace("'", "")
    if len(word) <= 3:
        return word
    for suffix, replacement in (
        ("ingly", ""),
        ("edly", ""),
        ("ings", ""),
        ("ing", ""),
        ("ness", ""),
        ("ies", "i"),
        ("ied", "i"),
        ("ed", ""),
        ("es", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("ie"):
        word = word[:-1]
    elif word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    elif word.endswith("e") and len(word) > 3:
        word = word[:-1]
    # 'cutting' -> 'cutt' -> 'cut', but keep 'pull', 'stress', 'buzz'.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1].isalpha():
        word = word[:-1]
    return word


# Longest first. Verb endings with an attached pronoun come before the bare infinitive, so that
# "cortarme", "cortarse", "cortando" and "cortes" all become "cort".
_ES_SUFFIXES = (
    "amientos", "imientos", "aciones", "iciones", "amiento", "imiento", "adoras", "adores",
    "ancias", "encias", "idades", "mente", "acion", "icion", "ancia", "encia", "idad", "ismos",
    "istas", "ables", "ibles", "iendo", "ieron", "arme", "arte", "arse", "erme", "erte", "erse",
    "irme", "irte", "irse", "ismo", "ista", "able", "ible", "ando", "aron", "aban", "ados",
    "adas", "idos", "idas", "amos", "emos", "imos", "ado", "ada", "ido", "ida", "aba", "ar",
    "er", "ir", "as", "es", "os", "a", "o", "e", "s",
)  # fmt: skip


def stem_es(word: str) -> str:
    """A light Spanish stemmer over accent-free words: 'cortarme', 'cortes' and 'cortando'
    all become 'cort'. Predictable rather than perfect; synonyms cover the rest."""
    word = word.replace("'", "")
    if len(word) <= 3:
        return word
    for suffix in _ES_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_STEMMERS: dict[str, Callable[[str], str]] = {"en": stem, "es": stem_es}


def fold_accents(text: str) -> str:
    """'Depresión' -> 'Depresion': people type with and without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class _Index:
    lang: str
    items: dict[str, Item]
    # term -> [(item id, that term's BM25 weight in the item)], computed once
    postings: dict[str, list[tuple[str, float]]]
    phrases: tuple[tuple[str, str], ...]  # (keyword phrase, item id)
    stopwords: frozenset[str]
    synonyms: dict[str, frozenset[str]]


def _words(text: str, lang: str = SOURCE_LANGUAGE) -> list[str]:
    if lang != SOURCE_LANGUAGE:
        text = fold_accents(text)
    return _WORD.findall(text.lower().replace("’", "'").replace("-", " "))


def _terms(text: str, stopwords: frozenset[str], lang: str = SOURCE_LANGUAGE) -> list[str]:
    stemmer = _STEMMERS.get(lang, stem)
    return [stemmer(w) for w in _words(text, lang) if w not in stopwords]


def _item_fields(item: Item) -> dict[str, str]:
    return {
        "title": item.title,
        "keywords": " ".join(item.keywords),
        "summary": item.summary,
        "myth": item.myth or "",
        "fact": item.fact or "",
        "points": " ".join(item.points),
        "body": item.body,
    }


def _synonyms_data(lang: str) -> Any:
    if lang != SOURCE_LANGUAGE:
        translated = load_translation(SYNONYMS_FILE, lang, schema="kb_synonyms_i18n")
        if translated is not None:
            return translated
    return load_data(SYNONYMS_FILE, schema="kb_synonyms")


@cache
def _index(lang: str = SOURCE_LANGUAGE) -> _Index:
    data = _synonyms_data(lang)
    stopwords = frozenset(w for word in data["stopwords"] for w in _words(word, lang))
    items = {item.id: item for item in load_knowledge_base(lang).items}
    term_freqs: dict[str, dict[str, float]] = {}
    for item in items.values():
        tf: dict[str, float] = {}
        for name, text in _item_fields(item).items():
            for term in _terms(text, stopwords, lang):
                tf[term] = tf.get(term, 0.0) + FIELD_WEIGHTS[name]
        term_freqs[item.id] = tf
    df: Counter[str] = Counter()
    for tf in term_freqs.values():
        df.update(tf.keys())
    n = len(items)
    avg_length = sum(sum(tf.values()) for tf in term_freqs.values()) / max(n, 1)
    postings: dict[str, list[tuple[str, float]]] = {}
    for item_id, tf in term_freqs.items():
        length_norm = K1 * (1 - B + B * sum(tf.values()) / avg_length)
        for term, freq in tf.items():
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            postings.setdefault(term, []).append(
                (item_id, idf * freq * (K1 + 1) / (freq + length_norm))
            )
    # Multi-word keywords ("pull my hair") also score as whole phrases.
    phrases = tuple(
        (" ".join(words), item.id)
        for item in items.values()
        for words in (_words(keyword, lang) for keyword in item.keywords)
        if len(words) > 1
    )
    synonyms = _synonym_map(data["groups"], stopwords, lang)
    return _Index(lang, items, postings, phrases, stopwords, synonyms)


def _synonym_map(
    groups: Iterable[list[str]], stopwords: frozenset[str], lang: str = SOURCE_LANGUAGE
) -> dict[str, frozenset[str]]:
    """Each stemmed word -> the stemmed words of every group it belongs to."""
    mapping: dict[str, set[str]] = {}
    for group in groups:
        terms = {term for phrase in group for term in _terms(phrase, stopwords, lang)}
        for term in terms:
            mapping.setdefault(term, set()).update(terms)
    return {term: frozenset(others - {term}) for term, others in mapping.items()}


def _query_terms(text: str, index: _Index) -> dict[str, float]:
    """Query term -> weight: typed words at 1, their synonyms lower; unknown words dropped."""
    typed = _terms(text, index.stopwords, index.lang)
    weights = {term: 1.0 for term in typed if term in index.postings}
    for term in typed:
        for synonym in index.synonyms.get(term, ()):
            if synonym in index.postings and synonym not in weights:
                weights[synonym] = SYNONYM_WEIGHT
    return weights
