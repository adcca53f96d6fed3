"""On a real server: deleted means gone from every database file, and no log holds what was typed.

One server, two devices. Device A writes a plan and keeps a result with a marker string, and
sends the marker through every path that could log it (search, a 404 path, a bad host header,
the API, PDFs with characters no font has). Then A deletes everything. The raw bytes of the
SQLite files (-wal and -shm included) must hold none of A's plaintext, ciphertext or device
hash, while B's data, searched the same way, is still found (so the search can fail). The
server's whole output must never contain the marker.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.server.live import Browser, RunningServer, db_files, start_server, stop_server

pytestmark = pytest.mark.slow

MARKER = "Qz7xMARKERv2"
# CJK and emoji print through the shipped fallback fonts; U+13000 is in no shipped font, so
# the PDF library would name it in a warning if its warnings were let through.
PLAN_A = {
    "reasons": f"{MARKER} my dog 🐶 散歩 𓀀",
    "helpers": f"Aunt Rosa {MARKER}",
    "warning_signs": "I stop replying",
}
PLAN_B = {"reasons": "Seeing the sea with Bo"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("privacy-data"), extra_args=["--workers", "2"])
    yield running
    stop_server(running)


def rows_for(data_dir: Path, key_hash_of: str) -> tuple[str, list[str]]:
    """The device hash and every ciphertext stored for it (read, then the connection closed)."""
    import hashlib

    key_hash = hashlib.sha256(key_hash_of.encode()).hexdigest()
    uri = f"file:{data_dir / 'waylight.sqlite3'}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        texts = [
            row[0]
            for table in ("waylight_web_safetyplan", "waylight_web_keptresult")
            for row in connection.execute(
                f"SELECT ciphertext FROM {table} WHERE device_key_hash = ?", (key_hash,)
            )
        ]
    finally:
        connection.close()
    return key_hash, texts


def all_bytes(data_dir: Path) -> bytes:
    return b"".join(path.read_bytes() for path in db_files(data_dir))


def fragments(token: str) -> list[bytes]:
    """Pieces of a ciphertext from its start, middle and end: any one found is a leak."""
    size = 24
    starts = [10, len(token) // 2, len(token) - size - 1]
    return [token[s : s + size].encode() for s in starts]


def test_delete_everything_leaves_nothing_readable_and_logs_hold_no_marker(
    server: RunningServer,
) -> None:
    a, b = Browser(server.url), Browser(server.url)
    assert a.save_plan(PLAN_A).status == 302
    assert b.save_plan(PLAN_B).status == 302
    # Keep a result on A, through the questionnaire's own forms.
    page = a.get("/check/phq2/").text
    for _ in range(2):
        state = page.split('name="state" value="', 1)[1].split('"', 1)[0]
        page = a.post_form(
            "/check/phq2/", {"state": state, "answer": "1"}, token_from="/check/phq2/"
        ).text
    state = page.split('name="state" value="', 1)[1].split('"', 1)[0]
    kept = a.post_form(
        "/check/phq2/result/", {"state": state, "action": "keep"}, token_from="/check/phq2/"
    )
    assert kept.status == 302
    # Everything that could carry the marker into a log.
    assert a.get("/plan/plan.pdf").body.startswith(b"%PDF")
    assert a.get("/plan/card.pdf").body.startswith(b"%PDF")
    assert a.get(f"/learn/search/?q={MARKER}").status == 200
    assert a.get(f"/no-such-page/{MARKER}/").status == 404
    assert a.get("/", Host=f"{MARKER.lower()}.example").status == 400
    assert a.post_json("/api/check-text", {"text": f"{MARKER} I want to die"}).status == 200
    assert a.post_json("/api/score", {"instrument": "phq9", "answers": [MARKER]}).status == 422
    assert a.post_form("/check/phq9/", {"state": MARKER, "answer": MARKER}).status == 400
    # What A and B hold in the database, by their device keys.
    a_hash, a_texts = rows_for(server.data_dir, a.cookie("waylight_device") or "")
    b_hash, b_texts = rows_for(server.data_dir, b.cookie("waylight_device") or "")
    assert len(a_texts) == 2 and len(b_texts) == 1
    before = all_bytes(server.data_dir)
    assert a_hash.encode() in before  # the search finds things before the delete

    done = a.post_form("/delete-everything/", {})
    assert done.status == 200 and "Everything on this device is deleted" in done.text

    after = all_bytes(server.data_dir)
    assert a_hash.encode() not in after, "device hash left in a database file"
    for text in a_texts:
        for piece in fragments(text):
            assert piece not in after, "ciphertext left in a database file"
    assert MARKER.encode() not in after
    # The control: B's data is still there and found by the same search.
    assert b_hash.encode() in after
    assert all(piece in after for piece in fragments(b_texts[0]))
    assert "Seeing the sea with Bo" in b.get("/plan/").text
    assert "Aunt Rosa" not in a.get("/plan/").text

    log = server.log_path.read_bytes()
    assert MARKER.encode() not in log and MARKER.lower().encode() not in log
    assert "散歩".encode() not in log and "𓀀".encode() not in log


def test_database_files_are_private_to_their_owner(server: RunningServer) -> None:
    Browser(server.url).save_plan({"reasons": "Music"})
    assert stat.S_IMODE(server.data_dir.stat().st_mode) == 0o700
    for path in db_files(server.data_dir):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
