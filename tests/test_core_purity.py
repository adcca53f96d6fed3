"""The core must not pull in a web framework, a database driver, Spark or Arrow (SPEC section 5)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import waylight.core

FORBIDDEN = ("django", "ninja", "sqlite3", "psycopg", "pyspark", "pyarrow", "torch", "sklearn")


def core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(waylight.core.__path__, prefix="waylight.core.")
    )


def test_importing_every_core_module_loads_no_shell_dependency() -> None:
    modules = core_modules()
    assert modules, "the core has no modules"
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported: {out.stdout.strip()}"
