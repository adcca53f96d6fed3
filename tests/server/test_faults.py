"""Faults on a real server: kill -9 mid-write, a locked database, a full disk, a read-only disk.

Nothing acknowledged may be lost, a write that cannot happen answers 503 with the form and what
was typed, and help now keeps working. The full and read-only disks are small tmpfs mounts,
which need root (CI runs as root); elsewhere those tests skip and say why.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.server.live import Browser, start_server, stop_server

pytestmark = pytest.mark.slow

FAST_LIMITS = {"WAYLIGHT_RATE_WRITE": "100000/m", "WAYLIGHT_RATE_API": "100000/m"}
TEXTAREA = re.compile(r"<textarea[^>]*>(.*?)</textarea>", re.S)


@contextmanager
def server_env(**env: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def integrity(data_dir: Path) -> str:
    connection = sqlite3.connect(data_dir / "waylight.sqlite3")
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def test_kill_9_during_concurrent_writes_loses_no_acknowledged_write(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with server_env(**FAST_LIMITS):
        server = start_server(data, extra_args=["--workers", "4"])
    devices = [Browser(server.url, timeout=10) for _ in range(8)]
    acked: dict[int, int] = {}  # device -> the last write the server acknowledged
    tried: dict[int, int] = {}  # device -> the last write sent (it may have landed unacked)
    stop = threading.Event()

    def writer(index: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            tried[index] = n
            try:
                reply = devices[index].save_plan({"reasons": f"device {index} write {n}"})
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            if reply.status == 302:
                acked[index] = n

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(devices))]
    for thread in threads:
        thread.start()
    time.sleep(4.0)
    os.killpg(server.process.pid, signal.SIGKILL)  # no shutdown, no checkpoint
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(acked.values()) >= 20, f"too few writes to prove anything: {acked}"
    assert integrity(data) == "ok"

    server = start_server(data, extra_args=["--workers", "2"])
    try:
        for index, n in acked.items():
            devices[index].base = server.url
            page = devices[index].get("/plan/").text
            # The plan page links numbers it can dial ("write <a href="tel:...">12</a>").
            words = re.sub(r"<[^>]+>", "", page)
            found = re.search(rf"device {index} write (\d+)", words)
            assert found, f"device {index} lost its plan (acknowledged write {n})"
            assert n <= int(found.group(1)) <= tried[index]
    finally:
        stop_server(server)


def test_a_locked_database_gives_503_with_the_form_and_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with server_env(WAYLIGHT_DB_BUSY_TIMEOUT_MS="300", **FAST_LIMITS):
        server = start_server(data, extra_args=["--workers", "2"])
    try:
        device = Browser(server.url)
        assert device.save_plan({"reasons": "Walk by the river"}).status == 302
        token = device.token("/plan/edit/")
        lock = sqlite3.connect(data / "waylight.sqlite3", timeout=5, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")  # holds the write lock, as a stuck writer would
        try:
            reply = device.request(
                "/plan/edit/",
                f"csrfmiddlewaretoken={token}&reasons=Call+Sam+tonight".encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert reply.status == 503
            assert "Nothing was saved" in reply.text and "busy" in reply.text
            assert "Call Sam tonight" in "".join(TEXTAREA.findall(reply.text))
            assert reply.headers.get("Retry-After") == "5"
            assert device.get("/help-now/").status == 200
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert "Walk by the river" in device.get("/plan/").text
        assert device.save_plan({"reasons": "Call Sam tonight"}).status == 302
        assert "Call Sam tonight" in device.get("/plan/").text
    finally:
        stop_server(server)


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A small tmpfs at `path` (root only): a disk that can really fill up or turn read-only."""
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk under `folder` to the last byte."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


LONG_PLAN = {
    key: "\n".join(f"{key} line {n} " + "words " * 25 for n in range(15))
    for key in ("warning_signs", "coping_alone", "distractions", "helpers", "reasons")
}


def test_a_full_disk_gives_503_with_the_form_and_loses_nothing(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "24m") as disk:
        data = disk / "data"
        data.mkdir()
        with server_env(**FAST_LIMITS):
            server = start_server(data, extra_args=["--workers", "2"])
        try:
            device = Browser(server.url)
            assert device.save_plan({"reasons": "Walk by the river"}).status == 302
            token = device.token("/plan/edit/")
            filler = fill(disk)
            from urllib.parse import urlencode

            body = urlencode({"csrfmiddlewaretoken": token, **LONG_PLAN}).encode()
            reply = device.request(
                "/plan/edit/", body, {"Content-Type": "application/x-www-form-urlencoded"}
            )
            assert reply.status == 503, reply.text[:500]
            assert "run out of storage space" in reply.text and "Nothing was saved" in reply.text
            assert "reasons line 14" in "".join(TEXTAREA.findall(reply.text))
            assert device.get("/help-now/").status == 200
            assert "Walk by the river" in device.get("/plan/").text
            filler.unlink()
            assert device.save_plan(LONG_PLAN).status == 302
            assert "reasons line 14" in device.get("/plan/").text
        finally:
            stop_server(server)
        assert integrity(data) == "ok"


def test_a_read_only_data_folder_at_start_keeps_help_now_working(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        data = disk / "data"
        data.mkdir()
        remounted = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True
        )
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
        log_dir = tmp_path / "log"
        log_dir.mkdir()
        server = start_server(data, extra_args=["--workers", "2"], log_dir=log_dir)
        try:
            device = Browser(server.url)
            assert device.get("/help-now/").status == 200
            assert device.get("/learn/").status == 200
            api = device.get("/api/help-now?country=GB")
            assert api.status == 200
            reply = device.save_plan({"reasons": "Walk by the river"})
            assert reply.status == 503
            assert "read-only" in reply.text or "not available" in reply.text
            assert "Walk by the river" in "".join(TEXTAREA.findall(reply.text))
        finally:
            stop_server(server)
        assert "Saving is off" in server.log_path.read_text()
