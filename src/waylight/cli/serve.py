"""`waylight serve`: migrate the database, then run the web app with gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

import click


def default_workers() -> int:
    """Two workers per core, at least two and at most eight: enough for a small server."""
    return max(2, min(8, (os.cpu_count() or 1) * 2))


def prepare() -> str:
    """Set up Django and bring the database up to date (created on the first start).

    Returns "" when saving works, else why it is off. A database that cannot be written (a
    read-only or full disk) does not stop the server: help now and learning need no database.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waylight.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError

    django.setup()
    if settings.SAVING_OFF_REASON:
        return str(settings.SAVING_OFF_REASON)
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        return f"the database cannot be prepared ({type(exc).__name__}: {exc})"
    return ""


@click.command(help="Run the Waylight web app (migrates the database first).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Worker processes (default: 2 per CPU core, 2 to 8).",
)
def serve(host: str, port: int, workers: int | None) -> None:
    from django.core.exceptions import ImproperlyConfigured
    from gunicorn.app.base import BaseApplication

    workers = workers or default_workers()
    # PDFs may use all workers but one, so help now always finds a free one (pdfgate).
    os.environ.setdefault("WAYLIGHT_PDF_SLOTS", str(max(1, workers - 1)))
    try:
        saving_off = prepare()
    except ImproperlyConfigured as exc:
        click.echo(f"Waylight cannot start: {exc}", err=True)
        sys.exit(2)
    from django.conf import settings

    from waylight.web.wsgi import application

    class WaylightServer(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": workers,
                # Sync workers answer 50 connections always in flight with a far shorter tail
                # than threaded ones on 2 cores (p99 about 190 ms against 350-550 ms, measured
                # with wrk; docs/benchmarks.md). The cost: no keep-alive, and a slow client
                # holds a worker, so put a buffering proxy in front on a public network.
                "worker_class": "sync",
                "timeout": 30,
                "graceful_timeout": 10,
                "accesslog": None,  # no request log: URLs and timings can reveal health data
                "errorlog": "-",
                "loglevel": "warning",
                # gunicorn's own records go through the same privacy filter as Django's.
                "logconfig_dict": settings.LOGGING,
                "proc_name": "waylight",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"Waylight is running at http://{shown_host}:{port}/  (press Ctrl+C to stop)")
    click.echo(f"Data folder: {settings.DATA_DIR}", err=True)
    click.echo(f"Keys: {settings.KEYS.source}", err=True)
    if saving_off:
        click.echo(
            f"Saving is off: {saving_off}. Help now and learning work; plans and results "
            "cannot be saved until this is fixed.",
            err=True,
        )
    WaylightServer().run()
