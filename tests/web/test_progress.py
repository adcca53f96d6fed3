"""My progress: charts drawn on the server as SVG with a data table each, the change rules in
plain words, and milestones without shame."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.conftest import assert_safe_page
from tests.web.recover_data import add_check_ins, keep_result, phq9_answers, utc

pytestmark = pytest.mark.django_db


def test_an_empty_progress_page_explains_where_things_come_from(client: Client) -> None:
    html = assert_safe_page(client.get("/progress/"))
    assert "No check-ins in this period" in html and "Keep this result" in html
    assert "<svg" not in html


def test_a_week_of_check_ins_gives_a_chart_and_the_same_numbers_in_a_table(client: Client) -> None:
    today = timezone.localdate()
    add_check_ins(client, 7, end=today)
    response = client.get("/progress/")
    html = assert_safe_page(response)
    assert response["Cache-Control"] == "no-store, private"
    svg = re.search(r'<svg[^>]*id="chart-mood"[^>]*>', html)
    assert svg and 'role="img"' in svg.group(0) and "chart-mood-title" in svg.group(0)
    assert '<title id="chart-mood-title">Mood and urges, last 3 months</title>' in html
    table = html.split("Mood and urges as a table")[1].split("</table>")[0]
    assert table.count("<tr>") == 8  # header and seven days
    assert f"<td>{today:%-d %b %Y}</td>" in table


def test_the_chart_has_no_inline_style_or_script_and_a_point_per_day(client: Client) -> None:
    today = timezone.localdate()
    add_check_ins(client, 30, end=today)
    html = client.get("/progress/?range=30").content.decode()
    chart = html.split('id="chart-mood"')[1].split("</svg>")[0]
    assert "<script" not in chart and "style=" not in chart and "<style" not in chart
    assert chart.count('class="dot ') == 60  # mood and urge, 30 days


def test_a_year_of_daily_check_ins_renders_with_every_day_in_the_table(client: Client) -> None:
    today = timezone.localdate()
    add_check_ins(client, 365, end=today)
    html = client.get("/progress/?range=365").content.decode()
    table = html.split("Mood and urges as a table")[1].split("</table>")[0]
    assert table.count("<tr>") == 366
    # A year is drawn one point a week (readable on a phone); the table keeps every day.
    assert "one point a week" in html
    chart = html.split('id="chart-mood"')[1].split("</svg>")[0]
    mood_line = chart.split('class="series serie-0')[1].split('class="line')[0]
    assert 52 <= mood_line.count(" ") // 2 <= 55
    assert "Check-ins kept" in html and ">365<" in html


def test_an_unknown_range_falls_back_to_three_months(client: Client) -> None:
    add_check_ins(client, 2, end=timezone.localdate())
    response = client.get("/progress/?range=<script>")
    assert response.status_code == 200
    assert 'value="90" selected' in response.content.decode()


def test_questionnaire_totals_are_charted_and_read_with_the_change_rules(client: Client) -> None:
    today = timezone.localdate()
    keep_result(client, "phq9", phq9_answers(16), utc(today - timedelta(days=40)))
    keep_result(client, "phq9", phq9_answers(12), utc(today - timedelta(days=20)))
    keep_result(client, "phq9", phq9_answers(6), utc(today))
    keep_result(client, "gad7", ["1"] * 7, utc(today))
    html = assert_safe_page(client.get("/progress/"))
    assert 'id="chart-scores"' in html
    assert "went down by 6 points since last time (from 12 to 6)" in html
    assert "Doctors call a drop like this a &quot;response&quot;" in html
    assert "remission" not in html  # 6 is not below 5
    table = html.split("Questionnaire totals as a table")[1].split("</table>")[0]
    assert table.count("<tr>") == 5 and "PHQ-9" in table and "GAD-7" in table
    assert "not a diagnosis" in html


def test_a_new_hard_trigger_speaks_first_with_help_and_no_reassurance(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    today = timezone.localdate()
    keep_result(client, "phq9", phq9_answers(18), utc(today - timedelta(days=30)))
    keep_result(client, "phq9", phq9_answers(4, item9=1), utc(today))
    html = assert_safe_page(client.get("/progress/"))
    lead = html.split("<h1>My progress</h1>")[1]
    assert lead.lstrip().startswith('<p class="lead lead-urgent">Your latest PHQ-9 answers')
    assert html.index('href="tel:999"') < html.index("What you have done")
    for reassurance in ("remission", "went down by", "Doctors call"):
        assert reassurance not in html


def test_days_since_is_hidden_until_switched_on_and_a_setback_keeps_what_was_done(
    client: Client,
) -> None:
    today = timezone.localdate()
    add_check_ins(client, 12, end=today - timedelta(days=1), harmed_on={8})
    hidden = client.get("/progress/").content.decode()
    assert "This counter is hidden" in hidden and "days since the last time" not in hidden
    response = client.post("/progress/days-since/", {"show": "on"})
    assert response.status_code == 302
    shown = client.get("/progress/").content.decode()
    assert "days since the last time you noted hurting yourself" in shown
    assert "not a return to the start" in shown
    assert "Hide the days-since counter" in shown
    client.post("/progress/days-since/", {"show": "off"})
    assert "This counter is hidden" in client.get("/progress/").content.decode()


def test_milestones_count_what_was_done(client: Client) -> None:
    add_check_ins(client, 8, end=timezone.localdate())
    client.post(
        "/toolbox/urge/", {"action": "finish", "before": "7", "after": "3", "minutes": "15"}
    )
    html = client.get("/progress/").content.decode()
    assert "You have kept 7 check-ins." in html and "Next milestone: 14 check-ins." in html
    assert "You rode out your first urge." in html
    assert "days clean" not in html.lower()


def test_another_device_sees_none_of_it(client: Client) -> None:
    add_check_ins(client, 7, end=timezone.localdate())
    assert "chart-mood" not in Client().get("/progress/").content.decode()
