"""The admin site: for admins only, behind their second factor, and with no person's data.

Only what an admin needs is registered: professionals (to verify them, or withdraw it) and the
second-factor devices (to reset a lost phone). Plans, results, check-ins, shares and the audit
log are not in it: an admin runs the service and sees nobody's health data.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from waylight.web.models import ProfessionalProfile
from waylight.web.roles import ADMIN
from waylight.web.services.professionals import verify_professional, withdraw_verification


class WaylightAdminSite(admin.AdminSite):
    site_header = _("Waylight admin")
    site_title = _("Waylight admin")
    index_title = _("Team administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        is_verified = getattr(user, "is_verified", None)
        return bool(
            user.is_active
            and user.is_staff
            and user.groups.filter(name=ADMIN).exists()
            and callable(is_verified)
            and is_verified()
        )

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Waylight's own sign-in, then the second factor, then back here."""
        from waylight.web.care_access import needs_second_factor, second_factor

        query = urlencode({"next": request.GET.get("next") or reverse("admin:index")})
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('login')}?{query}")
        if needs_second_factor(request.user) and not second_factor(request):
            return HttpResponseRedirect(f"{reverse('two_factor')}?{query}")
        raise Http404("not an admin")  # signed in, but the admin site is not theirs


site = WaylightAdminSite(name="admin")


@admin.register(ProfessionalProfile, site=site)
class ProfessionalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("display_name", "title", "organisation", "username", "created_at", "verified")
    list_filter = ("verified_at",)
    search_fields = ("display_name", "organisation", "user__username")
    readonly_fields = ("user", "created_at", "verified_at", "verified_by")
    fields = (
        "user",
        "display_name",
        "title",
        "organisation",
        "created_at",
        "verified_at",
        "verified_by",
    )
    actions = ("verify", "withdraw")

    @admin.display(description="User name")
    def username(self, profile: ProfessionalProfile) -> str:
        return str(profile.user.get_username())

    @admin.display(boolean=True, description="Verified")
    def verified(self, profile: ProfessionalProfile) -> bool:
        return profile.verified

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # professionals sign up themselves

    @admin.action(description="Verify: I have checked who they are and their role")
    def verify(self, request: HttpRequest, queryset: QuerySet[ProfessionalProfile]) -> None:
        for profile in queryset:
            verify_professional(profile, by=request.user)
        messages.success(request, f"{queryset.count()} verified.")

    @admin.action(description="Withdraw verification: they see nobody from now on")
    def withdraw(self, request: HttpRequest, queryset: QuerySet[ProfessionalProfile]) -> None:
        for profile in queryset:
            withdraw_verification(profile)
        messages.success(request, f"{queryset.count()} no longer verified.")


def _register_devices() -> None:
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    site.register(TOTPDevice, TOTPDeviceAdmin)


_register_devices()
