"""The axe-core check itself: it must catch what it is there to catch."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from waylight_axe import blocking_violations

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken on purpose</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<a href="/somewhere"></a>
<p style="color:#bbb;background:#fff">Grey text nobody can read</p>
</main></body></html>"""


def test_axe_helper_reports_serious_and_critical_violations(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(BROKEN_PAGE)
        found = {v["id"]: v["impact"] for v in blocking_violations(page)}
    finally:
        page.close()
    assert found.get("image-alt") == "critical"
    assert found.get("link-name") == "serious"
    assert found.get("color-contrast") == "serious"
