"""Waylight's URL map. Kept stable: browser tests and the load benchmark use it (docs/web.md)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from waylight.web.api import api
from waylight.web.language import set_language
from waylight.web.views import (
    accounts,
    check,
    helpnow,
    journal,
    learn,
    mydata,
    offline,
    pages,
    plan,
    privacy,
    progress,
    reminders,
    results,
    space,
    toolbox,
    worried,
)

urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("about/how-we-write/", pages.how_we_write, name="how_we_write"),
    path("healthz", pages.healthz, name="healthz"),
    path("help-now/", helpnow.help_now, name="help_now"),
    path("country/", helpnow.set_country, name="set_country"),
    path("country/zones.json", helpnow.time_zones, name="time_zones"),
    path("language/", set_language, name="set_language"),
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
    # Recover: my space over time, coping in the moment, offline on the phone.
    path("space/", space.space, name="space"),
    path("journal/", journal.journal, name="journal"),
    path("journal/new/", journal.new_entry, name="journal_new"),
    path("journal/queued/", journal.queued, name="journal_queued"),
    path("journal/<int:entry_id>/edit/", journal.edit_entry, name="journal_edit"),
    path("journal/<int:entry_id>/delete/", journal.delete_entry, name="journal_delete"),
    path("journal/<int:entry_id>/support/", journal.support, name="journal_support"),
    path("toolbox/", toolbox.index, name="toolbox"),
    path("toolbox/urge/", toolbox.urge, name="toolbox_urge"),
    path("toolbox/urge/done/", toolbox.urge_done, name="toolbox_urge_done"),
    path("toolbox/grounding/", toolbox.grounding, name="toolbox_grounding"),
    path("toolbox/breathing/", toolbox.breathing, name="toolbox_breathing"),
    path("toolbox/ideas/", toolbox.ideas, name="toolbox_ideas"),
    path("toolbox/reasons/", toolbox.reasons, name="toolbox_reasons"),
    path("progress/", progress.progress_page, name="progress"),
    path("progress/days-since/", progress.days_since, name="progress_days_since"),
    path("reminders/", reminders.reminders, name="reminders"),
    path("my-data/", mydata.my_data, name="my_data"),
    path("my-data/waylight-export.json", mydata.export_json, name="export_json"),
    path("my-data/waylight-export-csv.zip", mydata.export_csv, name="export_csv"),
    path("my-data/my-results-over-time.pdf", mydata.export_pdf, name="export_pdf"),
    path("account/", accounts.account, name="account"),
    path("account/signup/", accounts.sign_up, name="signup"),
    path("account/login/", accounts.sign_in, name="login"),
    path("account/logout/", accounts.sign_out, name="logout"),
    path("account/password/", accounts.change_password, name="password_change"),
    path("account/delete/", accounts.delete_account, name="account_delete"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.offline, name="offline"),
    path("api/", api.urls),
    # The triage queue (its own app): reviewers' pages.
    path("triage/", include("waylight.web.triage.urls")),
    # The Django admin (staff only; it signs in through /account/login/: waylight.web.adminsite).
    path("admin/", admin.site.urls),
]

handler400 = "waylight.web.views.errors.bad_request"
handler404 = "waylight.web.views.errors.not_found"
handler500 = "waylight.web.views.errors.server_error"
