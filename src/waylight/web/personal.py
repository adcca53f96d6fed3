"""Forgetting on this browser: after signing out or deleting an account, the browser drops
its caches and the offline copies the service worker kept (the plan, the check-in form).

(Every page is already `Cache-Control: no-store, private`: waylight.web.middleware.)
"""

from __future__ import annotations

from django.http import HttpResponse

# Not "cookies": the device key and the chosen country stay, with what is kept on the device.
CLEAR_SITE_DATA = '"cache", "storage"'


def forget_on_this_browser(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
