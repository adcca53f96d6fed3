"""The command line in Spanish: `--lang es` (or WAYLIGHT_LANG) on every command that prints
content; the command line's own words come from the same gettext catalog as the web app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from waylight.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def test_the_catalogs_are_complete_and_compiled() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages
    finally:
        sys.path.pop(0)
    for lang in messages.languages():
        assert messages.problems(lang) == [], lang
    assert "es" in messages.languages()


def test_help_now_in_spanish_lists_spanish_lines_first_with_spanish_words() -> None:
    code, out = run("help-now", "--country", "US", "--lang", "es")
    assert code == 0
    assert "Ayuda ahora: Estados Unidos" in out
    assert "Puedes hablar con alguien:" in out
    assert out.index("Envía AYUDA al 988") < out.index("Envía un mensaje al 988")
    assert "marca el 2" in out and "Aún no lo hemos comprobado" in out
    assert "--lang es" in out  # the hint keeps the language


def test_help_now_json_in_spanish_keeps_its_shape() -> None:
    code, english = run("help-now", "--country", "AR", "--json")
    code_es, spanish = run("help-now", "--country", "AR", "--json", "--lang", "es")
    assert code == code_es == 0
    english_data, spanish_data = json.loads(english), json.loads(spanish)
    assert spanish_data.keys() == english_data.keys()
    assert spanish_data["resources"][0]["name"] == "Servicios de emergencia"
    assert spanish_data["resources"][1]["notes"] == "Gratuita y anónima, para todo el país."
    assert spanish_data["resources"][1]["check_note"].startswith("Aún no lo hemos comprobado")
    assert [r["dial"] for r in spanish_data["resources"]] == [
        r["dial"] for r in english_data["resources"]
    ]


def test_the_language_can_come_from_the_environment_and_english_stays_the_default() -> None:
    _, spanish = run("help-now", "--country", "ES", env={"WAYLIGHT_LANG": "es"})
    assert "Ayuda ahora: España" in spanish
    _, english = run("help-now", "--country", "ES")
    assert "Help now: Spain" in english and "Ayuda ahora" not in english


def test_an_unknown_language_exits_2_with_a_clear_message() -> None:
    code, out = run("learn", "--lang", "xx")
    assert code == 2
    assert "not a language Waylight speaks" in out and "es (Spanish)" in out


def test_learn_in_spanish_reads_the_spanish_knowledge_base() -> None:
    code, out = run("learn", "--lang", "es")
    assert code == 0
    assert "Aprende sobre la autolesión y la depresión" in out
    assert "Señales de alarma" in out and "waylight learn SECTION --lang es" in out
    code, item = run("learn", "myth-weakness", "--lang", "es", "--json")
    data = json.loads(item)
    assert data["item"]["myth"] == "Las personas que se autolesionan son débiles."
    assert "lang" not in data["item"]  # translated: no fallback mark


def test_a_spanish_crisis_search_puts_the_crisis_lines_first() -> None:
    code, out = run("learn", "--search", "me quiero morir", "--lang", "es")
    assert code == 0
    assert out.startswith("Lo que has escrito suena muy duro.")
    assert "Ayuda ahora" in out
    code, raw = run("learn", "--search", "me quiero morir", "--lang", "es", "--json")
    data = json.loads(raw)
    assert data["help_first"] is True and data["resources"][0]["name"] == "Servicios de emergencia"


def test_score_in_spanish_leads_with_help_now_for_item_9() -> None:
    code, out = run(
        "score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--country", "MX", "--lang", "es"
    )
    assert code == 0
    assert out.index("Ayuda ahora") < out.index("Puntuación: 1 de 27")
    assert "Dijiste que has tenido pensamientos" in out
    assert "Línea de la Vida" in out and "Llama al 800 911 2000" in out


def test_score_json_in_spanish_has_the_same_fields_and_flags() -> None:
    answers = "0,0,0,0,0,0,0,0,2,1"
    _, english = run("score", "phq9", "--answers", answers, "--json")
    _, spanish = run("score", "phq9", "--answers", answers, "--json", "--lang", "es")
    english_data, spanish_data = json.loads(english), json.loads(spanish)
    assert list(spanish_data) == list(english_data)
    for field in ("instrument", "total", "band", "result", "help_now"):
        assert spanish_data[field] == english_data[field]
    assert [f["id"] for f in spanish_data["flags"]] == [f["id"] for f in english_data["flags"]]


def test_the_asq_in_spanish_says_why_its_questions_are_in_english() -> None:
    code, out = run("instruments", "--lang", "es")
    assert code == 0
    assert "Estas preguntas se muestran en inglés" in out
    assert "phqscreeners.com" in out  # the official Spanish PHQ-9's source
    _, raw = run("instruments", "--lang", "es", "--json")
    asq = next(i for i in json.loads(raw) if i["id"] == "asq")
    assert asq["lang"] == "en" and "inglés" in asq["language_note"]


def test_signs_in_spanish_give_spanish_guidance() -> None:
    code, raw = run("signs", "--checked", "obs-wants-to-die", "--json", "--lang", "es")
    assert code == 0
    data = json.loads(raw)
    assert data["title"] == "¿Te preocupa alguien?"
    assert data["guidance"]["help_now"] is True
    assert data["guidance"]["headline"].startswith("Hablar de morir")


@pytest.mark.parametrize("command", ["learn", "help-now", "score", "signs", "instruments", "home"])
def test_every_command_that_prints_content_takes_lang(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0 and "--lang" in out
