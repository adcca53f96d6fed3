"""How commands report bad input: a clear message on stderr and exit code 2."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import click

from waylight.core.errors import InputError

P = ParamSpec("P")
R = TypeVar("R")


class BadInput(click.UsageError):
    """A click usage error (exit code 2) carrying the core's message."""


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn the core's InputError into click's usage error: message plus exit code 2."""
    try:
        yield
    except InputError as exc:
        raise BadInput(str(exc)) from exc


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of `input_errors` for a command callback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with input_errors():
            return func(*args, **kwargs)

    return wrapper


def emit_json(payload: Any) -> None:
    """Print one JSON document on stdout, the way every `--json` flag does."""
    import json

    click.echo(json.dumps(payload, ensure_ascii=False, indent=None))
