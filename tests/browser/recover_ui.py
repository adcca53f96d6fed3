"""Steps a person takes in My space, written once for the Recover browser tests."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from playwright.sync_api import Page, expect
from waylight_ui import A11y, click_and_wait, open_page


def scale(page: Page, question: str, value: int) -> None:
    """Choose `value` on the 0-10 scale whose question starts with `question`."""
    group = page.get_by_role("group", name=re.compile("^" + re.escape(question)))
    group.get_by_role("radio", name=str(value), exact=True).check()


def check_in(page: Page, a11y: A11y, *, day: str, mood: int, urge: int, note: str = "") -> None:
    """Fill and save today's check-in form from the journal."""
    open_page(page, a11y, "/journal/new/")
    page.get_by_label("Date").fill(day)
    scale(page, "How is your mood today?", mood)
    scale(page, "How strong has the urge", urge)
    page.get_by_role("radio", name="No", exact=True).check()
    if note:
        page.get_by_label("A note for yourself").fill(note)
    click_and_wait(page, page.get_by_role("button", name="Save my check-in"))
    a11y(page)


def device_hash(page: Page) -> str:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert "waylight_device" in cookies, "this browser has no device key"
    return hashlib.sha256(cookies["waylight_device"].encode()).hexdigest()


def database_files(data_dir: Path) -> list[Path]:
    files = sorted(p for p in data_dir.glob("*.sqlite3*") if p.is_file())
    assert files, f"no SQLite database in {data_dir}"
    return files


def raw_database(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in database_files(data_dir))


def stored_ciphertexts(data_dir: Path, key_hash: str) -> list[str]:
    """Every ciphertext this device has in the database, read as a backup thief would."""
    database = next(p for p in database_files(data_dir) if p.name.endswith(".sqlite3"))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = []
        for table in ("safetyplan", "keptresult", "journalentry", "urgeride", "preferences"):
            rows += db.execute(
                f"SELECT ciphertext FROM waylight_web_{table} WHERE device_key_hash = ?",
                (key_hash,),
            ).fetchall()
    return [row[0] for row in rows]


def expect_saved_notice(page: Page, words: str) -> None:
    expect(page.get_by_role("status").first).to_contain_text(words)
