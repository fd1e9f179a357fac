"""`siren run` paging through the PagerDuty emulator, with the Slack emulator as the workspace:
pages on declare, escalation on durable timers (seconds long here), acknowledgements from
PagerDuty's signed webhook and from Slack's button, resolve, a restart in the middle of an
escalation, and the Slack DM fallback when PagerDuty cannot be reached."""

from __future__ import annotations

import time

import pytest

from pager_harness import OG_KEY, PD_ROUTING_KEY, PD_TOKEN, Opsgenie, PagerDuty
from test_daemon import (Daemon, declare, emulator, eventually, incident_channel, slash,  # noqa: F401
                         wait_connected)

WEBHOOK_SECRET = "pd-webhook-secret-test"
ALICE = "U0A1ALICE"


@pytest.fixture
def pagerduty(tmp_path):
    pd = PagerDuty(tmp_path)
    try:
        yield pd
    finally:
        pd.stop()


def paging_config(pd: PagerDuty, first_level: str = "2s", fallback_after: str = "2m"):
    def change(config):
        config["paging"]["provider"] = "pagerduty"
        config["paging"]["fallback_after"] = fallback_after
        config["paging"]["pagerduty"]["events_api_url"] = f"{pd.base}/v2/enqueue"
        config["paging"]["pagerduty"]["rest_api_url"] = pd.base
        for policy in config["escalations"]:
            if policy["name"] == "default":
                policy["levels"] = [{"targets": ["eoc"], "after": first_level},
                                    {"targets": ["eoc:secondary"], "after": "2s"},
                                    {"targets": ["imoc"], "after": "2s"}]
                policy["investigating_limit"] = 0
    return change


PD_ENV = {"PAGERDUTY_ROUTING_KEY": PD_ROUTING_KEY, "PAGERDUTY_API_TOKEN": PD_TOKEN,
          "PAGERDUTY_WEBHOOK_SECRET": WEBHOOK_SECRET}


@pytest.fixture
def paging_daemon(siren_bin, emulator, pagerduty, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=paging_config(pagerduty),
               extra_env=PD_ENV)
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


def triggers(pd: PagerDuty, count: int, wait_s: float = 10) -> list[str]:
    """The dedup keys of the first `count` trigger events PagerDuty accepted, in order."""
    got = pd.records("events", event_action="trigger", min=count, wait_s=wait_s)
    keys = [e["dedup_key"] for e in got]
    assert len(keys) >= count, got
    return keys


def events(pd: PagerDuty, action: str) -> list[str]:
    return [e["dedup_key"] for e in pd.records("events", event_action=action)]


def channel_says(emu, text: str, timeout: float = 10) -> dict:
    return eventually(lambda: next((m for m in incident_channel(emu)["messages"]
                                    if text in m["text"]), None), timeout)


def test_declare_pages_through_pagerduty_and_escalates_until_acknowledged(
        emulator, pagerduty, paging_daemon):
    declare(emulator)
    assert sorted(triggers(pagerduty, 2)) == ["siren-1-eoc", "siren-1-imoc"]
    request = pagerduty.records("requests", endpoint="enqueue")[0]
    assert request["body"]["payload"]["severity"] == "critical"
    assert request["body"]["routing_key"] == PD_ROUTING_KEY

    # Nobody acknowledges: 2 s later the secondary is paged and the channel is told.
    assert triggers(pagerduty, 3)[2] == "siren-1-eoc-secondary"
    channel_says(emulator, "Nobody acknowledged within 2s")

    # Bob acknowledges in PagerDuty; its signed webhook tells siren, which stops escalating.
    delivery = pagerduty.control("webhook", {
        "url": f"http://127.0.0.1:{paging_daemon.http_port()}/webhooks/pagerduty",
        "secret": WEBHOOK_SECRET, "event_type": "incident.acknowledged",
        "dedup_key": "siren-1-eoc", "agent": {"id": "PBOB", "summary": "Bob Martin"},
        "duplicate": True})
    assert [d["status"] for d in delivery["deliveries"]] == [200, 200]
    channel_says(emulator, "acknowledged the page for eoc")
    acknowledged = [m for m in incident_channel(emulator)["messages"]
                    if "acknowledged the page" in m["text"]]
    assert len(acknowledged) == 1, "a redelivered webhook must not be processed twice"
    assert "<@U0B2BOB>" in acknowledged[0]["text"], "Bob Martin is mapped to his Slack id"
    time.sleep(4.5)
    assert len(events(pagerduty, "trigger")) == 3, "the escalation went on after the ack"


def test_a_webhook_with_a_bad_signature_changes_nothing(emulator, pagerduty, paging_daemon):
    declare(emulator)
    triggers(pagerduty, 2)
    delivery = pagerduty.control("webhook", {
        "url": f"http://127.0.0.1:{paging_daemon.http_port()}/webhooks/pagerduty",
        "secret": WEBHOOK_SECRET, "event_type": "incident.acknowledged",
        "dedup_key": "siren-1-eoc", "agent": {"id": "PBOB", "summary": "Bob"},
        "bad_signature": True})
    assert delivery["deliveries"][0]["status"] == 401
    assert triggers(pagerduty, 3)[2] == "siren-1-eoc-secondary", "the page was not acknowledged"


def test_the_slack_button_acknowledges_and_tells_pagerduty(emulator, pagerduty, paging_daemon):
    declare(emulator)
    triggers(pagerduty, 2)
    channel = incident_channel(emulator)
    # Alice, the incident commander, may acknowledge a page sent to someone else.
    emulator.control("interactive", {"kind": "block_actions", "user": ALICE,
                                     "channel": channel["id"], "action_id": "siren_button_0",
                                     "value": "/119 ack siren-1-eoc"})
    channel_says(emulator, "acknowledged the page for eoc")
    eventually(lambda: events(pagerduty, "acknowledge") == ["siren-1-eoc"])
    time.sleep(3)
    assert len(events(pagerduty, "trigger")) == 2


def test_resolve_resolves_every_page(emulator, pagerduty, paging_daemon):
    declare(emulator)
    triggers(pagerduty, 3)  # eoc, imoc, then the secondary after 2 s
    channel = incident_channel(emulator)
    slash(emulator, "resolve fixed", command="/119", channel=channel["id"])
    eventually(lambda: sorted(events(pagerduty, "resolve")) ==
               ["siren-1-eoc", "siren-1-eoc-secondary", "siren-1-imoc"])
    alerts = pagerduty.records("alerts")
    assert {a["status"] for a in alerts} == {"resolved"}


def test_an_escalation_survives_a_crash(siren_bin, emulator, pagerduty, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=paging_config(pagerduty, "4s"),
               extra_env=PD_ENV)
    wait_connected(emulator)
    declare(emulator)
    triggers(pagerduty, 2)
    declared_at = time.time()
    d.kill()
    d.start()
    keys = triggers(pagerduty, 3, wait_s=15)
    assert keys[2] == "siren-1-eoc-secondary"
    assert time.time() - declared_at >= 3, "the timer fired early"
    time.sleep(1)
    assert keys.count("siren-1-eoc-secondary") == 1
    assert d.stop() == 0, d.log()


def test_pages_fall_back_to_slack_when_pagerduty_is_down(siren_bin, emulator, pagerduty,
                                                         tmp_path):
    pagerduty.fault(endpoint="enqueue", action="http_error", status=503, times=None)
    d = Daemon(siren_bin, emulator, tmp_path,
               change_config=paging_config(pagerduty, "1h", fallback_after="2s"),
               extra_env=PD_ENV)
    wait_connected(emulator)
    declare(emulator)
    channel_says(emulator, "pagerduty could not take the page", timeout=20)
    dms = eventually(lambda: [c for c in emulator.control("workspace")["channels"]
                              if c["is_im"] and any("You are paged" in m["text"]
                                                    for m in c["messages"])], timeout=20)
    page = next(m for c in dms for m in c["messages"] if "You are paged" in m["text"])
    buttons = [b for block in page.get("blocks", []) if block["type"] == "actions"
               for b in block["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Acknowledge", "Escalate"]
    assert d.stop() == 0, d.log()


OPSGENIE_TOKEN = "og-callback-token-test"


def test_opsgenie_pages_by_alias_and_its_webhook_acknowledges(siren_bin, emulator, tmp_path):
    og = Opsgenie(tmp_path)
    try:
        def change(config):
            config["paging"]["provider"] = "opsgenie"
            config["paging"]["opsgenie"]["api_url"] = og.base

        d = Daemon(siren_bin, emulator, tmp_path, change_config=change,
                   extra_env={"OPSGENIE_API_KEY": OG_KEY,
                              "OPSGENIE_CALLBACK_TOKEN": OPSGENIE_TOKEN})
        wait_connected(emulator)
        declare(emulator)
        alerts = eventually(lambda: og.records("alerts") if len(og.records("alerts")) >= 2
                            else None)
        eoc = next(a for a in alerts if a["alias"] == "siren-1-eoc")
        assert eoc["priority"] == "P2"  # S1
        assert eoc["spec"]["responders"][0]["type"] == "user"
        assert "@example.com" in eoc["spec"]["responders"][0]["username"]

        url = f"http://127.0.0.1:{d.http_port()}/webhooks/opsgenie"
        refused = og.control("webhook", {"url": url, "header_name": "X-Siren-Token",
                                         "header_value": "wrong", "action": "Acknowledge",
                                         "alias": "siren-1-eoc", "username": "bob@example.com"})
        assert refused["delivery"]["status"] == 401
        accepted = og.control("webhook", {"url": url, "header_name": "X-Siren-Token",
                                          "header_value": OPSGENIE_TOKEN, "action": "Acknowledge",
                                          "alias": "siren-1-eoc", "username": "bob@example.com"})
        assert accepted["delivery"]["status"] == 200
        said = channel_says(emulator, "acknowledged the page for eoc")
        assert "<@U0B2BOB>" in said["text"]
        assert d.stop() == 0, d.log()
    finally:
        og.stop()


def test_a_rotation_scheduled_in_pagerduty_pages_whom_pagerduty_says(siren_bin, emulator,
                                                                     pagerduty, tmp_path):
    now = time.time()
    pagerduty.control("oncalls", {"oncalls": [{
        "schedule_id": "PIMOC01", "escalation_policy_id": "PEP1", "escalation_level": 1,
        "user": {"id": "PCAROL", "name": "Carol Nguyen", "email": "carol@example.com"},
        "start": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 3600)),
        "end": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 3600))}]})

    def imoc_from_pagerduty(config):
        paging_config(pagerduty)(config)
        imoc = next(r for r in config["rotations"] if r["name"] == "imoc")
        for key in ("members", "secondary", "length", "handover", "time_zone", "start"):
            imoc.pop(key, None)
        imoc.update(source="pagerduty", external_id="PIMOC01")

    d = Daemon(siren_bin, emulator, tmp_path, change_config=imoc_from_pagerduty,
               extra_env=PD_ENV)
    wait_connected(emulator)
    eventually(lambda: "on call for imoc in PIMOC01: carol@example.com" in d.log())
    asked = pagerduty.records("requests", endpoint="oncalls")[0]
    assert "PIMOC01" in str(asked["query"])
    declare(emulator)
    triggers(pagerduty, 2)
    imoc_page = next(r["body"] for r in pagerduty.records("requests", endpoint="enqueue")
                     if r["body"].get("dedup_key") == "siren-1-imoc")
    assert imoc_page["payload"]["custom_details"]["person_email"] == "carol@example.com"
    assert d.stop() == 0, d.log()


def test_each_level_is_paged_when_the_one_before_waited_its_time(siren_bin, emulator, pagerduty,
                                                                 tmp_path):
    def eoc_first(config):
        paging_config(pagerduty)(config)
        config["severities"]["S1"]["page"] = ["eoc"]  # the IMOC comes in by escalation only

    d = Daemon(siren_bin, emulator, tmp_path, change_config=eoc_first, extra_env=PD_ENV)
    wait_connected(emulator)
    declare(emulator)
    events = pagerduty.records("events", event_action="trigger", min=3, wait_s=15)
    assert [e["dedup_key"] for e in events[:3]] == [
        "siren-1-eoc", "siren-1-eoc-secondary", "siren-1-imoc"]
    # Each level waits its `after` (2 s) for an acknowledgement; timers count whole seconds.
    for before, after in zip(events, events[1:3]):
        assert 1.0 <= after["time"] - before["time"] <= 4.0, events
    said = channel_says(emulator, "Nobody acknowledged a page for #1 through every level",
                        timeout=10)
    assert said
    assert d.stop() == 0, d.log()
