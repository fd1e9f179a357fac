"""The Opsgenie emulator itself (tests/emulators/opsgenie): GenieKey auth, create-alert
validation, the asynchronous request-status flow, alias dedup, acknowledge/close by id, alias
and tiny id, who-is-on-call, per-domain rate limits, every fault, the outgoing webhook (on
demand and automatic) to a receiver that checks its header, and the control API.

One emulator process on 127.0.0.1 serves the module; every test starts from a reset; the
process is stopped when the module ends."""

from __future__ import annotations

import hmac
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from pager_harness import OG_KEY, Opsgenie, WebhookReceiver
from slack_harness import ROOT

HEADER, TOKEN = "X-Siren-Token", "shared-webhook-token"


@pytest.fixture(scope="module")
def _emulator_process(tmp_path_factory):
    emulator = Opsgenie(tmp_path_factory.mktemp("opsgenie"))
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def og(_emulator_process) -> Opsgenie:
    return _emulator_process.clean()


def create(og: Opsgenie, **fields: Any) -> str:
    """Creates an alert; returns the request id once the request is processed."""
    reply = og.api("POST", "/v2/alerts", {"message": "SEV1: checkout 5xx", **fields})
    assert reply.status == 202, reply.text
    og.request_status(reply.json["requestId"])
    return reply.json["requestId"]


def act(og: Opsgenie, identifier: str, action: str, kind: str = "alias",
        body: Any = None) -> dict[str, Any]:
    """Acknowledges or closes; returns the processed request status."""
    reply = og.api("POST", f"/v2/alerts/{identifier}/{action}", body,
                   query={"identifierType": kind})
    assert reply.status == 202, reply.text
    return og.request_status(reply.json["requestId"])


def alert(og: Opsgenie, identifier: str, kind: str = "alias") -> dict[str, Any]:
    reply = og.api("GET", f"/v2/alerts/{identifier}", query={"identifierType": kind})
    assert reply.status == 200, reply.text
    return reply.json["data"]


def header_checking_receiver() -> WebhookReceiver:
    """Opsgenie signs nothing: the receiver compares the custom header in constant time."""
    return WebhookReceiver(lambda h, body: 200 if hmac.compare_digest(
        h.get(HEADER, "").encode(), TOKEN.encode()) else 401)


# --- start-up ----------------------------------------------------------------------------

def test_start_prints_port_and_writes_state_file(og):
    state = json.loads(og.state_file.read_text())
    assert state["port"] == og.port and state["base_url"] == og.base


def test_refuses_a_non_loopback_host():
    r = subprocess.run([sys.executable, "-m", "tests.emulators.opsgenie", "--host", "10.1.2.3"],
                       cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert r.returncode == 2 and "loopback" in r.stderr


def test_command_line_key_delay_and_sigterm(tmp_path):
    custom = Opsgenie(tmp_path, "--api-key", "other-key", "--process-delay", "0.3")
    try:
        assert custom.api("GET", "/v2/alerts/x").status == 401
        reply = custom.api("POST", "/v2/alerts", {"message": "m"}, key="other-key")
        not_yet = custom.api("GET", f"/v2/alerts/requests/{reply.json['requestId']}",
                             key="other-key")
        assert not_yet.status == 404
        assert not_yet.headers["X-Opsgenie-Errortype"] == "RequestNotProcessed"
        custom.proc.terminate()
        assert custom.proc.wait(10) == 0
    finally:
        custom.stop()


# --- auth and the response envelope -------------------------------------------------------

def test_genie_key_auth(og):
    for reply in (og.api("GET", "/v2/alerts/x", key=None), og.api("GET", "/v2/alerts/x", key="bad"),
                  og.call("GET", "/v2/alerts/x", headers={"Authorization": f"Bearer {OG_KEY}"})):
        assert reply.status == 401
        assert reply.json["message"] == "Could not authenticate"
        assert reply.json["requestId"] == reply.headers["X-Request-ID"]
        assert isinstance(reply.json["took"], float)


def test_create_answers_202_with_the_standard_headers(og):
    reply = og.api("POST", "/v2/alerts", {"message": "disk full", "alias": "inc-1"})
    assert reply.status == 202
    assert reply.json["result"] == "Request will be processed"
    assert reply.json["requestId"] == reply.headers["X-Request-ID"]
    assert float(reply.headers["X-Response-Time"]) > 0 and reply.json["took"] > 0
    assert reply.headers["X-RateLimit-State"] == "OK"


# --- the asynchronous request-status flow ------------------------------------------------

def test_request_status_is_not_processed_until_the_delay_passes(og):
    og.settings(process_delay_s=0.5)
    reply = og.api("POST", "/v2/alerts", {"message": "m", "alias": "inc-2"})
    request_id = reply.json["requestId"]
    pending = og.api("GET", f"/v2/alerts/requests/{request_id}")
    assert pending.status == 404
    assert pending.headers["X-Opsgenie-Errortype"] == "RequestNotProcessed"
    assert og.api("GET", "/v2/alerts/inc-2", query={"identifierType": "alias"}).status == 404
    data = og.request_status(request_id)
    assert data["success"] is True and data["isSuccess"] is True
    assert data["action"] == "Create" and data["status"] == "Created alert"
    assert data["alias"] == "inc-2" and data["alertId"] == alert(og, "inc-2")["id"]
    assert data["integrationId"] and datetime.fromisoformat(data["processedAt"])
    unknown = og.api("GET", "/v2/alerts/requests/no-such-request")
    assert unknown.status == 404 and "X-Opsgenie-Errortype" not in unknown.headers


def test_alias_defaults_to_the_alert_id(og):
    data = og.request_status(og.api("POST", "/v2/alerts", {"message": "m"}).json["requestId"])
    assert data["alias"] == data["alertId"]


# --- create validation -------------------------------------------------------------------

@pytest.mark.parametrize("body, field", [
    ({}, "message"),
    ({"message": "   "}, "message"),
    ({"message": "x" * 131}, "message"),
    ({"message": "m", "priority": "P6"}, "priority"),
    ({"message": "m", "responders": [{"type": "squad", "id": "1"}]}, "responders"),
    ({"message": "m", "responders": [{"type": "user", "name": "alice"}]}, "responders"),
    ({"message": "m", "responders": [{"type": "team"}]}, "responders"),
    ({"message": "m", "visibleTo": [{"type": "schedule", "id": "1"}]}, "visibleTo"),
    ({"message": "m", "tags": [f"t{i}" for i in range(21)]}, "tags"),
    ({"message": "m", "tags": ["x" * 51]}, "tags"),
    ({"message": "m", "alias": "a" * 513}, "alias"),
    ({"message": "m", "description": "d" * 15001}, "description"),
    ({"message": "m", "source": "s" * 101}, "source"),
    ({"message": "m", "actions": [str(i) for i in range(11)]}, "actions"),
    ({"message": "m", "details": {"k": 1}}, "details"),
])
def test_invalid_creates_get_422_naming_the_field(og, body, field):
    reply = og.api("POST", "/v2/alerts", body)
    assert reply.status == 422, reply.text
    assert reply.json["message"] == "Request body is not processable. Please check the errors."
    assert field in reply.json["errors"]
    assert og.records("alert_requests") == []


def test_limits_are_inclusive_and_valid_responders_pass(og):
    create(og, message="x" * 130, alias="a" * 512, tags=["t" * 50] * 20, priority="P1",
           responders=[{"type": "team", "name": "payments"}, {"type": "user", "username": "a@x"},
                       {"type": "escalation", "id": "e1"}, {"type": "schedule", "name": "s"}])
    [stored] = og.records("alerts")
    assert stored["priority"] == "P1" and len(stored["message"]) == 130


def test_unparsable_bodies_get_400(og):
    assert og.api("POST", "/v2/alerts", b"{nope").status == 400
    assert og.api("POST", "/v2/alerts", [1]).status == 400
    assert og.api("POST", "/v2/alerts/x/close", b"{nope").status == 400


# --- dedup, acknowledge, close, get --------------------------------------------------------

def test_alias_dedup_counts_up_on_an_open_alert(og):
    first = og.request_status(create(og, alias="inc-3"))
    second = og.request_status(create(og, alias="inc-3"))
    assert first["alertId"] == second["alertId"]
    assert alert(og, "inc-3")["count"] == 2
    act(og, "inc-3", "close")
    reopened = og.request_status(create(og, alias="inc-3"))
    assert reopened["alertId"] != first["alertId"]
    assert [a["status"] for a in og.records("alerts")] == ["closed", "open"]
    assert alert(og, "inc-3")["id"] == reopened["alertId"]  # an alias names its open alert


def test_acknowledge_and_close_by_alias_id_and_tiny_id(og):
    create(og, alias="inc-4", tags=["sev1"], responders=[{"type": "team", "name": "payments"}])
    fetched = alert(og, "inc-4")
    assert fetched["status"] == "open" and fetched["acknowledged"] is False
    assert fetched["tinyId"] == "1" and fetched["tags"] == ["sev1"]
    assert fetched["teams"] == [{"name": "payments"}]
    assert alert(og, fetched["id"], "id")["alias"] == "inc-4"
    assert alert(og, "1", "tiny")["alias"] == "inc-4"

    acked = act(og, "inc-4", "acknowledge", body={"user": "alice@example.com", "note": "on it"})
    assert acked["isSuccess"] is True and acked["action"] == "Acknowledge"
    assert acked["alertId"] == fetched["id"]
    after_ack = alert(og, fetched["id"], "id")
    assert after_ack["acknowledged"] is True
    assert after_ack["report"]["acknowledgedBy"] == "alice@example.com"

    closed = act(og, "1", "close", "tiny")
    assert closed["isSuccess"] is True and closed["action"] == "Close"
    assert alert(og, "inc-4")["status"] == "closed"
    assert act(og, fetched["id"], "close", "id")["isSuccess"] is True  # closing twice is fine


def test_actions_on_missing_alerts_fail_in_the_request_status(og):
    for action in ("acknowledge", "close"):
        status = act(og, "ghost", action)
        assert status["success"] is False and status["isSuccess"] is False
        assert status["status"] == "Alert does not exist"
    missing = og.api("GET", "/v2/alerts/ghost", query={"identifierType": "alias"})
    assert missing.status == 404 and missing.json["message"]
    wrong_kind = og.api("POST", "/v2/alerts/x/close", query={"identifierType": "name"})
    assert wrong_kind.status == 422 and "identifierType" in wrong_kind.json["errors"]
    assert og.api("POST", "/v2/alerts/x/close", {"note": "n" * 25001}).status == 422


# --- who is on call ----------------------------------------------------------------------

def _schedules() -> list[dict[str, Any]]:
    now = datetime.now(timezone.utc)
    alice = {"name": "alice@example.com", "id": "u-alice", "type": "user"}
    bob = {"name": "bob@example.com", "id": "u-bob", "type": "user"}
    span = lambda a, b: {"start": (now + timedelta(hours=a)).isoformat(),  # noqa: E731
                         "end": (now + timedelta(hours=b)).isoformat()}
    return [{"id": "s-1", "name": "Primary", "periods": [
        {**span(-1, 1), "participants": [alice]},
        {**span(-1, 1), "participants": [alice, bob]},
        {**span(1, 2), "participants": [bob]}]}]


def test_on_calls_by_id_and_name_flat_or_not(og):
    og.control("schedules", {"schedules": _schedules()})
    reply = og.api("GET", "/v2/schedules/s-1/on-calls")
    assert reply.status == 200 and reply.headers["X-RateLimit-State"] == "OK"
    data = reply.json["data"]
    assert data["_parent"] == {"id": "s-1", "name": "Primary", "enabled": True}
    assert data["onCallParticipants"] == [
        {"id": "u-alice", "name": "alice@example.com", "type": "user"},
        {"id": "u-bob", "name": "bob@example.com", "type": "user"}]
    flat = og.api("GET", "/v2/schedules/Primary/on-calls",
                  query={"scheduleIdentifierType": "name", "flat": "true"}).json["data"]
    assert flat["onCallRecipients"] == ["alice@example.com", "bob@example.com"]
    assert "onCallParticipants" not in flat


def test_on_calls_at_a_date(og):
    og.control("schedules", {"schedules": _schedules()})
    later = (datetime.now(timezone.utc) + timedelta(hours=1, minutes=30)).astimezone(
        timezone(timedelta(hours=2))).isoformat(timespec="seconds")
    flat = og.api("GET", "/v2/schedules/s-1/on-calls", query={"flat": "true", "date": later})
    assert flat.json["data"]["onCallRecipients"] == ["bob@example.com"]
    # A '+' offset not escaped arrives as a space: the request is refused, not misread.
    raw = og.call("GET", f"/v2/schedules/s-1/on-calls?date={later}",
                  headers={"Authorization": f"GenieKey {OG_KEY}"})
    assert raw.status == 422 and "date" in raw.json["errors"]
    far = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    assert og.api("GET", "/v2/schedules/s-1/on-calls",
                  query={"date": far}).json["data"]["onCallParticipants"] == []


def test_on_call_errors(og):
    og.control("schedules", {"schedules": _schedules()})
    assert og.api("GET", "/v2/schedules/nope/on-calls").status == 404
    assert og.api("GET", "/v2/schedules/Primary/on-calls").status == 404  # by id by default
    assert og.api("GET", "/v2/schedules/s-1/on-calls", query={"flat": "yes"}).status == 422
    assert og.api("GET", "/v2/schedules/s-1/on-calls",
                  query={"scheduleIdentifierType": "tiny"}).status == 422
    assert og.control("schedules", {"schedules": [{"id": "x"}]}, expect=400)["ok"] is False


# --- rate limits -------------------------------------------------------------------------

def test_rate_limits_per_domain_with_headers(og):
    og.settings(rate_limits_enabled=True, rate_limits={
        "Alert": {"per_second": 100, "per_minute": 2},
        "Schedule-oncalls": {"per_second": 100, "per_minute": 100}})
    og.control("schedules", {"schedules": _schedules()})
    replies = [og.api("GET", "/v2/alerts/x") for _ in range(3)]
    assert [r.status for r in replies] == [404, 404, 429]
    limited = replies[-1]
    assert limited.headers["X-RateLimit-State"] == "THROTTLED"
    assert limited.headers["X-RateLimit-Reason"] == "Alert"
    assert limited.headers["X-RateLimit-Period-In-Sec"] == "60"
    assert "Retry-After" not in limited.headers and limited.json["requestId"]
    # Another domain has its own buckets.
    assert og.api("GET", "/v2/schedules/s-1/on-calls").status == 200
    og.settings(rate_limits_enabled=False)
    assert og.api("GET", "/v2/alerts/x").status == 404


def test_per_second_bucket(og):
    og.settings(rate_limits_enabled=True, rate_limits={
        "Alert": {"per_second": 1, "per_minute": 100},
        "Schedule-oncalls": {"per_second": 1, "per_minute": 100}})
    started = time.monotonic()
    og.api("GET", "/v2/alerts/x")
    limited = og.api("GET", "/v2/alerts/x")
    # Two local calls take milliseconds; only a stalled machine would leave the 1 s window.
    assert time.monotonic() - started > 0.9 or (
        limited.status == 429 and limited.headers["X-RateLimit-Period-In-Sec"] == "1")
    assert og.control("settings", {"rate_limits": {"Alert": {}}}, expect=400)["ok"] is False


# --- faults ------------------------------------------------------------------------------

def test_ratelimit_burst_then_success(og):
    og.fault(endpoint="alerts.create", action="ratelimit", times=3, period_s=1)
    statuses = [og.api("POST", "/v2/alerts", {"message": "m"}) for _ in range(4)]
    assert [r.status for r in statuses] == [429, 429, 429, 202]
    assert statuses[0].headers["X-RateLimit-State"] == "THROTTLED"
    assert statuses[0].headers["X-RateLimit-Period-In-Sec"] == "1"
    assert statuses[0].headers["X-RateLimit-Reason"] == "Alert"
    og.fault(endpoint="schedules.oncalls", action="ratelimit")
    assert og.api("GET", "/v2/schedules/s/on-calls").headers["X-RateLimit-Reason"] == \
        "Schedule-oncalls"


@pytest.mark.parametrize("status", [401, 422, 500, 503])
def test_http_error_faults(og, status):
    og.fault(endpoint="alerts.create", action="http_error", status=status)
    reply = og.api("POST", "/v2/alerts", {"message": "m"})
    assert reply.status == status and reply.json["message"] and reply.json["requestId"]
    if status == 401:
        assert reply.json["message"] == "Could not authenticate"
    if status == 422:
        assert "130" in reply.json["errors"]["message"]
    assert og.records("alert_requests") == []


def test_stuck_request_status(og):
    og.fault(endpoint="alerts.create", action="stuck", polls=2)
    request_id = og.api("POST", "/v2/alerts", {"message": "m", "alias": "stuck"}).json["requestId"]
    og.records("alert_requests", processed="true", min=1, wait_s=10)
    for _ in range(2):
        reply = og.api("GET", f"/v2/alerts/requests/{request_id}")
        assert reply.status == 404
        assert reply.headers["X-Opsgenie-Errortype"] == "RequestNotProcessed"
    assert og.api("GET", f"/v2/alerts/requests/{request_id}").status == 200
    assert og.records("alert_requests")[0]["polls"] == 3


def test_failed_request_status(og):
    og.fault(endpoint="alerts.create", action="fail")
    failed = og.request_status(og.api("POST", "/v2/alerts",
                                      {"message": "m", "alias": "f"}).json["requestId"])
    assert failed["isSuccess"] is False and failed["status"] == "Could not create alert"
    assert og.records("alerts") == []
    create(og, alias="f")
    og.fault(endpoint="alerts.acknowledge", action="fail", status_text="Alert is locked")
    status = act(og, "f", "acknowledge")
    assert status["isSuccess"] is False and status["status"] == "Alert is locked"
    assert alert(og, "f")["acknowledged"] is False
    refused = og.control("faults", {"endpoint": "alerts.get", "action": "fail"}, expect=400)
    assert "alerts.create" in refused["error"]


def test_slow_responses_and_resets(og):
    og.fault(endpoint="alerts.get", action="delay", delay_s=0.5)
    started = time.monotonic()
    assert og.api("GET", "/v2/alerts/x").status == 404
    assert time.monotonic() - started >= 0.45
    og.fault(endpoint="alerts.create", action="reset")
    with pytest.raises(OSError):
        og.api("POST", "/v2/alerts", {"message": "m"})
    assert og.records("alert_requests") == []
    og.fault(endpoint="alerts.create", action="reset", after_processing=True)
    with pytest.raises(OSError):
        og.api("POST", "/v2/alerts", {"message": "m", "alias": "kept"})
    og.records("alert_requests", processed="true", min=1, wait_s=10)
    assert alert(og, "kept")["message"] == "m"
    assert [r["reset"] for r in og.records("requests", endpoint="alerts.create")] == [True, True]


# --- webhooks ----------------------------------------------------------------------------

def test_webhook_on_demand_with_the_custom_header(og):
    create(og, alias="inc-9", tags=["sev1"], source="siren", entity="checkout",
           responders=[{"type": "team", "name": "payments"}, {"type": "user", "username": "bob@x"}])
    with header_checking_receiver() as receiver:
        good = og.control("webhook", {"url": receiver.url, "header_name": HEADER,
                                      "header_value": TOKEN, "action": "Acknowledge",
                                      "alias": "inc-9", "username": "alice@example.com",
                                      "user_id": "u-alice"})
        bad = og.control("webhook", {"url": receiver.url, "header_name": HEADER,
                                     "header_value": "guess", "action": "Close", "alias": "inc-9",
                                     "apply_to_model": False})
    assert good["delivery"]["status"] == 200 and bad["delivery"]["status"] == 401
    headers, raw, _ = receiver.received[0]
    assert headers["Content-Type"] == "application/json"
    body = json.loads(raw)
    assert set(body) == {"action", "alert", "source", "integrationId", "integrationName"}
    assert body["action"] == "Acknowledge" and body["source"] == {"name": "", "type": "web"}
    fields = body["alert"]
    assert set(fields) == {"alertId", "alias", "message", "username", "userId", "tinyId", "tags",
                           "teams", "recipients", "source", "entity", "createdAt", "updatedAt"}
    assert fields["alias"] == "inc-9" and fields["username"] == "alice@example.com"
    assert fields["userId"] == "u-alice" and fields["teams"] == ["payments"]
    assert fields["recipients"] == ["payments", "bob@x"] and fields["tags"] == ["sev1"]
    assert isinstance(fields["createdAt"], int)
    assert alert(og, "inc-9")["acknowledged"] is True  # the person's action reached the model
    assert alert(og, "inc-9")["status"] == "open"  # the Close was not applied


def test_webhook_control_checks(og):
    create(og, alias="inc-10", description="d" * 2000, details={"k": "v" * 1500})
    with header_checking_receiver() as receiver:
        spec = {"url": receiver.url, "header_name": HEADER, "header_value": TOKEN}
        created = og.control("webhook", {**spec, "action": "Create", "alias": "inc-10"})
        assert len(created["body"]["alert"]["description"]) == 1000
        assert len(created["body"]["alert"]["details"]["k"]) == 1000
        og.control("webhook", {**spec, "alias": "ghost"}, expect=404)
        og.control("webhook", {**spec, "action": "Explode", "alias": "inc-10"}, expect=400)
        og.control("webhook", {"url": receiver.url, "alias": "inc-10"}, expect=400)
    og.control("webhook", {**spec, "url": "http://203.0.113.9/x", "alias": "inc-10"}, expect=400)
    assert og.records("webhooks")[0]["action"] == "Create"


def test_automatic_webhooks_for_api_actions(og):
    with header_checking_receiver() as receiver:
        og.settings(webhook={"url": receiver.url, "header_name": HEADER, "header_value": TOKEN})
        create(og, alias="auto-1")
        act(og, "auto-1", "acknowledge", body={"user": "alice@example.com", "source": "siren"})
        act(og, "auto-1", "acknowledge")  # no change, no webhook
        act(og, "auto-1", "close")
        sent = og.records("webhooks", min=2, wait_s=10)
    assert [w["action"] for w in sent] == ["Acknowledge", "Close"]
    assert all(w["auto"] and w["status"] == 200 for w in sent)
    ack = receiver.bodies()[0]
    assert ack["source"] == {"name": "siren", "type": "API"}
    assert ack["alert"]["username"] == "alice@example.com" and ack["alert"]["alias"] == "auto-1"
    assert og.control("settings", {"webhook": {"url": receiver.url}}, expect=400)["ok"] is False
    assert og.control("settings", {"webhook_actions": ["Explode"]}, expect=400)["ok"] is False


# --- control API -------------------------------------------------------------------------

def test_requests_are_recorded_and_reset_clears_the_model(og):
    create(og, alias="rec")
    records = og.records("requests")
    post = records[0]
    assert post["method"] == "POST" and post["path"] == "/v2/alerts"
    assert post["body"] == {"message": "SEV1: checkout 5xx", "alias": "rec"}
    assert post["headers"]["Authorization"] == "GenieKey <redacted>"
    assert post["status"] == 202 and post["response"]["result"] == "Request will be processed"
    assert {r["endpoint"] for r in records} == {"alerts.create", "requests.get"}
    og.settings(process_delay_s=0.2)
    og.fault(endpoint="alerts.get", action="http_error")
    og.control("reset", {})
    assert og.records("alerts") == [] and og.records("requests") == []
    assert og.control("faults")["rules"] == []
    assert og.control("settings")["settings"]["process_delay_s"] == 0.2
    for bad in ({"nope": 1}, {"process_delay_s": -1}, {"api_keys": "single"}):
        assert og.control("settings", bad, expect=400)["ok"] is False
