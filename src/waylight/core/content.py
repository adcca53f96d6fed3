"""Open and validate Waylight's content files.

Content is data, never code: YAML files under `waylight/content/`, each checked against a JSON
Schema in `waylight/content/schema/` when it is loaded. Loading is cached, so every shell pays
for a file once per process.
"""

from __future__ import annotations

import json
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
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema `content/schema/<name>.schema.json`."""
    path = content_path(f"schema/{name}.schema.json")
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ContentError(f"schema/{name}.schema.json", str(exc)) from exc
    return schema


def validate(data: Any, *, schema: str, file: str) -> None:
    """Raise ContentError naming the file and field when `data` breaks `schema`."""
    # Imported here: jsonschema costs ~100 ms to import and `waylight --help` must stay fast.
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(load_schema(schema))
    validator = validator_cls(load_schema(schema))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        field = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ContentError(file, first.message, field=field)


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
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ContentError(relpath, f"is not valid YAML: {exc}") from exc
    if schema is not None:
        validate(data, schema=schema, file=relpath)
    return data


def list_content(folder: str, *, suffix: str = ".yaml") -> list[str]:
    """Relative paths of the content files in `folder`, sorted by name."""
    node = content_path(folder)
    if not node.is_dir():
        return []
    return sorted(
        f"{folder}/{child.name}" for child in node.iterdir() if child.name.endswith(suffix)
    )
