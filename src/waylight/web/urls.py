"""Waylight's URL map. Kept stable: browser tests and the load benchmark use it (docs/web.md)."""

from __future__ import annotations

from django.urls import path

from waylight.web.api import api
from waylight.web.views import check, helpnow, learn, pages, plan, privacy, results, worried

urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("about/how-we-write/", pages.how_we_write, name="how_we_write"),
    path("healthz", pages.healthz, name="healthz"),
    path("help-now/", helpnow.help_now, name="help_now"),
    path("country/", helpnow.set_country, name="set_country"),
    path("country/zones.json", helpnow.time_zones, name="time_zones"),
    path("learn/", learn.index, name="learn"),
    path("learn/search/", learn.search, name="learn_search"),
    path("learn/quiz/", learn.quiz, name="quiz"),
    path("learn/quiz/<int:number>/", learn.quiz, name="quiz_question"),
    path("learn/quiz/summary/", learn.quiz_summary, name="quiz_summary"),
    path("learn/<slug:section_id>/", learn.section, name="learn_section"),
    path("learn/<slug:section_id>/<slug:item_id>/", learn.item, name="learn_item"),
    path("check/", check.index, name="check"),
    path("check/<slug:instrument_id>/", check.question, name="check_question"),
    path("check/<slug:instrument_id>/result/", check.result_action, name="check_result"),
    path("worried/", worried.worried, name="worried"),
    path("plan/", plan.view_plan, name="plan"),
    path("plan/edit/", plan.edit_plan, name="plan_edit"),
    path("plan/plan.pdf", plan.plan_pdf, name="plan_pdf"),
    path("plan/card.pdf", plan.card_pdf, name="plan_card"),
    path("plan/plan.json", plan.plan_json, name="plan_json"),
    path("plan/import/", plan.import_plan, name="plan_import"),
    path("plan/delete/", plan.delete_plan, name="plan_delete"),
    path("results/", results.list_results, name="results"),
    path("results/<int:result_id>/delete/", results.delete_result, name="result_delete"),
    path("delete-everything/", privacy.delete_everything, name="delete_everything"),
    path("api/", api.urls),
]

handler400 = "waylight.web.views.errors.bad_request"
handler404 = "waylight.web.views.errors.not_found"
handler500 = "waylight.web.views.errors.server_error"
