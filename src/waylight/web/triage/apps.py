"""The triage queue's Django app: its own models and migrations, apart from the main app's."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "waylight.web.triage"
    label = "waylight_triage"
    verbose_name = _("Waylight triage queue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The admin site does not discover modules by itself: register the queue's pages on it.
        from waylight.web.triage import admin  # noqa: F401
