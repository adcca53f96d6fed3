"""An optional account: sign up, sign in (rate limited), sign out, change password, delete.

Nothing needs an account. A person who makes one can bring this device's plan, results and
journal into it in the same step (`claim_device_data`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waylight.web import limits
from waylight.web.account_forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    SignInForm,
    SignUpForm,
)
from waylight.web.claims import Claimed
from waylight.web.device import device_key
from waylight.web.personal import forget_on_this_browser, personal
from waylight.web.services import accounts as account_service


def too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    minutes = max(1, round(seconds / 60))
    response = render(
        request, "waylight/errors/429.html", {"minutes": minutes, "nav": "account"}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


def _claimed_message(request: HttpRequest, claimed: Claimed | None) -> None:
    if claimed is None or not (claimed.anything or claimed.plan_left_on_device):
        return
    parts = []
    if claimed.plans:
        parts.append("your safety plan")
    if claimed.results:
        parts.append(f"{claimed.results} kept result{'s' if claimed.results != 1 else ''}")
    if claimed.check_ins:
        parts.append(f"{claimed.check_ins} check-in{'s' if claimed.check_ins != 1 else ''}")
    if claimed.urges:
        parts.append(f"{claimed.urges} urge{'s' if claimed.urges != 1 else ''} ridden out")
    if parts:
        messages.success(request, "Moved into your account: " + ", ".join(parts) + ".")
    if claimed.plan_left_on_device:
        messages.info(
            request,
            "Your account already has a safety plan, so the plan on this device stayed on this "
            "device. You can see it after signing out.",
        )


@require_GET
@personal
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "waylight/account/index.html", {"nav": "account"})


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
@personal
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account"))
    if request.method == "GET":
        return render(
            request, "waylight/account/signup.html", {"nav": "account", "form": SignUpForm()}
        )
    address = limits.client_address(request)
    wait = limits.retry_after(limits.SIGNUP_PER_ADDRESS, address)
    if wait is not None:
        return too_many(request, wait)
    limits.record(limits.SIGNUP_PER_ADDRESS, address)
    form = SignUpForm(request.POST)
    if not form.is_valid():
        return render(
            request, "waylight/account/signup.html", {"nav": "account", "form": form}, status=422
        )
    user = account_service.create_account(
        form.cleaned_data["username"], form.cleaned_data["password1"]
    )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Your account is ready and you are signed in.")
    if form.cleaned_data.get("bring"):
        _claimed_message(request, account_service.bring_device_data(user, device_key(request)))
    return HttpResponseRedirect(reverse("space"))


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@personal
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account"))
    if request.method == "GET":
        return render(
            request, "waylight/account/login.html", {"nav": "account", "form": SignInForm(request)}
        )
    name = request.POST.get("username", "")[:150]
    address = limits.client_address(request)
    waits = [
        limits.retry_after(limits.LOGIN_PER_NAME, name),
        limits.retry_after(limits.LOGIN_PER_ADDRESS, address),
    ]
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        return too_many(request, wait)
    form = SignInForm(request, data=request.POST)
    if not form.is_valid():
        limits.record(limits.LOGIN_PER_NAME, name)
        limits.record(limits.LOGIN_PER_ADDRESS, address)
        return render(
            request, "waylight/account/login.html", {"nav": "account", "form": form}, status=422
        )
    limits.clear(limits.LOGIN_PER_NAME, name)
    user = form.get_user()
    login(request, user)
    messages.success(request, "You are signed in.")
    if form.cleaned_data.get("bring"):
        _claimed_message(request, account_service.bring_device_data(user, device_key(request)))
    return HttpResponseRedirect(reverse("space"))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You are signed out. Nothing of your account shows on this device.")
    return forget_on_this_browser(HttpResponseRedirect(reverse("home")))


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
@require_http_methods(["GET", "POST"])
@personal
def change_password(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ChangePasswordForm(user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)  # stay signed in here, out everywhere else
            messages.success(request, "Your password has been changed.")
            return HttpResponseRedirect(reverse("account"))
        return render(
            request, "waylight/account/password.html", {"nav": "account", "form": form}, status=422
        )
    return render(request, "waylight/account/password.html", {"nav": "account", "form": form})


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
@personal
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "waylight/account/delete.html",
                {"nav": "account", "form": form},
                status=422,
            )
        user = request.user
        logout(request)
        account_service.delete_account(user)
        messages.success(request, "Your account and everything in it have been deleted.")
        return forget_on_this_browser(HttpResponseRedirect(reverse("home")))
    return render(request, "waylight/account/delete.html", {"nav": "account", "form": form})
