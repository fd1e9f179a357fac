"""`siren run` against the Slack emulator: GET /metrics moves with what siren does, and every
scrape is valid Prometheus text (checked by promtool, lint included)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from slack_harness import Emulator, _http
from test_daemon import (  # noqa: F401  (pytest fixtures, used by name)
    Daemon,
    ack_of,
    daemon,
    declare,
    emulator,
    eventually,
    incident_channel,
    slash,
    wait_connected,
)

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


class Scrape:
    """One GET /metrics: its text and its samples by name and labels."""

    def __init__(self, daemon: Daemon) -> None:
        reply = _http(f"http://127.0.0.1:{daemon.http_port()}/metrics")
        assert reply.status == 200, reply.text
        assert reply.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        self.text = reply.text
        self.samples: dict[tuple[str, frozenset], float] = {}
        for line in self.text.splitlines():
            if line.startswith("#"):
                continue
            found = SAMPLE.match(line)
            assert found, f"not a sample line: {line!r}"
            name, labels, value = found.groups()
            key = (name, frozenset(LABEL.findall(labels or "")))
            assert key not in self.samples, f"a series twice: {line!r}"
            self.samples[key] = float(value)

    def value(self, name: str, **labels: str) -> float | None:
        return self.samples.get((name, frozenset(labels.items())))

    def names(self) -> set[str]:
        return {name for name, _ in self.samples}


def promtool_accepts(text: str) -> None:
    promtool = shutil.which("promtool")
    if not promtool:
        pytest.fail("promtool is missing: install the prometheus package (scripts/setup.sh)")
    checked = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True,
                             text=True, timeout=30)
    assert checked.returncode == 0 and not (checked.stdout + checked.stderr).strip(), (
        checked.stdout + checked.stderr + "\n" + text)


def test_a_declaration_moves_the_metrics(emulator, daemon):
    # The emulator sees the socket open a moment before siren has read Slack's hello.
    before = eventually(lambda: (s := Scrape(daemon)).value("siren_slack_socket_connected") == 1
                        and s)
    promtool_accepts(before.text)
    assert before.value("siren_open_incidents", severity="S1") == 0
    assert before.value("siren_commands_total", command="declare", result="changed") is None
    assert [v for (name, _), v in before.samples.items() if name == "siren_build_info"] == [1]
    assert before.value("process_start_time_seconds") > 1.7e9

    declare(emulator, "S1 Checkout returns 500 --service checkout")
    ack_of(emulator, slash(emulator, "help")["envelope_id"])
    after = eventually(lambda: (s := Scrape(daemon)).value("siren_outbox_pending") == 0 and s)
    promtool_accepts(after.text)

    def moved(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert moved("siren_envelopes_received_total", type="slash_commands") == 2
    assert moved("siren_envelopes_acked_total", type="slash_commands") == 2
    assert moved("siren_envelope_ack_seconds_count", type="slash_commands") == 2
    assert after.value("siren_envelope_ack_seconds_bucket", type="slash_commands",
                       le="+Inf") == after.value("siren_envelope_ack_seconds_count",
                                                 type="slash_commands")
    # The ack went out well inside Slack's 3 s.
    assert moved("siren_envelope_ack_seconds_bucket", type="slash_commands", le="3") == 2
    assert after.value("siren_commands_total", command="declare", result="changed") == 1
    assert after.value("siren_commands_total", command="help", result="answered") == 1
    assert after.value("siren_open_incidents", severity="S1") == 1
    assert after.value("siren_open_incidents", severity="S2") == 0
    assert after.value("siren_outbox_oldest_pending_seconds") == 0
    # Every family is there, with its help and type, whether or not it has a value yet.
    for family in ("siren_effects_total", "siren_pages_sent_total",
                   "siren_pages_acknowledged_total", "siren_slack_ratelimited_total",
                   "siren_socket_reconnects_total"):
        assert f"# TYPE {family} counter\n" in after.text


def test_a_page_acknowledged_by_its_button_is_counted(emulator, daemon):
    declare(emulator)  # S1: the engineer on call is paged by Slack DM
    eventually(lambda: Scrape(daemon).value("siren_outbox_pending") == 0)
    channel = incident_channel(emulator)
    pressed = emulator.control("interactive", {"kind": "block_actions", "user": "U0A1ALICE",
                                               "channel": channel["id"],
                                               "action_id": "siren_button_0",
                                               "value": "/119 ack siren-1-eoc"})
    ack_of(emulator, pressed["envelope_id"])
    scrape = Scrape(daemon)
    assert scrape.value("siren_envelopes_received_total", type="interactive") == 1
    assert scrape.value("siren_commands_total", command="ack", result="changed") == 1
    assert scrape.value("siren_pages_acknowledged_total", provider="slack") == 1
    promtool_accepts(scrape.text)


def test_a_429_and_a_reconnection_are_counted(emulator, daemon):
    emulator.control("faults", {"method": "conversations.setTopic", "action": "ratelimit",
                                "retry_after": 1, "times": 1})
    declare(emulator)
    emulator.control("connections/abort", {})
    wait_connected(emulator)
    scrape = eventually(lambda: (s := Scrape(daemon)).value("siren_slack_socket_connected") == 1
                        and s.value("siren_socket_reconnects_total") >= 1 and s)
    assert scrape.value("siren_slack_ratelimited_total", method="conversations.setTopic") == 1
    promtool_accepts(scrape.text)


def test_http_mode_deliveries_are_counted(siren_bin, emulator: Emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, mode="http")
    try:
        url = f"http://127.0.0.1:{d.http_port()}/slack/commands"
        delivered = emulator.control("http/deliver", {
            "url": url, "kind": "slash_command", "command": "/incident",
            "text": "declare S2 Search is slow", "user": "U0A1ALICE", "channel": "C00000001"})
        assert delivered["status"] == 200, delivered
        scrape = Scrape(d)
        assert scrape.value("siren_envelopes_received_total", type="slash_commands") == 1
        assert scrape.value("siren_envelopes_acked_total", type="slash_commands") == 1
        assert scrape.value("siren_commands_total", command="declare", result="changed") == 1
        assert scrape.value("siren_open_incidents", severity="S2") == 1
        # No socket in HTTP mode: the gauge has no value rather than a false 0.
        assert "siren_slack_socket_connected" not in scrape.names()
        promtool_accepts(scrape.text)
    finally:
        assert d.stop() == 0, d.log()


def test_metrics_answer_get_only(emulator, daemon):
    base = f"http://127.0.0.1:{daemon.http_port()}"
    assert _http(f"{base}/metrics", data=b"", method="POST").status == 405
    missing = _http(f"{base}/nothing-here")
    assert missing.status == 404 and "/metrics" in missing.text
