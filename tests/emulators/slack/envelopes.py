"""Socket Mode envelopes: delivery round-robin, acks, the ack deadline, and what a missed
deadline means (protocols.md §1.3): events_api is redelivered with retry_attempt+1 and
retry_reason "timeout" (same payload, so the same event_id; a new envelope_id); a slash
command or interactive payload is not, and the user sees operation_timeout instead."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .emulator import Emulator
    from .socket_mode import Connection

ENVELOPE_TYPES = ("events_api", "slash_commands", "interactive")
# Interactive payload types whose ack may carry a response (protocols.md §1.2).
RESPONSIVE_INTERACTIONS = ("block_actions", "view_submission", "block_suggestion")


def accepts_response_payload(envelope_type: str, payload: dict[str, Any]) -> bool:
    if envelope_type == "slash_commands":
        return True
    if envelope_type == "interactive":
        return payload.get("type") in RESPONSIVE_INTERACTIONS
    return False


@dataclass(eq=False)
class Envelope:
    envelope_id: str
    type: str
    payload: dict[str, Any]
    accepts_response_payload: bool
    retry_attempt: int = 0
    retry_reason: str = ""
    chain: str = ""  # envelope_id of the first attempt; shared by its redeliveries
    tracked: bool = True  # deadline and redelivery apply (control-made duplicates: False)
    duplicate_of: str | None = None
    created_at: float = field(default_factory=time.time)
    status: str = "pending"  # pending | delivered | acked | timed_out | gave_up
    connection_id: str | None = None
    delivered_at: float | None = None
    acks: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    timer: asyncio.TimerHandle | None = None

    def frame(self) -> dict[str, Any]:
        out: dict[str, Any] = {"envelope_id": self.envelope_id, "type": self.type,
                               "accepts_response_payload": self.accepts_response_payload,
                               "payload": self.payload}
        if self.type == "events_api":
            out["retry_attempt"] = self.retry_attempt
            out["retry_reason"] = self.retry_reason
        return out

    def to_json(self) -> dict[str, Any]:
        keys = ("envelope_id", "type", "accepts_response_payload", "retry_attempt",
                "retry_reason", "chain", "tracked", "duplicate_of", "created_at", "status",
                "connection_id", "delivered_at", "acks", "meta")
        return {k: getattr(self, k) for k in keys} | {"payload": self.payload}


def _id_of(value: Any) -> Any:
    """Interaction payloads nest {"id": ...}; a hand-written payload may not."""
    return value.get("id") if isinstance(value, dict) else value


class EnvelopeTracker:
    def __init__(self, emu: "Emulator") -> None:
        self.emu = emu
        self.by_id: OrderedDict[str, Envelope] = OrderedDict()
        self.pending: list[Envelope] = []
        self._tasks: set[asyncio.Task] = set()

    # sending

    async def inject(self, envelope_type: str, payload: dict[str, Any],
                     meta: dict[str, Any] | None = None) -> Envelope:
        env = self._new(envelope_type, payload, meta=meta or {})
        env.chain = env.envelope_id
        self._arm(env)
        await self._deliver(env)
        return env

    async def duplicate(self, original: Envelope, connection: "Connection | None",
                        retry_attempt: int | None, same_envelope_id: bool) -> Envelope:
        """Delivers the same payload again (same event_id), untracked, as Slack sometimes does."""
        attempt = original.retry_attempt if retry_attempt is None else retry_attempt
        env = self._new(original.type, original.payload, retry_attempt=attempt,
                        retry_reason="timeout" if attempt > 0 else "",
                        envelope_id=original.envelope_id if same_envelope_id else None,
                        meta=dict(original.meta))
        env.chain, env.tracked, env.duplicate_of = original.chain, False, original.envelope_id
        await self._deliver(env, connection)
        return env

    def _new(self, envelope_type: str, payload: dict[str, Any], retry_attempt: int = 0,
             retry_reason: str = "", envelope_id: str | None = None,
             meta: dict[str, Any] | None = None) -> Envelope:
        env = Envelope(envelope_id or str(uuid.uuid4()), envelope_type, payload,
                       accepts_response_payload(envelope_type, payload), retry_attempt,
                       retry_reason, meta=meta or {})
        if envelope_id is None:  # a reused envelope_id keeps pointing at the original
            self.by_id[env.envelope_id] = env
            self._forget_old()
        return env

    async def _deliver(self, env: Envelope, connection: "Connection | None" = None) -> None:
        hub = self.emu.sockets
        conn = connection or hub.pick()
        if conn is None or not await hub.send(conn, env.frame()):
            if env.tracked and env not in self.pending:
                self.pending.append(env)
            self.emu.signal.fire()
            return
        conn.envelopes_delivered += 1
        env.connection_id = conn.id
        env.delivered_at = time.time()
        if env.status == "pending":
            env.status = "delivered"
        self.emu.signal.fire()

    async def on_connection_open(self) -> None:
        """Envelopes that found no socket go out as soon as one appears."""
        waiting, self.pending = self.pending, []
        for env in waiting:
            if env.status == "pending":
                await self._deliver(env)

    # deadlines

    def _arm(self, env: Envelope) -> None:
        loop = asyncio.get_running_loop()
        env.timer = loop.call_later(self.emu.settings.ack_deadline_s, self._on_deadline, env)

    def _on_deadline(self, env: Envelope) -> None:
        env.timer = None
        if env.status == "acked":
            return
        if env in self.pending:
            self.pending.remove(env)
        env.status = "timed_out"
        if env.type == "events_api":
            schedule = self.emu.settings.redelivery_schedule_s
            if env.retry_attempt < len(schedule):
                loop = asyncio.get_running_loop()
                env.timer = loop.call_later(schedule[env.retry_attempt], self._spawn_redelivery,
                                            env)
            else:
                env.status = "gave_up"
        else:
            self.emu.operation_timeouts.add(self._timeout_record(env))
        self.emu.signal.fire()

    def _spawn_redelivery(self, previous: Envelope) -> None:
        previous.timer = None
        task = asyncio.ensure_future(self._redeliver(previous))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _redeliver(self, previous: Envelope) -> None:
        env = self._new(previous.type, previous.payload, previous.retry_attempt + 1, "timeout",
                        meta=dict(previous.meta))
        env.chain = previous.chain
        self._arm(env)
        await self._deliver(env)

    def _timeout_record(self, env: Envelope) -> dict[str, Any]:
        p = env.payload
        return {
            "time": time.time(), "error": "operation_timeout", "transport": "socket",
            "envelope_id": env.envelope_id, "type": env.type,
            "payload_type": p.get("type") or p.get("command"),
            "command": p.get("command"), "text": p.get("text"),
            "user": p.get("user_id") or _id_of(p.get("user")),
            "channel": p.get("channel_id") or _id_of(p.get("channel")),
            "delivered_to": env.connection_id, "deadline_s": self.emu.settings.ack_deadline_s,
        }

    # acks

    def on_frame(self, conn: "Connection", text: str) -> None:
        """A text frame from the client: an ack, or garbage that is counted and ignored."""
        try:
            frame = json.loads(text)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("envelope_id"), str):
            conn.bad_frames += 1
            self.emu.signal.fire()
            return
        env = self.by_id.get(frame["envelope_id"])
        late = env is not None and env.status in ("timed_out", "gave_up")
        record = {
            "time": time.time(), "envelope_id": frame["envelope_id"], "connection": conn.id,
            "has_payload": "payload" in frame, "payload": frame.get("payload"),
            "type": env.type if env else None,
            "retry_attempt": env.retry_attempt if env else None,
            "late": late, "unknown": env is None, "repeat": bool(env and env.acks),
        }
        if env is not None:
            env.acks += 1
            if env.status in ("pending", "delivered"):
                env.status = "acked"
                if env.timer is not None:
                    env.timer.cancel()
                    env.timer = None
                self._apply_view_response(env, frame.get("payload"))
        self.emu.acks.add(record)

    def _apply_view_response(self, env: Envelope, payload: Any) -> None:
        view_id = env.meta.get("view_id")
        if env.type == "interactive" and env.payload.get("type") == "view_submission" and view_id:
            view = self.emu.views.by_id.get(view_id)
            if view is not None:
                self.emu.views.apply_response_action(view, payload if isinstance(payload, dict)
                                                     else None)

    # housekeeping

    def _forget_old(self) -> None:
        while len(self.by_id) > self.emu.settings.max_records:
            self.by_id.popitem(last=False)

    def cancel_all(self) -> None:
        for env in self.by_id.values():
            if env.timer is not None:
                env.timer.cancel()
                env.timer = None
        for task in list(self._tasks):
            task.cancel()
        self.pending.clear()
