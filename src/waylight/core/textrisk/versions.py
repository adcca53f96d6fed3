"""Which detector produced a result: its content version and its model version.

Batch output carries both on every line, so a result can always be traced to the exact rules
and weights that made it (and two runs can be compared only when both match).

- content version: the first 12 hex digits of the sha256 of the detector's content files
  (signals, context cues, operating point), in a fixed order. Any edit to a rule, a cue or a
  threshold gives a new version.
- model version: written into the model description by training (the training date and a hash
  of the weight files); "none" when a detector runs without trained readers.
"""

from __future__ import annotations

import hashlib
from functools import cache

from waylight.core.content import content_path

CONTENT_FILES = ("text/signals.yaml", "text/context.yaml", "text/operating_point.yaml")
NO_MODEL = "none"


@cache
def content_version() -> str:
    """A short hash of the detector's content files."""
    digest = hashlib.sha256()
    for name in CONTENT_FILES:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(content_path(name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]
