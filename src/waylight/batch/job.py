"""What a scan is asked to do, and what it reports at the end (shared by both engines)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from waylight.batch.inputs import Fields
from waylight.batch.work import ChunkCounts


@dataclass(frozen=True)
class ScanJob:
    """One scan: input, output, fields and how to run it."""

    input: Path
    input_format: str
    output: Path
    output_format: str
    fields: Fields
    workers: int = 0
    resume: bool = False
    checkpoint_rows: int = 20_000

    @property
    def work_dir(self) -> Path:
        """The scan's own folder next to OUTPUT: checkpoint and parts; gone when it finishes."""
        return self.output.with_name(self.output.name + ".scan-work")


@dataclass
class ScanSummary:
    """What a finished scan reports: counts, where things went, how long it took."""

    engine: str
    output: Path
    counts: ChunkCounts = field(default_factory=ChunkCounts)
    authors_output: Path | None = None
    authors: int = 0
    alerts: int = 0
    urgent_alerts: int = 0
    resumed_at: int = 0  # rows already done when this run started (0: a fresh scan)
    seconds: float = 0.0
