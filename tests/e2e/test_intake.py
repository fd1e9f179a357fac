"""`siren run` taking reports and incidents from other systems (POST /webhooks/intake/<source>),
with the Slack emulator as the workspace: a generic source's report pages the EOC once per
dedup_key, a declare source opens an incident channel, HackerOne's triaged report becomes a
private security incident only with a good signature, an Intercom conversation tagged as a bug
becomes a report; bad tokens, bad payloads, unknown sources and oversized bodies store nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time

import pytest

from slack_harness import _http
from test_daemon import Daemon, calls, emulator, eventually, wait_connected  # noqa: F401

FORM_TOKEN = "form-token-for-e2e"
SYNTH_TOKEN = "synth-token-for-e2e"
H1_SECRET = "h1-secret-for-e2e"
INTERCOM_SECRET = "intercom-secret-for-e2e"


def add_sources(config: dict) -> None:
    config["intake"] = {"sources": {
        "form": {"preset": "generic", "action": "report"},
        "synthetics": {"action": "declare", "severity": "S2", "service": "checkout"},
        "hackerone": {"preset": "hackerone"},
        "intercom": {"preset": "intercom", "tag": "bug"},
    }}


@pytest.fixture
def intake_daemon(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=add_sources,
               extra_env={"SIREN_INTAKE_FORM_TOKEN": FORM_TOKEN,
                          "SIREN_INTAKE_SYNTHETICS_TOKEN": SYNTH_TOKEN,
                          "SIREN_INTAKE_HACKERONE_SECRET": H1_SECRET,
                          "SIREN_INTAKE_INTERCOM_SECRET": INTERCOM_SECRET})
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


def rows(daemon: Daemon, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(f"file:{daemon.tmp_path / 'siren.db'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def post(daemon: Daemon, source: str, body: bytes, token: str | None = None,
         headers: dict | None = None) -> tuple[int, str]:
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    reply = _http(f"http://127.0.0.1:{daemon.http_port()}/webhooks/intake/{source}", body, sent,
                  "POST")
    return reply.status, reply.text


def incident_channels(emu) -> list[dict]:
    return [c for c in emu.control("workspace")["channels"] if c["name"].startswith("incident-")]


def test_a_generic_report_pages_the_eoc_once_per_dedup_key(emulator, intake_daemon):
    body = json.dumps({"title": "Checkout shows a blank page", "description": "3 tickets",
                       "link": "https://support.example.com/t/9", "dedup_key": "ticket-9"})
    status, text = post(intake_daemon, "form", body.encode(), FORM_TOKEN)
    assert (status, text.startswith("report #1")) == (200, True), text
    reports = rows(intake_daemon, "SELECT id, reporter, text, paged FROM reports")
    assert len(reports) == 1 and reports[0][1] == "" and reports[0][3], reports
    assert reports[0][2].startswith("[form] Checkout shows a blank page"), reports
    # The EOC hears about it privately.
    eventually(lambda: [c for c in emulator.control("calls?method=chat.postMessage")["calls"]
                        if "Checkout shows a blank page" in json.dumps(c)])

    # The same dedup_key again (another body): recognised, nothing done again.
    again = json.dumps({"title": "Checkout shows a blank page (again)", "dedup_key": "ticket-9"})
    status, text = post(intake_daemon, "form", again.encode(), FORM_TOKEN)
    assert (status, text.strip()) == (200, "duplicate: nothing done again"), text
    assert len(rows(intake_daemon, "SELECT id FROM reports")) == 1


def test_bad_tokens_payloads_and_sources_store_nothing(emulator, intake_daemon):
    good = json.dumps({"title": "Down", "dedup_key": "x1"}).encode()
    assert post(intake_daemon, "form", good)[0] == 401
    assert post(intake_daemon, "form", good, "not-the-token")[0] == 401
    assert post(intake_daemon, "form", good, SYNTH_TOKEN)[0] == 401  # another source's token
    status, text = post(intake_daemon, "form", b'{"title": ', FORM_TOKEN)
    assert (status, "not a JSON object" in text) == (400, True), text
    status, text = post(intake_daemon, "form", b'{"description": "no title"}', FORM_TOKEN)
    assert (status, "has no title" in text) == (400, True), text
    status, text = post(intake_daemon, "form", b'{"title": "x", "severity": "S9"}', FORM_TOKEN)
    assert (status, "S9" in text) == (400, True), text
    assert post(intake_daemon, "nosuch", good, FORM_TOKEN)[0] == 404
    big = json.dumps({"title": "x", "description": "y" * 600_000}).encode()
    assert post(intake_daemon, "form", big, FORM_TOKEN)[0] == 413

    time.sleep(1)  # anything wrongly accepted would have been committed by now
    assert rows(intake_daemon, "SELECT count(*) FROM reports") == [(0,)]
    assert rows(intake_daemon, "SELECT count(*) FROM incidents") == [(0,)]
    assert rows(intake_daemon, "SELECT count(*) FROM inbox WHERE envelope_id LIKE 'intake/%'") \
        == [(0,)]


def test_a_declare_source_opens_an_incident(emulator, intake_daemon):
    body = json.dumps({"title": "Checkout probe failing", "severity": "S1",
                       "link": "https://synthetics.example.com/run/5", "dedup_key": "run-5"})
    status, text = post(intake_daemon, "synthetics", body.encode(), SYNTH_TOKEN)
    assert (status, text.startswith("declared #1 (S1)")) == (200, True), text
    calls(emulator, "pins.add", wait_s=15)
    channel = eventually(lambda: incident_channels(emulator))[0]
    assert channel["name"].endswith("-checkout-probe-failing"), channel
    assert rows(intake_daemon, "SELECT severity, service, security, declared_by FROM incidents") \
        == [("S1", "checkout", 0, "")]
    status, text = post(intake_daemon, "synthetics", body.encode(), SYNTH_TOKEN)
    assert (status, text.strip()) == (200, "duplicate: nothing done again")
    assert len(rows(intake_daemon, "SELECT id FROM incidents")) == 1


H1_TRIAGED = {"data": {"activity": {"type": "activity-bug-triaged"}, "report": {
    "id": "1337", "type": "report",
    "attributes": {"title": "Stored XSS in search", "state": "triaged",
                   "vulnerability_information": "Steps to reproduce: ..."},
    "relationships": {"severity": {"data": {"type": "severity",
                                            "attributes": {"rating": "high"}}}}}}}


def test_hackerone_triaged_report_is_a_private_security_incident(emulator, intake_daemon):
    body = json.dumps(H1_TRIAGED).encode()
    signature = "sha256=" + hmac.new(H1_SECRET.encode(), body, hashlib.sha256).hexdigest()
    wrong = "sha256=" + hmac.new(b"not-the-secret", body, hashlib.sha256).hexdigest()
    event = {"X-H1-Event": "report_triaged"}
    assert post(intake_daemon, "hackerone", body, headers={**event, "X-H1-Signature": wrong})[0] \
        == 401
    assert post(intake_daemon, "hackerone", body, headers=event)[0] == 401
    assert rows(intake_daemon, "SELECT count(*) FROM incidents") == [(0,)]

    created = {"X-H1-Event": "report_created", "X-H1-Signature": signature}
    status, text = post(intake_daemon, "hackerone", body, headers=created)
    assert (status, text.startswith("ignored")) == (202, True), text

    status, text = post(intake_daemon, "hackerone", body,
                        headers={**event, "X-H1-Signature": signature})
    assert (status, text.startswith("declared #1 (S2)")) == (200, True), text
    calls(emulator, "pins.add", wait_s=15)
    assert rows(intake_daemon, "SELECT security, summary FROM incidents") == \
        [(1, "Steps to reproduce: ...\nhttps://hackerone.com/reports/1337")]
    channel = eventually(lambda: incident_channels(emulator))[0]
    assert channel.get("is_private") is True, channel


def test_an_intercom_conversation_tagged_bug_is_a_report(emulator, intake_daemon):
    notification = {"type": "notification_event", "topic": "conversation_part.tag.created",
                    "id": "notif_1", "data": {"item": {
                        "type": "conversation", "id": "4242", "title": None,
                        "source": {"body": "<p>Cart empties after login</p>"},
                        "tags": {"type": "tag.list",
                                 "tags": [{"type": "tag", "id": "7", "name": "Bug"}]}}}}
    body = json.dumps(notification).encode()
    signature = "sha1=" + hmac.new(INTERCOM_SECRET.encode(), body, hashlib.sha1).hexdigest()
    assert post(intake_daemon, "intercom", body, headers={"X-Hub-Signature": "sha1=00"})[0] == 401
    status, text = post(intake_daemon, "intercom", body, headers={"X-Hub-Signature": signature})
    assert (status, text.startswith("report #1")) == (200, True), text
    assert rows(intake_daemon, "SELECT text FROM reports") == \
        [("[intercom] Cart empties after login",)]
