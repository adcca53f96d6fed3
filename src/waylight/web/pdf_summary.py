"""My results over time on paper: questionnaire totals with the change rules, check-ins by
month, and help-now lines first. Made to take to a doctor or counsellor; notes are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF

from waylight.core.recover.change import ChangeSummary
from waylight.core.resources import CountryHelp
from waylight.web.pdf import INK, RED, TEAL, _new_pdf, _text, help_lines
from waylight.web.selectors.export import Everything


def _about() -> str:
    return _(
        "These are my own answers to screening questionnaires and my daily check-ins. They are "
        "not a diagnosis and they cannot tell what will happen next; they are a starting point "
        "for a conversation."
    )


def _months(data: Everything) -> list[tuple[str, int, float, float, int]]:
    """(month, check-ins, average mood, average urge, days I noted hurting myself)."""
    grouped: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for stored in data.check_ins:
        c = stored.check_in
        grouped[c.day.strftime("%Y-%m")].append((c.mood, c.urge, c.harmed is True))
    rows = []
    for month in sorted(grouped):
        values = grouped[month]
        rows.append(
            (
                month,
                len(values),
                sum(v[0] for v in values) / len(values),
                sum(v[1] for v in values) / len(values),
                sum(1 for v in values if v[2]),
            )
        )
    return rows


def results_summary_pdf(
    data: Everything, summaries: Sequence[ChangeSummary], help_: CountryHelp
) -> bytes:
    texts = [s for summary in summaries for s in summary.statements] + help_lines(help_)
    pdf, font, uni = _new_pdf([*texts, *(r.title for r in data.results)], format="A4")
    pdf.set_title(_("My results over time"))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str, size: float = 13, colour: tuple[int, int, int] = TEAL) -> None:
        pdf.set_text_color(*colour)
        pdf.set_font(font, "B", size)
        pdf.cell(width, size * 0.55, _text(text, uni), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.set_font(font, "", 10)

    def para(text: str) -> None:
        pdf.multi_cell(width, 5, _text(text, uni), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    heading(_("My results over time"), 18)
    printed = dateformat.format(data.exported_at, pgettext("date format", "j F Y"))
    para(_("Printed {date}.").format(date=printed) + " " + _about())

    heading(_("Help now"), 12, RED)
    para("\n".join(help_lines(help_)))

    heading(_("Questionnaires"))
    if not data.results:
        para(_("No questionnaire results are kept yet."))
    for summary in summaries:
        heading(summary.title, 11)
        for statement in summary.statements:
            para(statement)
    if data.results:
        _table(
            pdf,
            font,
            uni,
            [_("Date"), _("Questionnaire"), _("Total"), _("Result")],
            [
                [
                    dateformat.format(r.saved_at, pgettext("date format", "j M Y")),
                    r.title,
                    "" if r.total is None else str(r.total),
                    (r.label or "") + (" " + _("(help now shown)") if r.help_now else ""),
                ]
                for r in data.results
            ],
            [28, 52, 18, width - 98],
        )

    heading(_("Daily check-ins by month"))
    months = _months(data)
    if not months:
        para(_("No check-ins are kept yet."))
    else:
        _table(
            pdf,
            font,
            uni,
            [
                _("Month"),
                _("Check-ins"),
                _("Average mood (0-10)"),
                _("Average urge (0-10)"),
                _("Days hurt"),
            ],
            [
                [m, str(n), f"{mood:.1f}", f"{urge:.1f}", str(hurt)]
                for m, n, mood, urge, hurt in months
            ],
            [26, 24, 42, 42, width - 134],
        )
    para(_("Urges ridden out with the toolbox timer: {count}.").format(count=len(data.rides)))
    return bytes(pdf.output())


def _table(
    pdf: FPDF,
    font: str,
    uni: bool,
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
) -> None:
    pdf.set_font(font, "B", 9)
    for text, w in zip(header, widths, strict=True):
        pdf.cell(w, 6, _text(text, uni), border="B")
    pdf.ln(6)
    pdf.set_font(font, "", 9)
    for row in rows:
        for text, w in zip(row, widths, strict=True):
            pdf.cell(w, 5.5, _text(text, uni)[:60])
        pdf.ln(5.5)
    pdf.ln(3)
    pdf.set_font(font, "", 10)
