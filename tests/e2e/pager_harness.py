"""Running pager emulators (tests/emulators/pagerduty, tests/emulators/opsgenie) and thin
clients for their APIs and control APIs, plus a webhook receiver on 127.0.0.1; shared by the
emulators' own tests and the daemon's."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
import urllib.parse
from typing import Any, Callable

from aiohttp import web

from slack_harness import ROOT, Reply, _http
from slack_harness import Emulator as _SlackEmulator

PD_ROUTING_KEY = "0123456789abcdef0123456789abcdef"
PD_TOKEN = "pd-api-token-test"
PD_ACCEPT = "application/vnd.pagerduty+json;version=2"
OG_KEY = "og-api-key-test"
SO_API_KEY = "5ec2e7a1-0c6b-4a4e-9d53-a11ce0ffee42"


class EmulatorProcess:
    """`python3 -m tests.emulators.<name> --port 0` and its control API.

    Reading the LISTENING line, stopping, and the control client are the Slack harness's own
    methods, borrowed as they are: they use only `proc`, `log_file` and `base`."""

    _read_port = _SlackEmulator._read_port
    stop = _SlackEmulator.stop
    control = _SlackEmulator.control
    settings = _SlackEmulator.settings

    def __init__(self, name: str, tmp_path: Any, *extra: str) -> None:
        self.baseline: dict[str, Any] = {}
        self.state_file = tmp_path / f"{name}.json"
        self.log_file = tmp_path / f"{name}.log"  # a file: an unread pipe could fill and block
        with open(self.log_file, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", f"tests.emulators.{name}", "--port", "0",
                 "--state-file", str(self.state_file), *extra],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
        self.port = self._read_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def clean(self) -> "EmulatorProcess":
        """Back to the start-up settings, with the model, journals and faults reset."""
        assert self.proc.poll() is None, "the emulator died in an earlier test"
        if not self.baseline:
            self.baseline = self.control("settings")["settings"]
        self.control("settings", self.baseline)
        self.control("reset", {})
        return self

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
             query: Any = None, timeout: float = 10) -> Reply:
        """A raw request: a dict/list body is sent as JSON, bytes as they are."""
        h = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        url = self.base + path + ("?" + urllib.parse.urlencode(query, doseq=True) if query else "")
        return _http(url, body, h, method, timeout)

    def fault(self, **rule: Any) -> dict[str, Any]:
        return self.control("faults", rule)["rules"][0]

    def records(self, name: str, **query: Any) -> list[dict[str, Any]]:
        """A control list (`requests`, `alerts`, `webhooks`, ...), filtered and long-polled
        as the control API does it (`min=`, `wait_s=`, any field)."""
        suffix = "?" + urllib.parse.urlencode(query) if query else ""
        return self.control(name + suffix)[name]


class PagerDuty(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("pagerduty", tmp_path, "--no-rate-limits", *extra)

    def enqueue(self, event: Any) -> Reply:
        return self.call("POST", "/v2/enqueue", event)

    def event(self, action: str, dedup_key: str | None = None, routing_key: str = PD_ROUTING_KEY,
              **payload: Any) -> Reply:
        event: dict[str, Any] = {"routing_key": routing_key, "event_action": action}
        if dedup_key is not None:
            event["dedup_key"] = dedup_key
        if action == "trigger":
            event["payload"] = {"summary": "SEV1: checkout 5xx > 5%", "source": "siren",
                                "severity": "critical", **payload}
        return self.enqueue(event)

    def rest(self, method: str, path: str, body: Any = None, *, token: str | None = PD_TOKEN,
             accept: str | None = PD_ACCEPT, from_: str | None = None, query: Any = None) -> Reply:
        headers = {}
        if token is not None:
            headers["Authorization"] = f"Token token={token}"
        if accept is not None:
            headers["Accept"] = accept
        if from_ is not None:
            headers["From"] = from_
        return self.call(method, path, body, headers, query)


class Opsgenie(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("opsgenie", tmp_path, "--no-rate-limits", *extra)

    def api(self, method: str, path: str, body: Any = None, *, key: str | None = OG_KEY,
            query: Any = None) -> Reply:
        headers = {"Authorization": f"GenieKey {key}"} if key is not None else {}
        return self.call(method, path, body, headers, query)

    def request_status(self, request_id: str, timeout_s: float = 10) -> dict[str, Any]:
        """Polls GET /v2/alerts/requests/{id} past RequestNotProcessed; returns `data`."""
        deadline = time.monotonic() + timeout_s
        while True:
            reply = self.api("GET", f"/v2/alerts/requests/{request_id}")
            if reply.status == 200:
                return reply.json["data"]
            assert reply.status == 404 and \
                reply.headers.get("X-Opsgenie-Errortype") == "RequestNotProcessed", reply.text
            assert time.monotonic() < deadline, f"request {request_id} never processed"
            time.sleep(0.02)


class SplunkOnCall(EmulatorProcess):
    """tests/emulators/splunk_oncall: the REST endpoint, key and routing key in the URL."""

    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("splunk_oncall", tmp_path, *extra)

    def rest_url(self, api_key: str = SO_API_KEY) -> str:
        """The endpoint URL siren is given (SPLUNK_ONCALL_REST_URL), without the routing key."""
        return f"{self.base}/integrations/generic/20131114/alert/{api_key}"

    def alert(self, body: Any, routing_key: str = "ops", api_key: str = SO_API_KEY) -> Reply:
        return self.call("POST", self.rest_url(api_key)[len(self.base):] + "/" + routing_key,
                         body)


class WebhookReceiver:
    """A tiny aiohttp server on 127.0.0.1, in its own thread, standing in for siren's webhook
    endpoint: it records each POST and answers the status `check(headers, body)` returns."""

    def __init__(self, check: Callable[[dict[str, str], bytes], int] = lambda h, b: 200) -> None:
        self.check = check
        self.received: list[tuple[dict[str, str], bytes, int]] = []
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.url = ""

    def __enter__(self) -> "WebhookReceiver":
        self._thread.start()
        assert self._ready.wait(10), "webhook receiver did not start"
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def bodies(self) -> list[Any]:
        return [json.loads(body) for _, body, _ in self.received]

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = dict(request.headers)
        status = self.check(headers, body)
        self.received.append((headers, body, status))
        return web.Response(status=status, text="ok" if status < 300 else "refused")

    def _serve(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_post("/{path:.*}", self._handle)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/hook"
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()
