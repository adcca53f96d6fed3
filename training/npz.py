"""Named arrays written to one `.npz` file, as `np.savez_compressed(path, **arrays)` writes them.

numpy's type stubs read `**arrays` as possibly filling `savez`'s own `allow_pickle` flag, so a
mapping of arrays does not type-check there; this passes the same arrays, typed loosely.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np


def save_npz(path: Path, arrays: Mapping[str, np.ndarray], *, compressed: bool = True) -> None:
    """`np.savez_compressed(path, **arrays)`, or `np.savez` when not `compressed`."""
    named: dict[str, Any] = dict(arrays)
    if compressed:
        np.savez_compressed(path, **named)
    else:
        np.savez(path, **named)
