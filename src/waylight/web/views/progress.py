"""My progress: mood and urges, questionnaire totals, milestones without shame.

Charts are SVG drawn on the server (waylight.web.charts), each with a data table; the change
rules and milestone logic are the core's (waylight.core.recover).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from waylight.core.recover.change import change_rule
from waylight.web.charts import Series, line_chart
from waylight.web.language import page_language
from waylight.web.owner import owner_for_write, owner_of
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors.progress import RANGES, Progress, chart_points, progress
from waylight.web.services import journal as journal_service
from waylight.web.services.guard import write_guard
from waylight.web.views.helpnow import help_context

SCORE_MAX = 27  # PHQ-9 and PHQ-A; the GAD-7 goes to 21 on the same axis


def _mood_chart(data: Progress) -> Any:
    points, weekly = chart_points(data.days)
    each = (
        _("one point a week (the average of that week's check-ins)")
        if weekly
        else _("one point a day (the average when there are several check-ins)")
    )
    return line_chart(
        "chart-mood",
        title=_("Mood and urges, {range}").format(range=data.range_label.lower()),
        description=_(
            "Mood (solid line) and urge to hurt yourself (dashed line), 0 to 10, {each}. "
            "Every check-in is in the table below."
        ).format(each=each),
        series=[
            Series(_("Mood"), [(d.day, round(d.mood, 1)) for d in points]),
            Series(_("Urge"), [(d.day, round(d.urge, 1)) for d in points]),
        ],
        y_range=(0, 10),
        y_labels=range(0, 11, 2),
    )


def _scores_chart(data: Progress) -> Any:
    series = []
    for instrument, scores in data.scores.items():
        rule = change_rule(instrument)
        points = [(s.when.date(), s.total) for s in scores if s.total is not None]
        if rule is not None and points:
            series.append(Series(rule.title, points))
    return line_chart(
        "chart-scores",
        title=_("Questionnaire totals, {range}").format(range=data.range_label.lower()),
        description=_(
            "Totals of the questionnaires you kept, over time; lower totals mean fewer "
            "problems. The same numbers are in the table below."
        ),
        series=series,
        y_range=(0, SCORE_MAX),
        y_labels=(0, 5, 10, 15, 20, 27),
    )


@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    data = progress(
        owner_of(request),
        range_key=request.GET.get("range", ""),
        today=timezone.localdate(),
        lang=page_language(request),
    )
    # The table's rows in one pass (a year is 365 rows; a template loop, or format_html per row,
    # costs several milliseconds more). Safe without escaping: only numbers and the month names
    # of the page's language (its short date format, from the catalog).
    short = pgettext("date format", "j M Y")
    mood_rows = mark_safe(
        "".join(
            f"<tr><td>{escape(dateformat.format(s.check_in.day, short))}</td>"
            f"<td>{int(s.check_in.mood)}</td><td>{int(s.check_in.urge)}</td></tr>"
            for s in data.entries
        )
    )
    scores_table = sorted(
        (s for scores in data.scores.values() for s in scores), key=lambda s: s.when, reverse=True
    )
    context = help_context(
        request,
        nav="space",
        data=data,
        ranges=[(key, label) for key, (label, _days) in RANGES.items()],
        mood_chart=_mood_chart(data),
        scores_chart=_scores_chart(data),
        scores_table=scores_table,
        mood_rows=mood_rows,
        latest_trigger=any(s.trigger_first for s in data.summaries),
        weekly=chart_points(data.days)[1],
    )
    return render(request, "waylight/progress/index.html", context)


@rate_limited("write")
@require_POST
def days_since(request: HttpRequest) -> HttpResponse:
    """Switch the optional "days since" counter on or off."""
    show = request.POST.get("show") == "on"
    response = HttpResponseRedirect(reverse("progress") + "#days-since")
    with write_guard(), transaction.atomic():  # a failure is the 503 page
        journal_service.set_show_days_since(owner_for_write(request, response), show)
    messages.success(
        request,
        _("The days-since counter is on.") if show else _("The days-since counter is hidden."),
    )
    return response
