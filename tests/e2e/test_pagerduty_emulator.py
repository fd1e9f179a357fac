"""The PagerDuty emulator itself (tests/emulators/pagerduty): Events API validation and dedup
rules, the REST calls (auth, Accept, From, on-calls, incidents), rate limits, every fault,
signed v3 webhooks (on demand and automatic) to a receiver that verifies them, and the
control API.

One emulator process on 127.0.0.1 serves the module; every test starts from a reset; the
process is stopped when the module ends."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from pager_harness import PD_ROUTING_KEY, PD_TOKEN, PagerDuty, WebhookReceiver
from slack_harness import ROOT

INCIDENT_ID = re.compile(r"^Q[A-Z0-9]{6}$")
OTHER_KEY = "fedcba9876543210fedcba9876543210"
RESPONDER = "responder@example.com"
SECRET = "webhook-secret"


@pytest.fixture(scope="module")
def _emulator_process(tmp_path_factory):
    emulator = PagerDuty(tmp_path_factory.mktemp("pagerduty"))
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def pd(_emulator_process) -> PagerDuty:
    return _emulator_process.clean()


def alerts(pd: PagerDuty, **filters: Any) -> list[dict[str, Any]]:
    return pd.records("alerts", **filters)


def incident_for(pd: PagerDuty, dedup_key: str) -> dict[str, Any]:
    reply = pd.rest("GET", "/incidents", query={"incident_key": dedup_key})
    assert reply.status == 200, reply.text
    return reply.json["incidents"][-1]


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def signature_ok(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's side of protocols.md §5.4: any v1 entry matching, in constant time."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    entries = [e.strip() for e in headers.get("X-PagerDuty-Signature", "").split(",")]
    return any(e.startswith("v1=") and hmac.compare_digest(e[3:], expected) for e in entries)


def verifying_receiver(secret: str = SECRET) -> WebhookReceiver:
    return WebhookReceiver(lambda h, body: 200 if signature_ok(secret, h, body) else 401)


# --- start-up ----------------------------------------------------------------------------

def test_start_prints_port_and_writes_state_file(pd):
    state = json.loads(pd.state_file.read_text())
    assert state["port"] == pd.port and state["base_url"] == pd.base
    assert pd.event("trigger", "boot").status == 202


def test_refuses_a_non_loopback_host():
    r = subprocess.run([sys.executable, "-m", "tests.emulators.pagerduty", "--host", "0.0.0.0"],
                       cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert r.returncode == 2 and "loopback" in r.stderr


def test_command_line_keys_and_sigterm(tmp_path):
    custom = PagerDuty(tmp_path, "--routing-key", OTHER_KEY, "--api-token", "other-token")
    try:
        assert custom.event("trigger", "k", routing_key=OTHER_KEY).status == 202
        assert custom.event("trigger", "k").status == 400  # the default key is not known now
        assert custom.rest("GET", "/oncalls", token="other-token").status == 200
        assert custom.rest("GET", "/oncalls").status == 401
        custom.proc.terminate()
        assert custom.proc.wait(10) == 0
    finally:
        custom.stop()


# --- Events API: accepted events and dedup -------------------------------------------------

def test_trigger_answers_202_and_opens_an_alert_with_an_incident(pd):
    reply = pd.event("trigger", "inc-42", component="checkout", custom_details={"a": "b"})
    assert reply.status == 202
    assert reply.json == {"status": "success", "message": "Event processed", "dedup_key": "inc-42"}
    [alert] = alerts(pd)
    assert alert["status"] == "triggered" and alert["routing_key"] == PD_ROUTING_KEY
    assert alert["payload"]["custom_details"] == {"a": "b"}
    assert INCIDENT_ID.match(alert["incident_id"]) and alert["incident_number"] == 1


def test_trigger_without_dedup_key_gets_a_fresh_key_every_time(pd):
    first, second = pd.event("trigger"), pd.event("trigger")
    assert re.fullmatch(r"[0-9a-f]{32}", first.json["dedup_key"])
    assert first.json["dedup_key"] != second.json["dedup_key"]
    assert len(alerts(pd)) == 2


def test_dedup_rules_follow_the_alert_lifecycle(pd):
    pd.event("trigger", "inc-1")
    pd.event("trigger", "inc-1")
    [alert] = alerts(pd)
    assert alert["triggers"] == 2

    assert pd.event("acknowledge", "inc-1").status == 202
    assert pd.event("trigger", "inc-1").status == 202  # still the same, acknowledged alert
    [alert] = alerts(pd)
    assert alert["status"] == "acknowledged" and alert["triggers"] == 3

    assert pd.event("resolve", "inc-1").status == 202
    assert alerts(pd)[0]["status"] == "resolved"
    # After the resolve, ack/resolve are dropped but still answered 202 ...
    assert pd.event("acknowledge", "inc-1").status == 202
    assert pd.event("resolve", "inc-1").status == 202
    # ... and a trigger opens a new alert with a new incident.
    pd.event("trigger", "inc-1")
    old, new = alerts(pd)
    assert old["status"] == "resolved" and new["status"] == "triggered"
    assert new["incident_id"] != old["incident_id"] and new["incident_number"] == 2

    outcomes = [e["outcome"] for e in pd.records("events")]
    assert outcomes == ["created", "deduplicated", "acknowledged", "deduplicated", "resolved",
                        "dropped", "dropped", "created"]


def test_events_for_unknown_keys_or_another_routing_key_are_dropped(pd):
    pd.settings(routing_keys=[PD_ROUTING_KEY, OTHER_KEY])
    pd.event("trigger", "inc-7")
    assert pd.event("acknowledge", "never-seen").status == 202
    assert pd.event("resolve", "inc-7", routing_key=OTHER_KEY).status == 202
    assert alerts(pd)[0]["status"] == "triggered"
    assert [e["outcome"] for e in pd.records("events", outcome="dropped")] == ["dropped"] * 2
    # The same dedup key on another routing key is another alert.
    pd.event("trigger", "inc-7", routing_key=OTHER_KEY)
    assert len(alerts(pd, dedup_key="inc-7")) == 2


# --- Events API: validation ----------------------------------------------------------------

def _event(**changes: Any) -> dict[str, Any]:
    event = {"routing_key": PD_ROUTING_KEY, "event_action": "trigger", "dedup_key": "v",
             "payload": {"summary": "s", "source": "h", "severity": "info"}}
    for key, value in changes.items():
        if key.startswith("payload_"):
            event["payload"][key[len("payload_"):]] = value
        else:
            event[key] = value
    return {k: v for k, v in event.items() if v is not None}


@pytest.mark.parametrize("event, error", [
    (b"{not json", "not valid JSON"),
    ([1, 2], "must be a JSON object"),
    (_event(routing_key="short"),
     "Length of 'routing_key' is incorrect (should be 32 characters)"),
    (_event(routing_key=None), "'routing_key' is missing"),
    (_event(routing_key=OTHER_KEY), "not a known integration key"),
    (_event(event_action="escalate"), "'event_action' must be one of"),
    (_event(payload=None), "'payload' is required"),
    (_event(payload_summary=None), "'payload.summary' is missing"),
    (_event(payload_summary="x" * 1025), "longer than 1024"),
    (_event(payload_source=""), "'payload.source' is missing"),
    (_event(payload_severity="fatal"), "'payload.severity' must be one of"),
    (_event(payload_severity=None), "'payload.severity' must be one of"),
    (_event(dedup_key="k" * 256), "at most 255"),
    (_event(event_action="acknowledge", dedup_key=None), "'dedup_key' is required"),
    (_event(images=[{"src": "http://insecure/x.png"}]), "https 'src'"),
    (_event(links=[{"text": "no href"}]), "'href'"),
])
def test_invalid_events_get_400_invalid_event(pd, event, error):
    reply = pd.call("POST", "/v2/enqueue", event, {"Content-Type": "application/json"})
    assert reply.status == 400, reply.text
    assert reply.json["status"] == "invalid event"
    assert reply.json["message"] == "Event object is invalid"
    assert any(error in e for e in reply.json["errors"]), reply.json["errors"]
    assert alerts(pd) == []


def test_limits_are_inclusive_and_an_oversized_event_is_refused(pd):
    assert pd.enqueue(_event(payload_summary="x" * 1024, dedup_key="k" * 255)).status == 202
    assert pd.event("trigger", "links", links=[{"href": "https://x"}]).status == 202
    huge = _event(payload_custom_details={"blob": "x" * (512 * 1024)})
    reply = pd.enqueue(huge)
    assert reply.status == 400 and "512 KB" in reply.json["errors"][0]


def test_events_rate_limit_per_routing_key(pd):
    pd.settings(rate_limits_enabled=True, events_per_minute=2)
    assert [pd.event("trigger", f"r{i}").status for i in range(3)] == [202, 202, 429]
    assert pd.event("trigger", "r3").json["status"] == "throttle event"
    pd.settings(routing_keys=[PD_ROUTING_KEY, OTHER_KEY])
    assert pd.event("trigger", "other", routing_key=OTHER_KEY).status == 202


# --- REST: transport -----------------------------------------------------------------------

def test_rest_requires_the_token_and_the_versioned_accept_header(pd):
    for reply in (pd.rest("GET", "/oncalls", token=None), pd.rest("GET", "/oncalls", token="nope"),
                  pd.call("GET", "/oncalls", headers={"Authorization": f"Bearer {PD_TOKEN}"})):
        assert reply.status == 401
        assert reply.json["error"]["code"] == 2006 and "errors" in reply.json["error"]
    missing_accept = pd.rest("GET", "/oncalls", accept=None)
    assert missing_accept.status == 406 and missing_accept.json["error"]["code"] == 2001
    assert pd.rest("GET", "/oncalls", accept="application/json, " +
                   "application/vnd.pagerduty+json; version=2").status == 200
    pd.settings(require_accept_header=False)
    assert pd.rest("GET", "/oncalls", accept=None).status == 200


def test_rest_answers_carry_ratelimit_headers_and_429_at_the_limit(pd):
    ok = pd.rest("GET", "/oncalls")
    assert ok.headers["ratelimit-limit"] == "960"
    assert int(ok.headers["ratelimit-remaining"]) < 960 and int(ok.headers["ratelimit-reset"]) >= 1
    assert ok.headers["Content-Type"].startswith("application/json")
    pd.settings(rate_limits_enabled=True, rest_per_minute=2)
    statuses = [pd.rest("GET", "/oncalls") for _ in range(3)]
    assert [r.status for r in statuses] == [200, 200, 429]
    limited = statuses[-1]
    assert limited.json == {"error": {"message": "Rate Limit Exceeded", "code": 2020}}
    assert limited.headers["ratelimit-remaining"] == "0" and "Retry-After" not in limited.headers


# --- REST: on-calls ----------------------------------------------------------------------

def _oncall_fixtures() -> list[dict[str, Any]]:
    now = datetime.now(timezone.utc)
    alice = {"id": "PALICE1", "name": "Alice", "email": "alice@example.com"}
    bob = {"id": "PBOB001", "name": "Bob", "email": "bob@example.com"}
    return [
        {"schedule_id": "PSCHED1", "schedule_name": "Primary", "escalation_policy_id": "PEP0001",
         "escalation_level": 1, "user": alice, "start": iso(now - timedelta(hours=1)),
         "end": iso(now + timedelta(hours=1))},
        {"schedule_id": "PSCHED1", "escalation_policy_id": "PEP0001", "escalation_level": 1,
         "user": bob, "start": iso(now + timedelta(hours=1)), "end": iso(now + timedelta(hours=2))},
        {"schedule_id": "PSCHED1", "escalation_policy_id": "PEP0001", "escalation_level": 1,
         "user": alice, "start": iso(now + timedelta(hours=2)),
         "end": iso(now + timedelta(hours=3))},
        {"schedule_id": None, "escalation_policy_id": "PEP0002", "escalation_level": 2,
         "user": bob, "start": None, "end": None},
    ]


def _oncalls(pd: PagerDuty, **query: Any) -> dict[str, Any]:
    reply = pd.rest("GET", "/oncalls", query=query)
    assert reply.status == 200, reply.text
    return reply.json


def test_oncalls_now_with_filters(pd):
    pd.control("oncalls", {"oncalls": _oncall_fixtures()})
    now_on = _oncalls(pd)
    assert [(o["user"]["id"], o["escalation_level"]) for o in now_on["oncalls"]] == \
        [("PALICE1", 1), ("PBOB001", 2)]
    first = now_on["oncalls"][0]
    assert first["user"]["type"] == "user_reference" and "email" not in first["user"]
    assert first["schedule"]["id"] == "PSCHED1" and first["schedule"]["summary"] == "Primary"
    assert first["escalation_policy"]["type"] == "escalation_policy_reference"
    permanent = now_on["oncalls"][1]
    assert permanent["schedule"] is None and permanent["start"] is None and permanent["end"] is None
    assert {k: now_on[k] for k in ("limit", "offset", "more", "total")} == \
        {"limit": 25, "offset": 0, "more": False, "total": None}

    by_schedule = _oncalls(pd, **{"schedule_ids[]": "PSCHED1"})["oncalls"]
    assert [o["user"]["id"] for o in by_schedule] == ["PALICE1"]
    by_policies = _oncalls(pd, **{"escalation_policy_ids[]": ["PEP0002", "PEPNONE"]})["oncalls"]
    assert [o["escalation_policy"]["id"] for o in by_policies] == ["PEP0002"]
    assert _oncalls(pd, **{"user_ids[]": "PBOB001"})["oncalls"][0]["escalation_level"] == 2


def test_oncalls_window_earliest_include_and_paging(pd):
    pd.control("oncalls", {"oncalls": _oncall_fixtures()})
    now = datetime.now(timezone.utc)
    window = {"since": iso(now), "until": iso(now + timedelta(hours=4)),
              "escalation_policy_ids[]": "PEP0001"}
    spans = _oncalls(pd, **window)["oncalls"]
    assert [o["user"]["id"] for o in spans] == ["PALICE1", "PBOB001", "PALICE1"]
    earliest = _oncalls(pd, **window, earliest="true")["oncalls"]
    assert [o["user"]["id"] for o in earliest] == ["PALICE1", "PBOB001"]
    assert earliest[0]["start"] == spans[0]["start"]

    with_users = _oncalls(pd, **{"include[]": ["users", "schedules"]})["oncalls"]
    assert with_users[0]["user"]["email"] == "alice@example.com"
    assert with_users[0]["user"]["type"] == "user"
    assert with_users[0]["schedule"]["type"] == "schedule"

    page = _oncalls(pd, **window, limit=1, offset=1, total="true")
    assert len(page["oncalls"]) == 1 and page["more"] is True and page["total"] == 3
    assert pd.rest("GET", "/oncalls", query={"include[]": "pets"}).status == 400
    assert pd.rest("GET", "/oncalls", query={"since": "yesterday"}).json["error"]["code"] == 2001
    assert pd.control("oncalls", {"oncalls": [{"user": {"id": "x"}}]}, expect=400)["ok"] is False


def test_escalation_policies_and_users(pd):
    alice = {"id": "PALICE1", "type": "user_reference"}
    pd.control("escalation_policies", {"escalation_policies": [
        {"id": "PEP0001", "name": "Payments",
         "escalation_rules": [{"escalation_delay_in_minutes": 30, "targets": [alice]}]},
        {"id": "PEP0002", "name": "Checkout"}]})
    policy_ids = lambda **query: [p["id"] for p in pd.rest(  # noqa: E731
        "GET", "/escalation_policies", query=query).json["escalation_policies"]]
    policies = pd.rest("GET", "/escalation_policies").json["escalation_policies"]
    assert [p["id"] for p in policies] == ["PEP0001", "PEP0002"]
    assert policies[0]["type"] == "escalation_policy" and policies[0]["num_loops"] == 0
    assert policy_ids(query="check") == ["PEP0002"]
    assert policy_ids(**{"user_ids[]": "PALICE1"}) == ["PEP0001"]

    carol = {"id": "PCAROL1", "name": "Carol", "email": "carol@example.com"}
    pd.control("users", {"users": [carol]})
    assert pd.rest("GET", "/users/PCAROL1").json["user"]["email"] == "carol@example.com"
    assert pd.rest("GET", "/users/PUSR001").json["user"]["email"] == RESPONDER
    assert pd.rest("GET", "/users/PNOBODY").json["error"]["code"] == 2100


def test_new_incidents_are_assigned_to_level_one_on_call(pd):
    pd.control("oncalls", {"oncalls": _oncall_fixtures()})
    pd.event("trigger", "assigned")
    incident = incident_for(pd, "assigned")
    assert [a["assignee"]["id"] for a in incident["assignments"]] == ["PALICE1"]


# --- REST: incidents ---------------------------------------------------------------------

def test_get_incident_by_id_and_by_incident_key(pd):
    pd.event("trigger", "inc-9", summary="db down")
    listed = incident_for(pd, "inc-9")
    reply = pd.rest("GET", f"/incidents/{listed['id']}")
    incident = reply.json["incident"]
    assert reply.status == 200 and incident["incident_key"] == "inc-9"
    assert incident["title"] == "db down" and incident["status"] == "triggered"
    assert incident["incident_number"] == 1
    assert incident["assignments"][0]["assignee"]["id"] == "PUSR001"
    assert incident["service"]["id"] == "PSVC001"
    missing = pd.rest("GET", "/incidents/QNOPE00")
    assert missing.status == 404 and missing.json["error"]["code"] == 2100
    assert pd.rest("GET", "/incidents", query={"incident_key": "other"}).json["incidents"] == []

    pd.event("trigger", "inc-10")
    pd.event("resolve", "inc-10")
    resolved = pd.rest("GET", "/incidents", query={"statuses[]": "resolved"}).json["incidents"]
    assert [i["incident_key"] for i in resolved] == ["inc-10"]
    assert pd.rest("GET", "/incidents", query={"statuses[]": "closed"}).status == 400


def test_put_incident_needs_from(pd):
    pd.event("trigger", "inc-5")
    incident_id = incident_for(pd, "inc-5")["id"]
    body = {"incident": {"type": "incident_reference", "status": "acknowledged"}}
    missing = pd.rest("PUT", f"/incidents/{incident_id}", body)
    assert missing.status == 400 and missing.json["error"]["code"] == 2003
    unknown = pd.rest("PUT", f"/incidents/{incident_id}", body, from_="stranger@example.com")
    assert unknown.status == 400 and unknown.json["error"]["code"] == 1008
    pd.settings(from_must_be_known_user=False)
    allowed = pd.rest("PUT", f"/incidents/{incident_id}", body, from_="stranger@example.com")
    assert allowed.status == 200


def test_put_incident_acknowledges_and_resolves_the_alert(pd):
    pd.event("trigger", "inc-6")
    incident_id = incident_for(pd, "inc-6")["id"]
    put = lambda status: pd.rest("PUT", f"/incidents/{incident_id}",  # noqa: E731
                                 {"incident": {"type": "incident_reference", "status": status}},
                                 from_=RESPONDER)
    acked = put("acknowledged")
    assert acked.status == 200 and acked.json["incident"]["status"] == "acknowledged"
    assert acked.json["incident"]["acknowledgements"][0]["acknowledger"]["id"] == "PUSR001"
    assert "ratelimit-limit" in acked.headers
    assert alerts(pd)[0]["status"] == "acknowledged"
    assert put("acknowledged").status == 200  # repeating is harmless by default

    resolved = put("resolved")
    assert resolved.json["incident"]["status"] == "resolved"
    assert resolved.json["incident"]["assignments"] == []
    assert alerts(pd)[0]["status"] == "resolved"
    assert put("resolved").status == 200
    late_ack = put("acknowledged")
    assert late_ack.status == 400 and late_ack.json["error"]["code"] == 1001
    # Resolved through REST, so the dedup key is free again on the Events API.
    pd.event("trigger", "inc-6")
    assert [a["status"] for a in alerts(pd)] == ["resolved", "triggered"]

    bad = pd.rest("PUT", f"/incidents/{incident_id}", {"incident": {"type": "incident_reference",
                                                                    "status": "snoozed"}},
                  from_=RESPONDER)
    assert bad.status == 400 and bad.json["error"]["code"] == 2001
    assert pd.rest("PUT", f"/incidents/{incident_id}", b"nope", from_=RESPONDER).status == 400
    assert pd.rest("PUT", "/incidents/QNOPE00", {"incident": {}}, from_=RESPONDER).status == 404


def test_repeat_transition_errors_when_asked(pd):
    pd.settings(repeat_transition_errors=True)
    pd.event("trigger", "inc-8")
    incident_id = incident_for(pd, "inc-8")["id"]
    body = {"incident": {"type": "incident_reference", "status": "acknowledged"}}
    assert pd.rest("PUT", f"/incidents/{incident_id}", body, from_=RESPONDER).status == 200
    again = pd.rest("PUT", f"/incidents/{incident_id}", body, from_=RESPONDER)
    assert again.status == 400 and again.json["error"]["code"] == 1002


def test_post_incident(pd):
    body = {"incident": {"type": "incident", "title": "Checkout down", "incident_key": "rest-1",
                         "service": {"id": "PSVC001", "type": "service_reference"}}}
    assert pd.rest("POST", "/incidents", body).json["error"]["code"] == 2003
    created = pd.rest("POST", "/incidents", body, from_=RESPONDER)
    assert created.status == 201
    incident = created.json["incident"]
    assert INCIDENT_ID.match(incident["id"]) and incident["incident_key"] == "rest-1"
    assert incident["status"] == "triggered" and incident["urgency"] == "high"
    duplicate = pd.rest("POST", "/incidents", body, from_=RESPONDER)
    assert duplicate.status == 400 and "matching dedup key" in duplicate.json["error"]["errors"][0]
    wrong_service = {"incident": {**body["incident"], "service": {"id": "PNOPE"}}}
    assert pd.rest("POST", "/incidents", wrong_service, from_=RESPONDER).status == 400
    fetched = pd.rest("GET", f"/incidents/{incident['id']}").json["incident"]
    assert fetched["title"] == "Checkout down"


# --- faults ------------------------------------------------------------------------------

def test_ratelimit_faults_with_and_without_body_and_headers(pd):
    pd.fault(endpoint="enqueue", action="ratelimit")
    limited = pd.event("trigger", "x")
    assert limited.status == 429 and limited.json["status"] == "throttle event"
    assert "ratelimit-reset" not in limited.headers and "Retry-After" not in limited.headers
    assert pd.event("trigger", "x").status == 202  # one-shot by default

    pd.fault(endpoint="enqueue", action="ratelimit", body=False)
    assert pd.event("trigger", "y").text == ""

    pd.fault(endpoint="oncalls", action="ratelimit", reset_s=7)
    rest = pd.rest("GET", "/oncalls")
    assert rest.status == 429 and rest.headers["ratelimit-reset"] == "7"
    assert rest.json["error"]["code"] == 2020
    pd.fault(endpoint="oncalls", action="ratelimit", body=False, headers=False)
    bare = pd.rest("GET", "/oncalls")
    assert bare.status == 429 and bare.text == "" and "ratelimit-reset" not in bare.headers


def test_invalid_and_http_error_faults(pd):
    pd.fault(endpoint="enqueue", action="invalid", message="Routing key is disabled")
    invalid = pd.event("trigger", "a")
    assert invalid.status == 400 and invalid.json["errors"] == ["Routing key is disabled"]
    pd.fault(endpoint="incidents.list", action="invalid")
    assert pd.rest("GET", "/incidents").json["error"]["code"] == 2001

    for status in (500, 502, 503):
        pd.fault(endpoint="enqueue", action="http_error", status=status)
        reply = pd.event("trigger", "a")
        assert reply.status == status and reply.headers["Content-Type"].startswith("text/plain")
    for status, code in ((401, 2006), (403, 2010), (404, 2100)):
        pd.fault(endpoint="oncalls", action="http_error", status=status)
        reply = pd.rest("GET", "/oncalls")
        assert reply.status == status and reply.json["error"]["code"] == code
    assert alerts(pd) == []  # faulted events never reached the model
    assert pd.event("trigger", "a").status == 202


def test_counted_nth_and_matching_faults(pd):
    pd.fault(endpoint="enqueue", action="http_error", status=500, times=2)
    assert [pd.event("trigger", "c").status for _ in range(3)] == [500, 500, 202]
    pd.fault(endpoint="enqueue", action="http_error", status=502, nth=2)
    assert [pd.event("trigger", "c").status for _ in range(3)] == [202, 502, 202]
    pd.fault(endpoint="*", action="http_error", status=503, times=None,
             match={"event_action": "acknowledge"})
    assert pd.event("trigger", "c").status == 202
    assert pd.event("acknowledge", "c").status == 503
    assert pd.event("acknowledge", "c").status == 503
    assert pd.rest("GET", "/oncalls").status == 200
    [rule] = [r for r in pd.control("faults")["rules"] if r["match"]]
    assert rule["fired"] == 2 and rule["seen"] == 2


def test_slow_response_still_takes_effect(pd):
    pd.fault(endpoint="enqueue", action="delay", delay_s=0.5)
    started = time.monotonic()
    assert pd.event("trigger", "slow").status == 202
    assert time.monotonic() - started >= 0.45
    assert len(alerts(pd)) == 1
    pd.fault(endpoint="enqueue", action="delay", delay_s=2)
    with pytest.raises(OSError):  # a client that gives up first still changed the model
        pd.call("POST", "/v2/enqueue", {"routing_key": PD_ROUTING_KEY, "event_action": "resolve",
                                        "dedup_key": "slow"}, timeout=0.3)
    assert alerts(pd)[0]["status"] == "resolved"


def test_connection_reset_before_or_after_processing(pd):
    pd.fault(endpoint="enqueue", action="reset")
    with pytest.raises(OSError):
        pd.event("trigger", "lost")
    assert alerts(pd) == []
    pd.fault(endpoint="enqueue", action="reset", after_processing=True)
    with pytest.raises(OSError):
        pd.event("trigger", "kept")
    assert [a["dedup_key"] for a in alerts(pd)] == ["kept"]
    resets = pd.records("requests", reset="true")
    assert len(resets) == 2 and all(r["status"] is None for r in resets)
    pd.fault(endpoint="incidents.get", action="reset")
    with pytest.raises(OSError):
        pd.rest("GET", "/incidents/QNOPE00")


def test_202_with_a_different_dedup_key(pd):
    pd.fault(endpoint="enqueue", action="other_dedup_key", dedup_key="server-chosen")
    reply = pd.event("trigger", "client-chosen")
    assert reply.status == 202 and reply.json["dedup_key"] == "server-chosen"
    [alert] = alerts(pd)
    assert alert["dedup_key"] == "server-chosen"
    pd.event("acknowledge", "client-chosen")  # the key sent first is unknown: dropped
    assert alerts(pd)[0]["status"] == "triggered"
    pd.event("acknowledge", "server-chosen")
    assert alerts(pd)[0]["status"] == "acknowledged"
    pd.fault(endpoint="enqueue", action="other_dedup_key")
    assert pd.event("trigger", "mine").json["dedup_key"] not in ("mine", "server-chosen")
    refused = pd.control("faults", {"endpoint": "oncalls", "action": "other_dedup_key"}, expect=400)
    assert "enqueue" in refused["error"]


def test_fault_rules_are_listed_removed_and_checked(pd):
    rule = pd.fault(endpoint="oncalls", action="http_error", status=500, times=None)
    assert pd.control("faults")["rules"][0]["id"] == rule["id"]
    pd.control(f"faults/{rule['id']}", method="DELETE")
    assert pd.rest("GET", "/oncalls").status == 200
    pd.fault(endpoint="oncalls", action="delay", delay_s=0.1)
    pd.control("faults", method="DELETE")
    assert pd.control("faults")["rules"] == []
    for bad in ({"action": "explode"}, {"action": "delay", "endpoint": "nope"},
                {"action": "http_error", "status": 200}, {"action": "delay", "delay_s": "soon"},
                {"action": "delay", "colour": "red"}, {"action": "delay", "times": 0}):
        assert pd.control("faults", bad, expect=400)["ok"] is False
    pd.control("faults/F999", method="DELETE", expect=404)


# --- webhooks ----------------------------------------------------------------------------

def test_signed_webhook_for_an_acknowledged_incident(pd):
    pd.event("trigger", "inc-42")
    incident_id = incident_for(pd, "inc-42")["id"]
    with verifying_receiver() as receiver:
        result = pd.control("webhook", {
            "url": receiver.url, "secret": SECRET, "event_type": "incident.acknowledged",
            "dedup_key": "inc-42",
            "agent": {"id": "PALICE1", "summary": "Alice", "email": "alice@example.com"}})
    assert [d["status"] for d in result["deliveries"]] == [200]
    headers, body, status = receiver.received[0]
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "PagerDuty-Webhook/V3.0"
    event = json.loads(body)["event"]
    assert set(event) == {"id", "event_type", "resource_type", "occurred_at", "agent", "client",
                          "data"}
    assert event["event_type"] == "incident.acknowledged" and event["resource_type"] == "incident"
    assert event["client"] is None
    datetime.fromisoformat(event["occurred_at"])
    assert event["agent"]["id"] == "PALICE1" and event["agent"]["type"] == "user_reference"
    assert event["agent"]["summary"] == "Alice" and event["agent"]["email"] == "alice@example.com"
    data = event["data"]
    assert data["id"] == incident_id and data["status"] == "acknowledged" and data["number"] == 1
    assert "incident_key" not in data  # map back through GET /incidents/{id}
    assert pd.rest("GET", f"/incidents/{data['id']}").json["incident"]["incident_key"] == "inc-42"
    assert alerts(pd)[0]["status"] == "acknowledged"  # the model followed the webhook
    assert pd.rest("GET", "/users/PALICE1").json["user"]["email"] == "alice@example.com"


def test_webhook_bad_rotated_and_duplicate_signatures(pd):
    pd.event("trigger", "inc-1")
    incident_id = incident_for(pd, "inc-1")["id"]
    base = {"secret": SECRET, "incident_id": incident_id, "event_type": "incident.resolved",
            "apply_to_model": False}
    with verifying_receiver() as receiver:
        bad = pd.control("webhook", {**base, "url": receiver.url, "bad_signature": True})
        rotated = pd.control("webhook", {**base, "url": receiver.url, "extra_signature": True})
        twice = pd.control("webhook", {**base, "url": receiver.url, "duplicate": True})
    assert bad["deliveries"][0]["status"] == 401
    assert rotated["signature"].count("v1=") == 2 and rotated["deliveries"][0]["status"] == 200
    assert [d["status"] for d in twice["deliveries"]] == [200, 200]
    first, second = receiver.bodies()[-2:]
    assert first == second  # the same event.id twice: the receiver must dedupe on it
    assert alerts(pd)[0]["status"] == "triggered"  # apply_to_model false
    journal = pd.records("webhooks")
    assert [w["attempt"] for w in journal] == [1, 1, 1, 2]
    assert journal[-1]["event_id"] == first["event"]["id"]


def test_webhook_control_checks(pd):
    pd.event("trigger", "inc-2")
    pd.event("resolve", "inc-2")
    with verifying_receiver() as receiver:
        spec = {"url": receiver.url, "secret": SECRET, "dedup_key": "inc-2"}
        stale = pd.control("webhook", {**spec, "event_type": "incident.acknowledged"}, expect=409)
        assert "apply_to_model" in stale["error"]
        sent = pd.control("webhook", {**spec, "event_type": "incident.acknowledged",
                                      "apply_to_model": False})
        assert sent["event"]["event"]["data"]["status"] == "resolved"
        pd.control("webhook", {**spec, "dedup_key": "nope"}, expect=404)
        pd.control("webhook", {**spec, "event_type": "incident.exploded"}, expect=400)
        pd.control("webhook", {"url": receiver.url, "dedup_key": "inc-2"}, expect=400)
    pd.control("webhook", {**spec, "url": "http://192.0.2.1/hook"}, expect=400)
    gone = pd.control("webhook", {**spec, "apply_to_model": False, "timeout_s": 2})
    assert gone["deliveries"][0]["status"] is None and gone["deliveries"][0]["error"]


def test_automatic_webhooks_when_events_or_rest_change_an_incident(pd):
    with verifying_receiver() as receiver:
        pd.settings(webhook_subscription={"url": receiver.url, "secret": SECRET},
                    webhook_events=["incident.triggered", "incident.acknowledged",
                                    "incident.resolved"])
        pd.event("trigger", "auto-1")
        pd.event("acknowledge", "auto-1")
        pd.event("acknowledge", "auto-1")  # no change, no webhook
        incident_id = incident_for(pd, "auto-1")["id"]
        pd.rest("PUT", f"/incidents/{incident_id}",
                {"incident": {"type": "incident_reference", "status": "resolved"}}, from_=RESPONDER)
        sent = pd.records("webhooks", min=3, wait_s=10)
    assert [w["event_type"] for w in sent] == ["incident.triggered", "incident.acknowledged",
                                               "incident.resolved"]
    assert all(w["auto"] and w["status"] == 200 for w in sent)
    events = [b["event"] for b in receiver.bodies()]
    assert [e["data"]["status"] for e in events] == ["triggered", "acknowledged", "resolved"]
    assert events[1]["agent"]["type"] == "service_reference"  # the Events API integration
    assert events[2]["agent"]["id"] == "PUSR001"  # the REST From user
    assert events[2]["agent"]["type"] == "user_reference"
    assert pd.control("settings", {"webhook_subscription": {"url": "http://192.0.2.1/x",
                                                            "secret": "s"}}, expect=400)


# --- control API -------------------------------------------------------------------------

def test_requests_are_recorded_with_redacted_auth(pd):
    pd.event("trigger", "rec")
    pd.rest("GET", "/oncalls", query={"schedule_ids[]": ["A", "B"]})
    pd.call("GET", "/no/such/path")
    enqueue, oncalls, unknown = pd.records("requests")
    assert enqueue["method"] == "POST" and enqueue["path"] == "/v2/enqueue"
    assert enqueue["body"]["dedup_key"] == "rec" and enqueue["status"] == 202
    assert enqueue["response"]["dedup_key"] == "rec" and enqueue["endpoint"] == "enqueue"
    assert oncalls["query"] == {"schedule_ids[]": ["A", "B"]}
    assert oncalls["headers"]["Authorization"] == "Token <redacted>"
    assert oncalls["headers"]["Accept"] == "application/vnd.pagerduty+json;version=2"
    assert unknown["status"] == 404 and unknown["endpoint"] == "unmatched"
    assert [r["path"] for r in pd.records("requests", endpoint="oncalls")] == ["/oncalls"]
    later = pd.records("requests", since_seq=enqueue["seq"])
    assert [r["seq"] for r in later] == [oncalls["seq"], unknown["seq"]]


def test_long_poll_reset_and_settings(pd):
    started = time.monotonic()
    reply = pd.control("requests?min=1&wait_s=0.3")
    assert reply["complete"] is False and time.monotonic() - started >= 0.3
    pd.settings(events_per_minute=5)
    pd.event("trigger", "gone")
    pd.fault(endpoint="oncalls", action="http_error")
    pd.control("reset", {})
    assert alerts(pd) == [] and pd.records("requests") == [] and pd.control("faults")["rules"] == []
    assert pd.control("settings")["settings"]["events_per_minute"] == 5  # settings survive
    for bad in ({"nope": 1}, {"events_per_minute": "many"}, {"routing_keys": ["short"]},
                {"webhook_events": ["incident.exploded"]}):
        assert pd.control("settings", bad, expect=400)["ok"] is False
    pd.event("trigger", "again")
    assert alerts(pd)[0]["incident_id"] == pd.records("incidents")[0]["id"]
