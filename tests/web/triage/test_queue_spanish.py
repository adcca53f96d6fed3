"""A Spanish reviewer reads the triage queue in Spanish: every page, label, message and error.

The stored codes (tiers, statuses, reasons' ids) and the export stay English: they are data.
The detector's explanation is English (it reads English only) and says so on a Spanish page.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page
from tests.web.triage.conftest import URGENT, post, send

from waylight.web.triage.models import Decision, QueuedPost
from waylight.web.triage.services.apikeys import CreatedKey

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


def test_the_queue_and_a_post_are_in_spanish(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("e1", URGENT, author="autor-1")])
    desk = as_(reviewer)
    queue = assert_safe_page(desk.get("/triage/", **SPANISH))
    assert '<html lang="es"' in queue
    for words in ("Cola de revisión", "Urgente: publicación e1", "Nivel: urgente", "En espera"):
        assert words in queue, words
    assert "Esperando desde hace" in queue  # Django's own words for the time waited
    assert "Ayuda ahora, para compartir" in queue
    assert "Triage queue" not in queue and "Read and decide" not in queue
    pk = QueuedPost.objects.get(external_id="e1").pk
    page = assert_safe_page(desk.get(f"/triage/posts/{pk}/", **SPANISH))
    for words in (
        "Lo que leyó el detector",
        "Riesgo de suicidio",
        "Una expresión o exageración",  # the false-alarm reasons, from the Spanish content
        "Marcar como falsa alarma",
        "Publicaciones recientes",
        "ideación suicida",
    ):
        assert words in page, words
    # The detector's explanation is in English: marked, and said so.
    assert '<span lang="en">' in page and "se muestra en inglés" in page


def test_a_spanish_reviewers_decision_messages_and_errors_are_spanish(
    client: Client, platform: CreatedKey, reviewer: Any, as_: Any
) -> None:
    send(client, platform.key, [post("e2", URGENT)])
    desk = as_(reviewer)
    pk = QueuedPost.objects.get(external_id="e2").pk
    url = f"/triage/posts/{pk}/decide/"
    refused = desk.post(url, {"action": "false_alarm"}, **SPANISH)
    assert refused.status_code == 422
    html = assert_safe_page(refused)
    assert "Elige de la lista por qué es una falsa alarma." in html
    needs_note = desk.post(url, {"action": "false_alarm", "reason": "other"}, **SPANISH)
    assert "«Otra cosa» necesita una nota breve" in assert_safe_page(needs_note)
    assert not Decision.objects.exists()
    done = desk.post(url, {"action": "false_alarm", "reason": "idiom"}, follow=True, **SPANISH)
    assert "La publicación e2 está marcada como falsa alarma." in done.content.decode()
    # The export is data: the reason's id and its English label, whatever the page's language.
    export = desk.get("/triage/export/false-alarms.jsonl", **SPANISH)
    (row,) = b"".join(export.streaming_content).splitlines()
    assert json.loads(row)["reason"] == "idiom"
    assert json.loads(row)["reason_label"] == "An idiom or exaggeration"
    bad = desk.get("/triage/export/false-alarms.csv", {"since": "ayer"}, **SPANISH)
    assert "«ayer» no es una fecha" in assert_safe_page(bad)


def test_the_refusal_page_is_spanish_for_a_spanish_account(person: Any, as_: Any) -> None:
    answer = as_(person).get("/triage/", **SPANISH)
    assert answer.status_code == 403
    assert "Esta página es para revisores" in assert_safe_page(answer)


def test_the_admin_key_pages_are_spanish(admin_user: Any, as_: Any) -> None:
    desk = as_(admin_user)
    listing = desk.get("/admin/waylight_triage/apikey/", **SPANISH).content.decode()
    assert "Administración de Waylight" in listing and "Claves de API" in listing
    made = desk.post(
        "/admin/waylight_triage/apikey/add/",
        {"name": "Foro E", "rate": "", "webhook_url": ""},
        **SPANISH,
    )
    assert "Copia esta clave ahora y dásela a Foro E" in made.content.decode()
    refused = desk.post(
        "/admin/waylight_triage/apikey/add/",
        {"name": "Foro F", "rate": "", "webhook_url": "http://example.org/hook"},
        **SPANISH,
    )
    assert "La dirección del webhook debe usar https://" in refused.content.decode()
