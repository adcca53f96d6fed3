"""Delete everything on this device: the plan, kept results, the device key and its cookies."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from waylight.web.country import COUNTRY_COOKIE
from waylight.web.device import device_key_hash, forget_device
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import plan_for_device, results_for_device
from waylight.web.services.devices import erase_device
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.views.errors import WRITE_FAILED

# Asks the browser to drop this site's cookies, cached pages and storage as well.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


@rate_limited("write", when=lambda request: request.method == "POST")
@require_http_methods(["GET", "POST"])
def delete_everything(request: HttpRequest) -> HttpResponse:
    key_hash = device_key_hash(request)
    if request.method == "GET":
        plan = plan_for_device(key_hash, ())
        results = results_for_device(key_hash)
        context = {
            "nav": "",
            "has_plan": plan is not None,
            "results": len(results.readable) + results.unreadable,
        }
        return render(request, "waylight/privacy/delete_everything.html", context)
    if key_hash is not None:
        try:
            with write_guard():
                erase_device(key_hash)
        except WriteFailed as failed:
            context = {
                "nav": "",
                "has_plan": True,
                "results": 0,
                "error": f"{WRITE_FAILED.get(failed.kind, WRITE_FAILED['unavailable'])} "
                "Nothing was deleted yet. Please try again in a little while.",
            }
            return render(request, "waylight/privacy/delete_everything.html", context, status=503)
    response = render(request, "waylight/privacy/deleted.html", {"nav": ""})
    forget_device(request, response)
    response.delete_cookie(COUNTRY_COOKIE, samesite="Lax")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
