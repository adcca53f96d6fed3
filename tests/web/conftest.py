"""pytest-django set-up for the web tests: settings module, a private data folder, helpers.

The data folder (SQLite file and generated keys) is a fresh temporary folder, so the tests never
touch a real user's data. With DATABASE_URL set, the same tests run on PostgreSQL.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Must happen at import time: pytest-django configures Django before any fixture runs.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waylight.web.settings")
if "WAYLIGHT_DATA_DIR" not in os.environ:
    # Never a real person's data folder: a fresh one, removed when the tests end.
    _DATA_DIR = tempfile.mkdtemp(prefix="waylight-web-tests-")
    os.environ["WAYLIGHT_DATA_DIR"] = _DATA_DIR
    atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
if "WAYLIGHT_KEYS_DIR" not in os.environ:
    # Nor a real person's keys: a separate fresh folder (keys never sit in the data folder).
    _KEYS_DIR = tempfile.mkdtemp(prefix="waylight-web-test-keys-")
    os.environ["WAYLIGHT_KEYS_DIR"] = _KEYS_DIR
    atexit.register(shutil.rmtree, _KEYS_DIR, ignore_errors=True)

import re

import django

# pytest-django sets Django up only when DJANGO_SETTINGS_MODULE is known at start-up; when this
# folder is collected as part of the whole suite, it is not, so set Django up here.
django.setup()

import pytest  # noqa: E402
from django.test import Client  # noqa: E402

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style[\s>]", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def assert_safe_page(response: object) -> str:
    """The page has the Help now link, a CSP header and no inline script, style or handler."""
    html = response.content.decode()  # type: ignore[attr-defined]
    assert 'href="/help-now/"' in html, "every page needs the Help now link"
    csp = response.headers["Content-Security-Policy"]  # type: ignore[attr-defined]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    # A JSON <script type="application/json"> would be harmless, but we ship none.
    assert not INLINE_SCRIPT.search(html), "inline <script> found"
    assert not INLINE_STYLE.search(html), "inline style found"
    assert not INLINE_HANDLER.search(html), "inline event handler found"
    return html


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)
