"""The triage queue's pages, under /triage/ (docs/web.md lists them)."""

from __future__ import annotations

from django.urls import path

from waylight.web.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("posts/<int:post_id>/", views.post, name="post"),
    path("posts/<int:post_id>/decide/", views.decide, name="decide"),
    path("export/", views.export_page, name="export"),
    path("export/false-alarms.<str:fmt>", views.export_false_alarms, name="export_false_alarms"),
]
