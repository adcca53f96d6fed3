"""The PDF prints any script from fonts shipped in the package, on one page."""

from __future__ import annotations

import logging

import pytest

from waylight.core.resources import help_for
from waylight.web.pdf import FONT_DIR, fallbacks_needed, plan_page_pdf, wallet_card_pdf
from waylight.web.plan_sections import MAX_LINE_CHARS, MAX_LINES, SECTIONS


@pytest.mark.parametrize(
    ("text", "fonts"),
    [("Zoë, Аня, שלום", []), ("散歩に行く 산책 李雷", ["cjk"]), ("my dog 🐶 🌈", ["emoji"])],
)
def test_cjk_and_emoji_print_with_shipped_fonts_and_no_missing_glyph(
    text: str, fonts: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert fallbacks_needed([text]) == fonts
    caplog.set_level(logging.WARNING, logger="fpdf")
    pdf = plan_page_pdf({"reasons": [text]}, help_for("GB"))
    card = wallet_card_pdf({"reasons": [text]}, help_for("GB"))
    assert pdf.startswith(b"%PDF") and card.startswith(b"%PDF")
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text
    for name in fonts:
        family = {"cjk": b"DroidSansFallback", "emoji": b"Symbola"}[name]
        assert family in pdf  # the glyphs come from the shipped font, embedded


def test_every_shipped_font_has_its_licence_beside_it() -> None:
    names = {p.name for p in FONT_DIR.iterdir()}
    for licence in ("DejaVu.LICENSE.txt", "DroidSansFallback.LICENSE.txt", "Symbola.LICENSE.txt"):
        assert licence in names


@pytest.mark.parametrize("word", ["walk the dog ", "散歩に行く 산책 "])
def test_a_full_plan_is_one_page(word: str) -> None:
    line = (word * 100)[:MAX_LINE_CHARS]
    full = {s.key: [line] * MAX_LINES for s in SECTIONS}
    pdf = plan_page_pdf(full, help_for("GB"))
    assert b"/Count 1" in pdf  # shortened, saying so, so that help now still fits
