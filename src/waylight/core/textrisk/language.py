"""Which language a text is in, so the English-only detector says when it cannot read one.

    >>> read_language("Estoy muy cansada y ya no quiero seguir así").supported
    False
    >>> read_language("so tired of everything, ya no puedo más").code
    'en'

A light check in two steps, both leaning towards English: the detector can read the English
words of a text written mostly in English, so slang, short texts and English with a few words
of another language are read as English. Only a text that is clearly in another language is
refused, and then the result says so instead of a silent "none".

1. Word lists (`content/text/languages.yaml`): common function words of a few languages, a few
   general words of distress, letters English does not use, and the share of letters outside
   the Latin script. Free, and enough for most texts.
2. For a text with almost no English function words that the lists leave open (a short text,
   or a language without a list, such as Polish), py3langid's character model gives the
   chance that it is English (a small BSD-licensed library on numpy, loaded on first use).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from waylight.core.content import load_data

LANGUAGES_FILE = "text/languages.yaml"
UNKNOWN = "und"  # BCP 47's "undetermined": not English, and not one of the languages listed

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Links and @names say nothing about the language, and combining accents left after NFC (stacked
# "zalgo" text, an English style) would split the words under them.
_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+")
_MARKS = re.compile(r"[\u0300-\u036f\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_ENGLISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz'")


@dataclass(frozen=True)
class LanguageRead:
    """The language a text seems to be in, and whether the detector can read it."""

    code: str  # "en", "es", "pl", ... or "und"
    name: str  # "Spanish", or `OTHER` for a language without a list
    supported: bool


ENGLISH = LanguageRead("en", "English", True)
OTHER = "a language other than English"


@dataclass(frozen=True)
class _Model:
    """When and how far the character model is trusted (`model` in the content file)."""

    all_languages_from: int
    max_english_all: float
    max_english_listed: float
    name_from: float


@dataclass(frozen=True)
class _Settings:
    supported: frozenset[str]
    read_chars: int
    min_words: int
    english_floor: float
    short_share: float
    short_min_hits: int
    min_hits: int
    ratio: float
    share: float
    script_share: float
    script_min_letters: int
    model: _Model
    words: dict[str, frozenset[str]]
    names: dict[str, str]
    index: dict[str, tuple[str, ...]]  # word -> the languages whose list has it
    english: frozenset[str]  # the words of the supported languages' lists


@cache
def _settings() -> _Settings:
    data = load_data(LANGUAGES_FILE, schema="text_languages")
    languages = data["languages"]
    model = data["model"]
    return _Settings(
        supported=frozenset(data["supported"]),
        read_chars=data["read_chars"],
        min_words=data["min_words"],
        english_floor=float(data["english_floor"]),
        short_share=float(data["short_share"]),
        short_min_hits=data["short_min_hits"],
        min_hits=data["min_hits"],
        ratio=float(data["ratio"]),
        share=float(data["share"]),
        script_share=float(data["script_share"]),
        script_min_letters=data["script_min_letters"],
        model=_Model(
            all_languages_from=model["all_languages_from"],
            max_english_all=float(model["max_english_all"]),
            max_english_listed=float(model["max_english_listed"]),
            name_from=float(model["name_from"]),
        ),
        words={code: frozenset(lang["words"]) for code, lang in languages.items()},
        names={code: lang["name"] for code, lang in languages.items()},
        index=_index(languages),
        english=frozenset(
            word for code in data["supported"] for word in languages.get(code, {}).get("words", ())
        ),
    )


def _index(languages: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for code, lang in languages.items():
        for word in set(lang["words"]):
            found.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in found.items()}


def read_language(text: str) -> LanguageRead:
    """The language of `text`: English unless another language is clear."""
    settings = _settings()
    text = text[-settings.read_chars :]  # the newest part says enough, and costs the same
    if not text.isascii():  # most English texts are: no script to count, no accents to drop
        text = _MARKS.sub("", unicodedata.normalize("NFC", text))
        if _other_script(text, settings):
            return LanguageRead(UNKNOWN, OTHER, False)
    if "http" in text or "www." in text or "@" in text:
        text = _NOISE.sub(" ", text)
    lowered = text.lower().replace("’", "'")
    # In plain ASCII the letters of `_WORD` are a-z (after lower-casing), and the simpler
    # pattern finds the same words faster.
    words = (_ASCII_WORD if lowered.isascii() else _WORD).findall(lowered)
    if not words:
        return ENGLISH  # emoji, numbers: the detector reads those
    english = sum(map(settings.english.__contains__, words))  # how many are English words
    if english and english >= settings.english_floor * len(words):
        return ENGLISH  # enough English to read: most texts stop here
    hits = dict.fromkeys(settings.words, 0)
    for word in words:
        for code in settings.index.get(word, ()):
            hits[code] += 1
    others = sorted(
        ((n, code) for code, n in hits.items() if code not in settings.supported), reverse=True
    )
    best, code = others[0] if others else (0, UNKNOWN)
    runner_up = others[1][0] if len(others) > 1 else 0
    if len(words) < settings.min_words:
        listed = settings.words.get(code, frozenset())
        clear = _clear_short(text, words, english, best, runner_up, listed, settings)
    else:
        clear = (
            best >= settings.min_hits
            and best >= settings.ratio * english + 1
            and best >= settings.share * len(words)
            # Enough English to read (a reply in English and then in Spanish): read it.
            and english < settings.english_floor * len(words)
        )
    if clear:
        if best and runner_up * 1.5 <= best:
            return LanguageRead(code, settings.names[code], False)
        # Close neighbours (Spanish and Portuguese) share many words, and a short text may be
        # known only by its accents: the character model names the language, if it can.
        return _named_by_model(text, settings)
    return _read_by_model(text, len(words), english, settings)


def _other_script(text: str, settings: _Settings) -> bool:
    """Letters outside the Latin script (Cyrillic, Arabic, CJK...) make up much of the text."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < settings.script_min_letters:
        return False
    other = sum(1 for ch in letters if not ch.isascii() and not _latin(ch))
    return other >= settings.script_share * len(letters)


@cache
def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def _marked(word: str) -> bool:
    """A word with a letter English does not use: "energía", "niño", "ça", "müde"."""
    return not _ENGLISH_LETTERS.issuperset(word)


def _opening_marks(text: str) -> int:
    """Spanish opens questions and exclamations with "¿" and "¡"; English never does."""
    return 1 if "¿" in text or "¡" in text else 0


def _clear_short(
    text: str,
    words: list[str],
    english: int,
    best: int,
    runner_up: int,
    listed: frozenset[str],
    settings: _Settings,
) -> bool:
    """Whether the word lists show that a short text is clearly not English.

    A short text has few function words, so it must be made mostly of another language's words
    and none of English's: "see ya" stays English, "ya no quiero vivir" does not. Words marked
    as not English (an accent, a "¿") count too when the list does not have them.
    """
    if english or (best and runner_up == best):
        return False  # English words, or words of several languages: that tells nothing
    found = best + sum(1 for w in words if w not in listed and _marked(w)) + _opening_marks(text)
    return found >= settings.short_min_hits and found >= settings.short_share * len(words)


def _read_by_model(text: str, n_words: int, english: int, settings: _Settings) -> LanguageRead:
    """The character model's reading of a text with almost no English function words.

    A text of `all_languages_from` words or more is weighed against every language the model
    knows; a shorter one (without any English function word) only against the languages with a
    list, because slang such as "lol same" looks like many small languages at once.
    """
    m = settings.model
    if n_words < 2 or english >= settings.english_floor * n_words:
        return ENGLISH
    if n_words >= m.all_languages_from:
        ranked, limit = _identifier(None).rank(text), m.max_english_all
    elif english == 0:
        ranked, limit = _identifier(tuple(sorted(settings.words))).rank(text), m.max_english_listed
    else:
        return ENGLISH
    chances = {str(lang): float(p) for lang, p in ranked}
    if chances.get("en", 0.0) >= limit:
        return ENGLISH
    top, chance = max(chances.items(), key=lambda item: item[1])
    if chance >= m.name_from and top in settings.names:
        return LanguageRead(top, settings.names[top], False)
    return LanguageRead(top if chance >= m.name_from else UNKNOWN, OTHER, False)


def _named_by_model(text: str, settings: _Settings) -> LanguageRead:
    """A text known not to be English, named by the model among the listed languages."""
    listed = tuple(sorted(settings.words))
    others = [(float(p), str(lang)) for lang, p in _identifier(listed).rank(text) if lang != "en"]
    chance, top = max(others)
    if chance >= settings.model.name_from:
        return LanguageRead(top, settings.names[top], False)
    return LanguageRead(UNKNOWN, OTHER, False)


_model_lock = threading.Lock()


@cache
def _identifier(languages: tuple[str, ...] | None) -> Any:
    """py3langid's model, with probabilities; `languages` narrows it (None: all it knows)."""
    with _model_lock:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if languages is not None:
            identifier.set_languages(list(languages))
        return identifier
