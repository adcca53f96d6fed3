"""Whose things a request may see and change: this device's, or the signed-in account's.

Without an account, rows are found by the hash of the private device key (cookie) and have no
owner. Signed in, rows are found by their owner only, so that after signing out on a shared
computer nothing of the account shows. Every view and service goes through `Owner`, so no
query can forget the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from waylight.web.device import device_key_hash, ensure_device_key

Row = TypeVar("Row", bound=models.Model)


@dataclass(frozen=True)
class Owner:
    """A signed-in account (`user`) or a device (`device_hash`), or nobody yet."""

    user: Any | None
    device_hash: str | None

    @property
    def is_account(self) -> bool:
        return self.user is not None

    @property
    def known(self) -> bool:
        return self.user is not None or self.device_hash is not None

    def rows(self, model: type[Row]) -> QuerySet[Row]:
        """Every row of `model` that belongs to this owner (none for nobody)."""
        manager = model._default_manager
        if self.user is not None:
            return manager.filter(owner=self.user)
        if self.device_hash is not None:
            return manager.filter(device_key_hash=self.device_hash, owner__isnull=True)
        return manager.none()

    def stamp(self, row: Any) -> Any:
        """Mark a new row as this owner's (an account's rows carry no device hash)."""
        if self.user is not None:
            row.owner = self.user
            row.device_key_hash = ""
        elif self.device_hash is not None:
            row.owner = None
            row.device_key_hash = self.device_hash
        else:
            raise ValueError("a row needs an owner: call owner_for_write first")
        return row


def _user(request: HttpRequest) -> Any | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def owner_of(request: HttpRequest) -> Owner:
    """Who this request reads as (no cookie is set)."""
    user = _user(request)
    return Owner(user, None if user is not None else device_key_hash(request))


def owner_for_write(request: HttpRequest, response: HttpResponse) -> Owner:
    """Who this request writes as, giving the device a key first when it has none."""
    user = _user(request)
    if user is not None:
        return Owner(user, None)
    return Owner(None, ensure_device_key(request, response))


def carry_cookies(source: HttpResponse, target: HttpResponse) -> HttpResponse:
    """Copy the cookies set on `source` (a new device key) onto the response really sent."""
    for name, morsel in source.cookies.items():
        target.cookies[name] = morsel
    return target
