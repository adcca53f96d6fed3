"""Charts drawn on the server as SVG with pygal, made safe to put inside a page.

pygal's SVG carries an inline <style> and <script> (tooltips); the page's Content-Security-Policy
allows neither, so they are taken out and the chart is styled by the site's own stylesheet
(classes `.chart ...` in site.css). Each chart is an image with a title and a description for
screen readers; the numbers are always also in a data table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree as ET

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[date, float]]


def line_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    series: Sequence[Series],
    y_range: tuple[int, int],
    y_labels: Sequence[int] | None = None,
) -> SafeString:
    """An inline SVG line chart over dates, or an empty string when there are no points."""
    if not any(s.points for s in series):
        return mark_safe("")
    import pygal
    from django.utils import dateformat

    days = {d for s in series for d, _ in s.points}
    span = (max(days) - min(days)).days if days else 0
    # Month names in the page's language (Django's date format letters: "1 Dec", "dic 2026").
    fmt = "j M" if span <= 120 else "M Y"
    chart = pygal.DateLine(
        # A narrow canvas: on a 360 px phone the labels stay readable when the chart shrinks.
        width=480,
        height=280,
        explicit_size=False,
        js=[],
        css=[],
        disable_xml_declaration=True,
        show_dots=span <= 60,
        dots_size=3,
        range=y_range,
        y_labels=list(y_labels) if y_labels is not None else None,
        legend_at_bottom=True,
        truncate_legend=-1,
        x_label_rotation=0,
        x_labels_major_count=4,
        show_minor_x_labels=False,
        x_value_formatter=lambda d: dateformat.format(d, fmt),
        margin=8,
        margin_right=24,
    )
    for one in series:
        chart.add(one.name, [(d, v) for d, v in one.points])
    return _safe_svg(chart.render_tree(), chart_id, title, description)


def _safe_svg(root: ET.Element, chart_id: str, title: str, description: str) -> SafeString:
    """The chart without inline style or script, labelled for assistive technology."""
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
        classes = (element.get("class") or "").split()
        own_title = tag == "title" and parents.get(element) is root  # pygal's "Pygal"
        if tag in {"style", "script"} or "tooltip-overlay" in classes or own_title or not tag:
            parent = parents.get(element)
            if parent is not None:
                parent.remove(element)
            continue
        element.attrib.pop("style", None)
        if element.get("id", "").startswith("activate-serie"):
            element.attrib.pop("id")
    root.set("id", chart_id)
    root.set("class", "chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    # <title> and <desc> first, so they name the image; escaped: they may hold a person's words.
    opening_end = body.index(">") + 1
    label = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return mark_safe(body[:opening_end] + label + body[opening_end:])
