"""The Django app that holds Waylight's pages, models and templates."""

from __future__ import annotations

import logging

from django.apps import AppConfig


class WaylightWebConfig(AppConfig):
    name = "waylight.web"
    label = "waylight_web"
    verbose_name = "Waylight"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Python warnings (which a library may fill with the text it was given) go through
        # the logging set-up and its privacy filter instead of straight to stderr.
        logging.captureWarnings(True)
