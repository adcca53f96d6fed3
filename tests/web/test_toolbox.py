"""The coping toolbox on the web: every tool works without JavaScript where it can."""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.web.models import UrgeRide
from waylight.web.views.toolbox import RIDE_SALT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/toolbox/", "Ride the urge"),
        ("/toolbox/grounding/", "Look around and name five things you can see."),
        ("/toolbox/breathing/", "Breathe in gently through your nose while you count to 4."),
        ("/toolbox/ideas/", "Keep my hands busy"),
        ("/toolbox/reasons/", "no reasons for living yet"),
        ("/toolbox/urge/", "How strong is the urge right now?"),
    ],
)
def test_every_tool_has_its_page_and_help_now(client: Client, url: str, words: str) -> None:
    html = assert_safe_page(client.get(url))
    assert words in html
    assert 'id="help-panel"' in html or url == "/toolbox/reasons/"


def test_ideas_link_to_the_knowledge_base(client: Client) -> None:
    html = client.get("/toolbox/ideas/").content.decode()
    assert 'href="/learn/recovery/recovery-self-care/"' in html
    assert "Listen to music you like" in html  # one of the knowledge base's own ideas


def test_my_reasons_for_living_come_from_my_plan(client: Client) -> None:
    client.post("/plan/edit/", {"reasons": "Seeing my niece grow up\nThe sea in summer"})
    html = assert_safe_page(client.get("/toolbox/reasons/"))
    assert "Seeing my niece grow up" in html and "The sea in summer" in html
    assert "Seeing my niece" not in Client().get("/toolbox/reasons/").content.decode()


def test_the_timer_page_says_the_countdown_needs_javascript(client: Client) -> None:
    html = client.get("/toolbox/urge/").content.decode()
    assert "data-urge-no-script" in html and "The countdown needs JavaScript" in html
    assert 'src="/static/waylight/js/toolbox.js"' in html


def test_ride_the_urge_without_javascript_in_two_posts(client: Client) -> None:
    started = client.post("/toolbox/urge/", {"action": "start", "before": "8"})
    html = assert_safe_page(started)
    assert started.status_code == 200 and "Stay with it" in html
    state = re.search(r'name="state" value="([^"]+)"', html)
    assert state and UrgeRide.objects.count() == 0  # nothing is stored while waiting
    # Pretend the person came back 16 minutes later.
    data = signing.loads(state.group(1), salt=RIDE_SALT)
    earlier = signing.dumps({"b": data["b"], "t": time.time() - 16 * 60}, salt=RIDE_SALT)
    finished = client.post(
        "/toolbox/urge/",
        {
            "action": "finish",
            "state": earlier,
            "before": "2",
            "after": "4",
            "helped": ["Put on a song and listen to the whole of it."],
        },
    )
    assert finished.status_code == 302 and finished["Location"] == "/toolbox/urge/done/"
    done = assert_safe_page(client.get("/toolbox/urge/done/"))
    assert "from <strong>8</strong> to <strong>4</strong>" in done  # the signed "before" wins
    assert "in 16 minutes" in done and "Urges ridden out so far: 1" in done
    journal = client.get("/journal/").content.decode()
    assert "Urges ridden out" in journal and "Put on a song" in journal


def test_ride_the_urge_with_the_countdown_in_the_page(client: Client) -> None:
    client.post(
        "/toolbox/urge/", {"action": "finish", "before": "7", "after": "3", "minutes": "15"}
    )
    ride = UrgeRide.objects.get()
    assert ride.content["ride"] == {"before": 7, "after": 3, "minutes": 15, "helped": []}


def test_bad_ratings_are_explained_and_save_nothing(client: Client) -> None:
    response = client.post("/toolbox/urge/", {"action": "start", "before": "12"})
    assert response.status_code == 422
    assert "Please choose a number from 0 to 10." in response.content.decode()
    response = client.post(
        "/toolbox/urge/",
        {"action": "finish", "before": "5", "after": "", "helped": ["not offered"]},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Please choose a number" in html and "from the list" in html
    assert UrgeRide.objects.count() == 0


def test_a_changed_state_does_not_count_as_the_timer(client: Client) -> None:
    client.post(
        "/toolbox/urge/",
        {"action": "finish", "state": "forged", "before": "6", "after": "5", "minutes": "abc"},
    )
    assert UrgeRide.objects.get().content["ride"]["minutes"] == 0


def test_breathing_respects_reduced_motion(client: Client) -> None:
    css = client.get("/static/waylight/css/site.css")
    text = b"".join(css.streaming_content).decode()  # type: ignore[attr-defined]
    motion = text.split("@media (prefers-reduced-motion: no-preference)")
    assert any("animation: breathe" in part.split("}")[0] + part for part in motion[1:])
    assert "@media (prefers-reduced-motion: reduce)" in text
