"""`waylight apikey`, `waylight reviewer` and `waylight queue`, run as a person runs them: real
processes on a fresh data folder (SQLite made and migrated by the first command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def waylight(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "waylight", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {
        **clean,
        "WAYLIGHT_DATA_DIR": str(tmp_path / "data"),
        "WAYLIGHT_KEYS_DIR": str(tmp_path / "keys"),
        "DJANGO_SETTINGS_MODULE": "waylight.web.settings",
    }


def test_keys_are_made_shown_once_listed_and_revoked(env: dict[str, str]) -> None:
    made = waylight(env, "apikey", "create", "Forum A", "--keep-texts", "--json")
    assert made.returncode == 0, made.stderr
    key = json.loads(made.stdout)
    assert key["key"].startswith(key["prefix"] + "_") and key["webhook_secret"] is None
    plain = waylight(
        env, "apikey", "create", "Chat B", "--webhook-url", "https://chat.example/hooks"
    )
    assert plain.returncode == 0 and "Webhook secret: whsec_" in plain.stdout
    assert "cannot show it again" in plain.stderr
    listed = waylight(env, "apikey", "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["name"] for r in rows] == ["Forum A", "Chat B"]
    assert rows[0]["keep_texts"] is True and rows[1]["webhook_url"] == "https://chat.example/hooks"
    assert key["key"] not in listed.stdout  # never the key itself
    revoked = waylight(env, "apikey", "revoke", key["prefix"])
    assert revoked.returncode == 0 and "Revoked" in revoked.stdout
    text = waylight(env, "apikey", "list").stdout
    assert f"{key['prefix']}  Forum A: revoked" in text and "Chat B: active" in text


@pytest.mark.parametrize(
    "args",
    [
        ("apikey", "create", ""),
        ("apikey", "create", "Forum", "--webhook-url", "http://forum.example/hooks"),
        ("apikey", "create", "Forum", "--rate", "lots"),
        ("apikey", "revoke", "wl_nothere"),
        ("reviewer", "add", "nobody-by-that-name"),
        ("queue", "purge", "--everything"),
        ("queue", "export", "--since", "yesterday"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(env: dict[str, str], args: tuple[str, ...]) -> None:
    done = waylight(env, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Error" in done.stderr and "Traceback" not in done.stderr


def test_reviewers_are_added_listed_and_removed(env: dict[str, str]) -> None:
    code = (
        "from waylight.cli.serve import prepare; prepare();"
        "from waylight.web.services.accounts import create_account;"
        "create_account('Rae', 'a long enough password 42')"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=180)
    assert waylight(env, "reviewer", "add", "rae").returncode == 0  # names match without case
    assert waylight(env, "reviewer", "list").stdout.split() == ["Rae"]
    assert waylight(env, "reviewer", "remove", "Rae").returncode == 0
    assert "No account" in waylight(env, "reviewer", "list").stdout


def test_purge_and_export_run_on_an_empty_queue(env: dict[str, str], tmp_path: Path) -> None:
    purged = waylight(env, "queue", "purge")
    assert purged.returncode == 0 and "Erased 0 text(s)" in purged.stdout
    out = tmp_path / "fa.csv"
    assert waylight(env, "queue", "export", "--format", "csv", "-o", str(out)).returncode == 0
    assert out.read_text().startswith("post_id,platform,received_at,")
    assert "Delivered 0" in waylight(env, "queue", "deliver").stdout
