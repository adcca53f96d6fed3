"""Output writers that commit in steps, so an interrupted scan resumes without losing a row.

A commit makes everything written so far durable (flushed and fsynced) and returns what a
resumed scan needs to find that point again:

- JSON lines and CSV are written straight into OUTPUT; a commit records its size in bytes.
  On resume, anything after that size (a chunk written but not committed) is cut off.
- Parquet keeps its index at the end of the file, so a half-written file cannot be read back.
  Each commit closes a numbered part file in the scan's work folder; at the end the parts are
  joined into OUTPUT (one row group per part). On resume, parts after the last commit go.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from waylight.batch.inputs import InputProblem
from waylight.batch.work import arrow_schema, csv_bytes, record_batch


def fsync_dir(path: Path) -> None:
    """Make a new or renamed file's directory entry durable too."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class StreamOutput:
    """JSON lines or CSV, appended in place. `committed`: bytes known to be complete."""

    def __init__(self, path: Path, fmt: str, committed: int | None) -> None:
        self.path = path
        self._file: IO[bytes]
        if committed is None:
            self._file = path.open("wb")
            if fmt == "csv":
                self._file.write(csv_bytes(record_batch([]), header=True))
        else:
            if not path.exists() or path.stat().st_size < committed:
                raise InputProblem(
                    f"cannot resume: {path} is shorter than its last checkpoint (it was changed "
                    f"or removed); delete {path.name}.scan-work to start again"
                )
            self._file = path.open("r+b")
            self._file.truncate(committed)
            self._file.seek(committed)

    def write(self, payload: bytes) -> None:
        self._file.write(payload)

    def commit(self) -> dict[str, Any]:
        self._file.flush()
        os.fsync(self._file.fileno())
        return {"bytes": self._file.tell()}

    def finish(self) -> None:
        self.commit()
        self._file.close()

    def close(self) -> None:
        self._file.close()


class PartsOutput:
    """Arrow record batches in numbered Parquet part files, one closed at each commit."""

    def __init__(self, folder: Path, prefix: str, schema: Any, committed: int | None) -> None:
        self.folder = folder
        self.prefix = prefix
        self.schema = schema
        self.parts = committed or 0
        folder.mkdir(parents=True, exist_ok=True)
        for stale in self._all_parts()[self.parts :]:
            stale.unlink()  # written after the last commit: redone on resume
        self._writer: Any = None

    def _part(self, index: int) -> Path:
        return self.folder / f"{self.prefix}-{index:06d}.parquet"

    def _all_parts(self) -> list[Path]:
        return sorted(self.folder.glob(f"{self.prefix}-*.parquet"))

    def committed_parts(self) -> list[Path]:
        return [self._part(i) for i in range(self.parts)]

    def write(self, batch: Any) -> None:
        import pyarrow.parquet as pq

        if batch is None or batch.num_rows == 0:
            return
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._part(self.parts), self.schema)
        self._writer.write_batch(batch)

    def commit(self) -> dict[str, Any]:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            part = self._part(self.parts)
            with part.open("rb") as handle:
                os.fsync(handle.fileno())
            self.parts += 1
            fsync_dir(self.folder)
        return {"parts": self.parts}

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


class ParquetOutput:
    """Parquet OUTPUT: parts while scanning, joined into one file at the end."""

    def __init__(self, path: Path, work: Path, committed: int | None) -> None:
        self.path = path
        self.parts = PartsOutput(work / "parts", "rows", arrow_schema(), committed)

    def write(self, batch: Any) -> None:
        self.parts.write(batch)

    def commit(self) -> dict[str, Any]:
        return self.parts.commit()

    def finish(self) -> None:
        import pyarrow.parquet as pq

        self.parts.commit()
        tmp = self.path.with_name(self.path.name + ".joining")
        with pq.ParquetWriter(tmp, arrow_schema()) as writer:
            for part in self.parts.committed_parts():
                writer.write_table(pq.read_table(part, schema=arrow_schema()))
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
        fsync_dir(self.path.parent)

    def close(self) -> None:
        self.parts.close()


def open_output(path: Path, fmt: str, work: Path, committed: dict[str, Any] | None) -> Any:
    """The writer for OUTPUT in `fmt`, fresh (`committed` None) or resumed at a checkpoint."""
    if fmt == "parquet":
        return ParquetOutput(path, work, None if committed is None else int(committed["parts"]))
    return StreamOutput(path, fmt, None if committed is None else int(committed["bytes"]))
