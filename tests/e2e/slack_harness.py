"""A running Slack emulator (tests/emulators/slack) and thin clients for its Web API and its
control API, shared by the emulator's own tests and the daemon's."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
BOT, APP = "xoxb-test", "xapp-test"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text)


def _http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None, timeout: float = 10) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return Reply(r.status, dict(r.headers), r.read().decode())
    except urllib.error.HTTPError as e:
        return Reply(e.code, dict(e.headers), e.read().decode())


def stop_process(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within 5 s: a test never leaves a server."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class Emulator:
    """A running emulator process and thin clients for its Web API and control API."""

    def __init__(self, tmp_path: pathlib.Path, *extra: str) -> None:
        self.baseline: dict[str, Any] = {}
        self.state_file = tmp_path / "emulator.json"
        self.log_file = tmp_path / "emulator.log"  # a file: an unread pipe could fill and block
        with open(self.log_file, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.emulators.slack", "--port", "0",
                 "--state-file", str(self.state_file), "--ack-deadline", "0.5",
                 "--redelivery-schedule", "0,0,0", "--no-rate-limits", *extra],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
        self.port = self._read_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def _read_port(self) -> int:
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(15)
        if not line or not line[0].startswith("LISTENING "):
            self.stop()
            raise RuntimeError(f"emulator did not start: {line!r} {self.log_file.read_text()}")
        return int(line[0].split()[1])

    def stop(self) -> None:
        stop_process(self.proc)
        if self.proc.stdout:
            self.proc.stdout.close()

    def api(self, method: str, args: dict[str, Any] | None = None, *, token: str | None = BOT,
            as_json: bool = False, http_method: str = "POST", headers: dict[str, str] | None = None,
            body: bytes | None = None) -> Reply:
        """Calls /api/<method> the way a client would: form by default, JSON if asked."""
        h = dict(headers or {})
        if token is not None:
            h.setdefault("Authorization", f"Bearer {token}")
        url = f"{self.base}/api/{method}"
        if http_method == "GET":
            return _http(url + "?" + urllib.parse.urlencode(args or {}), headers=h, method="GET")
        if body is None:
            if as_json:
                h.setdefault("Content-Type", "application/json; charset=utf-8")
                body = json.dumps(args or {}).encode()
            else:
                h.setdefault("Content-Type", "application/x-www-form-urlencoded")
                body = urllib.parse.urlencode({k: _form_value(v) for k, v in (args or {}).items()}).encode()
        return _http(url, body, h, http_method)

    def ok(self, method: str, args: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        reply = self.api(method, args, **kw)
        assert reply.status == 200 and reply.json["ok"], (method, reply.text)
        return reply.json

    def error(self, method: str, args: dict[str, Any] | None = None, **kw: Any) -> str:
        reply = self.api(method, args, **kw)
        assert reply.status == 200 and reply.json["ok"] is False, (method, reply.text)
        return reply.json["error"]

    def control(self, path: str, body: dict[str, Any] | None = None, method: str | None = None,
                expect: int = 200) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        reply = _http(f"{self.base}/_control/{path}", data,
                      {"Content-Type": "application/json"}, method, timeout=30)
        assert reply.status == expect, (path, reply.status, reply.text)
        return reply.json

    def settings(self, **changes: Any) -> None:
        self.control("settings", changes)

    def channel(self, channel_id: str) -> dict[str, Any]:
        ws = self.control("workspace")
        return next(c for c in ws["channels"] if c["id"] == channel_id)

    def seed_users(self) -> None:
        self.control("users", {"users": [
            {"id": "U111", "name": "alice", "real_name": "Alice Doe", "email": "alice@example.com",
             "tz": "Europe/Berlin"},
            {"id": "U222", "name": "bob", "real_name": "Bob Roe", "email": "bob@example.com"},
        ]})


def _form_value(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
