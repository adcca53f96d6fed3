"""Which text detector produced a result: the model's version and the detector content's version.

A batch result is kept for months and compared across runs, so every row says which model and
which rules read it. Both are fingerprints of the shipped files, not hand-kept numbers, so they
change exactly when what the detector reads changes:

- `model_version`: `text-model-<format>-<sha256 of every shipped weight file and description,
  12 hex>` (the post model, the learned reader's heads, its static table and encoder, the
  depression level head);
- `content_version`: `text-content-<sha256 of content/text/*.yaml, 12 hex>` (the rules, their
  context cues and the operating point: everything besides the model that sets a result).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from waylight.core.content import content_path, list_content
from waylight.core.errors import ContentError

_MODEL_FILES = ("text_model.json", "text_model.npz")
# Present when the learned reader ships (its heads, the static table, the encoder and their
# vocabulary) and the depression level head that reads its features; part of the fingerprint
# then.
_READER_FILES = (
    "reader.json",
    "reader.npz",
    "static_table.npz",
    "encoder.npz",
    "encoder_vocab.txt",
    "depression_head.json",
    "depression_head.npz",
)
_DIGEST_CHARS = 12


@dataclass(frozen=True)
class DetectorVersions:
    """The fingerprints written next to every batch result."""

    model_version: str
    content_version: str


@cache
def detector_versions() -> DetectorVersions:
    """The versions of the shipped text model and detector content, computed once per process."""
    return DetectorVersions(model_version=_model_version(), content_version=_content_version())


def _model_version() -> str:
    return model_version_of(resources.files("waylight.core.textrisk").joinpath("model"))


def model_version_of(folder: Traversable) -> str:
    """The model version of the model files in `folder` ("rules-only" without the post model)."""
    digest = hashlib.sha256()
    try:
        info = json.loads(folder.joinpath(_MODEL_FILES[0]).read_text(encoding="utf-8"))
        for name in _MODEL_FILES:
            digest.update(name.encode() + b"\0" + folder.joinpath(name).read_bytes() + b"\0")
        for name in _READER_FILES:
            path = folder.joinpath(name)
            if path.is_file():
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    except (OSError, ValueError):
        # The detector then runs on its rules alone; say so rather than invent a version.
        return "rules-only"
    return f"text-model-{info.get('format', 0)}-{digest.hexdigest()[:_DIGEST_CHARS]}"


def _content_version() -> str:
    digest = hashlib.sha256()
    files = list_content("text")
    if not files:
        raise ContentError("text", "the text detector's content files are missing")
    for relpath in files:
        try:
            body = content_path(relpath).read_bytes()
        except OSError as exc:
            raise ContentError(relpath, f"cannot be read ({exc})") from exc
        digest.update(relpath.encode() + b"\0" + body + b"\0")
    return f"text-content-{digest.hexdigest()[:_DIGEST_CHARS]}"
