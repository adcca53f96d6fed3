"""Start and stop the real `waylight serve` for the browser tests.

The server runs exactly as a person would start it, on a free loopback port, with its own fresh
data folder, so SQLite is created and migrated on start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER_START_TIMEOUT_S = 90.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def waylight_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m waylight`."""
    script = Path(sys.executable).with_name("waylight")
    return [str(script)] if script.exists() else [sys.executable, "-m", "waylight"]


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def _wait_until_answers(server: RunningServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"`waylight serve` exited with {server.process.returncode} before answering:\n"
                + server.log_tail()
            )
        try:
            with urllib.request.urlopen(server.url + "/", timeout=5) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.25)
    raise RuntimeError(
        f"`waylight serve` did not answer on {server.url} within {timeout_s:.0f} s "
        f"({last_error}):\n" + server.log_tail()
    )


def server_env(data_dir: Path) -> dict[str, str]:
    """The environment a command needs to act on this server's data (`waylight admin ...`)."""
    keys_dir = data_dir.with_name(data_dir.name + "-keys")
    env = {**os.environ, "WAYLIGHT_DATA_DIR": str(data_dir), "WAYLIGHT_KEYS_DIR": str(keys_dir)}
    env.pop("DATABASE_URL", None)
    return env


def start_server(
    data_dir: Path, *, extra_args: list[str] | None = None, log_dir: Path | None = None
) -> RunningServer:
    """Start `waylight serve` on a free loopback port with its own data folder.

    The server's output goes to `server.log` in `log_dir` (default: the data folder).
    """
    port = _free_port()
    keys_dir = data_dir.with_name(data_dir.name + "-keys")  # keys never in the data folder
    env = {**os.environ, "WAYLIGHT_DATA_DIR": str(data_dir), "WAYLIGHT_KEYS_DIR": str(keys_dir)}
    # One browser runs every journey from one address: a week of check-ins in a few seconds is
    # a test, not an attack. The limits themselves are tested in tests/web/test_trust.py.
    env.setdefault("WAYLIGHT_RATE_WRITE", "600/m")
    env.setdefault("WAYLIGHT_RATE_LOGIN", "600/15m")
    env.pop("DATABASE_URL", None)  # the browser tests run on the embedded SQLite default
    log_path = (log_dir or data_dir) / "server.log"
    command = [
        *waylight_command(),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *(extra_args or []),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = RunningServer(f"http://127.0.0.1:{port}", data_dir, process, log_path)
    try:
        _wait_until_answers(server, SERVER_START_TIMEOUT_S)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: RunningServer) -> None:
    if server.process.poll() is None:
        # The server may run worker processes: signal the whole session it leads.
        try:
            os.killpg(server.process.pid, 15)
        except ProcessLookupError:
            return
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, 9)
            server.process.wait(timeout=10)
