"""A real `waylight serve` and a small cookie-keeping HTTP client for the server-level tests.

These tests look at what only a real server shows: the files SQLite writes (the -wal file
included), gunicorn's and every library's log output, and behaviour when the disk is full,
read-only or locked, or when the server is killed mid-write.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))

from waylight_server import RunningServer, start_server, stop_server

__all__ = ["Browser", "Reply", "RunningServer", "db_files", "start_server", "stop_server"]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATE = re.compile(r'name="state" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One device: its own cookies, CSRF token handling, no automatic redirects."""

    def __init__(self, base: str, timeout: float = 30.0) -> None:
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> Reply:
        request = urllib.request.Request(
            self.base + path, data=data, headers=headers or {}, method=method
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())

    def get(self, path: str, **headers: str) -> Reply:
        return self.request(path, headers=headers)

    def token(self, page: str) -> str:
        found = TOKEN.search(self.get(page).text)
        assert found, f"no CSRF token on {page}"
        return found.group(1)

    def post_form(self, path: str, fields: dict[str, str], *, token_from: str = "") -> Reply:
        fields = {"csrfmiddlewaretoken": self.token(token_from or path), **fields}
        body = urllib.parse.urlencode(fields).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": self.base + (token_from or path),
        }
        return self.request(path, body, headers)

    def post_json(self, path: str, payload: object) -> Reply:
        body = json.dumps(payload).encode()
        return self.request(path, body, {"Content-Type": "application/json"})

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def save_plan(self, sections: dict[str, str]) -> Reply:
        return self.post_form("/plan/edit/", sections)


def db_files(data_dir: Path) -> list[Path]:
    """Every file SQLite keeps for the database: the main file, -wal and -shm."""
    return sorted(p for p in data_dir.iterdir() if p.name.startswith("waylight.sqlite3"))
