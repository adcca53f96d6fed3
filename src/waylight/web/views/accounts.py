"""An optional account: sign up, sign in (rate limited), sign out, change password, delete.

Nothing needs an account. A person who makes one can bring this device's plan, results and
journal into it in the same step (`claim_device_data`). Sign-up and every sign-in attempt count
against the address's limits (`ratelimit`: the "write" and "login" groups); failed sign-ins also
count per user name (`limits`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waylight.web import limits
from waylight.web.account_forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    SignInForm,
    SignUpForm,
)
from waylight.web.care_access import needs_second_factor, safe_next, to_second_factor_then
from waylight.web.claims import Claimed
from waylight.web.device import device_key
from waylight.web.personal import forget_on_this_browser
from waylight.web.ratelimit import rate_limited, too_many
from waylight.web.services import accounts as account_service
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.views.errors import write_failed, write_failed_message


def _claimed_message(request: HttpRequest, claimed: Claimed | None) -> None:
    if claimed is None or not (claimed.anything or claimed.plan_left_on_device):
        return
    parts = []
    if claimed.plans:
        parts.append(_("your safety plan"))
    if claimed.results:
        n = claimed.results
        parts.append(ngettext("%(n)d kept result", "%(n)d kept results", n) % {"n": n})
    if claimed.check_ins:
        n = claimed.check_ins
        parts.append(ngettext("%(n)d check-in", "%(n)d check-ins", n) % {"n": n})
    if claimed.urges:
        n = claimed.urges
        parts.append(ngettext("%(n)d urge ridden out", "%(n)d urges ridden out", n) % {"n": n})
    if parts:
        messages.success(
            request, _("Moved into your account: {things}.").format(things=", ".join(parts))
        )
    if claimed.plan_left_on_device:
        messages.info(
            request,
            _(
                "Your account already has a safety plan, so the plan on this device stayed on this "
                "device. You can see it after signing out."
            ),
        )


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "waylight/account/index.html", {"nav": "account"})


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


@sensitive_post_parameters("password1", "password2")
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account"))
    form = SignUpForm(request.POST or None)
    context = {"nav": "account", "form": form}
    if request.method == "GET":
        return render(request, "waylight/account/signup.html", context)
    if not form.is_valid():
        return render(request, "waylight/account/signup.html", context, status=422)
    try:
        with write_guard():
            user = account_service.create_account(
                form.cleaned_data["username"], form.cleaned_data["password1"]
            )
    except WriteFailed as failed:
        form.add_error(None, write_failed_message(failed.kind))
        return write_failed(
            request, failed.kind, template="waylight/account/signup.html", context=context
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is ready and you are signed in."))
    if form.cleaned_data.get("bring"):
        _claimed_message(request, account_service.bring_device_data(user, device_key(request)))
    return HttpResponseRedirect(reverse("space"))


@sensitive_post_parameters("password")
@rate_limited("login", when=_is_post)
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account"))
    if request.method == "GET":
        form = SignInForm(request)
        context = {"nav": "account", "form": form, "next": safe_next(request, "")}
        return render(request, "waylight/account/login.html", context)
    name = request.POST.get("username", "")
    wait = limits.retry_after(name)
    if wait is not None:
        return too_many(request, wait)  # even the right password waits now
    form = SignInForm(request, data=request.POST)
    if not form.is_valid():
        limits.failed(name)
        context = {"nav": "account", "form": form, "next": safe_next(request, "")}
        return render(request, "waylight/account/login.html", context, status=422)
    limits.succeeded(name)
    user = form.get_user()
    login(request, user)
    if needs_second_factor(user):
        # A professional's or admin's work account: the second factor before anything else,
        # and nothing of this device is brought into it.
        return to_second_factor_then(safe_next(request, ""))
    messages.success(request, _("You are signed in."))
    if form.cleaned_data.get("bring"):
        _claimed_message(request, account_service.bring_device_data(user, device_key(request)))
    return HttpResponseRedirect(safe_next(request, reverse("space")))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(
        request, _("You are signed out. Nothing of your account shows on this device.")
    )
    return forget_on_this_browser(HttpResponseRedirect(reverse("home")))


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ChangePasswordForm(user, request.POST or None)
    context = {"nav": "account", "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "waylight/account/password.html", context, status=422)
        user = form.save()
        update_session_auth_hash(request, user)  # stay signed in here, out everywhere else
        messages.success(request, _("Your password has been changed."))
        return HttpResponseRedirect(reverse("account"))
    return render(request, "waylight/account/password.html", context)


@sensitive_post_parameters("password")
@login_required
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    context = {"nav": "account", "form": form}
    if request.method == "GET":
        return render(request, "waylight/account/delete.html", context)
    if not form.is_valid():
        return render(request, "waylight/account/delete.html", context, status=422)
    user = request.user
    try:
        with write_guard():
            account_service.delete_account(user)
    except WriteFailed as failed:
        form.add_error(None, write_failed_message(failed.kind) + " Your account is still here.")
        return write_failed(
            request, failed.kind, template="waylight/account/delete.html", context=context
        )
    logout(request)
    messages.success(request, _("Your account and everything in it have been deleted."))
    return forget_on_this_browser(HttpResponseRedirect(reverse("home")))
