"""Entry point for `spark-submit`: run `waylight scan` as a Spark application on a cluster.

    spark-submit --master yarn [Spark options] "$(python -m waylight.batch.spark_app --path)" \
        INPUT -o OUTPUT [scan options]

The scan options are `waylight scan`'s; the engine is always Spark and the master is the one
spark-submit was given (docs/batch.md, "On an existing cluster").
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--path"]:
        print(__file__)  # where this file is, for the spark-submit command line
        return
    from waylight.cli import main as cli_main

    cli_main(["scan", *args, "--engine", "spark"])


if __name__ == "__main__":
    main()
