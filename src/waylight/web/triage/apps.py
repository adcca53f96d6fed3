"""The triage queue's Django app: its own models and migrations, apart from the main app's."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "waylight.web.triage"
    label = "waylight_triage"
    verbose_name = _("Waylight triage queue")
    default_auto_field = "django.db.models.BigAutoField"
