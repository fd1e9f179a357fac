"""siren's heartbeat: with `heartbeat.every: 1s` it pings a dead man's switch (a tiny
http.server on 127.0.0.1 standing in for Healthchecks.io) while the Slack socket is connected,
and pings `<url>/fail` once the socket is gone and cannot come back."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from test_daemon import Daemon, emulator, eventually, wait_connected  # noqa: F401

CHECK = "/ping/1f2e3d4c-5b6a-4789-8abc-def012345678"


class Receiver:
    """Counts GET and POST requests by path."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{CHECK}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self, path: str) -> int:
        return sum(1 for p in list(self.paths) if p == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    try:
        yield r
    finally:
        r.close()


def heartbeat_config(config):
    config["heartbeat"] = {"every": "1s", "stalled_after": "5m"}


def test_pings_while_connected_and_fail_when_the_socket_is_gone(siren_bin, emulator, receiver,
                                                              tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=heartbeat_config,
               extra_env={"SIREN_HEARTBEAT_URL": receiver.url})
    wait_connected(emulator)
    eventually(lambda: receiver.count(CHECK) >= 3, timeout=10)
    assert receiver.count(CHECK + "/fail") == 0

    # The socket dies and Slack refuses new ones: siren cannot reconnect.
    emulator.control("faults", {"method": "apps.connections.open", "action": "http_error",
                                "status": 503})
    emulator.control("connections/abort", {})
    eventually(lambda: receiver.count(CHECK + "/fail") >= 2, timeout=15)
    fails_from = len(receiver.paths)
    eventually(lambda: len(receiver.paths) >= fails_from + 2, timeout=10)
    assert all(p == CHECK + "/fail" for p in receiver.paths[fails_from:])
    assert receiver.url not in d.log(), "the heartbeat URL is a secret"

    # Slack takes connections again: the pings say healthy again.
    emulator.control("faults", method="DELETE")
    wait_connected(emulator)
    healthy_before = receiver.count(CHECK)
    eventually(lambda: receiver.count(CHECK) >= healthy_before + 2, timeout=20)
    assert d.stop() == 0, d.log()


def test_no_url_no_pings(siren_bin, emulator, receiver, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=heartbeat_config)
    wait_connected(emulator)
    time.sleep(2.5)
    assert receiver.paths == []
    assert d.stop() == 0, d.log()
