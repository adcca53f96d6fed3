"""Delete everything on this device: plan, kept results, check-ins, urges ridden out,
preferences, the device key and its cookies. Signed in, everything in the account goes too
(the account itself is deleted from the Account page)."""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from waylight.web.country import COUNTRY_COOKIE
from waylight.web.device import device_key_hash, forget_device
from waylight.web.owner import owner_of
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors.export import everything
from waylight.web.services.devices import erase_device
from waylight.web.services.erase import erase_everything
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.views.errors import WRITE_FAILED

# Asks the browser to drop this site's cookies, cached pages and storage as well.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def _context(request: HttpRequest, **extra: object) -> dict[str, object]:
    data = everything(owner_of(request))
    return {
        "nav": "",
        "has_plan": data.plan is not None,
        "results": len(data.results),
        "check_ins": len(data.check_ins),
        "urges": len(data.rides),
        "unreadable": data.unreadable,
        **extra,
    }


@rate_limited("write", when=lambda request: request.method == "POST")
@require_http_methods(["GET", "POST"])
def delete_everything(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    key_hash = device_key_hash(request)
    if request.method == "GET":
        return render(request, "waylight/privacy/delete_everything.html", _context(request))
    try:
        with write_guard():
            if owner.is_account:
                erase_everything(owner)
            if key_hash is not None:
                # The device's own things (made before signing in, or without an account).
                erase_device(key_hash)
    except WriteFailed as failed:
        error = "{} {}".format(
            WRITE_FAILED.get(failed.kind, WRITE_FAILED["unavailable"]),
            _("Nothing was deleted yet. Please try again in a little while."),
        )
        context = _context(request, error=error)
        return render(request, "waylight/privacy/delete_everything.html", context, status=503)
    was_account = owner.is_account
    if was_account:
        logout(request)  # the browser drops the session cookie below; the server ends it too
    response = render(
        request, "waylight/privacy/deleted.html", {"nav": "", "was_account": was_account}
    )
    forget_device(request, response)
    response.delete_cookie(COUNTRY_COOKIE, samesite="Lax")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
