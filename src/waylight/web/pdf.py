"""The safety plan on paper: a one-page PDF and a wallet card, both with help-now lines.

A system DejaVu font is used when one is installed so any name or language prints; otherwise
the built-in Helvetica is used and characters it cannot print are replaced.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF

from waylight.core.resources import CountryHelp
from waylight.web.helplines import reach_lines
from waylight.web.plan_sections import SECTIONS

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_ASCII_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-", "·": "-"}
)
INK = (31, 42, 48)
TEAL = (22, 69, 72)
RED = (127, 29, 35)


def _fits_latin1(texts: list[str]) -> bool:
    try:
        "".join(texts).translate(_ASCII_PUNCTUATION).encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _new_pdf(texts: list[str], **kwargs: object) -> tuple[FPDF, str, bool]:
    pdf = FPDF(**kwargs)  # type: ignore[arg-type]
    pdf.set_creator("Waylight")
    pdf.set_title("My safety plan")
    if _fits_latin1(texts):
        # The built-in font is many times faster than embedding a TrueType font.
        return pdf, "Helvetica", False
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("Body", "", str(regular))
            pdf.add_font("Body", "B", str(bold))
            return pdf, "Body", True
    return pdf, "Helvetica", False


def _text(value: str, unicode_font: bool) -> str:
    if unicode_font:
        return value
    value = unicodedata.normalize("NFKC", value).translate(_ASCII_PUNCTUATION)
    return value.encode("latin-1", "replace").decode("latin-1")


def help_lines(help_: CountryHelp) -> list[str]:
    """Short printed lines: emergency number first, then each service's first way to reach it."""
    lines = reach_lines(help_)
    if help_.emergency is None:
        lines.insert(0, "Emergency: call your local emergency number")
    return lines


def plan_page_pdf(sections: dict[str, list[str]], help_: CountryHelp) -> bytes:
    """The whole plan on one A4 page: the font shrinks until everything fits."""
    for size in (11.0, 10.0, 9.0, 8.0, 7.0, 6.0):
        pdf = _plan_page(sections, help_, size)
        if pdf.page_no() == 1:
            return bytes(pdf.output())
    return bytes(_plan_page(sections, help_, 6.0, clip=True).output())


def _plan_page(
    sections: dict[str, list[str]], help_: CountryHelp, size: float, *, clip: bool = False
) -> FPDF:
    texts = [entry for entries in sections.values() for entry in entries] + help_lines(help_)
    pdf, font, uni = _new_pdf(texts, format="A4")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(not clip, margin=12)
    pdf.add_page()
    width = pdf.epw
    pdf.set_text_color(*TEAL)
    pdf.set_font(font, "B", size + 8)
    pdf.cell(width, (size + 8) * 0.5, _text("My safety plan", uni), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(font, "", size)
    pdf.multi_cell(
        width,
        size * 0.48,
        _text(
            "Start at step 1 and go on to the next step if things don't ease. You can skip to "
            "any step at any time.",
            uni,
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(size * 0.3)
    for section in SECTIONS:
        entries = sections.get(section.key, [])
        pdf.set_text_color(*TEAL)
        pdf.set_font(font, "B", size + 1.5)
        pdf.cell(
            width, (size + 1.5) * 0.55, _text(section.title, uni), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_text_color(*INK)
        pdf.set_font(font, "", size)
        body = "\n".join(f"- {entry}" for entry in entries) or "(nothing written yet)"
        pdf.multi_cell(width, size * 0.48, _text(body, uni), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.25)
    pdf.ln(size * 0.2)
    pdf.set_draw_color(*RED)
    pdf.set_text_color(*RED)
    pdf.set_font(font, "B", size + 1.5)
    pdf.cell(width, (size + 1.5) * 0.55, _text("Help now", uni), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(font, "", size)
    lines = "\n".join(help_lines(help_))
    pdf.multi_cell(width, size * 0.48, _text(lines, uni), border="T", new_x="LMARGIN", new_y="NEXT")
    return pdf


def wallet_card_pdf(sections: dict[str, list[str]], help_: CountryHelp) -> bytes:
    """A credit-card-sized card (85.6 x 54 mm), front and back, to fold into a wallet."""
    texts = [entry for entries in sections.values() for entry in entries] + help_lines(help_)
    pdf, font, uni = _new_pdf(texts, format=(85.6, 54))
    pdf.set_margins(4, 4, 4)
    pdf.set_auto_page_break(False)
    width = 85.6 - 8

    def heading(text: str, colour: tuple[int, int, int]) -> None:
        pdf.set_text_color(*colour)
        pdf.set_font(font, "B", 7.5)
        pdf.cell(width, 3.6, _text(text, uni), new_x="LMARGIN", new_y="NEXT")

    def more_in_full_plan() -> None:
        pdf.set_y(47.5)
        pdf.set_text_color(*TEAL)
        pdf.set_font(font, "B", 6.3)
        pdf.cell(width, 2.8, _text("More in your full plan.", uni), new_x="LMARGIN", new_y="NEXT")

    def body(lines: list[str], limit: int, bottom: float = 50) -> int:
        """Print up to `limit` lines above `bottom` (mm); how many were printed."""
        pdf.set_text_color(*INK)
        pdf.set_font(font, "", 6.3)
        shown = 0
        for entry in lines[:limit]:
            if pdf.get_y() > bottom:
                break
            pdf.multi_cell(width, 2.8, _text(f"- {entry}"[:90], uni), new_x="LMARGIN", new_y="NEXT")
            shown += 1
        return shown

    pdf.add_page()
    heading("My safety plan: when things get hard", TEAL)
    left_out = 0
    for key, title, limit in (
        ("warning_signs", "My warning signs", 2),
        ("coping_alone", "I can", 3),
        ("helpers", "I can ask", 3),
        ("reasons", "My reasons", 2),
    ):
        entries = sections.get(key, [])
        if entries and pdf.get_y() < 42:
            heading(title, TEAL)
            left_out += len(entries) - body(entries, limit, bottom=44)
        else:
            left_out += len(entries)
    # A card never drops lines silently: it says where the rest is.
    left_out += sum(len(sections.get(k, [])) for k in ("distractions", "safer_surroundings"))
    if left_out:
        more_in_full_plan()

    pdf.add_page()
    heading("Help now", RED)
    body(help_lines(help_), 5)
    # The crisis lines are already under "Help now": keep the person's own contacts here.
    known = ("Emergency services", *(service.name for service in help_.services))
    services = [s for s in sections.get("professionals", []) if not s.startswith(known)]
    left_out = len(services)
    if services and pdf.get_y() < 42:
        heading("My services", TEAL)
        left_out -= body(services, 3, bottom=44)
    if left_out:
        more_in_full_plan()
    return bytes(pdf.output())
