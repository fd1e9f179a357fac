"""`siren run` against the Slack emulator: Socket Mode in, Web API out, with Slack's faults."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml

from slack_harness import APP, BOT, ROOT, Emulator

EXAMPLE = ROOT / "config" / "siren.example.yaml"
# The emulator signs HTTP-mode requests with Slack's published test secret by default.
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def people():
    return yaml.safe_load(EXAMPLE.read_text())["people"]


class Daemon:
    """A `siren run` process on a copy of the example config pointed at the emulator."""

    def __init__(self, siren_bin: str, emulator: Emulator, tmp_path, *, app_token=APP,
                 bot_token=BOT, log_format="human", mode="socket", change_config=None,
                 extra_env=None):
        config = yaml.safe_load(EXAMPLE.read_text())
        if change_config:
            change_config(config)
        config["slack"]["api_base_url"] = f"{emulator.base}/api/"
        config["slack"]["mode"] = mode
        config["http"]["listen"] = "127.0.0.1:0"
        config["store"]["path"] = str(tmp_path / "siren.db")
        self.config_path = tmp_path / "siren.yaml"
        self.config_path.write_text(yaml.safe_dump(config))
        self.log_path = tmp_path / "siren.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_APP_TOKEN=app_token, SLACK_BOT_TOKEN=bot_token,
                   SLACK_SIGNING_SECRET=SIGNING_SECRET, **(extra_env or {}))
        self.command = [siren_bin, "--log-level", "debug", "--log-format", log_format, "run",
                        "--config", str(self.config_path)]
        self.env = env
        self.tmp_path = tmp_path
        self.log_path.write_text("")
        self.start()

    def start(self) -> None:
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT,
                                         env=self.env, cwd=self.tmp_path)

    def kill(self) -> None:
        """SIGKILL: no chance to close anything, as in a crash."""
        self.proc.kill()
        self.proc.wait(5)

    def log(self) -> str:
        return self.log_path.read_text()

    def http_port(self) -> int:
        found = eventually(lambda: re.search(r"HTTP on \S+ \(port (\d+)\)", self.log()))
        return int(found.group(1))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                pytest.fail("siren did not stop within 10 s of SIGTERM:\n" + self.log())
        return self.proc.returncode


@pytest.fixture
def emulator(tmp_path):
    emu = Emulator(tmp_path, "--ack-deadline", "3")
    users = [{"id": p["slack_id"], "name": p["handle"], "real_name": p.get("name", ""),
              "tz": p.get("time_zone", "UTC")} for p in people() if p.get("slack_id")]
    emu.control("users", {"users": users})
    emu.control("channels", {"name": "production"})
    try:
        yield emu
    finally:
        emu.stop()


def wait_connected(emu: Emulator, count: int = 1) -> list[dict]:
    got = emu.control(f"connections?state=open&min={count}&wait_s=15")
    assert got["complete"], "siren did not connect: " + str(got)
    return got["connections"]


@pytest.fixture
def daemon(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path)
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


def slash(emu: Emulator, text: str, user: str = "U0A1ALICE", channel: str = "C00000001",
          command: str = "/incident") -> dict:
    return emu.control("slash_command", {"command": command, "text": text, "user": user,
                                         "channel": channel})


def ack_of(emu: Emulator, envelope_id: str) -> dict:
    got = emu.control(f"acks?envelope_id={envelope_id}&min=1&wait_s=5")
    assert got["complete"], f"envelope {envelope_id} was not acknowledged"
    return got["acks"][0]


def calls(emu: Emulator, method: str, count: int = 1, wait_s: float = 10) -> list[dict]:
    got = emu.control(f"calls?method={method}&ok=true&min={count}&wait_s={wait_s}")
    assert got["complete"], f"expected {count} successful {method} calls, got {got['calls']}"
    return got["calls"]


def eventually(check, timeout: float = 10):
    """Polls check() until it returns something true; fails with its last value."""
    deadline = time.time() + timeout
    while True:
        value = check()
        if value or time.time() > deadline:
            assert value, "gave up waiting"
            return value
        time.sleep(0.1)


def channel_named(emu: Emulator, name: str) -> dict:
    return next(c for c in emu.control("workspace")["channels"] if c["name"] == name)


def incident_channel(emu: Emulator) -> dict:
    channels = [c for c in emu.control("workspace")["channels"]
                if c["name"].startswith("incident-")]
    assert len(channels) == 1, channels
    return channels[0]


def declare(emu: Emulator, text: str = "S1 Checkout returns 500 --service checkout") -> dict:
    envelope = slash(emu, "declare " + text)
    ack = ack_of(emu, envelope["envelope_id"])
    calls(emu, "pins.add")
    return ack


def test_declare_from_slack_creates_the_incident_channel(emulator, daemon):
    ack = declare(emulator)
    assert "Declared" in ack["payload"]["text"]
    channel = incident_channel(emulator)
    assert channel["name"].endswith("-checkout-returns-500")
    assert "U0A1ALICE" in channel["members"]
    assert channel["topic"]["value"].startswith("S1")
    assert len(channel["pins"]) == 1
    eventually(lambda: any("Checkout returns 500" in m["text"]
                           for m in channel_named(emulator, "production")["messages"]))
    # The people on call are paged by DM, and the IC is told the duties privately.
    dms = eventually(lambda: [c for c in emulator.control("workspace")["channels"]
                              if c["is_im"] and len(c["messages"]) > 0])
    assert "U0A1ALICE" in {m for c in dms for m in c["members"]}


def test_the_ack_comes_fast(emulator, daemon):
    envelope = slash(emulator, "declare S2 Search is slow")
    ack = ack_of(emulator, envelope["envelope_id"])
    assert not ack["late"]


def test_update_edits_the_pinned_message_in_place(emulator, daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    envelope = slash(emulator, "update stage=identified tl=<@U0B2BOB>", command="/119",
                     channel=channel["id"])
    ack = ack_of(emulator, envelope["envelope_id"])
    assert "Updated" in ack["payload"]["text"]
    update = calls(emulator, "chat.update")[0]
    assert update["args"]["channel"] == channel["id"]
    channel = incident_channel(emulator)
    pinned = channel["pins"][0]
    intro = next(m for m in channel["messages"] if m["ts"] == pinned)
    assert "identified" in intro["text"]
    # Edited in place, never posted again; the change itself is posted for everyone.
    eventually(lambda: any("updated #1" in m["text"] for m in incident_channel(emulator)["messages"]))
    intros = [m for m in incident_channel(emulator)["messages"] if m["text"].startswith("*#1 ")]
    assert len(intros) == 1


def test_a_redelivered_envelope_is_not_processed_twice(emulator, daemon):
    envelope = slash(emulator, "declare S2 Search is slow")
    ack_of(emulator, envelope["envelope_id"])
    emulator.control("envelopes/duplicate", {"envelope_id": envelope["envelope_id"],
                                             "same_envelope_id": True})
    time.sleep(1.5)
    creates = emulator.control("calls?method=conversations.create")["calls"]
    assert len(creates) == 1


def test_a_429_is_waited_out_exactly(emulator, daemon):
    emulator.control("faults", {"method": "conversations.setTopic", "action": "ratelimit",
                                "retry_after": 2, "times": 1})
    declare(emulator)
    attempts = emulator.control("calls?method=conversations.setTopic")["calls"]
    assert [a["status"] for a in attempts] == [429, 200]
    assert attempts[1]["time"] - attempts[0]["time"] >= 1.9


def test_refresh_opens_the_new_socket_before_closing_the_old(emulator, daemon):
    first = wait_connected(emulator)[0]["id"]
    emulator.control("connections/disconnect", {"connection": first,
                                                "reason": "refresh_requested"})
    events = emulator.control("socket_events?min=3&wait_s=10")["socket_events"]
    seq = {(e["connection"], e["event"]): e["seq"] for e in events}
    second = next(c for (c, kind) in seq if kind == "opened" and c != first)
    assert seq[(second, "opened")] < seq[(first, "closed")], events
    closed = next(e for e in events if e["connection"] == first and e["event"] == "closed")
    assert closed["by"] == "client"
    declare(emulator)


def test_a_dropped_socket_is_reconnected(emulator, daemon):
    emulator.control("connections/abort", {})
    wait_connected(emulator)
    declare(emulator)


def test_a_bad_token_stops_siren_loudly(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, app_token="xapp-wrong")
    try:
        d.proc.wait(20)
    except subprocess.TimeoutExpired:
        d.stop()
        pytest.fail("siren kept running with a rejected app token:\n" + d.log())
    assert d.proc.returncode == 1
    assert "invalid_auth" in d.log()
    assert "xapp-wrong" not in d.log()


def test_sigterm_stops_cleanly(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path)
    wait_connected(emulator)
    assert d.stop() == 0
    assert "stopped" in d.log()


def test_json_log_lines(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, log_format="json")
    wait_connected(emulator)
    declare(emulator)
    assert d.stop() == 0
    lines = d.log().splitlines()
    assert len(lines) >= 3
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "msg"} <= entry.keys()
    assert BOT not in d.log() and APP not in d.log()


def test_declare_by_modal(emulator, daemon):
    envelope = slash(emulator, "declare")
    ack_of(emulator, envelope["envelope_id"])
    calls(emulator, "views.open")
    view = emulator.control("views")["views"][0]

    def text(v):
        return {"type": "plain_text_input", "value": v}

    def select(v):
        return {"type": "static_select", "selected_option": {"value": v}}

    def checkbox(on):
        return {"type": "checkboxes", "selected_options": [{"value": "true"}] if on else []}

    values = {"title": {"title": text("Payments double charging")},
              "severity": {"severity": select("S2 (P2)")},
              "service": {"service": select("payments")},
              "description": {"description": text("Two charges per order")},
              "page_imoc": {"page_imoc": checkbox(False)},
              "page_cmoc": {"page_cmoc": checkbox(False)},
              "announce": {"announce": checkbox(False)},
              "security": {"security": checkbox(False)}}
    submitted = emulator.control("interactive", {"kind": "view_submission", "user": "U0A1ALICE",
                                                 "view_id": view["id"], "values": values})
    ack = ack_of(emulator, submitted["envelope_id"])
    assert not ack["has_payload"]  # an empty ack closes the modal
    calls(emulator, "pins.add")
    channel = incident_channel(emulator)
    assert channel["name"].endswith("-payments-double-charging")
    assert channel["topic"]["value"].startswith("S2")
    # The reply goes where the command was typed; siren is not in #general here, so it comes
    # as a direct message.
    eventually(lambda: any("Declared" in m["text"]
                           for c in emulator.control("workspace")["channels"] if c["is_im"]
                           for m in c["messages"]))


def test_http_mode_serves_signed_slash_commands(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, mode="http")
    try:
        url = f"http://127.0.0.1:{d.http_port()}/slack/commands"
        delivered = emulator.control("http/deliver", {
            "url": url, "kind": "slash_command", "command": "/incident",
            "text": "declare S2 Search is slow", "user": "U0A1ALICE", "channel": "C00000001"})
        assert delivered["status"] == 200, delivered
        assert "Declared" in json.loads(delivered["body"])["text"]
        calls(emulator, "pins.add")
        assert incident_channel(emulator)["name"].endswith("-search-is-slow")

        forged = emulator.control("http/deliver", {
            "url": url, "kind": "slash_command", "command": "/incident",
            "text": "declare S1 forged", "user": "U0A1ALICE", "channel": "C00000001",
            "bad_signature": True})
        assert forged["status"] == 401
        stale = emulator.control("http/deliver", {
            "url": url, "kind": "slash_command", "command": "/incident",
            "text": "declare S1 replayed", "user": "U0A1ALICE", "channel": "C00000001",
            "clock_skew_s": -600})
        assert stale["status"] == 401
        challenge = emulator.control("http/deliver", {
            "url": url.replace("commands", "events"), "kind": "url_verification",
            "challenge": "c-123"})
        assert challenge["status"] == 200 and challenge["body"] == "c-123"
        time.sleep(0.5)
        assert len(emulator.control("calls?method=conversations.create")["calls"]) == 1
    finally:
        assert d.stop() == 0, d.log()


def test_fifty_declares_in_one_second_all_land(emulator, daemon):
    """Slack's real rate limits stay on: Tier 2 allows conversations.create about 20 times a
    minute, so the channels arrive over a minute or two; every one must, exactly once."""
    handles = [p["slack_id"] for p in people() if p.get("slack_id")]
    started = time.time()
    for n in range(50):
        slash(emulator, f"declare S3 Load test incident {n} --force", user=handles[n % len(handles)])
    assert time.time() - started < 5
    acks = emulator.control("acks?min=50&wait_s=10")
    assert acks["complete"] and not any(a["late"] for a in acks["acks"])
    assert emulator.control("operation_timeouts")["operation_timeouts"] == []
    eventually(lambda: len(emulator.control("calls?method=pins.add&ok=true")["calls"]) >= 50,
               timeout=240)
    channels = [c for c in emulator.control("workspace")["channels"]
                if c["name"].startswith("incident-")]
    assert len(channels) == 50
    assert len({c["name"] for c in channels}) == 50
    assert all(len(c["pins"]) == 1 for c in channels)
    # Those that waited for Slack's limits were told so, once each.
    notices = [sum("Slack is slowing siren down" in m["text"] for m in c["messages"])
               for c in channels]
    assert max(notices) == 1 and sum(notices) >= 10
    # Every 429 Slack gave was waited out and the call repeated, never dropped.
    limited = emulator.control("calls?status=429")["calls"]
    for call in limited:
        later = [c for c in emulator.control(f"calls?method={call['method']}&ok=true")["calls"]
                 if c["args"].get("channel") == call["args"].get("channel")
                 and c["args"].get("name") == call["args"].get("name")
                 and c["time"] > call["time"]]
        assert later, f"a 429 on {call['method']} was never retried"


def test_a_taken_channel_name_gets_the_next_free_one(emulator, daemon):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = yaml.safe_load(EXAMPLE.read_text())["workspace"]["time_zone"]
    taken = f"incident-{datetime.now(ZoneInfo(zone)):%Y%m%d}-db-down"
    emulator.control("channels", {"name": taken})  # made by hand, not by siren
    declare(emulator, "S3 DB down")
    ours = channel_named(emulator, taken + "-2")
    assert len(ours["pins"]) == 1
    envelope = slash(emulator, "resolve it was the disk", command="/119", channel=ours["id"])
    assert "Resolved" in ack_of(emulator, envelope["envelope_id"])["payload"]["text"]
    eventually(lambda: "resolved" in channel_named(emulator, taken + "-2")["topic"]["value"])


def test_update_by_modal(emulator, daemon):
    declare(emulator, "S2 Search is slow")
    channel = incident_channel(emulator)
    envelope = slash(emulator, "update", command="/119", channel=channel["id"])
    ack_of(emulator, envelope["envelope_id"])
    calls(emulator, "views.open")
    view = emulator.control("views")["views"][0]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["stage"]["element"]["initial_option"]["value"] == "declared"
    # Roles are picked from the workspace's people, the current holder preselected.
    assert blocks["ic"]["element"] == {"type": "users_select", "action_id": "ic",
                                       "initial_user": "U0A1ALICE"}
    assert blocks["tl"]["element"] == {"type": "users_select", "action_id": "tl"}

    def text(v):
        return {"type": "plain_text_input", "value": v}

    def select(v):
        return {"type": "static_select", "selected_option": {"value": v}}

    def user(v):
        return {"type": "users_select", "selected_user": v}

    values = {"stage": {"stage": select("identified")},
              "status": {"status": select("degraded_performance")},
              "sev": {"sev": select(blocks["sev"]["element"]["initial_option"]["value"])},
              "ic": {"ic": user("U0A1ALICE")}, "tl": {"tl": user("U0B2BOB")},
              "cl": {"cl": {"type": "users_select", "selected_user": None}},
              "em": {"em": {"type": "users_select", "selected_user": None}},
              "summary": {"summary": text("index rebuild running")}}
    submitted = emulator.control("interactive", {"kind": "view_submission", "user": "U0A1ALICE",
                                                 "view_id": view["id"], "values": values})
    ack_of(emulator, submitted["envelope_id"])
    eventually(lambda: "identified" in incident_channel(emulator)["topic"]["value"])
    calls(emulator, "chat.update")
    eventually(lambda: any("TL <@U0B2BOB>" in m["text"]
                           for m in incident_channel(emulator)["messages"]))


def test_calendar_feeds_are_served(emulator, daemon):
    port = daemon.http_port()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/oncall/eoc.ics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/calendar")
        body = response.read().decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:On call: eoc (" in body
    for path, status in (("/oncall/nope.ics", 404), ("/elsewhere", 404),
                         ("/webhooks/pagerduty", 405)):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
        assert refused.value.code == status


def test_a_closed_incident_channel_is_archived_later(siren_bin, emulator, tmp_path):
    def archive_soon(config):
        config["workspace"]["archive_after"] = "2s"

    d = Daemon(siren_bin, emulator, tmp_path, change_config=archive_soon)
    wait_connected(emulator)
    declare(emulator, "S3 Typo on the pricing page")
    channel = incident_channel(emulator)
    for text in ("resolve fixed", "review done"):
        ack_of(emulator, slash(emulator, text, command="/119", channel=channel["id"])["envelope_id"])
    archived = calls(emulator, "conversations.archive", wait_s=15)[0]
    assert archived["args"]["channel"] == channel["id"]
    assert incident_channel(emulator)["is_archived"]
    assert d.stop() == 0, d.log()


def test_late_acks_neither_lose_nor_repeat_work(emulator, daemon):
    # Slack's deadline made impossible to meet: every ack is late.
    emulator.control("settings", {"ack_deadline_s": 0.000001, "redelivery_schedule_s": [0.3]})
    envelope = slash(emulator, "declare S2 Search is slow")
    ack = ack_of(emulator, envelope["envelope_id"])
    assert ack["late"]
    calls(emulator, "pins.add")
    time.sleep(1)
    assert len(emulator.control("calls?method=conversations.create")["calls"]) == 1
    timeouts = emulator.control("operation_timeouts")["operation_timeouts"]
    assert [t["envelope_id"] for t in timeouts] == [envelope["envelope_id"]]

    # An event acked late comes again (retry_attempt 1, same event_id): acked again, once each.
    event = emulator.control("event", {"event": {"type": "app_mention", "user": "U0B2BOB",
                                                 "channel": "C00000001", "text": "hi",
                                                 "ts": "1.000001"}})
    acks = emulator.control("acks?type=events_api&min=2&wait_s=10")["acks"]
    assert sorted(a["retry_attempt"] for a in acks) == [0, 1]
    assert event["envelope_id"] in {a["envelope_id"] for a in acks}
    assert daemon.proc.poll() is None


def test_the_pinned_message_has_buttons_that_act_as_their_commands(emulator, daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    intro = next(m for m in channel["messages"] if m["ts"] == channel["pins"][0])
    buttons = {b["text"]["text"]: b for block in intro["blocks"] if block["type"] == "actions"
               for b in block["elements"]}
    assert list(buttons) == ["Take IC", "Join as TL", "Join as CL", "Join as EM", "Resolve"]

    def press(label: str, user: str) -> None:
        button = buttons[label]
        emulator.control("interactive", {"kind": "block_actions", "user": user,
                                         "channel": channel["id"], "message_ts": intro["ts"],
                                         "action_id": button["action_id"],
                                         "value": button["value"]})

    # Bob joins as Tech Lead: the pinned message is edited and loses that button.
    press("Join as TL", "U0B2BOB")
    eventually(lambda: any("TL <@U0B2BOB>" in m["text"]
                           for m in incident_channel(emulator)["messages"]))
    edited = eventually(lambda: next(
        (m for m in incident_channel(emulator)["messages"]
         if m["ts"] == intro["ts"] and "<@U0B2BOB>" in m["text"]), None))
    labels = [b["text"]["text"] for block in edited["blocks"] if block["type"] == "actions"
              for b in block["elements"]]
    assert "Join as TL" not in labels

    # Only the incident commander may resolve: Bob is told so, privately, and nothing changes.
    press("Resolve", "U0B2BOB")
    # Bob is not a member of the channel here, so the private answer comes as a DM.
    refusal = eventually(lambda: next(
        (m for c in emulator.control("workspace")["channels"]
         if c["is_im"] and "U0B2BOB" in c["members"] for m in c["messages"]
         if "Only the incident commander" in m["text"]), None))
    assert "can resolve #1" in refusal["text"]
    assert incident_channel(emulator)["topic"]["value"].startswith("S1 · declared")


def test_health_and_readiness_follow_the_slack_socket(emulator, daemon):
    port = daemon.http_port()

    def get(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode()

    assert get("/healthz") == (200, "ok\n")
    assert eventually(lambda: get("/readyz")[0] == 200)
    # Slack goes away: the socket drops and cannot come back, so siren is alive but not ready.
    emulator.control("faults", {"method": "apps.connections.open", "action": "error",
                                "error": "internal_error", "times": None})
    emulator.control("connections/abort", {})
    status, why = eventually(lambda: (lambda r: r if r[0] == 503 else None)(get("/readyz")))
    assert why == "not ready: the Slack socket is not connected\n"
    assert get("/healthz")[0] == 200
    # Slack is back: ready again.
    emulator.control("faults", method="DELETE")
    assert eventually(lambda: get("/readyz")[0] == 200, timeout=30)
