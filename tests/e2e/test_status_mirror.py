"""`siren run` mirroring its status page to Atlassian Statuspage through the Statuspage
emulator, with the Slack emulator as the workspace: a public incident made there with its
component's status, its stage and public updates following, resolved with the component
operational again; security incidents, near misses and severities off the status page never
sent; a host that is down or refuses the key holds nothing up, is told in the channel once,
and is retried until the incident is mirrored; a create whose answer was lost makes no second
incident."""

from __future__ import annotations

import socket
import time

import pytest

from statuspage_harness import (CHECKOUT_COMPONENT, STATUSPAGE_API_KEY, STATUSPAGE_PAGE_ID,
                                Statuspage)
from test_daemon import (Daemon, declare, emulator, eventually, incident_channel,  # noqa: F401
                         slash, wait_connected)

TOLD = "hosted status page did not take"


@pytest.fixture
def statuspage(tmp_path):
    sp = Statuspage(tmp_path)
    try:
        yield sp
    finally:
        sp.stop()


def mirror_config(base: str):
    def change(config):
        config["status_mirror"] = {"kind": "statuspage", "base_url": base,
                                   "page_id": STATUSPAGE_PAGE_ID,
                                   "components": {"checkout": CHECKOUT_COMPONENT}}
    return change


def start(siren_bin, emu, tmp_path, base: str, key: str = STATUSPAGE_API_KEY) -> Daemon:
    d = Daemon(siren_bin, emu, tmp_path, change_config=mirror_config(base),
               extra_env={"STATUSPAGE_API_KEY": key})
    wait_connected(emu)
    return d


@pytest.fixture
def mirror_daemon(siren_bin, emulator, statuspage, tmp_path):
    d = start(siren_bin, emulator, tmp_path, statuspage.base)
    yield d
    assert d.stop() == 0, d.log()


def one_incident(sp: Statuspage, **query) -> dict:
    found = eventually(lambda: sp.incidents(**query) or None)
    assert len(found) == 1, found
    return found[0]


def in_channel(emu, text: str, channel: dict | None = None) -> list[dict]:
    ch = emu.channel(channel["id"]) if channel else incident_channel(emu)
    return [m for m in ch["messages"] if text in m["text"]]


def channel_of(emu, title_slug: str) -> dict:
    return eventually(lambda: next((c for c in emu.control("workspace")["channels"]
                                    if c["name"].endswith(title_slug)), None))


def in_incident(emu, channel: dict, text: str) -> None:
    slash(emu, text, channel=channel["id"], command="/119")


def test_a_public_incident_is_mirrored_from_declare_to_resolve(emulator, statuspage,
                                                               mirror_daemon):
    declare(emulator)
    incident = one_incident(statuspage)
    assert incident["name"] == "Checkout returns 500"
    assert incident["status"] == "investigating"
    assert statuspage.component(CHECKOUT_COMPONENT)["status"] == "partial_outage"
    create = statuspage.records("requests", endpoint="incidents.create")[0]
    assert create["path"] == f"/v1/pages/{STATUSPAGE_PAGE_ID}/incidents"
    assert create["headers"]["Authorization"] == "OAuth <redacted>"
    assert create["headers"]["Content-Type"] == "application/json"
    assert create["body"]["incident"]["component_ids"] == [CHECKOUT_COMPONENT]
    assert create["status"] == 201

    channel = incident_channel(emulator)
    in_incident(emulator, channel, "update stage=identified status=service_disruption")
    eventually(lambda: one_incident(statuspage)["status"] == "identified" or None)
    assert statuspage.component(CHECKOUT_COMPONENT)["status"] == "major_outage"

    in_incident(emulator, channel, 'public "A bad deploy; we are rolling back."')
    updated = eventually(lambda: next(
        (i for i in statuspage.incidents()
         if any(u["body"] == "A bad deploy; we are rolling back."
                for u in i["incident_updates"])), None))
    assert updated["id"] == incident["id"]

    in_incident(emulator, channel, "resolve")
    resolved = eventually(lambda: (i := one_incident(statuspage))["status"] == "resolved" and i)
    assert resolved["id"] == incident["id"]
    assert statuspage.component(CHECKOUT_COMPONENT)["status"] == "operational"
    updates = statuspage.records("requests", endpoint="incidents.update")
    assert all(u["path"] == f"/v1/pages/{STATUSPAGE_PAGE_ID}/incidents/{incident['id']}"
               and u["method"] == "PATCH" for u in updates)
    assert len(statuspage.incidents()) == 1


def test_security_incidents_near_misses_and_private_severities_never_go_out(
        emulator, statuspage, mirror_daemon):
    # One service each: a second declare for a service with an open incident is held as a
    # likely duplicate.
    declare(emulator, "S0 Leaked API keys --service payments --security")
    declare(emulator, "S1 Almost dropped the orders table --service orderbook --near-miss")
    declare(emulator, "S2 Search is slow")
    security = channel_of(emulator, "leaked-api-keys")
    in_incident(emulator, security, 'public "Nothing to see"')
    declare(emulator, "S1 Checkout returns 500 --service checkout")
    # The public incident, decided last, is mirrored; nothing before it was.
    incident = one_incident(statuspage)
    assert incident["name"] == "Checkout returns 500"
    time.sleep(0.5)
    assert len(statuspage.records("requests")) == 1


def test_a_host_that_fails_holds_nothing_up_is_told_once_and_retried(emulator, statuspage,
                                                                     mirror_daemon):
    statuspage.fault(endpoint="incidents.create", action="http_error", status=503, times=2)
    declare(emulator)
    # The incident goes on: channel, intro and pin came although Statuspage failed.
    told = eventually(lambda: in_channel(emulator, TOLD) or None)
    assert "503" in told[0]["text"]
    one_incident(statuspage)  # retried until Statuspage took it
    assert len(in_channel(emulator, TOLD)) == 1
    assert len(statuspage.incidents()) == 1


def test_a_host_that_refuses_connections_is_mirrored_once_it_is_back(siren_bin, emulator,
                                                                     tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    d = start(siren_bin, emulator, tmp_path, f"http://127.0.0.1:{port}")
    sp = None
    try:
        declare(emulator)
        told = eventually(lambda: in_channel(emulator, TOLD) or None)
        assert "keeps trying" in told[0]["text"]
        sp = Statuspage(tmp_path, "--port", str(port))
        incident = one_incident(sp)
        assert incident["name"] == "Checkout returns 500"
        assert len(in_channel(emulator, TOLD)) == 1
    finally:
        if sp:
            sp.stop()
        assert d.stop() == 0, d.log()


def test_a_lost_create_answer_makes_no_second_incident(emulator, statuspage, mirror_daemon):
    statuspage.fault(endpoint="incidents.create", action="reset", after_processing=True)
    declare(emulator)
    # siren never heard back, looked among the open incidents, found it and took it.
    eventually(lambda: statuspage.records("requests", endpoint="incidents.unresolved") or None)
    channel = incident_channel(emulator)
    in_incident(emulator, channel, "resolve")
    resolved = eventually(lambda: (i := one_incident(statuspage))["status"] == "resolved" and i)
    assert len(statuspage.records("requests", endpoint="incidents.create")) == 1
    assert resolved["name"] == "Checkout returns 500"


def test_a_refused_key_is_told_without_the_key(siren_bin, emulator, statuspage, tmp_path):
    d = start(siren_bin, emulator, tmp_path, statuspage.base, key="wrong-statuspage-key")
    try:
        declare(emulator)
        told = eventually(lambda: in_channel(emulator, TOLD) or None)
        assert "401" in told[0]["text"] and "does not try again" in told[0]["text"]
        assert "wrong-statuspage-key" not in told[0]["text"]
        assert "wrong-statuspage-key" not in d.log()
        assert statuspage.incidents() == []
    finally:
        assert d.stop() == 0, d.log()
