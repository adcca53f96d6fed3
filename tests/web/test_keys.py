"""Keys never sit beside the data: from the environment in production, else a separate folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from waylight.web.keys import (
    ENV_KEYS,
    ENV_KEYS_DIR,
    ENV_SECRET,
    KEYS_FILE,
    SECRET_FILE,
    KeyConfigError,
    add_new_key,
    load_keys,
    parse_key_list,
)

WAYLIGHT = str(Path(sys.executable).with_name("waylight"))
GOOD_SECRET = "s" * 60


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in (ENV_SECRET, ENV_KEYS, "WAYLIGHT_ENCRYPTION_KEY", "WAYLIGHT_SECRET_KEY_FALLBACKS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV_KEYS_DIR, str(tmp_path / "keys"))
    return tmp_path


def test_production_refuses_to_start_without_keys_in_the_environment(clean_env: Path) -> None:
    with pytest.raises(KeyConfigError) as error:
        load_keys(production=True, data_dir=clean_env / "data")
    message = str(error.value)
    assert ENV_SECRET in message and ENV_KEYS in message and "waylight keys new" in message
    assert not (clean_env / "keys").exists()  # nothing generated on disk in production


def test_production_refuses_a_malformed_key(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_SECRET, GOOD_SECRET)
    monkeypatch.setenv(ENV_KEYS, f"{Fernet.generate_key().decode()},not-a-key")
    with pytest.raises(KeyConfigError, match="key number 2 is not a valid encryption key"):
        load_keys(production=True, data_dir=None)
    monkeypatch.setenv(ENV_KEYS, Fernet.generate_key().decode())
    monkeypatch.setenv(ENV_SECRET, "short")
    with pytest.raises(KeyConfigError, match="too short"):
        load_keys(production=True, data_dir=None)


def test_production_takes_several_keys_newest_first(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(ENV_SECRET, GOOD_SECRET)
    monkeypatch.setenv(ENV_KEYS, f"{new}, {old}")
    keys = load_keys(production=True, data_dir=None)
    assert keys.encryption_keys == (new, old) and keys.source == "environment"


def test_local_keys_are_made_once_in_a_private_folder_apart_from_the_data(
    clean_env: Path,
) -> None:
    data = clean_env / "data"
    data.mkdir()
    first = load_keys(production=False, data_dir=data)
    again = load_keys(production=False, data_dir=data)
    assert first == again and len(first.encryption_keys) == 1
    folder = clean_env / "keys"
    assert folder.stat().st_mode & 0o777 == 0o700
    for name in (SECRET_FILE, KEYS_FILE):
        assert (folder / name).stat().st_mode & 0o777 == 0o600
    assert not list(data.iterdir())  # nothing secret in the data folder


def test_a_keys_folder_inside_the_data_folder_is_refused(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = clean_env / "data"
    monkeypatch.setenv(ENV_KEYS_DIR, str(data / "keys"))
    with pytest.raises(KeyConfigError, match="must not be inside the data folder"):
        load_keys(production=False, data_dir=data)


def test_keys_an_older_version_kept_in_the_data_folder_are_moved_out(clean_env: Path) -> None:
    data = clean_env / "data"
    data.mkdir()
    old_key = Fernet.generate_key().decode()
    (data / "encryption.key").write_text(old_key)
    (data / "secret.key").write_text(GOOD_SECRET)
    keys = load_keys(production=False, data_dir=data)
    assert keys.encryption_keys == (old_key,) and keys.secret_key == GOOD_SECRET
    assert not (data / "encryption.key").exists() and not (data / "secret.key").exists()


def test_rotation_puts_a_new_key_first_and_keeps_the_old(clean_env: Path) -> None:
    before = load_keys(production=False, data_dir=None).encryption_keys
    new = add_new_key(clean_env / "keys")
    after = load_keys(production=False, data_dir=None).encryption_keys
    assert after == (new, *before)
    assert parse_key_list("# comment\nA\n\nB, C") == ["A", "B", "C"]


def test_an_unusable_keys_folder_turns_saving_off_instead_of_failing(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = clean_env / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENV_KEYS_DIR, str(blocker / "keys"))
    keys = load_keys(production=False, data_dir=None)
    assert keys.encryption_keys == () and "cannot be used" in keys.problem
    assert len(keys.secret_key) >= 50  # the site itself (help now) still runs


def settings_in_subprocess(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("WAYLIGHT_")} | env
    full["DJANGO_SETTINGS_MODULE"] = "waylight.web.settings"
    full.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=120
    )


def test_serve_in_production_without_keys_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WAYLIGHT_")}
    env |= {"WAYLIGHT_ENV": "production", "WAYLIGHT_DATA_DIR": str(tmp_path / "d")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [WAYLIGHT, "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "Waylight cannot start" in result.stderr and ENV_KEYS in result.stderr
    assert "Traceback" not in result.stderr


def test_defaults_leave_out_testserver_and_production_hides_api_docs(tmp_path: Path) -> None:
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.ALLOWED_HOSTS, s.API_DOCS]))"
    )
    local = {"WAYLIGHT_DATA_DIR": str(tmp_path / "d"), "WAYLIGHT_KEYS_DIR": str(tmp_path / "k")}
    result = settings_in_subprocess(local, code)
    hosts, docs = json.loads(result.stdout)
    assert "testserver" not in hosts and docs is True
    production = local | {
        "WAYLIGHT_ENV": "production",
        "WAYLIGHT_ALLOWED_HOSTS": "waylight.example.org",
        ENV_SECRET: GOOD_SECRET,
        ENV_KEYS: Fernet.generate_key().decode(),
    }
    hosts, docs = json.loads(settings_in_subprocess(production, code).stdout)
    assert hosts == ["waylight.example.org"] and docs is False
    switched = settings_in_subprocess(
        local | {"WAYLIGHT_API_DOCS": "0"},
        "import django; django.setup(); from django.test import Client; "
        "from django.test.utils import setup_test_environment; setup_test_environment(); "
        "c = Client(); print(c.get('/api/docs').status_code, "
        "c.get('/api/openapi.json').status_code)",
    )
    assert switched.stdout.split() == ["404", "200"], switched.stderr[-800:]
