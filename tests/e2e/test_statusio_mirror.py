"""`siren run` mirroring its status page to status.io through the status.io emulator, with the
Slack emulator as the workspace: a public incident made there on its component and container
with status.io's numeric status and state, its stage and public updates following as
incident/update, resolved by incident/resolve with the infrastructure operational again;
security incidents never sent; a status.io that fails holds nothing up, is told in the channel
once and is retried until the incident is mirrored; a create whose answer was lost makes no
second incident; a reopened incident, which status.io's API cannot reopen, is told once."""

from __future__ import annotations

import time

import pytest

from statuspage_harness import (STATUSIO_API_ID, STATUSIO_API_KEY, STATUSIO_CHECKOUT,
                                STATUSIO_PAGE_ID, Statusio)
from test_daemon import (Daemon, declare, emulator, eventually, incident_channel,  # noqa: F401
                         wait_connected)
from test_status_mirror import TOLD, channel_of, in_channel, in_incident, one_incident

COMPONENT, CONTAINER = STATUSIO_CHECKOUT["component"], STATUSIO_CHECKOUT["container"]


@pytest.fixture
def statusio(tmp_path):
    sio = Statusio(tmp_path)
    try:
        yield sio
    finally:
        sio.stop()


def start(siren_bin, emu, tmp_path, base: str, key: str = STATUSIO_API_KEY) -> Daemon:
    def mirror(config):
        config["status_mirror"] = {"kind": "statusio", "base_url": f"{base}/v2",
                                   "page_id": STATUSIO_PAGE_ID,
                                   "components": {"checkout": STATUSIO_CHECKOUT}}
    d = Daemon(siren_bin, emu, tmp_path, change_config=mirror,
               extra_env={"STATUSIO_API_ID": STATUSIO_API_ID, "STATUSIO_API_KEY": key})
    wait_connected(emu)
    return d


@pytest.fixture
def mirror_daemon(siren_bin, emulator, statusio, tmp_path):
    d = start(siren_bin, emulator, tmp_path, statusio.base)
    yield d
    assert d.stop() == 0, d.log()


def messages_of(sio: Statusio) -> list[dict]:
    return one_incident(sio)["messages"]


def test_a_public_incident_is_mirrored_from_declare_to_resolve(emulator, statusio,
                                                               mirror_daemon):
    declare(emulator)
    incident = one_incident(statusio)
    assert incident["name"] == "Checkout returns 500"
    assert incident["infrastructure_affected"] == [f"{COMPONENT}-{CONTAINER}"]
    assert statusio.status_of(COMPONENT, CONTAINER) == 400  # partial service disruption
    create = statusio.records("requests", endpoint="incident.create")[0]
    headers = {k.lower(): v for k, v in create["headers"].items()}
    assert headers["x-api-id"] == headers["x-api-key"] == "<redacted>"
    body = create["body"]
    assert body["statuspage_id"] == STATUSIO_PAGE_ID
    assert (body["current_status"], body["current_state"]) == (400, 100)
    assert body["incident_details"] == "Investigating: partial service disruption."
    assert create["status"] == 200 and create["response"]["result"] == incident["_id"]

    channel = incident_channel(emulator)
    in_incident(emulator, channel, "update stage=identified status=service_disruption")
    eventually(lambda: len(messages_of(statusio)) == 2 or None)
    assert messages_of(statusio)[1]["state"] == 200
    assert statusio.status_of(COMPONENT, CONTAINER) == 500

    in_incident(emulator, channel, 'public "A bad deploy; we are rolling back."')
    eventually(lambda: any(m["details"] == "A bad deploy; we are rolling back."
                           for m in messages_of(statusio)) or None)

    in_incident(emulator, channel, "resolve")
    resolved = eventually(lambda: (i := one_incident(statusio))["active"] is False and i)
    assert resolved["_id"] == incident["_id"]
    assert statusio.status_of(COMPONENT, CONTAINER) == 100
    changes = statusio.records("requests", endpoint="incident.update")
    assert changes and all(c["body"]["incident_id"] == incident["_id"] for c in changes)
    [resolve] = statusio.records("requests", endpoint="incident.resolve")
    assert resolve["body"]["current_status"] == 100
    assert resolve["response"]["status"]["error"] == "no"
    assert len(statusio.incidents()) == 1
    assert in_channel(emulator, TOLD) == []


def test_security_incidents_never_go_out(emulator, statusio, mirror_daemon):
    declare(emulator, "S0 Leaked API keys --service payments --security")
    security = channel_of(emulator, "leaked-api-keys")
    in_incident(emulator, security, 'public "Nothing to see"')
    in_incident(emulator, security, "update stage=identified")
    declare(emulator, "S1 Checkout returns 500 --service checkout")
    incident = one_incident(statusio)
    assert incident["name"] == "Checkout returns 500"
    time.sleep(0.5)
    assert len(statusio.records("requests")) == 1


def test_a_failing_status_io_holds_nothing_up_is_told_once_and_caught_up(emulator, statusio,
                                                                         mirror_daemon):
    statusio.fault(endpoint="*", action="http_error", status=500, times=3)
    declare(emulator)
    # The incident goes on: channel, intro and pin came although status.io failed.
    told = eventually(lambda: in_channel(emulator, TOLD) or None)
    assert "500" in told[0]["text"] and "keeps trying" in told[0]["text"]
    channel = incident_channel(emulator)
    in_incident(emulator, channel, "update stage=monitoring")
    # Retried until status.io took it, then the stage change after it.
    eventually(lambda: (i := statusio.incidents()) and i[0]["messages"][-1]["state"] == 300,
               timeout=30)
    assert len(statusio.incidents()) == 1
    assert len(in_channel(emulator, TOLD)) == 1


def test_a_lost_create_answer_makes_no_second_incident(emulator, statusio, mirror_daemon):
    statusio.fault(endpoint="incident.create", action="reset", after_processing=True)
    declare(emulator)
    # siren never heard back, looked among the active incidents, found it and took it.
    eventually(lambda: statusio.records("requests", endpoint="incident.list") or None)
    channel = incident_channel(emulator)
    in_incident(emulator, channel, "resolve")
    resolved = eventually(lambda: (i := one_incident(statusio))["active"] is False and i)
    assert len(statusio.records("requests", endpoint="incident.create")) == 1
    assert resolved["name"] == "Checkout returns 500"


def test_an_error_yes_refusal_is_told_once_without_the_credentials(siren_bin, emulator,
                                                                   statusio, tmp_path):
    d = start(siren_bin, emulator, tmp_path, statusio.base, key="wrong-statusio-key")
    try:
        declare(emulator)
        told = eventually(lambda: in_channel(emulator, TOLD) or None)
        assert "401" in told[0]["text"] and "does not try again" in told[0]["text"]
        assert "wrong-statusio-key" not in told[0]["text"] + d.log()
        assert STATUSIO_API_ID not in told[0]["text"] + d.log()
        assert statusio.incidents() == []
    finally:
        assert d.stop() == 0, d.log()


def test_a_reopened_incident_is_refused_by_status_io_and_told(emulator, statusio,
                                                              mirror_daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    in_incident(emulator, channel, "resolve")
    eventually(lambda: one_incident(statusio)["active"] is False or None)
    in_incident(emulator, channel, "reopen the fix did not hold")
    told = eventually(lambda: in_channel(emulator, TOLD) or None)
    assert "Incident has already been resolved" in told[0]["text"]
    assert len(statusio.incidents()) == 1


def test_error_yes_with_http_200_is_a_permanent_refusal(emulator, statusio, mirror_daemon):
    statusio.fault(endpoint="incident.create", action="error_yes",
                   message="Invalid incident name")
    declare(emulator)
    told = eventually(lambda: in_channel(emulator, TOLD) or None)
    assert "Invalid incident name" in told[0]["text"]
    assert "does not try again" in told[0]["text"]
    time.sleep(1)
    assert len(statusio.records("requests", endpoint="incident.create")) == 1
    assert statusio.incidents() == []
