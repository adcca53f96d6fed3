"""The Django app that holds Waylight's pages, models and templates."""

from __future__ import annotations

from django.apps import AppConfig


class WaylightWebConfig(AppConfig):
    name = "waylight.web"
    label = "waylight_web"
    verbose_name = "Waylight"
    default_auto_field = "django.db.models.BigAutoField"
