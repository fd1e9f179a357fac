"""Crash safety end to end: `siren run` is SIGKILLed at every step of a declare and of an update
while a stream of commands comes in, restarted each time, and then checked against the Slack
and PagerDuty emulators and siren's own database: every acknowledged command took effect
exactly once, no channel, message, pin or page happened twice, the timeline is complete. And
SIGTERM drains: the effects in flight finish, the socket closes cleanly, nothing new is acked.

A kill point holds one call in an emulator with a fault rule and kills siren once the emulator
has recorded it, so siren never learns how the call went:
  applied      a `delay` rule: the call takes effect at once, its answer is 30 s late;
  not applied  an `error` (Slack) or `http_error` (PagerDuty) rule plus a `delay` rule on the
               same call: recorded, not carried out, answer late.
Before each kill point the daemon is settled (every envelope acked or timed out, no pending
outbox row), so "the nth chat.postMessage from now" is a known step of the command that follows.
Kills at arbitrary moments (just after a command was injected, just after an ack) cover the
inbox and ack path; a Slack slash command that was not acked is not redelivered, so such a
command may have taken effect once or not at all, never twice."""

from __future__ import annotations

import collections
import json
import random
import re
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from pager_harness import PagerDuty
from slack_harness import Emulator
from test_daemon import (  # noqa: F401  (emulator: a pytest fixture, used by name)
    Daemon,
    emulator,
    people,
    slash,
    wait_connected,
)
from test_paging import PD_ENV, paging_config, pagerduty  # noqa: F401  (pagerduty: a fixture)

BOT_USER = "U0BOT0001"
MARK_EVENT = "siren_effect"  # the metadata event_type every chat.postMessage of siren carries
NOTICES = (":hourglass_flowing_sand:", ":warning:")  # siren's notices, posted outside the outbox
HOLD_MS = 30_000  # siren is killed long before a held answer would leave
SERVICES = ("checkout", "orderbook", "payments")
STAGES = ("investigating", "identified", "monitoring")
STATUSES = ("degraded", "partial", "disruption")
INITIAL_STATUS = {"S1": "partial", "S2": "degraded"}  # the example config's initial_status
TEST_BUDGET_S = 90  # a hard stop; a run takes 10-20 s


# --- what the test sent, and what it expects of each command ---------------------------------

@dataclass
class Incident:
    number: int  # the order of declaration, not siren's id (a lost declare has none)
    title: str
    severity: str
    declarer: str
    stage: str = "declared"
    status: str = ""
    # Changes that took effect for sure, counted per kind to check the timeline against.
    stage_changes: int = 0
    status_changes: int = 0


@dataclass
class Command:
    """One injected slash command. `certain` means a call it caused was seen, so it was
    committed even if its ack never arrived; `changes` are the stage/status parts of an update
    (never sent in a command that may be lost, so the expected counts stay exact)."""

    kind: str  # "declare" | "update"
    text: str
    user: str
    channel: str
    envelope_id: str
    incident: Incident
    marker: str  # the words that find its effects: a declare's title, an update's "u037"
    changes: tuple[str, ...] = ()
    certain: bool = False
    why: str = "stream"  # which kill point or phase sent it, for the failure report


@dataclass
class KillPoint:
    """A step of a command that is held in an emulator, then siren is killed."""

    name: str
    command: str  # "declare" | "update"
    emulator: str  # "slack" | "pagerduty"
    method: str  # Slack method or PagerDuty endpoint
    nth: int  # which call of `method` after the daemon settled
    applied: bool


# Each step of a declare (S1: it announces and pages two rotations) and of an update that moves
# an S1 incident's stage, in the order siren carries them out (docs/commands.md, Effects). The
# page goes out on its own lane, beside the Slack steps.
DECLARE_STEPS = (
    ("conversations.create", "slack", "conversations.create", 1),
    ("conversations.invite", "slack", "conversations.invite", 1),
    ("conversations.setTopic", "slack", "conversations.setTopic", 1),
    ("intro chat.postMessage", "slack", "chat.postMessage", 1),
    ("intro pins.add", "slack", "pins.add", 1),
    ("IC duties DM chat.postMessage", "slack", "chat.postMessage", 2),
    ("announcement chat.postMessage", "slack", "chat.postMessage", 3),
    ("page enqueue", "pagerduty", "enqueue", 1),
)
UPDATE_STEPS = (
    ("update intro chat.update", "slack", "chat.update", 1),
    ("update conversations.setTopic", "slack", "conversations.setTopic", 1),
    ("update chat.postMessage", "slack", "chat.postMessage", 1),
    ("update announcement chat.postMessage", "slack", "chat.postMessage", 2),
)
KILL_POINTS = tuple(
    KillPoint(f"{name} ({'applied, answer lost' if applied else 'not applied'})",
              "declare" if steps is DECLARE_STEPS else "update", emu, method, nth, applied)
    for steps in (DECLARE_STEPS, UPDATE_STEPS)
    for name, emu, method, nth in steps
    for applied in (True, False))


# --- siren's database, read beside the running daemon ----------------------------------------

class Store:
    """Read-only looks into siren's SQLite file. A fresh connection per look: a long-lived
    reader would pin an old WAL snapshot."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        if not self.path.exists():
            return []
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
        try:
            db.row_factory = sqlite3.Row
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def pending_effects(self) -> int:
        found = self.rows("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")
        return found[0]["n"] if found else 0

    def columns(self, table: str) -> set[str]:
        return {r["name"] for r in self.rows(f"PRAGMA table_info({table})")}


# --- the run ---------------------------------------------------------------------------------

class CrashRun:
    """siren against both emulators, the commands sent so far, and the kill/restart cycle."""

    def __init__(self, siren_bin: str, emu: Emulator, pd: PagerDuty, tmp_path: Path) -> None:
        self.emu, self.pd = emu, pd
        self.started = time.monotonic()
        # Escalations an hour away: nothing but the commands makes calls during the run.
        self.daemon = Daemon(siren_bin, emu, tmp_path, change_config=paging_config(pd, "1h"),
                             extra_env=PD_ENV)
        self.store = Store(tmp_path / "siren.db")
        self.commands: list[Command] = []
        self.incidents: list[Incident] = []
        self.kills: list[str] = []
        self.rng = random.Random(20260324)
        self.declarers = [p["slack_id"] for p in people() if p.get("slack_id")]
        self.next_marker = 0
        self._wait_for_new_connection(set())

    # time

    def check_budget(self) -> None:
        spent = time.monotonic() - self.started
        assert spent < TEST_BUDGET_S, f"the crash run took over {TEST_BUDGET_S} s"

    def wait(self, what: str, check: Callable[[], Any], timeout: float = 15) -> Any:
        """Polls check() until it returns something true; fails naming `what` and siren's log."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                tail = "\n".join(self.daemon.log().splitlines()[-40:])
                pytest.fail(f"gave up waiting for {what}; siren's log ends:\n{tail}")
            time.sleep(0.02)

    # commands

    def send(self, kind: str, text: str, user: str, channel: str, incident: Incident,
             marker: str, changes: tuple[str, ...] = (), why: str = "stream") -> Command:
        command = "/incident" if kind == "declare" else "/119"
        envelope = slash(self.emu, text, user=user, channel=channel, command=command)
        sent = Command(kind, text, user, channel, envelope["envelope_id"], incident, marker,
                       changes, why=why)
        self.commands.append(sent)
        return sent

    def declare(self, severity: str, why: str = "stream") -> Command:
        number = len(self.incidents) + 1
        words = ("disk", "cache", "queue", "dns", "tls", "quota")
        title = f"Crash {number:02d} {words[number % len(words)]} failing"
        declarer = self.declarers[number % len(self.declarers)]
        incident = Incident(number, title, severity, declarer, status=INITIAL_STATUS[severity])
        self.incidents.append(incident)
        service = SERVICES[number % len(SERVICES)]
        return self.send("declare", f"declare {severity} {title} --service {service} --force",
                         declarer, "C00000001", incident, title, why=why)

    def update(self, incident: Incident, changes: tuple[str, ...] = (),
               why: str = "stream") -> Command:
        """`/119 update` by the IC in the incident's channel, always with a summary that names
        the command (u001, u002, ...) so its timeline entry and post can be found."""
        self.next_marker += 1
        marker = f"u{self.next_marker:03d}"
        parts = [self._change(incident, kind) for kind in changes]
        text = " ".join(["update", *parts, f'summary="{marker} still looking"'])
        return self.send("update", text, incident.declarer, self.channel_of(incident), incident,
                         marker, changes, why=why)

    @staticmethod
    def _change(incident: Incident, kind: str) -> str:
        """The next value of a stage or status: always different from the current one, or
        siren would refuse the command as a mistake."""
        if kind == "stage":
            current = STAGES.index(incident.stage) if incident.stage in STAGES else -1
            incident.stage = STAGES[(current + 1) % len(STAGES)]
            incident.stage_changes += 1
            return f"stage={incident.stage}"
        incident.status = STATUSES[(STATUSES.index(incident.status) + 1) % len(STATUSES)]
        incident.status_changes += 1
        return f"status={incident.status}"

    def row_of(self, incident: Incident) -> sqlite3.Row | None:
        found = self.store.rows("SELECT * FROM incidents WHERE title = ?", incident.title)
        return found[0] if len(found) == 1 else None

    def channel_of(self, incident: Incident) -> str:
        row = self.row_of(incident)
        assert row is not None and row["channel_id"], f"{incident.title} has no channel yet"
        return row["channel_id"]

    def live_incidents(self, severity: str | None = None) -> list[Incident]:
        """Incidents that certainly exist and have their channel: safe to update."""
        return [i for i in self.incidents
                if (severity is None or i.severity == severity)
                and (row := self.row_of(i)) is not None and row["channel_id"]]

    def stream(self, count: int) -> None:
        """Updates on known incidents, sent without waiting: S2 incidents change stage and
        status too, S1 ones only their summary (an S1 stage change is announced, and the
        announcement channel is limited to about one post a second)."""
        candidates = self.live_incidents()
        for _ in range(count):
            incident = self.rng.choice(candidates)
            changes: tuple[str, ...] = ()
            if incident.severity == "S2":
                changes = self.rng.choice([(), ("stage",), ("status",), ("stage", "status")])
            self.update(incident, changes)

    # settling

    def settle(self, timeout: float = 20) -> None:
        """Every envelope sent so far answered (acked, or timed out unacked) and no effect
        pending: nothing is in flight, so the next fault counts calls of one command only."""
        wanted = {c.envelope_id for c in self.commands}

        def quiet() -> bool:
            envelopes = self.emu.control("envelopes")["envelopes"]
            open_ones = [e for e in envelopes if e["envelope_id"] in wanted
                         and e["status"] not in ("acked", "timed_out")]
            return not open_ones and self.store.pending_effects() == 0
        self.wait("siren to settle (all envelopes answered, outbox empty)", quiet, timeout)

    # killing

    def open_connections(self) -> set[str]:
        return {c["id"] for c in self.emu.control("connections?state=open")["connections"]}

    def _wait_for_new_connection(self, old: set[str]) -> None:
        self.wait("siren to connect its socket", lambda: self.open_connections() - old)

    def kill_and_restart(self, why: str) -> None:
        """SIGKILL, then a fresh process on the same database. The emulator must have seen the
        old socket close first, or it could hand an envelope to a dead socket."""
        self.kills.append(why)
        old = self.open_connections()
        self.daemon.kill()
        self.wait("the emulator to see the killed socket close",
                  lambda: not (self.open_connections() & old), timeout=10)
        self.emu.control("faults", method="DELETE")
        self.pd.control("faults", method="DELETE")
        self.daemon.start()
        self._wait_for_new_connection(old)
        self.check_budget()

    def hold(self, point: KillPoint) -> Callable[[], bool]:
        """Installs the fault rules of a kill point; returns the check that the held call has
        been recorded."""
        if point.emulator == "slack":
            rules = [{"method": point.method, "action": "delay", "delay_ms": HOLD_MS,
                      "nth": point.nth}]
            if not point.applied:
                rules.insert(0, {"method": point.method, "action": "error",
                                 "error": "internal_error", "nth": point.nth})
            rule_id = self.emu.control("faults", {"rules": rules})["rules"][0]["id"]
            return lambda: bool(self.emu.control(
                f"calls?method={point.method}&fault={rule_id}")["calls"])
        seen = max([r["seq"] for r in self.pd.records("requests")], default=0)
        rules = [{"endpoint": point.method, "action": "delay", "delay_s": HOLD_MS / 1000,
                  "nth": point.nth}]
        if not point.applied:
            rules.insert(0, {"endpoint": point.method, "action": "http_error", "status": 503,
                             "nth": point.nth})
        self.pd.control("faults", {"rules": rules})
        return lambda: any(r.get("delay_s") for r in self.pd.records(
            "requests", endpoint=point.method, since_seq=seen))

    def run_kill_point(self, point: KillPoint, index: int) -> None:
        self.settle()
        held = self.hold(point)
        if point.command == "declare":
            command = self.declare("S1", why=point.name)
        else:
            s1 = self.live_incidents("S1")
            command = self.update(s1[index % len(s1)], ("stage",), why=point.name)
        self.wait(f"the held call of kill point {point.name!r}", held)
        command.certain = True  # a call it caused reached the emulator: it was committed
        self.kill_and_restart(point.name)

    def run_arbitrary_kills(self) -> None:
        """Kills that no fault lines up: right after sending, right after an ack, mid-burst.
        Only declares and summary-only updates are sent here, since they may be lost."""
        self.settle()
        self.declare("S2", why="kill right after sending a declare")
        self.kill_and_restart("right after sending a declare")

        self.settle()
        for incident in self.rng.sample(self.live_incidents(), 6):
            self.update(incident, why="kill right after a burst of six updates")
        self.kill_and_restart("right after sending a burst of six updates")

        self.settle()
        sent = self.declare("S2", why="kill right after the declare's ack")
        self.wait("the ack", lambda: self.emu.control(
            f"acks?envelope_id={sent.envelope_id}")["acks"])
        self.kill_and_restart("right after a declare's ack, its effects in flight")

        self.settle()
        burst = [self.update(i, why="kill after the third ack of a burst of eight")
                 for i in self.rng.sample(self.live_incidents(), 8)]
        self.wait("three acks", lambda: sum(
            bool(self.emu.control(f"acks?envelope_id={c.envelope_id}")["acks"])
            for c in burst) >= 3)
        self.kill_and_restart("mid-burst, after the third of eight acks")

    def drain(self) -> None:
        """The final restart's work: the outbox empty and the emulators' journals still."""
        self.settle(timeout=30)

        def still() -> bool:
            before = (len(self.emu.control("calls")["calls"]),
                      len(self.pd.records("requests")))
            time.sleep(0.5)
            after = (len(self.emu.control("calls")["calls"]), len(self.pd.records("requests")))
            return before == after and self.store.pending_effects() == 0
        self.wait("the calls to stop", still, timeout=30)


# --- the checks ------------------------------------------------------------------------------

class Verdict:
    """Collects every broken promise rather than stopping at the first, so one run shows the
    whole picture."""

    def __init__(self, run: CrashRun) -> None:
        self.run = run
        self.problems: list[str] = []
        self.workspace = run.emu.control("workspace")
        self.channels = self.workspace["channels"]
        acks = run.emu.control("acks")["acks"]
        self.acks: dict[str, dict[str, Any]] = {}
        for ack in acks:
            self.acks.setdefault(ack["envelope_id"], ack)
        self.timeline = run.store.rows("SELECT * FROM timeline_entries")
        self.pages = run.store.rows("SELECT * FROM pages")

    def expect(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)

    # which commands took effect

    def acked(self, command: Command) -> bool:
        return command.envelope_id in self.acks

    def accepted(self, command: Command) -> bool | None:
        """True: it must have taken effect; False: it must not have; None: at most once."""
        ack = self.acks.get(command.envelope_id)
        if ack is None:
            return True if command.certain else None
        text = (ack.get("payload") or {}).get("text", "")
        ok = text.startswith("Declared" if command.kind == "declare" else "Updated")
        self.expect(ok, f"{command.kind} {command.marker!r} ({command.why}) was refused: "
                        f"{text!r}")
        return ok

    def count_ok(self, count: int, accepted: bool | None, what: str) -> None:
        wanted = {True: "exactly once", False: "never", None: "at most once"}[accepted]
        good = count == 1 if accepted else count == 0 if accepted is False else count <= 1
        self.expect(good, f"{what}: {count} times, wanted {wanted}")

    # helpers over the workspace

    def channel(self, channel_id: str) -> dict[str, Any] | None:
        return next((c for c in self.channels if c["id"] == channel_id), None)

    def named(self, name: str) -> dict[str, Any] | None:
        return next((c for c in self.channels if c["name"] == name), None)

    def dm_with(self, user: str) -> dict[str, Any] | None:
        return next((c for c in self.channels if c["is_im"] and user in c["members"]), None)

    @staticmethod
    def bot_messages(channel: dict[str, Any] | None) -> list[dict[str, Any]]:
        if channel is None:
            return []
        return [m for m in channel["messages"] if m["user"] == BOT_USER
                and m.get("subtype") == "bot_message"]

    # the checks

    def check_declare(self, command: Command) -> None:
        accepted = self.accepted(command)
        incident = command.incident
        rows = self.run.store.rows("SELECT * FROM incidents WHERE title = ?", incident.title)
        self.count_ok(len(rows), accepted, f"incident row for {incident.title!r}")
        slug = incident.title.lower().replace(" ", "-")
        ours = [c for c in self.channels if not c["is_im"] and slug in c["name"]]
        self.expect(len(ours) == len(rows) and len(rows) <= 1,
                    f"{incident.title!r} ({command.why}): channels "
                    f"{[c['name'] for c in ours]} for {len(rows)} incident rows")
        if len(rows) != 1:
            return
        row = rows[0]
        number = row["id"]
        channel = self.channel(row["channel_id"])
        self.expect(channel is not None, f"#{number} ({command.why}): its channel "
                                         f"{row['channel_id']} is not in Slack")
        intro = [m for m in self.bot_messages(channel) if m["text"].startswith(f"*#{number} ")]
        self.count_ok(len(intro), True, f"#{number} ({command.why}): intro posted")
        pins = channel["pins"] if channel else []
        self.expect(len(pins) == 1 and bool(intro) and pins[0] == intro[0]["ts"],
                    f"#{number} ({command.why}): pins {pins}, wanted the intro once")
        duties = [m for m in self.bot_messages(self.dm_with(incident.declarer))
                  if f"*#{number} {incident.title}*" in m["text"]]
        self.count_ok(len(duties), True, f"#{number} ({command.why}): IC duties DM")
        if incident.severity == "S1":
            announced = [m for m in self.bot_messages(self.named("production"))
                         if m["text"].startswith(f"*#{number} {incident.title}* (S1): declared")]
            self.count_ok(len(announced), True, f"#{number} ({command.why}): announcement")
        self.check_timeline_of_declare(number, command)

    def check_timeline_of_declare(self, number: int, command: Command) -> None:
        entries = [t for t in self.timeline if t["incident_id"] == number]
        declared = [t for t in entries if t["kind"] == "declared"]
        self.count_ok(len(declared), True, f"#{number} ({command.why}): 'declared' entry")
        paged = sorted(re.search(r"dedup (\S+)", t["text"]).group(1)
                       for t in entries if t["kind"] == "page" and "dedup" in t["text"])
        rows = sorted(p["dedup_key"] for p in self.pages if p["incident_id"] == number)
        self.expect(paged == rows, f"#{number}: page entries {paged} but page rows {rows}")
        if command.incident.severity == "S1":
            self.expect(bool(rows), f"#{number} ({command.why}): an S1 paged nobody")

    def check_update(self, command: Command) -> None:
        accepted = self.accepted(command)
        row = self.run.row_of(command.incident)
        if row is None:
            self.expect(False, f"update {command.marker}: its incident is gone")
            return
        marker = re.compile(rf"\b{command.marker}\b")
        entries = [t for t in self.timeline if t["incident_id"] == row["id"]
                   and t["kind"] == "summary" and marker.search(t["text"])]
        self.count_ok(len(entries), accepted,
                      f"update {command.marker} ({command.why}): timeline entry")
        channel = self.channel(row["channel_id"])
        pinned = set(channel["pins"]) if channel else set()
        posts = [m for m in self.bot_messages(channel)
                 if m["ts"] not in pinned and marker.search(m["text"])]
        # A lost update posts nothing; one that took effect posts once, acked or not.
        posted = accepted if accepted is not None else len(entries) >= 1
        self.count_ok(len(posts), posted,
                      f"update {command.marker} ({command.why}): post in #{row['id']}'s channel")

    def check_changes(self) -> None:
        """Stage and status changes are sent only where they cannot be lost, so their counts
        are exact: in the timeline, and (S1) in the announcement channel."""
        production = self.bot_messages(self.named("production"))
        for incident in self.run.incidents:
            row = self.run.row_of(incident)
            if row is None:
                continue
            entries = collections.Counter(t["kind"] for t in self.timeline
                                          if t["incident_id"] == row["id"])
            self.expect(entries["stage"] == incident.stage_changes,
                        f"#{row['id']}: {entries['stage']} stage entries, "
                        f"wanted {incident.stage_changes}")
            self.expect(entries["status"] == incident.status_changes,
                        f"#{row['id']}: {entries['status']} status entries, "
                        f"wanted {incident.status_changes}")
            if incident.severity == "S1":
                told = [m for m in production
                        if m["text"].startswith(f"*#{row['id']} {incident.title}* (S1): stage")]
                self.expect(len(told) == incident.stage_changes,
                            f"#{row['id']}: {len(told)} stage announcements, "
                            f"wanted {incident.stage_changes}")

    def check_marks(self) -> None:
        """Every message an effect posted carries the effect's key; no key twice anywhere.
        siren's own notices (Slack is slow, a page went another way) are not effects."""
        keys: collections.Counter[str] = collections.Counter()
        unmarked = 0
        for channel in self.channels:
            for message in self.bot_messages(channel):
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == MARK_EVENT:
                    keys[metadata["event_payload"].get("effect", "")] += 1
                elif not message["text"].startswith(NOTICES):
                    unmarked += 1
        self.expect(unmarked == 0, f"{unmarked} bot messages carry no {MARK_EVENT} metadata")
        twice = {k: n for k, n in keys.items() if n > 1}
        self.expect(not twice, f"effect keys posted more than once: {twice}")

    def check_channels(self) -> None:
        created = [c["name"] for c in self.channels
                   if c["creator"] == BOT_USER and not c["is_im"] and c["name"] != "general"]
        numbered = [n for n in created if re.search(r"-\d+$", n)]
        self.expect(not numbered, f"channels with a numbered name (a second create): {numbered}")
        self.expect(len(created) == len(set(created)), f"channel names twice: {created}")
        for channel in self.channels:
            self.expect(len(channel["pins"]) == len(set(channel["pins"])),
                        f"{channel['name']}: a message pinned twice")

    def check_pages(self) -> None:
        alerts = collections.Counter(a["dedup_key"] for a in self.run.pd.records("alerts"))
        triggered = {e["dedup_key"] for e in self.run.pd.records("events",
                                                                 event_action="trigger")}
        for page in self.pages:
            key = page["dedup_key"]
            self.expect(key in triggered, f"page {key} was never triggered in PagerDuty")
            self.expect(alerts[key] == 1, f"page {key}: {alerts[key]} PagerDuty alerts")
        known = {p["dedup_key"] for p in self.pages}
        self.expect(set(alerts) <= known, f"alerts siren has no page for: {set(alerts) - known}")
        incidents = {a["incident_id"] for a in self.run.pd.records("alerts")}
        self.expect(len(incidents) == len(known),
                    f"{len(incidents)} PagerDuty incidents for {len(known)} pages")

    def check_outbox(self) -> None:
        left = self.run.store.rows(
            "SELECT id, kind, status, attempts, last_error FROM outbox WHERE status <> 'done'")
        self.expect(not left, "effects not done: " + "; ".join(
            f"{r['id']} {r['kind']} {r['status']} after {r['attempts']}: {r['last_error']}"
            for r in left))

    def report(self) -> str:
        acked = sum(self.acked(c) for c in self.run.commands)
        head = (f"{len(self.run.commands)} commands ({acked} acked), {len(self.run.kills)} "
                f"kills; {len(self.problems)} problems:\n")
        return head + "\n".join(f"- {p}" for p in self.problems[:80])


def test_sigkill_at_every_step_loses_and_repeats_nothing(siren_bin, emulator, pagerduty,
                                                         tmp_path):
    run = CrashRun(siren_bin, emulator, pagerduty, tmp_path)
    try:
        for _ in range(7):  # incidents for the stream to update, beside the kill points' own
            run.declare("S2")
        run.settle()
        for index, point in enumerate(KILL_POINTS):
            run.run_kill_point(point, index)
            run.settle()
            run.stream(2)
        run.run_arbitrary_kills()
        run.settle()
        run.stream(max(0, 104 - len(run.commands)))
        run.settle()
        run.kill_and_restart("the final restart")
        run.drain()

        assert len(run.commands) >= 100 and len(run.kills) >= 10
        verdict = Verdict(run)
        for command in run.commands:
            if command.kind == "declare":
                verdict.check_declare(command)
            else:
                verdict.check_update(command)
        verdict.check_changes()
        verdict.check_marks()
        verdict.check_channels()
        verdict.check_pages()
        verdict.check_outbox()
        if verdict.problems:
            keep_evidence(run, tmp_path)
        assert not verdict.problems, verdict.report() + f"\n(calls and log kept in {tmp_path})"
    finally:
        if run.daemon.proc.poll() is None:
            run.daemon.proc.kill()
            run.daemon.proc.wait(5)


def keep_evidence(run: CrashRun, tmp_path: Path) -> None:
    """The emulators' journals beside siren's log and database, for whoever reads a failure:
    which call was repeated, after which kill."""
    evidence = {"kills": run.kills,
                "commands": [{"envelope_id": c.envelope_id, "text": c.text, "why": c.why}
                             for c in run.commands],
                "slack_calls": run.emu.control("calls")["calls"],
                "pagerduty_requests": run.pd.records("requests")}
    (tmp_path / "evidence.json").write_text(json.dumps(evidence, indent=1))


# --- SIGTERM ---------------------------------------------------------------------------------

DRAIN_LIMIT_S = 10  # siren's promise: a SIGTERM stops it within this, effects in flight done


def test_sigterm_finishes_the_effects_in_flight_and_takes_no_new_work(siren_bin, emulator,
                                                                      tmp_path):
    # Every message answers 1.5 s late, so the intro is still in flight when the signal comes.
    emulator.control("faults", {"method": "chat.postMessage", "action": "delay",
                                "delay_ms": 1500})
    d = Daemon(siren_bin, emulator, tmp_path)
    try:
        connection = wait_connected(emulator)[0]["id"]
        declared = slash(emulator, "declare S3 Drain test search is slow")  # pages nobody
        got = emulator.control(f"acks?envelope_id={declared['envelope_id']}&min=1&wait_s=10")
        assert got["complete"], "the declare was not acked"
        held = emulator.control("calls?method=chat.postMessage&min=1&wait_s=10")
        assert held["complete"], "the intro was never posted"
        d.proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        # Once siren has taken the signal in, a new command must find it closed to new work.
        wait_for_log(d, "received signal")
        late = slash(emulator, "declare S3 Sent after the signal")
        try:
            code = d.proc.wait(DRAIN_LIMIT_S + 2)
        except subprocess.TimeoutExpired:
            pytest.fail(f"siren did not stop within {DRAIN_LIMIT_S} s of SIGTERM:\n{d.log()}")
        took = time.monotonic() - signalled
        problems = drain_problems(emulator, tmp_path, connection, late["envelope_id"])
        if code != 0:
            problems.insert(0, f"exit code {code}")
        if took > DRAIN_LIMIT_S + 0.5:
            problems.insert(0, f"the drain took {took:.1f} s")
        assert not problems, "\n".join(["SIGTERM:", *problems, "siren's log ends:",
                                         *d.log().splitlines()[-15:]])
    finally:
        if d.proc.poll() is None:
            d.proc.kill()
            d.proc.wait(5)


def drain_problems(emu: Emulator, tmp_path: Path, connection: str,
                   late_envelope: str) -> list[str]:
    """What a clean drain promises, each broken promise as a line."""
    problems = []
    channel = next(c for c in emu.control("workspace")["channels"]
                   if c["name"].endswith("-drain-test-search-is-slow"))
    intro = [m for m in channel["messages"] if m["text"].startswith("*#1 ")]
    if len(intro) != 1:
        problems.append(f"the intro in flight was posted {len(intro)} times, wanted once")
    elif channel["pins"] != [intro[0]["ts"]]:
        problems.append(f"the intro was posted but its pin is missing (pins {channel['pins']})")
    started = started_but_pending(Store(tmp_path / "siren.db"))
    if started:
        problems.append(f"effects begun but left pending at exit: {started}")
    socket = next(c for c in emu.control("connections")["connections"] if c["id"] == connection)
    if socket["closed_by"] != "client":
        problems.append(f"the socket was not closed by siren: state {socket['state']}, "
                        f"closed_by {socket['closed_by']}, code {socket['close_code']}")
    if emu.control(f"acks?envelope_id={late_envelope}")["acks"]:
        problems.append("a command sent after SIGTERM was acknowledged by the stopping process")
    return problems


def wait_for_log(d: Daemon, text: str, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while text not in d.log():
        assert time.monotonic() < deadline, f"siren never logged {text!r}:\n{d.log()}"
        time.sleep(0.01)


def started_but_pending(store: Store) -> list[str]:
    """Outbox rows still pending whose first attempt had begun: an attempt counted, or (once
    siren marks attempts as they start) flagged unsure."""
    unsure = "OR unsure = 1" if "unsure" in store.columns("outbox") else ""
    return [f"{r['id']} {r['kind']} (attempts {r['attempts']})" for r in store.rows(
        f"SELECT id, kind, attempts FROM outbox WHERE status = 'pending' "
        f"AND (attempts > 0 {unsure})")]
