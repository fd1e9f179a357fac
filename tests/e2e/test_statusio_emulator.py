"""The status.io emulator on its own: header authentication, request shape, numeric codes,
"error": "yes" answers and the faults siren's status.io client is written against."""

from __future__ import annotations

import pytest

from statuspage_harness import STATUSIO_PAGE_ID, Statusio

CHECKOUT_EU = "cmp0checkout-ctr0euwest"


@pytest.fixture(scope="module")
def statusio(tmp_path_factory):
    sio = Statusio(tmp_path_factory.mktemp("statusio"))
    yield sio
    sio.stop()


def new_incident(**fields):
    return {"statuspage_id": STATUSIO_PAGE_ID, "incident_name": "Checkout returns 500",
            "incident_details": "Investigating: partial service disruption.",
            "infrastructure_affected": [CHECKOUT_EU], "all_infrastructure_affected": "0",
            "current_status": 400, "current_state": 100, "notify_email": "0", **fields}


def change(incident_id, **fields):
    return {"statuspage_id": STATUSIO_PAGE_ID, "incident_id": incident_id,
            "incident_details": "An update", "current_status": 500, "current_state": 200,
            **fields}


def created(statusio, **fields) -> str:
    made = statusio.api("POST", "incident/create", new_incident(**fields))
    assert made.status == 200 and made.json["status"] == {"error": "no", "message": "OK"}, made
    return made.json["result"]


def test_the_credentials_and_page_are_checked_first(statusio):
    statusio.clean()
    assert statusio.api("POST", "incident/create", new_incident(), api_key=None).status == 401
    refused = statusio.api("POST", "incident/create", new_incident(), api_id="wrong")
    assert refused.status == 401 and refused.json["status"]["error"] == "yes"
    assert statusio.api("GET", "incident/list/nope").status == 404
    other_page = statusio.api("POST", "incident/create", new_incident(statuspage_id="nope"))
    assert other_page.status == 404
    assert statusio.incidents() == []
    recorded = {k.lower(): v for k, v in statusio.records("requests")[1]["headers"].items()}
    assert recorded["x-api-id"] == recorded["x-api-key"] == "<redacted>"


def test_create_validates_fields_and_codes(statusio):
    statusio.clean()
    bad = [new_incident(incident_name=""), new_incident(incident_details=""),
           new_incident(current_status=200), new_incident(current_status="400"),
           new_incident(current_state=400), new_incident(notify_email="yes"),
           new_incident(infrastructure_affected=["cmp0checkout-nowhere"]),
           new_incident(components=["cmp0checkout"])]
    for body in bad:
        refused = statusio.api("POST", "incident/create", body)
        assert refused.status == 400 and refused.json["status"]["error"] == "yes", body
    missing = new_incident()
    del missing["current_state"]
    assert "current_state" in statusio.api("POST", "incident/create",
                                           missing).json["status"]["message"]
    ident = created(statusio)
    assert len(ident) == 24
    assert statusio.status_of("cmp0checkout", "ctr0euwest") == 400
    assert statusio.status_of("cmp0checkout", "ctr0useast") == 100
    listed = statusio.api("GET", f"incident/list/{STATUSIO_PAGE_ID}").json["result"]
    assert [i["_id"] for i in listed["active_incidents"]] == [ident]
    assert listed["active_incidents"][0]["messages"][0]["status"] == 400
    assert listed["resolved_incidents"] == []


def test_update_and_resolve(statusio):
    statusio.clean()
    ident = created(statusio)
    updated = statusio.api("POST", "incident/update", change(ident))
    assert updated.status == 200 and updated.json["result"] is True
    assert statusio.status_of("cmp0checkout", "ctr0euwest") == 500
    no_state = change(ident)
    del no_state["current_state"]
    assert statusio.api("POST", "incident/update", no_state).status == 400
    resolved = statusio.api("POST", "incident/resolve", change(ident, current_status=100,
                                                                current_state=300))
    assert resolved.json["result"] is True
    assert statusio.status_of("cmp0checkout", "ctr0euwest") == 100
    incident = statusio.incidents()[0]
    assert incident["active"] is False and incident["datetime_closed"]
    assert [m["state"] for m in incident["messages"]] == [100, 200, 300]
    # No reopen: a resolved incident takes no more messages, refused with HTTP 200.
    again = statusio.api("POST", "incident/update", change(ident))
    assert again.status == 200 and again.json["status"] == {
        "error": "yes", "message": "Incident has already been resolved"}
    unknown = statusio.api("POST", "incident/update", change("0" * 24))
    assert unknown.status == 200 and unknown.json["status"]["error"] == "yes"


def test_faults(statusio):
    statusio.clean()
    statusio.fault(endpoint="incident.create", action="ratelimit", retry_after_s=7)
    throttled = statusio.api("POST", "incident/create", new_incident())
    assert throttled.status == 429 and throttled.headers["Retry-After"] == "7"
    statusio.fault(endpoint="incident.create", action="http_error", status=500)
    failed = statusio.api("POST", "incident/create", new_incident())
    assert failed.status == 500 and "<html>" in failed.text
    statusio.fault(endpoint="incident.create", action="error_yes", message="Try later")
    refused = statusio.api("POST", "incident/create", new_incident())
    assert refused.status == 200 and refused.json["status"] == {"error": "yes",
                                                                "message": "Try later"}
    statusio.fault(endpoint="incident.create", action="delay", delay_s=0.3)
    slow = statusio.api("POST", "incident/create", new_incident())
    assert slow.status == 200
    statusio.fault(endpoint="incident.create", action="reset", after_processing=True)
    with pytest.raises(Exception):
        statusio.api("POST", "incident/create", new_incident())
    assert len(statusio.incidents()) == 2  # the slow one and the one whose answer was lost


def test_the_rate_limit(statusio):
    statusio.clean()
    statusio.settings(requests_per_minute=2, retry_after_s=3)
    path = f"incident/list/{STATUSIO_PAGE_ID}"
    assert statusio.api("GET", path).status == 200
    assert statusio.api("GET", path).status == 200
    third = statusio.api("GET", path)
    assert third.status == 429 and third.headers["Retry-After"] == "3"
