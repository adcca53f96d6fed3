"""Draw the home-screen icons (PNG, 192 and 512 px) shipped in the web app's static files.

Run once after changing the design: `.venv/bin/python tools/make_icons.py`. The icon is the
header's brand mark (a warm light inside a teal circle) on a full-bleed teal square, so it also
works as a "maskable" icon that phones crop to their own shape.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "src/waylight/web/static/waylight/img"
TEAL_DARK = (22, 69, 72)
TEAL = (31, 95, 99)
SUN = (246, 210, 122)
PAPER = (251, 248, 243)


def icon(size: int) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges without extra libraries
    big = size * scale
    image = Image.new("RGB", (big, big), TEAL_DARK)
    draw = ImageDraw.Draw(image)
    # Keep the mark inside the central 60 % "safe zone" of a maskable icon.
    ring = big * 0.30
    centre = big / 2
    draw.ellipse((centre - ring, centre - ring, centre + ring, centre + ring), fill=PAPER)
    inner = ring * 0.82
    draw.ellipse((centre - inner, centre - inner, centre + inner, centre + inner), fill=TEAL)
    sun = ring * 0.36
    sun_y = centre - ring * 0.18
    draw.ellipse((centre - sun, sun_y - sun, centre + sun, sun_y + sun), fill=SUN)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    for size in (192, 512):
        icon(size).save(OUT / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
