"""Property-based tests of the API from its own OpenAPI description (schemathesis).

Hypothesis generates requests for every operation, valid and invalid alike; the API must never
answer with a server error, every 4xx must carry a `detail` message, and answers must match the
documented schema. Rate limits are off here: thousands of requests are the point. The triage
queue's routes need an API key: every request carries a valid one, so generated batches reach
the detector and the database (the refusals without a key have their own tests).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from waylight.web.api import api
from waylight.web.wsgi import application

# The description the API serves at /api/openapi.json, read without a request (the test
# database does not exist yet while tests are collected); the calls then go to the real app.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


@schemathesis.check
def every_4xx_has_a_message(ctx: Any, response: Any, case: Any) -> None:
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict) and isinstance(body.get("detail"), str), body
        assert body["detail"].strip(), "an empty message"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any, db: None) -> Iterator[None]:
    settings.RATE_LIMITS_ON = False
    settings.QUEUE_WEBHOOKS = False
    # The calls go straight to the WSGI app, whose end-of-request signal would close the
    # test's database connection mid-transaction (Django's own test client disconnects it too;
    # routes that read the session, as the sharing routes do, need the connection open).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(db: None) -> str:
    """A valid key for the queue's routes, made inside this test's transaction."""
    from waylight.web.triage.services.apikeys import create_key

    return create_key("Property tests").key


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_the_api_never_fails_and_explains_every_refusal(case: Any, api_key: str) -> None:
    # The app gzips text for clients that ask; this in-process transport does not unzip.
    headers = {"Accept-Encoding": "identity", "Authorization": f"Bearer {api_key}"}
    response = case.call(headers=headers)
    case.validate_response(
        response, checks=(not_a_server_error, every_4xx_has_a_message), excluded_checks=()
    )
