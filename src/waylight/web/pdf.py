"""The safety plan on paper: a one-page PDF and a wallet card, both with help-now lines.

Text that fits Latin-1 prints in the built-in Helvetica (many times faster). Anything else
prints in fonts shipped with Waylight (waylight/web/fonts, licences beside them): DejaVu Sans,
with Droid Sans Fallback for Chinese, Japanese and Korean and a Symbola cut for emoji added
only when the plan has such characters. No system font is needed.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from waylight.core.resources import CountryHelp
from waylight.web.helplines import reach_lines
from waylight.web.plan_sections import SECTIONS, PlanSection

FONT_DIR = Path(__file__).resolve().parent / "fonts"
BODY_FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# Fallbacks in the order they are tried for a character the body font lacks.
FALLBACK_FONTS = {"cjk": "DroidSansFallback.ttf", "emoji": "SymbolaEmoji.ttf"}
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


@cache
def _coverage(filename: str) -> frozenset[int]:
    """The code points a shipped font has glyphs for (read once per process)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(FONT_DIR / filename), lazy=True) as font:
        return frozenset(font.getBestCmap())


def fallbacks_needed(texts: list[str]) -> list[str]:
    """Which fallback fonts the texts need: those with glyphs the body font lacks."""
    missing = {ord(c) for c in "".join(texts)} - _coverage(BODY_FONTS[""])
    needed = []
    for name, filename in FALLBACK_FONTS.items():
        if missing & _coverage(filename):
            needed.append(name)
            missing -= _coverage(filename)
    return needed


def _new_pdf(texts: list[str], **kwargs: object) -> tuple[FPDF, str, bool]:
    pdf = FPDF(**kwargs)  # type: ignore[arg-type]
    pdf.set_creator("Waylight")
    pdf.set_title(_("My safety plan"))
    pdf.set_lang(get_language() or "en")  # the words around the plan are in the page's language
    if _fits_latin1(texts):
        # The built-in font is many times faster than embedding a TrueType font.
        return pdf, "Helvetica", False
    for style, filename in BODY_FONTS.items():
        pdf.add_font("Body", style, str(FONT_DIR / filename))
    needed = fallbacks_needed(texts)
    for name in needed:
        pdf.add_font(name, "", str(FONT_DIR / FALLBACK_FONTS[name]))
    if needed:
        # One regular face each: bold text borrows it rather than printing blanks.
        pdf.set_fallback_fonts(needed, exact_match=False)
    return pdf, "Body", True


def _text(value: str, unicode_font: bool) -> str:
    if unicode_font:
        return value
    value = unicodedata.normalize("NFKC", value).translate(_ASCII_PUNCTUATION)
    return value.encode("latin-1", "replace").decode("latin-1")


def help_lines(help_: CountryHelp) -> list[str]:
    """Short printed lines: emergency number first, then each service's first way to reach it."""
    lines = reach_lines(help_)
    if help_.emergency is None:
        lines.insert(0, _("Emergency: call your local emergency number"))
    return lines


# One A4 page. fpdf2's multi_cell re-measures a line for every character it adds, which made a
# full plan take seconds (tens of seconds in Chinese) per try, and the old code tried up to
# seven font sizes. Here every word is measured once, lines are wrapped by us (widths scale
# with the font size), the size that fits is chosen before drawing, and the page is drawn once.
PAGE_H = 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 16.0, 14.0, 12.0
SIZES = (11.0, 10.0, 9.0, 8.0, 7.0, 6.0)
BASE_SIZE = 10.0


def _intro() -> str:
    return _(
        "Start at step 1 and go on to the next step if things don't ease. You can skip to any "
        "step at any time."
    )


def _empty_section() -> str:
    return _("(nothing written yet)")


def _more() -> str:
    return _("... (the rest of this part is in Waylight)")


class _Measure:
    """Text widths at BASE_SIZE, each word measured once; a width at size s scales by s/BASE."""

    def __init__(self, pdf: FPDF, font: str) -> None:
        self.pdf = pdf
        self.font = font
        self.cache: dict[tuple[str, str], float] = {}

    def width(self, text: str, style: str, size: float) -> float:
        key = (style, text)
        if key not in self.cache:
            self.pdf.set_font(self.font, style, BASE_SIZE)
            self.cache[key] = self.pdf.get_string_width(text)
        return self.cache[key] * size / BASE_SIZE

    def wrap(self, text: str, style: str, size: float, avail: float) -> list[str]:
        """Greedy word wrap; a word wider than a line (CJK has no spaces) breaks anywhere."""
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and self._fits(candidate, current, word, style, size, avail):
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            if self.width(word, style, size) <= avail:
                current = word
                continue
            for char in word:
                if current and self.width(current + char, style, size) > avail:
                    lines.append(current)
                    current = ""
                current += char
        lines.append(current)
        return lines

    def _fits(
        self, candidate: str, current: str, word: str, style: str, size: float, avail: float
    ) -> bool:
        # Sum of parts: no need to measure every growing line as a new string.
        total = (
            self.width(current, style, size)
            + self.width(" ", style, size)
            + self.width(word, style, size)
        )
        return total <= avail


def plan_page_pdf(
    sections: dict[str, list[str]],
    help_: CountryHelp,
    plan_sections: tuple[PlanSection, ...] = SECTIONS,
) -> bytes:
    """The whole plan on one A4 page with the help-now lines always at the end.

    The largest font size from 11 to 6 pt that fits is used; when even 6 pt is too small, the
    longest parts are shortened (saying so) so that help now still fits on the page. The
    headings are `plan_sections`' titles and the other words in the active language.
    """
    helps = help_lines(help_)
    texts = [entry for entries in sections.values() for entry in entries] + helps
    pdf, font, uni = _new_pdf(texts, format="A4")
    pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
    pdf.set_auto_page_break(False)
    measure = _Measure(pdf, font)
    avail = pdf.epw - 2 * pdf.c_margin
    bodies = {
        s.key: [_text(f"- {entry}", uni) for entry in sections.get(s.key, [])]
        or [_text(_empty_section(), uni)]
        for s in plan_sections
    }
    help_text = [_text(line, uni) for line in helps]
    usable = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    for size in SIZES:
        layout = _layout(measure, bodies, help_text, size, avail, uni, plan_sections)
        if _height(layout, size) <= usable:
            break
    else:
        layout = _shorten(
            _layout(measure, bodies, help_text, SIZES[-1], avail, uni, plan_sections),
            usable,
            _text(_more(), uni),
        )
    _draw(pdf, font, layout, size if _height(layout, size) <= usable else SIZES[-1])
    return bytes(pdf.output())


# A layout is a list of blocks: (kind, lines), kind one of title, intro, heading, body, help.
Layout = list[tuple[str, list[str]]]
_LINE_FACTOR = {"title": 0.5, "heading": 0.55, "intro": 0.48, "body": 0.48, "help": 0.48}
_SIZE_ADD = {"title": 8.0, "heading": 1.5, "intro": 0.0, "body": 0.0, "help": 0.0}
_GAP_AFTER = {"intro": 0.3, "body": 0.25, "help_heading": 0.2}


def _layout(
    measure: _Measure,
    bodies: dict[str, list[str]],
    help_text: list[str],
    size: float,
    avail: float,
    uni: bool,
    plan_sections: tuple[PlanSection, ...],
) -> Layout:
    def wrap(kind: str, text: str) -> list[str]:
        style = "B" if kind in ("title", "heading") else ""
        return measure.wrap(text, style, size + _SIZE_ADD[kind], avail)

    layout: Layout = [
        ("title", wrap("title", _text(_("My safety plan"), uni))),
        ("intro", wrap("intro", _text(_intro(), uni))),
    ]
    for section in plan_sections:
        layout.append(("heading", wrap("heading", _text(section.title, uni))))
        layout.append(
            ("body", [line for entry in bodies[section.key] for line in wrap("body", entry)])
        )
    layout.append(("help_heading", wrap("heading", _text(_("Help now"), uni))))
    layout.append(("help", [line for entry in help_text for line in wrap("help", entry)]))
    return layout


def _line_height(kind: str, size: float) -> float:
    kind = "heading" if kind == "help_heading" else kind
    return (size + _SIZE_ADD[kind]) * _LINE_FACTOR[kind]


def _height(layout: Layout, size: float) -> float:
    total = 0.0
    for kind, lines in layout:
        total += len(lines) * _line_height(kind, size) + _GAP_AFTER.get(kind, 0.0) * size
    return total


def _shorten(layout: Layout, usable: float, more: str) -> Layout:
    """Drop lines from the longest parts of the plan until the page (with help now) fits."""
    size = SIZES[-1]
    bodies = [i for i, (kind, _lines) in enumerate(layout) if kind == "body"]
    while _height(layout, size) > usable:
        longest = max(bodies, key=lambda i: len(layout[i][1]))
        lines = layout[longest][1]
        if len(lines) <= 2:
            break  # nothing left to shorten; never reached with the form's limits
        kept = lines[:-2] if lines[-1] == more else lines[:-1]
        layout[longest] = ("body", [*kept, more])
    return layout


def _draw(pdf: FPDF, font: str, layout: Layout, size: float) -> None:
    pdf.add_page()
    width = pdf.epw
    colours = {"title": TEAL, "heading": TEAL, "help_heading": RED}
    for kind, lines in layout:
        style = "B" if kind in ("title", "heading", "help_heading") else ""
        add = _SIZE_ADD["heading" if kind == "help_heading" else kind]
        pdf.set_text_color(*colours.get(kind, INK))
        pdf.set_font(font, style, size + add)
        if kind == "help":
            pdf.set_draw_color(*RED)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        for line in lines:
            pdf.cell(width, _line_height(kind, size), line, new_x="LMARGIN", new_y="NEXT")
        gap = _GAP_AFTER.get(kind, 0.0)
        if gap:
            pdf.ln(gap * size)


def wallet_card_pdf(
    sections: dict[str, list[str]],
    help_: CountryHelp,
    plan_sections: tuple[PlanSection, ...] = SECTIONS,
) -> bytes:
    """A credit-card-sized card (85.6 x 54 mm), front and back, to fold into a wallet, in the
    active language (`plan_sections` is accepted for symmetry; the card has its own short
    headings)."""
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
        more = _text(_("More in your full plan."), uni)
        pdf.cell(width, 2.8, more, new_x="LMARGIN", new_y="NEXT")

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
    heading(_("My safety plan: when things get hard"), TEAL)
    left_out = 0
    for key, title, limit in (
        ("warning_signs", _("My warning signs"), 2),
        ("coping_alone", _("I can"), 3),
        ("helpers", _("I can ask"), 3),
        ("reasons", _("My reasons"), 2),
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
    heading(_("Help now"), RED)
    body(help_lines(help_), 5)
    # The crisis lines are already under "Help now": keep the person's own contacts here (in
    # either language: a plan written on an English page may be printed from a Spanish one).
    known = (
        "Emergency services",
        _("Emergency services"),
        *(service.name for service in help_.services),
    )
    services = [s for s in sections.get("professionals", []) if not s.startswith(known)]
    left_out = len(services)
    if services and pdf.get_y() < 42:
        heading(_("My services"), TEAL)
        left_out -= body(services, 3, bottom=44)
    if left_out:
        more_in_full_plan()
    return bytes(pdf.output())
