"""`siren run` taking alerts from the real Prometheus Alertmanager (POST /webhooks/alertmanager),
with the Slack emulator as the workspace: a critical alert declares one incident, a warning of
the same service attaches to it, repeats change nothing, a resolved alert is noted on the
timeline; a bad token or a malformed payload is refused with nothing stored."""

from __future__ import annotations

import datetime
import json
import sqlite3
import time

import pytest

from alertmanager_harness import BINARY, Alertmanager, rfc3339
from slack_harness import _http
from test_daemon import (Daemon, calls, emulator, eventually, incident_channel,  # noqa: F401
                         wait_connected)

TOKEN = "am-token-for-e2e"

pytestmark = pytest.mark.skipif(not BINARY.exists(),
                                reason="prometheus-alertmanager is not installed")


@pytest.fixture
def alert_daemon(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, extra_env={"SIREN_ALERTMANAGER_TOKEN": TOKEN})
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


@pytest.fixture
def alertmanager(alert_daemon, tmp_path):
    # Firing groups are sent again every 2 s, so siren sees Alertmanager's repeats.
    am = Alertmanager(tmp_path, f"http://127.0.0.1:{alert_daemon.http_port()}/webhooks/alertmanager",
                      TOKEN, repeat_interval="2s")
    try:
        yield am
    finally:
        am.stop()


def rows(daemon: Daemon, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(f"file:{daemon.tmp_path / 'siren.db'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def alert(name: str, severity: str, summary: str, started: datetime.datetime,
          ends: datetime.datetime | None = None) -> dict:
    a = {"labels": {"alertname": name, "service": "checkout", "severity": severity,
                    "instance": "10.0.0.1:9100"},
         "annotations": {"summary": summary, "runbook_url": "https://runbooks.example/checkout"},
         "generatorURL": "http://prometheus.local/graph?g0.expr=x",
         "startsAt": rfc3339(started)}
    if ends:
        a["endsAt"] = rfc3339(ends)
    return a


def channel_says(emu, text: str, timeout: float = 10) -> list[dict]:
    return eventually(lambda: [m for m in incident_channel(emu)["messages"] if text in m["text"]],
                      timeout)


def alert_entries(daemon: Daemon) -> list[str]:
    return [text for (text,) in rows(daemon, "SELECT text FROM timeline_entries "
                                             "WHERE kind = 'alert' ORDER BY id")]


def test_alerts_declare_attach_and_resolve_through_alertmanager(emulator, alert_daemon,
                                                                alertmanager):
    started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=2)
    critical = alert("HighErrorRate", "critical", "Checkout 5xx > 5%", started)
    alertmanager.post_alerts([critical])

    # A critical alert declares one S1 incident with a channel, commanded by the EOC.
    calls(emulator, "pins.add", wait_s=15)
    channel = incident_channel(emulator)
    assert channel["name"].endswith("-checkout-5xx-5"), channel["name"]
    channel_says(emulator, "Alert firing")
    incidents = rows(alert_daemon, "SELECT id, severity, service, declared_by FROM incidents")
    assert incidents == [(1, "S1", "checkout", "")]
    stored = rows(alert_daemon, "SELECT fingerprint, status, incident_id, name FROM alerts")
    assert len(stored) == 1 and stored[0][1:] == ("firing", 1, "HighErrorRate"), stored

    # A warning of the same service attaches to it: a timeline entry and a message.
    latency = alert("HighLatency", "warning", "p99 above 2s", started)
    alertmanager.post_alerts([critical, latency])
    channel_says(emulator, "HighLatency")
    assert any(e.startswith("alert firing: HighLatency") for e in alert_entries(alert_daemon))

    # Alertmanager repeats both groups every 2 s and gets them again from "Prometheus": nothing
    # is declared, attached or posted twice.
    alertmanager.post_alerts([critical, latency])
    eventually(lambda: alert_daemon.log().count("alertmanager: alertmanager/") >= 2, timeout=15)
    assert len(rows(alert_daemon, "SELECT id FROM incidents")) == 1
    assert len(rows(alert_daemon, "SELECT id FROM alerts")) == 2
    assert len(alert_entries(alert_daemon)) == 2
    assert len(channel_says(emulator, "Alert firing")) == 2
    assert len([c for c in emulator.control("workspace")["channels"]
                if c["name"].startswith("incident-")]) == 1

    # The critical alert resolves (endsAt in the past): noted on the timeline and in the channel.
    ended = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=1)
    alertmanager.post_alerts([alert("HighErrorRate", "critical", "Checkout 5xx > 5%", started,
                                    ended)])
    channel_says(emulator, "Alert resolved")
    resolved = [e for e in alert_entries(alert_daemon) if e.startswith("alert resolved")]
    assert resolved == [resolved[0]] and "HighErrorRate" in resolved[0], resolved
    assert rows(alert_daemon, "SELECT status FROM alerts WHERE name = 'HighErrorRate'") == \
        [("resolved",)]


def post(daemon: Daemon, body: bytes, token: str | None) -> tuple[int, str]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    reply = _http(f"http://127.0.0.1:{daemon.http_port()}/webhooks/alertmanager", body, headers,
                  "POST")
    return reply.status, reply.text


def test_a_bad_token_or_a_malformed_payload_stores_nothing(emulator, alert_daemon):
    payload = {"version": "4", "groupKey": "{}:{alertname=\"X\"}", "status": "firing",
               "receiver": "siren",
               "alerts": [{"status": "firing", "labels": {"alertname": "X", "severity": "critical"},
                           "annotations": {}, "startsAt": "2026-11-24T04:06:31Z",
                           "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "b27ebb78fdf033be"}]}
    good = json.dumps(payload).encode()
    assert post(alert_daemon, good, None)[0] == 401
    assert post(alert_daemon, good, "not-the-token")[0] == 401
    status, text = post(alert_daemon, b'{"version": "4", "alerts": [', TOKEN)
    assert (status, "not a JSON object" in text) == (400, True), text
    del payload["alerts"][0]["fingerprint"]
    status, text = post(alert_daemon, json.dumps(payload).encode(), TOKEN)
    assert (status, "has no alerts[0].fingerprint" in text) == (400, True), text

    time.sleep(1)  # anything wrongly accepted would have been committed by now
    assert rows(alert_daemon, "SELECT count(*) FROM alerts") == [(0,)]
    assert rows(alert_daemon, "SELECT count(*) FROM incidents") == [(0,)]
    assert rows(alert_daemon, "SELECT count(*) FROM inbox WHERE envelope_id LIKE 'alertmanager/%'") \
        == [(0,)]
    assert not [c for c in emulator.control("workspace")["channels"]
                if c["name"].startswith("incident-")]
