"""Content's channel-neutral marks on the web: "[[Help now]]" becomes a link, never brackets."""

from __future__ import annotations

import pytest
from django.test import Client

from waylight.core.kb import load_knowledge_base

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/learn/",
        "/learn/faq/",
        "/learn/faq/faq-help-right-now/",
        "/learn/risk-factors/risk-suicidal-thoughts/",
        "/learn/care/",
        "/learn/search/?q=help+right+now",
    ],
)
def test_no_page_shows_a_raw_mark_or_a_command(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "[[" not in html and "waylight help-now" not in html


def test_a_help_now_mark_in_an_item_is_a_link_to_the_help_now_page(client: Client) -> None:
    html = client.get("/learn/faq/faq-help-right-now/").content.decode()
    body = html[html.index("<article>") : html.index("</article>")]
    assert '<a href="/help-now/">Help now</a>' in body


def test_marks_are_escaped_around_the_link() -> None:
    from waylight.web.templatetags.waylight_text import content_links, content_plain

    assert str(content_links("<b>x</b> [[Help now]]")) == (
        '&lt;b&gt;x&lt;/b&gt; <a href="/help-now/">Help now</a>'
    )
    assert content_plain("See [[Help now]].") == "See Help now."
    assert load_knowledge_base().section("care").count == 6
