"""The words of a PDF Waylight drew with its built-in font, for tests to read.

Waylight prints text that fits Latin-1 in the PDF's own Helvetica (waylight.web.pdf): each line
is a string in a compressed content stream, encoded in WinAnsi (cp1252). Reading those strings
back shows whether accents and "ñ" came out right, without a PDF library.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
_ESCAPE = re.compile(rb"\\([()\\])")


def pdf_text(data: bytes) -> str:
    """Every string the PDF shows with Tj, one per line, in drawing order."""
    lines: list[str] = []
    for match in _STREAM.finditer(data):
        try:
            body = zlib.decompress(match.group(1))
        except zlib.error:
            continue  # an embedded font or image, not a page
        lines += [_ESCAPE.sub(rb"\1", s).decode("cp1252") for s in _SHOWN.findall(body)]
    return "\n".join(lines)
