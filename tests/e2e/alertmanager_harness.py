"""The real Prometheus Alertmanager (Debian's /usr/bin/prometheus-alertmanager) on 127.0.0.1,
with a webhook receiver pointing at siren, fast grouping and no clustering (protocols.md §7.3),
and a client for its API v2."""

from __future__ import annotations

import datetime
import json
import pathlib
import socket
import subprocess
import time
from typing import Any

import yaml

from slack_harness import Reply, _http, stop_process

BINARY = pathlib.Path("/usr/bin/prometheus-alertmanager")


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rfc3339(t: datetime.datetime) -> str:
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Alertmanager:
    """A running Alertmanager whose one receiver posts every group to `webhook_url`.

    Groups by alertname and service; group_wait and group_interval are 1 s, so a change
    reaches siren within about 2 s, and a firing group is sent again every `repeat_interval`."""

    def __init__(self, tmp_path: pathlib.Path, webhook_url: str, token: str | None,
                 repeat_interval: str = "1h") -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        webhook: dict[str, Any] = {"url": webhook_url, "send_resolved": True, "max_alerts": 0}
        if token:
            webhook["http_config"] = {"authorization": {"type": "Bearer", "credentials": token}}
        config = {
            "route": {"receiver": "siren", "group_by": ["alertname", "service"],
                      "group_wait": "1s", "group_interval": "1s",
                      "repeat_interval": repeat_interval},
            "receivers": [{"name": "siren", "webhook_configs": [webhook]}],
        }
        self.config_path = tmp_path / "alertmanager.yml"
        self.config_path.write_text(yaml.safe_dump(config))
        self.log_file = tmp_path / "alertmanager.log"
        storage = tmp_path / "alertmanager-data"
        storage.mkdir()
        with open(self.log_file, "w") as log:
            self.proc = subprocess.Popen(
                [str(BINARY), f"--config.file={self.config_path}",
                 f"--storage.path={storage}", f"--web.listen-address=127.0.0.1:{self.port}",
                 "--cluster.listen-address=", f"--web.external-url={self.base}",
                 "--log.level=debug"],
                stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 15) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if _http(f"{self.base}/-/ready", timeout=1).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("Alertmanager did not become ready:\n" + self.log())

    def post_alerts(self, alerts: list[dict[str, Any]]) -> None:
        """POST /api/v2/alerts: what Prometheus does on every evaluation."""
        reply = _http(f"{self.base}/api/v2/alerts", json.dumps(alerts).encode(),
                      {"Content-Type": "application/json"}, "POST")
        assert reply.status == 200, (reply.status, reply.text)

    def alerts(self) -> list[dict[str, Any]]:
        reply: Reply = _http(f"{self.base}/api/v2/alerts")
        assert reply.status == 200, reply.text
        return reply.json

    def log(self) -> str:
        return self.log_file.read_text()

    def stop(self) -> None:
        stop_process(self.proc)
