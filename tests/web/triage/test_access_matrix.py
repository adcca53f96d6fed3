"""Who may do what with the triage queue: every cell of subject x (pages, actions, exports,
API) is asserted, with what changed (or not) after the request.

Subjects: nobody signed in, a person, a professional, an admin (staff), a reviewer; and callers
with a valid API key, a revoked one, or another platform's key. Only a reviewer reads and
decides posts; only a valid key sends posts, and only its own posts are visible to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page
from tests.web.triage.conftest import URGENT, bearer, make_user, post, send, sign_in

from waylight.web.triage.models import ApiKey, Decision, QueuedPost
from waylight.web.triage.services.apikeys import create_key, revoke

pytestmark = pytest.mark.django_db

SUBJECTS = (
    "anonymous",
    "person",
    "professional",
    "admin",
    "reviewer",
    "key",
    "revoked_key",
    "other_key",
)
RESOURCES = (
    "queue_page",
    "post_page",
    "export_page",
    "decide",
    "export_csv",
    "export_jsonl",
    "api_send",
    "api_status",
    "api_erase",
    "key_admin",
    "key_add",
    "key_revoke",
    "deliveries_admin",
)
# The route each resource calls: every queue page, every /api/queue operation and every admin
# page of the queue's models is one (test_the_matrix_covers_every_route).
PAGE_ROUTES = {
    "queue_page": "queue",
    "post_page": "post",
    "export_page": "export",
    "decide": "decide",
    "export_csv": "export_false_alarms",
    "export_jsonl": "export_false_alarms",
}
API_ROUTES = {
    "api_send": ("post", "/api/queue/posts"),
    "api_status": ("get", "/api/queue/posts/{post_id}"),
    "api_erase": ("delete", "/api/queue/posts/{post_id}"),
}
ADMIN_ROUTES = {
    "key_admin": "apikey",
    "key_add": "apikey",
    "key_revoke": "apikey",
    "deliveries_admin": "webhookdelivery",
}
LOGIN = "login"  # a redirect to /account/login/?next=...
ADMIN_LOGIN = "admin_login"  # the admin's own login, which leads to /account/login/

# EXPECTED[subject][resource]: the answer that subject gets.
PAGES_FOR_REVIEWERS = {
    "queue_page": 200,
    "post_page": 200,
    "export_page": 200,
    "decide": 302,
    "export_csv": 200,
    "export_jsonl": 200,
}
NOT_A_REVIEWER = dict.fromkeys(PAGES_FOR_REVIEWERS, 403)
NOT_SIGNED_IN = dict.fromkeys(PAGES_FOR_REVIEWERS, LOGIN)
NO_KEY = {"api_send": 401, "api_status": 401, "api_erase": 401}
NOT_ADMIN = dict.fromkeys(ADMIN_ROUTES, ADMIN_LOGIN)
# An admin's revocation is answered by a redirect back to the list of keys.
ADMIN = {"key_admin": 200, "key_add": 200, "key_revoke": 302, "deliveries_admin": 200}
EXPECTED: dict[str, dict[str, Any]] = {
    "anonymous": {**NOT_SIGNED_IN, **NO_KEY, **NOT_ADMIN},
    "person": {**NOT_A_REVIEWER, **NO_KEY, **NOT_ADMIN},
    "professional": {**NOT_A_REVIEWER, **NO_KEY, **NOT_ADMIN},
    "admin": {**NOT_A_REVIEWER, **NO_KEY, **ADMIN},
    "reviewer": {**PAGES_FOR_REVIEWERS, **NO_KEY, **NOT_ADMIN},
    "key": {
        **NOT_SIGNED_IN,
        "api_send": 200,
        "api_status": 200,
        "api_erase": 204,
        **NOT_ADMIN,
    },
    "revoked_key": {**NOT_SIGNED_IN, **NO_KEY, **NOT_ADMIN},
    "other_key": {
        **NOT_SIGNED_IN,
        "api_send": 200,
        "api_status": 404,
        "api_erase": 404,
        **NOT_ADMIN,
    },
}


@dataclass
class World:
    post_pk: int
    key_pk: int
    users: dict[str, Any]
    keys: dict[str, str]


@pytest.fixture
def world(client: Client) -> World:
    platform = create_key("Forum A")
    other = create_key("Chat B")
    old = create_key("Old forum")
    revoke(old.api_key.prefix)
    send(client, platform.key, [post("p1", URGENT)])
    users = {
        "person": make_user("pat", "person"),
        "professional": make_user("dr-lee", "person", "professional"),
        "admin": make_user("ada", "person", "admin", staff=True),
        "reviewer": make_user("rae", "person", "reviewer"),
    }
    keys = {"key": platform.key, "revoked_key": old.key, "other_key": other.key}
    post_pk = QueuedPost.objects.get(external_id="p1").pk
    return World(post_pk, platform.api_key.pk, users, keys)


def call(world: World, subject: str, resource: str) -> Any:
    client = Client()
    if subject in world.users:
        sign_in(client, world.users[subject])
    headers = bearer(world.keys[subject]) if subject in world.keys else {}
    pk = world.post_pk
    body = json.dumps({"posts": [post("new-1", URGENT)]})
    requests = {
        "queue_page": lambda: client.get("/triage/", **headers),
        "post_page": lambda: client.get(f"/triage/posts/{pk}/", **headers),
        "export_page": lambda: client.get("/triage/export/", **headers),
        "decide": lambda: client.post(
            f"/triage/posts/{pk}/decide/", {"action": "escalated"}, **headers
        ),
        "export_csv": lambda: client.get("/triage/export/false-alarms.csv", **headers),
        "export_jsonl": lambda: client.get("/triage/export/false-alarms.jsonl", **headers),
        "api_send": lambda: client.post(
            "/api/queue/posts", data=body, content_type="application/json", **headers
        ),
        "api_status": lambda: client.get("/api/queue/posts/p1", **headers),
        "api_erase": lambda: client.delete("/api/queue/posts/p1", **headers),
        "key_admin": lambda: client.get("/admin/waylight_triage/apikey/", **headers),
        "key_add": lambda: client.get("/admin/waylight_triage/apikey/add/", **headers),
        "key_revoke": lambda: client.post(
            "/admin/waylight_triage/apikey/",
            {"action": "revoke_keys", "_selected_action": [str(world.key_pk)]},
            **headers,
        ),
        "deliveries_admin": lambda: client.get(
            "/admin/waylight_triage/webhookdelivery/", **headers
        ),
    }
    return requests[resource]()


CELLS = [(s, r) for s in SUBJECTS for r in RESOURCES]


@pytest.mark.parametrize(("subject", "resource"), CELLS, ids=[f"{s}-{r}" for s, r in CELLS])
def test_each_cell(world: World, subject: str, resource: str) -> None:
    expected = EXPECTED[subject][resource]
    response = call(world, subject, resource)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/?next=/triage/")
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == expected, (subject, resource, response.status_code)
    if expected == 403:
        assert "This page is for reviewers" in assert_safe_page(response)
    if expected in (401, 404):
        assert response.json()["detail"]
    # What changed: only a reviewer's decision, only the owner's erase, only a key's send.
    decided = Decision.objects.filter(post_id=world.post_pk).exists()
    assert decided == (resource == "decide" and expected == 302 and subject == "reviewer")
    still_there = QueuedPost.objects.filter(pk=world.post_pk).exists()
    assert still_there == (not (resource == "api_erase" and expected == 204))
    sent = QueuedPost.objects.filter(external_id="new-1").exists()
    assert sent == (resource == "api_send" and expected == 200)
    revoked = ApiKey.objects.get(pk=world.key_pk).revoked_at is not None
    assert revoked == (resource == "key_revoke" and subject == "admin")


def test_the_matrix_covers_every_route(client: Client) -> None:
    from waylight.web.admin import site
    from waylight.web.triage import urls

    assert set(PAGE_ROUTES) | set(API_ROUTES) | set(ADMIN_ROUTES) == set(RESOURCES)
    assert {pattern.name for pattern in urls.urlpatterns} == set(PAGE_ROUTES.values())
    spec = client.get("/api/openapi.json").json()
    operations = {
        (method, path)
        for path, methods in spec["paths"].items()
        if path.startswith("/api/queue/")
        for method in methods
    }
    assert operations == set(API_ROUTES.values())
    registered = {
        m._meta.model_name for m in site._registry if m._meta.app_label == "waylight_triage"
    }
    assert registered == set(ADMIN_ROUTES.values())


def test_the_matrix_has_every_cell() -> None:
    for subject in SUBJECTS:
        assert set(EXPECTED[subject]) == set(RESOURCES), subject


def test_the_queues_admin_pages_are_for_admins_with_their_second_factor(world: World) -> None:
    for name in ("person", "reviewer", "professional"):
        client = Client()
        client.force_login(world.users[name])
        response = client.get("/admin/waylight_triage/apikey/", follow=True)
        # Signed in, but not an admin: no such page (a professional is first asked for their
        # second factor, as on every page of theirs).
        landed = response.redirect_chain[-1][0].split("?")[0]
        assert response.status_code == 404 or landed.startswith("/pro/two-factor/"), name
        assert "Forum A" not in response.content.decode(), name
    # An admin who has not passed the second factor in this session is sent to it.
    halfway = Client()
    halfway.force_login(world.users["admin"])
    response = halfway.get("/admin/waylight_triage/apikey/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/pro/two-factor/")
    assert "Forum A" not in response.content.decode()


def test_a_reviewer_removed_from_the_group_loses_the_queue_at_once(world: World) -> None:
    from django.contrib.auth.models import Group

    client = Client()
    client.force_login(world.users["reviewer"])
    assert client.get("/triage/").status_code == 200
    world.users["reviewer"].groups.remove(Group.objects.get(name="reviewer"))
    assert client.get("/triage/").status_code == 403


def test_an_inactive_reviewer_is_not_a_reviewer(world: World) -> None:
    from waylight.web.triage.access import is_reviewer

    reviewer = world.users["reviewer"]
    assert is_reviewer(reviewer)
    reviewer.is_active = False
    assert not is_reviewer(reviewer)
