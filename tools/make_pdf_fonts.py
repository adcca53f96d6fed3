"""Rebuild the fonts the safety-plan PDF ships with (src/waylight/web/fonts/).

    apt-get install fonts-dejavu-core fonts-droid-fallback fonts-symbola
    .venv/bin/python tools/make_pdf_fonts.py

- DejaVu Sans and DejaVu Sans Bold (fonts-dejavu-core), unchanged: Latin, Greek, Cyrillic,
  Arabic, Hebrew and many symbols. Bitstream Vera licence.
- Droid Sans Fallback (fonts-droid-fallback), unchanged: Chinese, Japanese and Korean.
  Apache License 2.0.
- Symbola (fonts-symbola), cut down to the emoji and pictograph blocks (its licence allows
  changes): emoji print as black-and-white pictures. "Free for any use".

Each font's licence text is copied beside it from the Debian package's copyright file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "waylight" / "web" / "fonts"
PREFIX = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/")

COPIES = {
    "DejaVuSans.ttf": "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf": "usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "DroidSansFallback.ttf": "usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
}
SYMBOLA = "usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
LICENCES = {
    "DejaVu.LICENSE.txt": "usr/share/doc/fonts-dejavu-core/copyright",
    "DroidSansFallback.LICENSE.txt": "usr/share/doc/fonts-droid-fallback/copyright",
    "Symbola.LICENSE.txt": "usr/share/doc/fonts-symbola/copyright",
}
# Miscellaneous symbols, dingbats, arrows and the emoji and pictograph planes.
EMOJI_RANGES = [
    (0x2190, 0x21FF),
    (0x2300, 0x23FF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x1F000, 0x1FAFF),
]


def main() -> None:
    from fontTools import subset

    OUT.mkdir(parents=True, exist_ok=True)
    for name, source in {**COPIES, **LICENCES}.items():
        shutil.copyfile(PREFIX / source, OUT / name)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(PREFIX / SYMBOLA), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[u for lo, hi in EMOJI_RANGES for u in range(lo, hi + 1)])
    subsetter.subset(font)
    subset.save_font(font, str(OUT / "SymbolaEmoji.ttf"), options)
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>10,}  {path.name}")


if __name__ == "__main__":
    main()
