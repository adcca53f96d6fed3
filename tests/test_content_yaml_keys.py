"""Every content YAML file writes each mapping key once.

`yaml.safe_load` keeps the last of two equal keys without a word, so a spelling or a pattern
entry written twice would silently replace the first: a reader of the file sees both, the
detector only one. This check reads every content file with a loader that refuses a repeated
key, and names the file, the key and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CONTENT = Path(__file__).resolve().parent.parent / "src" / "waylight" / "content"
FILES = sorted(p for p in CONTENT.rglob("*") if p.suffix in {".yaml", ".yml"})


class RepeatedKey(ValueError):
    pass


class _OnceLoader(yaml.SafeLoader):
    """A safe loader that raises on a mapping key written twice."""


def _construct_mapping(loader: _OnceLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        line = key_node.start_mark.line + 1
        if key in seen:
            raise RepeatedKey(f"key {key!r} on line {line} was already written on line {seen[key]}")
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_OnceLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_once(text: str) -> Any:
    # A SafeLoader subclass: it builds plain data only, like yaml.safe_load.
    return yaml.load(text, Loader=_OnceLoader)


def test_the_loader_refuses_a_repeated_key_and_keeps_the_rest() -> None:
    assert load_once("a: 1\nb: {c: 2}\n") == {"a": 1, "b": {"c": 2}}
    with pytest.raises(RepeatedKey, match="'a' on line 3 was already written on line 1"):
        load_once("a: 1\nb: 2\na: 3\n")
    with pytest.raises(RepeatedKey, match="'c'"):
        load_once("b:\n  c: 1\n  c: 2\n")


def test_there_are_content_files_to_check() -> None:
    assert len(FILES) > 20
    assert CONTENT / "text" / "spelling.yaml" in FILES


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CONTENT)) for p in FILES])
def test_no_content_file_writes_a_key_twice(path: Path) -> None:
    load_once(path.read_text(encoding="utf-8"))
