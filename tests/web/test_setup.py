"""Start-up: SQLite in WAL mode, debug off, the serve command (keys: test_keys.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import connection


@pytest.mark.django_db
def test_sqlite_database_file_runs_in_wal_mode(tmp_path: Path) -> None:
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("WAL is a SQLite setting (DATABASE_URL points elsewhere)")
    # The same settings as the app's database, on a fresh file (the test database may be in
    # memory, where WAL does not apply).
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "w.sqlite3")})
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1  # deleted plans are overwritten, not left behind
    finally:
        wrapper.close()


def test_debug_is_off_by_default() -> None:
    from django.conf import settings

    assert settings.DEBUG is False


def test_serve_command_has_the_documented_options() -> None:
    from waylight.cli.serve import default_workers, serve

    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.output
    assert 2 <= default_workers() <= 8
    bad = CliRunner().invoke(serve, ["--port", "0"])
    assert bad.exit_code == 2


@pytest.mark.django_db
def test_the_models_and_their_migrations_agree() -> None:
    """A model change without its migration would break every existing database on upgrade."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as missing:
        raise AssertionError(f"models changed without a migration:\n{out.getvalue()}") from missing
