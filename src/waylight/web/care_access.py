"""Who is asking, on the viewer's side: the checks every sharing page makes, on every request.

A share the viewer may not see answers 404, never 403: a professional learns nothing about a
person who does not share with them, not even that they exist. A professional's pages also
need the second factor in this session (else they are sent to type it) and an admin's
verification (else they see the waiting page and nobody).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from waylight.web.roles import ADMIN, PROFESSIONAL
from waylight.web.selectors.care import Access, open_link


def second_factor(request: HttpRequest) -> bool:
    """Signed in with the second factor in this session (django-otp's OTPMiddleware)."""
    user: Any = request.user
    is_verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and callable(is_verified) and is_verified())


def in_group(user: Any, name: str) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=name).exists())


def is_professional(request: HttpRequest) -> bool:
    return in_group(request.user, PROFESSIONAL)


def needs_second_factor(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.groups.filter(name__in=(PROFESSIONAL, ADMIN)).exists()
    )


def safe_next(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def to_sign_in(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('login')}?{query}")


def to_second_factor(request: HttpRequest) -> HttpResponse:
    """To the second-factor step (set it up first if there is none yet), then back here."""
    from django_otp import user_has_device

    target = "two_factor" if user_has_device(request.user) else "two_factor_setup"
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(target)}?{query}")


def to_second_factor_then(next_url: str) -> HttpResponse:
    """Straight after the password: type (or first set up) the second factor, then `next_url`."""
    query = urlencode({"next": next_url}) if next_url else ""
    return HttpResponseRedirect(
        f"{reverse('two_factor')}?{query}" if query else reverse("two_factor")
    )


def staff_gate(request: HttpRequest) -> HttpResponse | None:
    """For any page of a professional's or admin's: sign in, then the second factor."""
    if not request.user.is_authenticated:
        return to_sign_in(request)
    if needs_second_factor(request.user) and not second_factor(request):
        return to_second_factor(request)
    return None


def viewer_access(request: HttpRequest, ref: str) -> Access:
    """The viewer's open share `ref`, checked now; Http404 for anything else."""
    if not request.user.is_authenticated:
        raise Http404("no such share")
    access = open_link(request.user, ref, second_factor=second_factor(request))
    if access is None:
        raise Http404("no such share")
    return access
