"""The Statuspage emulator on its own: authentication, request shape, validation and the
failure answers siren's Statuspage client is written against."""

from __future__ import annotations

import pytest

from statuspage_harness import CHECKOUT_COMPONENT, Statuspage


@pytest.fixture(scope="module")
def statuspage(tmp_path_factory):
    sp = Statuspage(tmp_path_factory.mktemp("statuspage"))
    yield sp
    sp.stop()


def new_incident(**fields):
    return {"incident": {"name": "Checkout returns 500", "status": "investigating", **fields}}


def test_the_api_key_and_page_are_checked_first(statuspage):
    statuspage.clean()
    assert statuspage.api("POST", "/incidents", new_incident(), key=None).status == 401
    refused = statuspage.api("POST", "/incidents", new_incident(), key="wrong")
    assert refused.status == 401 and refused.json == {"error": "Could not authenticate"}
    bearer = statuspage.call("POST", "/v1/pages/pg0siren0001/incidents", new_incident(),
                             {"Authorization": "Bearer statuspage-test-key"})
    assert bearer.status == 401
    assert statuspage.api("POST", "/incidents", new_incident(), page="nope").status == 404
    assert statuspage.incidents() == []


def test_create_validates_and_sets_component_statuses(statuspage):
    statuspage.clean()
    assert statuspage.api("POST", "/incidents", {"name": "x"}).status == 400
    assert statuspage.api("POST", "/incidents", new_incident(name="")).json == {
        "error": ["Name can't be blank"]}
    assert statuspage.api("POST", "/incidents", new_incident(status="broken")).status == 422
    assert statuspage.api("POST", "/incidents",
                          new_incident(components={"nope": "major_outage"})).status == 422
    assert statuspage.api("POST", "/incidents",
                          new_incident(components={CHECKOUT_COMPONENT: "down"})).status == 422
    assert statuspage.api("POST", "/incidents", new_incident(colour="red")).status == 400
    made = statuspage.api("POST", "/incidents", new_incident(
        body="Looking into it", component_ids=[CHECKOUT_COMPONENT],
        components={CHECKOUT_COMPONENT: "partial_outage"}))
    assert made.status == 201
    assert made.json["status"] == "investigating"
    assert made.json["incident_updates"][0]["body"] == "Looking into it"
    assert statuspage.component(CHECKOUT_COMPONENT)["status"] == "partial_outage"
    open_ones = statuspage.api("GET", "/incidents/unresolved").json
    assert [i["id"] for i in open_ones] == [made.json["id"]]


def test_update_posts_updates_and_resolves(statuspage):
    statuspage.clean()
    made = statuspage.api("POST", "/incidents", new_incident()).json
    path = f"/incidents/{made['id']}"
    edited = statuspage.api("PATCH", path, {"incident": {"status": "identified",
                                                         "body": "Found it"}})
    assert edited.status == 200 and edited.json["status"] == "identified"
    assert [u["body"] for u in edited.json["incident_updates"]][0] == "Found it"
    done = statuspage.api("PATCH", path, {"incident": {
        "status": "resolved", "components": {CHECKOUT_COMPONENT: "operational"}}})
    assert done.json["resolved_at"] is not None
    assert statuspage.api("GET", "/incidents/unresolved").json == []
    assert statuspage.api("PATCH", "/incidents/nope", {"incident": {"status": "resolved"}}
                          ).status == 404


def test_faults(statuspage):
    statuspage.clean()
    statuspage.fault(endpoint="incidents.create", action="ratelimit", retry_after_s=7)
    throttled = statuspage.api("POST", "/incidents", new_incident())
    assert throttled.status == 429 and throttled.headers["Retry-After"] == "7"
    statuspage.fault(endpoint="incidents.create", action="http_error", status=502)
    assert statuspage.api("POST", "/incidents", new_incident()).status == 502
    statuspage.fault(endpoint="incidents.create", action="invalid", message="Name is bad")
    assert statuspage.api("POST", "/incidents", new_incident()).json == {"error": ["Name is bad"]}
    assert statuspage.api("POST", "/incidents", new_incident()).status == 201


def test_the_rate_limit(statuspage):
    statuspage.clean()
    statuspage.settings(requests_per_minute=2, retry_after_s=3)
    assert statuspage.api("GET", "/components").status == 200
    assert statuspage.api("GET", "/components").status == 200
    third = statuspage.api("GET", "/components")
    assert third.status == 429 and third.headers["Retry-After"] == "3"
