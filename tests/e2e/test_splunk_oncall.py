"""The Splunk On-Call emulator on its own, then `siren run` paging through it with the Slack
emulator as the workspace: a declare pages (CRITICAL, entity_id = siren's dedup key), resolve
sends RECOVERY, a refused key falls back to a Slack DM without the key showing anywhere, and a
kill -9 between the trigger and its answer does not open a second incident."""

from __future__ import annotations

import json
import time

import pytest

from pager_harness import SO_API_KEY, SplunkOnCall
from test_daemon import (Daemon, declare, emulator, eventually, incident_channel, slash,  # noqa: F401
                         wait_connected)


@pytest.fixture(scope="module")
def so_process(tmp_path_factory):
    so = SplunkOnCall(tmp_path_factory.mktemp("splunk_oncall"))
    try:
        yield so
    finally:
        so.stop()


@pytest.fixture
def so(so_process):
    return so_process.clean()


def critical(entity_id: str = "siren-1-eoc", **extra):
    return {"message_type": "CRITICAL", "entity_id": entity_id,
            "entity_display_name": "Alice paged for eoc (S1)", "state_message": "checkout 5xx",
            "monitoring_tool": "siren", **extra}


# --- the emulator -----------------------------------------------------------------------------

def test_critical_opens_an_incident_and_the_same_entity_id_deduplicates(so):
    reply = so.alert(critical())
    assert reply.status == 200
    assert reply.json == {"result": "success", "entity_id": "siren-1-eoc"}
    assert so.alert(critical()).status == 200
    incidents = so.records("incidents")
    assert len(incidents) == 1
    assert incidents[0]["alerts"] == 2 and incidents[0]["state"] == "triggered"
    assert incidents[0]["routing_key"] == "ops"
    assert [a["outcome"] for a in so.records("alerts")] == ["created", "deduplicated"]


def test_acknowledgement_and_recovery_follow_the_incident(so):
    so.alert(critical())
    ack = so.alert({"message_type": "ACKNOWLEDGEMENT", "entity_id": "siren-1-eoc",
                    "ack_author": "siren"})
    assert ack.status == 200
    assert so.records("incidents")[0]["state"] == "acknowledged"
    assert so.alert({"message_type": "RECOVERY", "entity_id": "siren-1-eoc"}).status == 200
    assert so.records("incidents")[0]["state"] == "resolved"
    # Again, and for an entity never seen: still a success, nothing changes.
    assert so.alert({"message_type": "RECOVERY", "entity_id": "siren-1-eoc"}).status == 200
    assert so.alert({"message_type": "RECOVERY", "entity_id": "nope"}).status == 200
    # After a recovery the same entity_id opens a new incident.
    so.alert(critical())
    assert [i["number"] for i in so.records("incidents")] == [1, 2]


def test_the_api_key_in_the_url_is_checked(so):
    reply = so.alert(critical(), api_key="not-the-key")
    assert reply.status == 404
    assert reply.json["result"] == "failure"
    assert so.records("incidents") == []
    so.settings(unknown_key_status=200)
    assert so.alert(critical(), api_key="not-the-key").json["result"] == "failure"


@pytest.mark.parametrize("body", [
    {"entity_id": "x"},
    {"message_type": "critical", "entity_id": "x"},
    {"message_type": "CRITICAL", "entity_id": 7},
    {"message_type": "CRITICAL", "timestamp": "yesterday"},
    ["CRITICAL"],
])
def test_malformed_alerts_get_400_failure(so, body):
    reply = so.alert(body)
    assert reply.status == 400 and reply.json["result"] == "failure", reply.text


def test_an_alert_without_entity_id_gets_a_random_one(so):
    first = so.alert({"message_type": "CRITICAL"}).json["entity_id"]
    second = so.alert({"message_type": "CRITICAL"}).json["entity_id"]
    assert first and second and first != second


def test_unknown_routing_keys_go_to_the_default_route(so):
    so.settings(routing_keys=["ops"])
    so.alert(critical("a"), routing_key="ops")
    so.alert(critical("b"), routing_key="nobody")
    assert [i["routed_to"] for i in so.records("incidents")] == ["ops", None]


def test_faults(so):
    so.fault(endpoint="alert", action="http_error", status=503)
    reply = so.alert(critical())
    assert reply.status == 503 and reply.headers.get("Content-Type", "").startswith("text/plain")
    so.fault(endpoint="alert", action="failure", message="nope")
    assert so.alert(critical()).json == {"result": "failure", "message": "nope"}
    so.fault(endpoint="alert", action="http_error", status=429)
    assert so.alert(critical()).status == 429
    assert so.records("incidents") == []
    so.fault(endpoint="alert", action="delay", delay_s=0.5)
    started = time.monotonic()
    assert so.alert(critical()).status == 200
    assert time.monotonic() - started >= 0.5
    assert len(so.records("incidents")) == 1
    recorded = so.records("requests", endpoint="alert")
    assert [r["status"] for r in recorded] == [503, 200, 429, 200]


# --- siren paging through it ------------------------------------------------------------------

def splunk_config(so: SplunkOnCall, fallback_after: str = "2m"):
    def change(config):
        config["paging"]["provider"] = "splunk_oncall"
        config["paging"]["fallback_after"] = fallback_after
        config["paging"]["splunk_oncall"] = {"routing_key": "ops",
                                             "routing_keys": {"imoc": "managers"}}
        for policy in config["escalations"]:
            if policy["name"] == "default":
                policy["levels"] = [{"targets": ["eoc"], "after": "1h"}]
                policy["investigating_limit"] = 0
    return change


def splunk_daemon(siren_bin, emulator, so, tmp_path, api_key=SO_API_KEY, **kw):  # noqa: F811
    d = Daemon(siren_bin, emulator, tmp_path, change_config=splunk_config(so, **kw),
               extra_env={"SPLUNK_ONCALL_REST_URL": so.rest_url(api_key)})
    wait_connected(emulator)
    return d


def incidents(so: SplunkOnCall, count: int, wait_s: float = 15) -> list[dict]:
    got = so.records("incidents", min=count, wait_s=wait_s)
    assert len(got) >= count, got
    return got


def test_declare_pages_through_splunk_oncall_and_resolve_recovers(siren_bin, emulator, so,
                                                                  tmp_path):
    d = splunk_daemon(siren_bin, emulator, so, tmp_path)
    declare(emulator)
    opened = {i["entity_id"]: i for i in incidents(so, 2)}
    assert set(opened) == {"siren-1-eoc", "siren-1-imoc"}
    assert opened["siren-1-eoc"]["routing_key"] == "ops"
    assert opened["siren-1-imoc"]["routing_key"] == "managers"
    eoc = opened["siren-1-eoc"]["fields"]
    assert eoc["message_type"] == "CRITICAL" and eoc["monitoring_tool"] == "siren"
    assert "paged for eoc" in eoc["entity_display_name"]
    assert "by siren" in eoc["state_message"]

    channel = incident_channel(emulator)
    slash(emulator, "resolve fixed", command="/119", channel=channel["id"])
    eventually(lambda: {i["entity_id"]: i["state"] for i in so.records("incidents")} ==
               {"siren-1-eoc": "resolved", "siren-1-imoc": "resolved"}, timeout=15)
    recoveries = so.records("alerts", message_type="RECOVERY")
    assert {(a["entity_id"], a["routing_key"]) for a in recoveries} == {
        ("siren-1-eoc", "ops"), ("siren-1-imoc", "managers")}
    assert SO_API_KEY not in d.log()
    assert d.stop() == 0, d.log()


def test_a_refused_key_falls_back_to_a_slack_dm_without_showing_the_key(siren_bin, emulator, so,
                                                                       tmp_path):
    wrong_key = "0bad0bad-0000-4000-8000-5ec2e7a1dead"
    d = splunk_daemon(siren_bin, emulator, so, tmp_path, api_key=wrong_key)
    declare(emulator)
    said = eventually(lambda: next((m for m in incident_channel(emulator)["messages"]
                                    if "splunk_oncall could not take the page" in m["text"]),
                                   None), timeout=20)
    assert "HTTP 404" in said["text"]
    assert wrong_key not in json.dumps(emulator.control("workspace"))
    dms = eventually(lambda: [c for c in emulator.control("workspace")["channels"]
                              if c["is_im"] and any("You are paged" in m["text"]
                                                    for m in c["messages"])], timeout=20)
    assert dms
    assert so.records("incidents") == []
    assert d.stop() == 0, d.log()
    assert wrong_key not in d.log()


def test_a_kill_between_trigger_and_answer_does_not_page_twice(siren_bin, emulator, so,
                                                              tmp_path):
    # The first trigger for the EOC takes effect, but its answer is 30 s late: siren dies first.
    so.fault(endpoint="alert", action="delay", delay_s=30, match={"entity_id": "siren-1-eoc"})
    d = splunk_daemon(siren_bin, emulator, so, tmp_path)
    # Not declare(): the late answer holds the runner's batch, so the pin may come only later.
    slash(emulator, "declare S1 Checkout returns 500 --service checkout")
    taken = so.records("alerts", entity_id="siren-1-eoc", min=1, wait_s=15)
    assert taken, "the first trigger never arrived"
    d.kill()
    d.start()
    # The restarted siren sends the page again: the same entity_id, so the same incident.
    sent = so.records("alerts", entity_id="siren-1-eoc", min=2, wait_s=30)
    assert [a["outcome"] for a in sent[:2]] == ["created", "deduplicated"], sent
    eoc = [i for i in so.records("incidents") if i["entity_id"] == "siren-1-eoc"]
    assert len(eoc) == 1 and eoc[0]["alerts"] >= 2
    assert d.stop() == 0, d.log()
