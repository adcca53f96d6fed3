"""Professional accounts and the second factor (TOTP) for professionals and admins.

A professional signs up with their name, role and organisation, then sets up an authenticator
app: the page shows a QR code drawn on the server (segno, an SVG in a `data:` image: no outside
asset, no script) and the same key as text to type in. Every later sign-in asks for a code
from the app. Codes are checked by django-otp's TOTP device, which also slows down repeated
wrong codes; the attempts count against the sign-in rate limit too.
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from waylight.web.care_access import (
    needs_second_factor,
    safe_next,
    second_factor,
    to_sign_in,
)
from waylight.web.care_forms import ProfessionalSignUpForm, TokenForm
from waylight.web.ratelimit import rate_limited
from waylight.web.services import professionals as pro_service
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.views.errors import write_failed, write_failed_message

DEVICE_NAME = "Authenticator app"


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


def _after_second_factor(request: HttpRequest) -> str:
    from waylight.web.care_access import in_group
    from waylight.web.roles import ADMIN

    default = "/admin/" if in_group(request.user, ADMIN) else reverse("care")
    return safe_next(request, default)


@sensitive_post_parameters("password1", "password2")
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("care"))
    form = ProfessionalSignUpForm(request.POST or None)
    context = {"nav": "care", "form": form}
    if request.method == "GET":
        return render(request, "waylight/pro/signup.html", context)
    if not form.is_valid():
        return render(request, "waylight/pro/signup.html", context, status=422)
    data = form.cleaned_data
    try:
        with write_guard():
            user = pro_service.create_professional(
                data["username"],
                data["password1"],
                display_name=data["display_name"],
                title=data["title"],
                organisation=data["organisation"],
            )
    except WriteFailed as failed:
        form.add_error(None, write_failed_message(failed.kind))
        return write_failed(
            request, failed.kind, template="waylight/pro/signup.html", context=context
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your work account is made. Now set up your second factor."))
    return HttpResponseRedirect(reverse("two_factor_setup"))


def _qr_data_uri(config_url: str) -> str:
    import segno

    return str(segno.make(config_url, error="m").svg_data_uri(scale=5, border=2))


@sensitive_post_parameters("token")
@rate_limited("login", when=_is_post)
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), then type a code."""
    from django_otp import login as otp_login
    from django_otp import user_has_device
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not request.user.is_authenticated:
        return to_sign_in(request)
    user: Any = request.user
    if not needs_second_factor(user):
        return HttpResponseRedirect(reverse("space"))
    if user_has_device(user):
        return HttpResponseRedirect(reverse("two_factor"))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Your second factor is set up."))
            return HttpResponseRedirect(_after_second_factor(request))
        if form.is_valid():
            form.add_error("token", _("That code did not match. Codes change every 30 seconds."))
        status = 422
    key = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "nav": "care",
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "next": safe_next(request, ""),
    }
    return render(request, "waylight/pro/two_factor_setup.html", context, status=status)


@sensitive_post_parameters("token")
@rate_limited("login", when=_is_post)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Type a code from the authenticator app to finish signing in."""
    from django_otp import devices_for_user
    from django_otp import login as otp_login

    if not request.user.is_authenticated:
        return to_sign_in(request)
    user: Any = request.user
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(reverse("two_factor_setup"))
    if second_factor(request):
        return HttpResponseRedirect(_after_second_factor(request))
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            for device in devices:
                # Only the flag: the tuple's second part is a reason for logs, and binding it to
                # "_" would hide the translation function for the whole view.
                allowed = device.verify_is_allowed()[0]
                if allowed and device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    return HttpResponseRedirect(_after_second_factor(request))
            form.add_error(
                "token",
                _(
                    "That code did not work. Codes change every 30 seconds; after a few wrong "
                    "codes you have to wait a little before the next try."
                ),
            )
        status = 422
    context = {"nav": "care", "form": form, "next": safe_next(request, "")}
    return render(request, "waylight/pro/two_factor.html", context, status=status)
