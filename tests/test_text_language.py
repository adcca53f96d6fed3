"""The text detector says when a text is in a language it cannot read, never a silent "none".

The language check leans towards English: short texts, slang, emoji and English with a few
words of another language are still read, because the detector can read their English words.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from waylight.cli import cli
from waylight.core.scan import LANGUAGE_PREFIX, ScanInput, scan_rows, tier_counts
from waylight.core.search_lead import lead_for
from waylight.core.textrisk import analyse, analyse_many
from waylight.core.textrisk.language import read_language

# Texts written for these tests (general words only, no detail of any method).
OTHER_LANGUAGE = [
    ("Estoy muy cansada y ya no quiero seguir así, nadie me entiende", "es"),
    ("No puedo más con todo esto, siempre estoy sola en mi casa", "es"),
    ("Me quiero morir", "es"),
    ("ya no quiero vivir", "es"),
    ("Je ne veux plus vivre, je suis fatiguée de tout et personne ne me comprend", "fr"),
    ("Eu não aguento mais, estou muito cansada e ninguém me entende", "pt"),
    ("Ich kann nicht mehr, ich bin so müde und niemand versteht mich", "de"),
    ("Non ce la faccio più, sono stanca di tutto e nessuno mi capisce", "it"),
    ("Ik kan het niet meer aan, ik ben zo moe en niemand begrijpt me", "nl"),
    ("我不想活了，太累了，没有人理解我", "und"),
    ("Я больше не могу, я так устала от всего", "und"),
    ("لا أستطيع الاستمرار، أنا متعبة جدا", "und"),
    # Languages without a word list: the character model reads them.
    ("Nie mogę już dłużej, jestem bardzo zmęczona i nikt mnie nie rozumie", "pl"),
    ("Artık dayanamıyorum, çok yorgunum ve kimse beni anlamıyor", "tr"),
    ("Saya sangat lelah dan tidak ingin hidup lagi, tidak ada yang peduli", "id"),
    # Short texts with no function word of any list, read by the model.
    ("quisiera desaparecer", "es"),
    ("no aguanto más", "es"),
]

STILL_ENGLISH = [
    "so tired of everything, ya no puedo más",
    "Estoy cansada de todo, I just want to die",
    "my abuela says mija you need to eat but i just feel empty all the time",
    "kms lol",
    "idk tbh im so done w everything",
    "😭😭😭",
    "hola",
    "ok",
    "2am again",
    "Jose and Maria came over and we watched a film, it was nice",
    "I'd kill for a pizza",
    "I want to die",
    "lol same",
    "see ya",
    "help",
    "Questions about therapy?",
    # Links, @names and stacked accents say nothing about the language.
    "@someone https://example.com/a/very/long/path?q=abc",
    "i feel so e̷̢m̸̨p̵t̶y̷ today and nobody notices",
    "n̷̢o̸̧b̵o̶d̷y̷ c̸a̵r̶e̷s̷ a̸b̵o̶u̷t̷ m̸e̵",
    # Mostly English with a long part in Spanish: enough English for the detector to read.
    "I hear how hard this week has been for you, and it makes sense that you feel tired. "
    "It is okay to ask for help, and you do not have to do this alone. "
    "Te escucho y entiendo que esta semana ha sido muy difícil para ti.",
]


@pytest.mark.parametrize(("text", "code"), OTHER_LANGUAGE)
def test_text_in_another_language_is_not_read_as_english(text: str, code: str) -> None:
    read = read_language(text)
    assert read.supported is False
    assert read.code == code


@pytest.mark.parametrize("text", STILL_ENGLISH)
def test_short_slang_emoji_and_code_switched_english_is_still_read(text: str) -> None:
    assert read_language(text).supported is True


def test_spanish_text_gets_an_explicit_result_with_help_now() -> None:
    result = analyse("Estoy muy cansada y ya no quiero seguir así, nadie me entiende", country="MX")
    assert result.read is False
    assert result.help_now is True
    assert result.signals == ()
    data = result.to_dict()
    assert data["status"] == "language_not_supported"
    assert data["language"] == {"code": "es", "name": "Spanish", "supported": False}
    # Nothing reads as a level: no "none" anywhere a caller could take for a result.
    for field in ("suicide_risk", "self_harm", "depression", "concern"):
        assert data[field] is None
    assert "Spanish" in data["explanation"] and "English only" in data["explanation"]
    assert data["resources"] and data["resources"][0]["kind"] == "emergency"
    assert data["resources"][0]["dial"] == "911"
    assert json.loads(result.to_json())["status"] == "language_not_supported"


def test_english_results_keep_their_shape_and_say_nothing_about_language() -> None:
    data = analyse("I have been cutting again and I feel hopeless").to_dict()
    assert "status" not in data and "language" not in data
    assert data["concern"] in ("watch", "concern", "urgent")


def test_code_switched_text_with_english_risk_words_is_read_and_raised() -> None:
    text = "No sé qué hacer, estoy muy sola y nadie me entiende, I just want to die"
    result = analyse(text)
    assert result.read is True
    assert result.concern == "urgent" and result.help_now is True


def test_the_language_check_never_hides_what_the_detector_found() -> None:
    # Mostly Spanish, with English words the detector reads: the signal stays, with a note.
    text = (
        "Hoy fue un día muy largo en el colegio, mis amigas no me hablan y en casa todos "
        "están enfadados conmigo, no sé qué hacer con todo esto. I want to die"
    )
    result = analyse(text)
    assert result.language.code == "es" and result.read is True
    assert result.concern == "urgent" and result.help_now is True
    assert "only the words it knows were read" in result.explanation
    data = result.to_dict()
    assert data["language"] == {"code": "es", "name": "Spanish", "supported": False}
    assert data["concern"] == "urgent" and "status" not in data


@pytest.mark.parametrize(
    "text",
    [
        "Me quiero morir",
        "ich will einfach nicht mehr leben, alles ist mir zu viel",
        "voglio morire",
        "quero morrer",
    ],
)
def test_a_wish_to_die_in_a_language_often_mixed_into_english_is_read_not_just_flagged(
    text: str,
) -> None:
    # The detector knows a few common first-person phrases of other languages (for
    # code-switched posts). Found in a text wholly in that language, the reading stands, with a
    # note that the rest was not read: "not supported" alone would hide how urgent it is.
    for result in (analyse(text), *analyse_many([text])):
        assert result.read is True and result.language.supported is False
        assert result.concern == "urgent" and result.help_now is True
        assert "only the words it knows were read" in result.explanation
        assert "status" not in result.to_dict()


def test_what_only_the_learned_reader_finds_in_another_language_is_called_a_guess() -> None:
    # No English word and no rule: the reader's character n-grams (it trained on code-switched
    # texts) read passive thoughts of dying. At help-now level the result stands, help is shown,
    # and the note says it is a guess, not that English words were read.
    result = analyse("ya no aguanto más, quiero desaparecer")
    assert result.language.code == "es" and result.read is True
    assert result.concern in ("concern", "urgent") and result.help_now is True
    assert "trained reader's guess" in result.explanation
    assert "English words were read" not in result.explanation


def test_a_batch_keeps_order_and_reads_the_english_texts() -> None:
    texts = [
        "I want to die",
        "Je ne veux plus vivre, je suis fatiguée de tout",
        "had a lovely day at the beach",
        "Ya no puedo más, estoy muy cansada de todo",
    ]
    results = analyse_many(texts)
    assert [r.read for r in results] == [True, False, True, False]
    assert results[0].concern == "urgent"
    assert results[2].concern == "none" and results[2].help_now is False
    assert results[1].language.code == "fr" and results[3].language.code == "es"


def test_scan_rows_say_language_not_supported_instead_of_a_tier() -> None:
    rows = scan_rows(
        [
            ScanInput("a", "Hoy estoy muy cansada y nadie en casa me escucha"),
            ScanInput("b", "I want to die"),
        ]
    )
    spanish, english = rows
    assert spanish.id == "a" and spanish.has_result is False
    assert spanish.concern is None and spanish.suicide_level is None
    assert spanish.error is not None and spanish.error.startswith(LANGUAGE_PREFIX)
    assert "Spanish" in spanish.error
    assert english.concern == "urgent"
    assert tier_counts(rows)["none"] == 0


def test_search_in_spanish_is_not_sent_to_help_first_for_being_spanish() -> None:
    assert lead_for("qué es la autolesión", lang="es").help_first is False
    assert lead_for("me quiero morir", lang="es").help_first is True


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check-text", *args], input=stdin)
    return result.exit_code, result.stdout


def flat(out: str) -> str:
    """Panel text as one line: borders and wrapping gone."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", out).split())


def test_check_text_says_so_in_the_person_language_and_shows_help() -> None:
    code, out = run("Me siento muy sola y nadie me entiende", "--lang", "es", "-c", "ES")
    out = flat(out)
    assert code == 0
    assert "idioma no admitido" in out and "solo lee inglés" in out
    assert "Ayuda ahora" in out and "024" in out
    assert "NONE" not in out


def test_check_text_in_english_names_the_language() -> None:
    code, out = run("Je ne veux plus vivre, je suis fatiguée de tout", "-c", "FR")
    out = flat(out)
    assert code == 0
    assert "language not supported" in out and "does not seem to be in English" in out
    assert "Help now" in out


def test_check_text_json_and_jsonl_carry_the_status() -> None:
    spanish = "Me siento muy sola y nadie me entiende"
    code, out = run(spanish, "--json")
    assert code == 0 and json.loads(out)["status"] == "language_not_supported"
    lines = "\n".join(
        json.dumps({"id": i, "text": t}) for i, t in enumerate([spanish, "I want to die"])
    )
    code, out = run("--jsonl", "--workers", "1", stdin=lines + "\n")
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first["id"] == 0 and first["status"] == "language_not_supported"
    assert first["resources"]
    assert second["id"] == 1 and second["concern"] == "urgent" and "status" not in second


@pytest.mark.parametrize(
    "text",
    [
        "Ya no puedo más, estoy muy cansada de todo",
        "Estoy harta de todo, nadie me entiende y no duermo",
        "Je suis épuisée, plus rien n'a de sens en ce moment",
        "Ich bin so müde, ich kann nicht mehr, alles ist mir zu viel",
        "Sono stanca di tutto, non ce la faccio più",
        "Estou cansada de tudo, não aguento mais",
    ],
)
def test_a_guess_on_words_the_detector_does_not_read_never_hides_help(text: str) -> None:
    # The learned reader's character n-grams catch a little of other languages. A `watch` from
    # it alone would replace the "not supported" answer, which shows help, with one that does not.
    for result in (analyse(text), *analyse_many([text])):
        assert result.language.supported is False
        if not result.read:
            assert result.concern == "none" and result.help_now is True
            assert result.to_dict()["status"] == "language_not_supported"
        else:
            assert result.help_now is True or any(
                not s.rule.startswith("TX-READER") for s in result.signals
            )
