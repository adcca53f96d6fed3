"""A one-page summary of what a person shares, for a professional's record (fpdf2).

Help-now lines come first when a hard flag is open, as on every result Waylight shows; then the
flags with their acknowledgements, each questionnaire's change read, the latest results and the
check-ins by month. Notes and the plan are not printed: the page is for the record, and both
stay in the person's own words on screen. Long lists are cut to keep it to one page.
"""

from __future__ import annotations

from collections import defaultdict

from waylight.core.resources import CountryHelp
from waylight.web.pdf import INK, RED, TEAL, _new_pdf, _text, help_lines
from waylight.web.pdf_summary import _table
from waylight.web.selectors.care import PersonView

ABOUT = (
    "Screening results and check-ins the person chose to share through Waylight. They are not "
    "a diagnosis and cannot predict what will happen; flags are signals for a human to act on."
)
MAX_FLAGS = 8
MAX_RESULTS = 8
MAX_MONTHS = 6


def shared_summary_pdf(view: PersonView, help_: CountryHelp) -> bytes:
    texts = [view.access.name, *(r.flag.reason for r in view.flags), *help_lines(help_)]
    texts += [s for summary in view.summaries for s in summary.statements]
    pdf, font, uni = _new_pdf(texts, format="A4")
    pdf.set_title("Shared summary")
    pdf.set_margins(16, 12, 16)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str, size: float = 12, colour: tuple[int, int, int] = TEAL) -> None:
        pdf.set_text_color(*colour)
        pdf.set_font(font, "B", size)
        pdf.cell(width, size * 0.55, _text(text, uni), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.set_font(font, "", 9)

    def para(text: str) -> None:
        pdf.set_font(font, "", 9)
        pdf.multi_cell(width, 4.4, _text(text, uni), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    heading(f"Shared by {view.access.name}", 16)
    shared = ", ".join(part.replace("_", " ") for part in view.access.grant.parts)
    para(f"Shared since {view.access.link.created_at:%d %B %Y}: {shared}. {ABOUT}")
    if view.open_hard:
        heading("Help now, for the person", 11, RED)
        para("\n".join(help_lines(help_)))

    heading("Flags")
    if not view.flags:
        para("No flags raised.")
    for row in view.flags[:MAX_FLAGS]:
        state = (
            f"acknowledged by {row.acknowledged.by_name}, {row.acknowledged.at:%d %b %Y %H:%M}"
            if row.acknowledged
            else "OPEN"
        )
        para(f"{row.flag.when:%d %b %Y} - {row.flag.label} ({state}): {row.flag.reason}")
    if len(view.flags) > MAX_FLAGS:
        para(f"... and {len(view.flags) - MAX_FLAGS} more (see the CSV export).")

    if "results" in view.parts_read:
        heading("Questionnaires")
        for summary in view.summaries:
            para(f"{summary.title}: " + " ".join(summary.statements))
        if view.results:
            _table(
                pdf,
                font,
                uni,
                ["Date", "Questionnaire", "Total", "Result"],
                [
                    [
                        f"{r.when:%d %b %Y}",
                        r.title,
                        "" if r.total is None else str(r.total),
                        (r.label or "") + (" (hard trigger)" if r.hard else ""),
                    ]
                    for r in view.results[:MAX_RESULTS]
                ],
                [28, 40, 18, width - 86],
            )

    if "check_ins" in view.parts_read:
        heading("Check-ins by month")
        grouped: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        for s in view.check_ins:
            c = s.check_in
            grouped[c.day.strftime("%Y-%m")].append((c.mood, c.urge, c.harmed is True))
        months = sorted(grouped)[-MAX_MONTHS:]
        if not months:
            para("No check-ins in the last three months.")
        else:
            _table(
                pdf,
                font,
                uni,
                ["Month", "Check-ins", "Mood (0-10)", "Urge (0-10)", "Days hurt"],
                [
                    [
                        m,
                        str(len(grouped[m])),
                        f"{sum(v[0] for v in grouped[m]) / len(grouped[m]):.1f}",
                        f"{sum(v[1] for v in grouped[m]) / len(grouped[m]):.1f}",
                        str(sum(1 for v in grouped[m] if v[2])),
                    ]
                    for m in months
                ],
                [26, 24, 34, 34, width - 118],
            )
    return bytes(pdf.output())
