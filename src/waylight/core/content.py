"""Open and validate Waylight's content files.

Content is data, never code: YAML files under `waylight/content/`, each checked against a JSON
Schema in `waylight/content/schema/` when it is loaded. Loading is cached, so every shell pays
for a file once per process.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from waylight.core.errors import ContentError

# The C loader is several times faster; fall back where PyYAML was built without libyaml.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def content_root() -> Traversable:
    """The folder that holds every shipped content file."""
    return resources.files("waylight") / "content"


def content_path(relpath: str) -> Traversable:
    """A content file or folder, by its path relative to the content root."""
    node = content_root()
    for part in relpath.split("/"):
        node = node / part
    return node


@cache
def _schema_text(name: str) -> str:
    path = content_path(f"schema/{name}.schema.json")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"schema/{name}.schema.json", str(exc)) from exc


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema `content/schema/<name>.schema.json`."""
    try:
        schema: dict[str, Any] = json.loads(_schema_text(name))
    except json.JSONDecodeError as exc:
        raise ContentError(f"schema/{name}.schema.json", str(exc)) from exc
    return schema


def _passed_marker(text: str, schema: str) -> str | None:
    """Where a pass of this exact file against this exact schema is remembered, if anywhere.

    Schema validation costs a second or more per process (importing jsonschema, then walking
    every file), which a person feels on each command. The files only change with a new
    release, so a pass is remembered under a hash of file and schema text in the user's cache
    folder; any change to either gives a new hash and a full validation. Failures are never
    remembered. WAYLIGHT_CONTENT_CACHE=off turns this off.
    """
    if os.environ.get("WAYLIGHT_CONTENT_CACHE", "").lower() in {"off", "0", "no"}:
        return None
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(f"{schema}\0{_schema_text(schema)}\0{text}".encode()).hexdigest()
    return os.path.join(user_cache_dir("waylight"), "content-ok", digest)


def _validate_once(data: Any, text: str, *, schema: str, file: str) -> None:
    marker = _passed_marker(text, schema)
    if marker and os.path.exists(marker):
        return
    validate(data, schema=schema, file=file)
    if marker:
        try:
            os.makedirs(os.path.dirname(marker), exist_ok=True)
            with open(marker, "w", encoding="utf-8") as fh:
                fh.write(file)
        except OSError:
            pass  # a read-only cache folder only costs speed


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the fastest safe loader available."""
    return yaml.load(text, Loader=_Loader)


def schema_errors(data: Any, schema: dict[str, Any]) -> list[tuple[str, str]]:
    """(field path, message) for each way `data` breaks `schema`, in document order."""
    # Imported here: jsonschema costs ~100 ms to import and `waylight --help` must stay fast.
    import jsonschema

    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [("/".join(str(p) for p in e.absolute_path) or "(top level)", e.message) for e in errors]


def validate(data: Any, *, schema: str, file: str) -> None:
    """Raise ContentError naming the file and field when `data` breaks `schema`."""
    errors = schema_errors(data, load_schema(schema))
    if errors:
        field, message = errors[0]
        raise ContentError(file, message, field=field)


@cache
def load_data(relpath: str, *, schema: str | None = None) -> Any:
    """Load a YAML (or JSON) content file, validated against `schema` when one is given.

    The result is cached and shared: callers must treat it as read-only.
    """
    path = content_path(relpath)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(relpath, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise ContentError(relpath, f"is not valid YAML: {exc}") from exc
    if schema is not None:
        _validate_once(data, text, schema=schema, file=relpath)
    return data


def list_content(folder: str, *, suffix: str = ".yaml") -> list[str]:
    """Relative paths of the content files in `folder`, sorted by name."""
    node = content_path(folder)
    if not node.is_dir():
        return []
    return sorted(
        f"{folder}/{child.name}" for child in node.iterdir() if child.name.endswith(suffix)
    )
