"""The Django admin, signing in through Waylight's own sign-in page.

The admin's own login form would be a second way in, without the sign-in rate limits (and any
later second factor) of /account/login/. So the admin's login sends the browser there, and
back to the admin page afterwards; only staff accounts get further (Django's own check).

(Imports of Django's auth happen inside the method: this module is loaded while the apps are
still being set up.)
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class WaylightAdminSite(admin.AdminSite):
    site_header = _("Waylight admin")
    site_title = _("Waylight admin")
    index_title = _("Administration")

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class WaylightAdminConfig(AdminConfig):
    default_site = "waylight.web.adminsite.WaylightAdminSite"
