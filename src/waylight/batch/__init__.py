"""Batch shells around the core: `waylight scan` on one machine and the same scan on Spark.

The core (`waylight.core.scan`, `waylight.core.early_warning`) decides what a result row and an
author alert are; this package only reads input files, spreads the work over processes or
Spark executors, and writes JSON lines, CSV or Parquet (docs/batch.md).

- `inputs`: input formats, field checks, streaming readers that never stop on a bad row;
- `work`: one chunk of input rows to encoded output (the same function in every engine);
- `outputs`: writers that commit in steps, so an interrupted scan can resume;
- `authors`: the per-author early-warning output;
- `local`: the local engine (worker processes, checkpoints, resume);
- `spark`: the Spark engine (PySpark, Arrow batches).
"""
