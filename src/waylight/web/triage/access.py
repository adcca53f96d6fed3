"""Who may use the triage queue: accounts in the `reviewer` group, nobody else.

The group is made by this app's migration. An admin puts an existing account in it (in the
Django admin, or `waylight reviewer add NAME`). Being an admin, a professional or a person does
not open the queue by itself: only the reviewer group does, so that the people who read posts
are exactly the people chosen to.

Every queue page and download goes through `reviewer_required`: without a session it sends the
browser to sign in (and back); signed in without the role it answers 403 with a plain page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

REVIEWER = "reviewer"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def is_reviewer(user: Any) -> bool:
    """Whether this account may read and decide queued posts (an active account in the group)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.groups.filter(name=REVIEWER).exists())


def reviewer_required(view: View) -> View:
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_reviewer(request.user):
            return render(request, "triage/not_a_reviewer.html", {"nav": "triage"}, status=403)
        return view(request, *args, **kwargs)

    return cast(View, checked)
