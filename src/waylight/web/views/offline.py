"""On the phone: the web app manifest, the service worker and the page shown offline.

The service worker is served from the site's root (so it may look after every page) by the
app itself, as a script file: no inline script, within the Content-Security-Policy. Its
version follows the content of the files it keeps offline, so a new release replaces them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from waylight.web.language import page_language

SW_SOURCE = "waylight/js/sw.js"
# Pages kept for use without a network: help now, the plan, the toolbox, the check-in form.
OFFLINE_PAGES = (
    "/offline/",
    "/help-now/",
    "/plan/",
    "/toolbox/",
    "/toolbox/urge/",
    "/toolbox/grounding/",
    "/toolbox/breathing/",
    "/toolbox/ideas/",
    "/toolbox/reasons/",
    "/journal/new/",
    "/journal/queued/",
)
OFFLINE_ASSETS = (
    "waylight/css/site.css",
    "waylight/js/htmx.min.js",
    "waylight/js/enhance.js",
    "waylight/js/offline.js",
    "waylight/js/toolbox.js",
    "waylight/img/favicon.svg",
    "waylight/img/icon-192.png",
    "waylight/img/icon-512.png",
)
# Forms the service worker keeps on the phone when there is no network, to send later.
QUEUED_FORMS = ("/journal/new/", "/toolbox/urge/")


@cache
def _service_worker() -> str:
    path = finders.find(SW_SOURCE)
    if not path:
        raise FileNotFoundError(SW_SOURCE)
    with open(str(path), encoding="utf-8") as handle:
        source = handle.read()
    assets = [static(asset) for asset in OFFLINE_ASSETS]
    digest = hashlib.sha256(source.encode())
    for asset in OFFLINE_ASSETS:
        found = finders.find(asset)
        if found:
            with open(str(found), "rb") as handle:
                digest.update(handle.read())
    config = {
        "version": digest.hexdigest()[:16],
        "pages": list(OFFLINE_PAGES),
        "assets": assets,
        "queued": list(QUEUED_FORMS),
        "queuedPage": "/journal/queued/",
        "offlinePage": "/offline/",
    }
    # The settings travel as the script's first line, a plain assignment (no eval anywhere).
    return f"self.WAYLIGHT_OFFLINE = {json.dumps(config)};\n{source}"


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    # Like every answer it is `no-store` (waylight.web.middleware), so a new release is seen at
    # the next page load.
    return HttpResponse(_service_worker(), content_type="text/javascript; charset=utf-8")


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "name": "Waylight",
        "short_name": "Waylight",
        "description": _("Learn, check in with yourself, find help now, keep your safety plan."),
        "lang": page_language(request),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f7f5f0",
        "theme_color": "#164548",
        "icons": [
            {"src": static("waylight/img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("waylight/img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("waylight/img/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(body), content_type="application/manifest+json")


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What a page that was not kept for offline use shows when there is no network."""
    return render(request, "waylight/offline.html", {"nav": ""})
