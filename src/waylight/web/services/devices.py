"""Devices: issuing a key's record, and erasing everything a device holds."""

from __future__ import annotations

from waylight.web.models import Device, device_owned_models
from waylight.web.services.erase import Erased, erase


def issue_device(key_hash: str, *, replacing: str | None = None) -> None:
    """Record a key the server just issued; forget the empty device it replaces, if any."""
    if replacing is not None:
        Device.objects.filter(key_hash=replacing).delete()
    Device.objects.create(key_hash=key_hash)


def erase_device(key_hash: str) -> Erased:
    """Everything kept for this device, and the device's record itself, gone from every file."""
    querysets = [model.objects.filter(device_key_hash=key_hash) for model in device_owned_models()]
    return erase(*querysets, Device.objects.filter(key_hash=key_hash))
