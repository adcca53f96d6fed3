"""The triage queue on a real server: no post's words in any log or database file.

A platform sends posts carrying a marker string (in the text, the author id, the metadata,
a bad time and an unknown id), a reviewer decides with the marker in a note, the posts are then
erased (one through the API, the rest by the purge after their time) and the marker must be
in no SQLite file and nowhere in the server's whole output. The author id and the note are
encrypted, so they are never in a file as plain text even before the erase.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.server.live import Browser, RunningServer, db_files, start_server, stop_server

pytestmark = pytest.mark.slow

MARKER = "Vk3qQUEUEmarker9"
PASSWORD = "a long enough password 42"
URGENT = "I want to end it all, I can't go on anymore"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("queue-privacy"), extra_args=["--workers", "2"])
    yield running
    stop_server(running)


def admin(server: RunningServer, *args: str, code: str = "") -> str:
    env = {
        **os.environ,
        "WAYLIGHT_DATA_DIR": str(server.data_dir),
        "WAYLIGHT_KEYS_DIR": str(server.data_dir.with_name(server.data_dir.name + "-keys")),
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "waylight", *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=180, check=True
    ).stdout


def raw(data_dir: Path) -> bytes:
    return b"".join(path.read_bytes() for path in db_files(data_dir))


def ciphertexts(data_dir: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{data_dir / 'waylight.sqlite3'}?mode=ro", uri=True)
    try:
        return [
            row[0]
            for row in connection.execute(
                "SELECT ciphertext FROM waylight_triage_queuedpost WHERE ciphertext != ''"
            )
        ]
    finally:
        connection.close()


def test_no_post_words_in_the_log_or_left_in_the_database(server: RunningServer) -> None:
    key = json.loads(admin(server, "apikey", "create", "Forum P", "--json"))["key"]
    admin(
        server,
        code=(
            "from waylight.cli.serve import prepare; prepare();"
            "from waylight.web.services.accounts import create_account;"
            f"create_account('privacy-rae', {PASSWORD!r})"
        ),
    )
    admin(server, "reviewer", "add", "privacy-rae")
    platform = Browser(server.url)

    def send(posts: list[dict[str, object]]) -> int:
        body = json.dumps({"posts": posts}).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        return platform.request("/api/queue/posts", body, headers).status

    meta = {"thread": MARKER}
    assert send([{"id": "v1", "text": f"{URGENT} {MARKER}", "author": MARKER, "time": 1}]) == 200
    assert (
        send(
            [{"id": "v2", "text": f"{URGENT} {MARKER}", "author": "b", "time": 2, "metadata": meta}]
        )
        == 200
    )
    assert send([{"id": "v3", "text": MARKER, "author": "c", "time": MARKER}]) == 422
    assert send([{"id": "", "text": MARKER, "author": MARKER, "time": 1}]) == 422
    reply = platform.request(
        "/api/queue/posts", b"{" + MARKER.encode(), {"Authorization": f"Bearer {key}"}
    )
    assert reply.status in (400, 422)
    texts = ciphertexts(server.data_dir)
    assert len(texts) == 2
    assert MARKER.encode() not in raw(server.data_dir)  # encrypted from the start

    reviewer = Browser(server.url)
    login = reviewer.post_form("/account/login/", {"username": "privacy-rae", "password": PASSWORD})
    assert login.status == 302
    queue = reviewer.get("/triage/")
    assert queue.status == 200 and MARKER in queue.text  # the reviewer reads the post
    post_id = queue.text.split('href="/triage/posts/', 1)[1].split("/", 1)[0]
    decided = reviewer.post_form(
        f"/triage/posts/{post_id}/decide/",
        {"action": "false_alarm", "reason": "other", "note": f"note {MARKER}"},
        token_from=f"/triage/posts/{post_id}/",
    )
    assert decided.status == 302
    assert MARKER in reviewer.get("/triage/export/false-alarms.jsonl").text  # the note

    # Erase one post through the API, and let the purge erase the rest after their time.
    erase = platform.request(
        "/api/queue/posts/v2", headers={"Authorization": f"Bearer {key}"}, method="DELETE"
    )
    assert erase.status == 204
    admin(
        server,
        code=(
            "from waylight.cli.serve import prepare; prepare();"
            "from datetime import timedelta; from django.utils import timezone;"
            "from waylight.web.triage.services.retention import purge;"
            "print(purge(now=timezone.now() + timedelta(days=400)))"
        ),
    )
    after = raw(server.data_dir)
    for text in texts:
        for start in (10, len(text) // 2, len(text) - 25):
            assert text[start : start + 24].encode() not in after, "a post's ciphertext is left"
    assert MARKER.encode() not in after

    log = server.log_path.read_bytes()
    assert MARKER.encode() not in log and MARKER.lower().encode() not in log
