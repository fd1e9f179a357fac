"""Socket Mode connections (protocols.md §1): single-use tickets, the WebSocket endpoint with
`hello`, the connection cap, pings, and the control operations that break connections on
purpose (disconnect, clean close, TCP reset, half-open, deaf to pings, raw frames).
Envelope bookkeeping (acks, deadlines, redelivery) lives in envelopes.py."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .web_api import abort_with_reset

if TYPE_CHECKING:
    from .emulator import Emulator

log = logging.getLogger("slack-emulator.socket")

MAX_CLOSED_KEPT = 200


@dataclass
class Ticket:
    id: str
    minted_at: float  # monotonic
    debug_reconnects: bool
    used: bool = False
    expired: bool = False


@dataclass(eq=False)
class Connection:
    id: str
    ws: web.WebSocketResponse
    request: web.Request
    ticket: str
    debug_reconnects: bool
    opened_at: float = field(default_factory=time.time)
    state: str = "open"  # open | half_open | closing | closed
    answer_pings: bool = True
    swallow: bool = False  # half-open but still handed envelopes, which are then lost
    frames_sent: int = 0
    frames_received: int = 0
    bad_frames: int = 0
    pings_received: int = 0
    pongs_received: int = 0
    envelopes_delivered: int = 0
    closed_at: float | None = None
    close_code: int | None = None
    closed_by: str | None = None  # client | server | abort
    released: asyncio.Event = field(default_factory=asyncio.Event)
    close_done: asyncio.Event = field(default_factory=asyncio.Event)  # a server close finished
    tasks: set[asyncio.Task] = field(default_factory=set)

    @property
    def host(self) -> str:
        return f"emu-applink-{self.id}"

    @property
    def live(self) -> bool:
        """Slack's view: the socket counts until it is closed, even when half-open."""
        return self.state in ("open", "half_open")

    def to_json(self) -> dict[str, Any]:
        fields = ("id", "state", "answer_pings", "swallow", "opened_at", "frames_sent",
                  "frames_received", "bad_frames", "pings_received", "pongs_received",
                  "envelopes_delivered", "closed_at", "close_code", "closed_by",
                  "debug_reconnects")
        return {f: getattr(self, f) for f in fields}


class SocketHub:
    def __init__(self, emu: "Emulator") -> None:
        self.emu = emu
        self.tickets: dict[str, Ticket] = {}
        self.connections: dict[str, Connection] = {}
        self._ids = itertools.count(1)
        self._round_robin = itertools.count()

    # tickets

    def open_ticket(self, debug_reconnects: bool = False) -> str:
        self._forget_old_tickets()
        ticket = Ticket(str(uuid.uuid4()), time.monotonic(), debug_reconnects)
        self.tickets[ticket.id] = ticket
        url = (f"ws://{self.emu.host}:{self.emu.port}/link/"
               f"?ticket={ticket.id}&app_id={self.emu.settings.app_id}")
        return url + ("&debug_reconnects=true" if debug_reconnects else "")

    def expire_tickets(self) -> int:
        fresh = [t for t in self.tickets.values() if not t.used and not t.expired]
        for ticket in fresh:
            ticket.expired = True
        return len(fresh)

    def _forget_old_tickets(self) -> None:
        horizon = time.monotonic() - 2 * self.emu.settings.ticket_ttl_s
        for key in [k for k, t in self.tickets.items() if t.minted_at < horizon]:
            del self.tickets[key]

    def _ticket_problem(self, ticket: Ticket | None) -> tuple[int, str] | None:
        if ticket is None:
            return 401, "invalid_ticket"
        if ticket.used:
            return 401, "ticket_already_used"
        if ticket.expired or time.monotonic() - ticket.minted_at > self.emu.settings.ticket_ttl_s:
            return 410, "ticket_expired"
        return None

    # the WebSocket endpoint

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ticket = self.tickets.get(request.query.get("ticket", ""))
        problem = self._ticket_problem(ticket)
        if problem is not None:
            self.emu.socket_events.add({"time": time.time(), "event": "upgrade_rejected",
                                        "status": problem[0], "reason": problem[1]})
            return web.Response(status=problem[0], text=problem[1])
        assert ticket is not None
        # autoping off: pongs are ours to withhold (half-open, deaf-to-pings faults).
        ws = web.WebSocketResponse(autoping=False, timeout=self.emu.settings.close_timeout_s,
                                   max_msg_size=1 << 20)
        if not ws.can_prepare(request).ok:
            return web.Response(status=400, text="expected a websocket upgrade")
        ticket.used = True
        await ws.prepare(request)
        # Slack's docs have the client append &debug_reconnects=true to the URL it was given.
        debug = ticket.debug_reconnects or request.query.get("debug_reconnects") == "true"
        conn = Connection(f"conn-{next(self._ids)}", ws, request, ticket.id, debug)

        if sum(c.live for c in self.connections.values()) >= self.emu.settings.max_connections:
            await self._refuse(conn)
            return ws
        self.connections[conn.id] = conn
        self._forget_old_connections()
        self.emu.socket_events.add({"time": time.time(), "event": "opened",
                                    "connection": conn.id})
        await self.send(conn, self._hello(conn))
        if self.emu.settings.server_ping_interval_s:
            self._spawn(conn, self._ping_loop(conn))
        await self.emu.envelopes.on_connection_open()
        try:
            await self._read(conn)
            if conn.state == "closing":
                # Our own close() is in flight: returning now would let aiohttp close the
                # socket first, with its default code, instead of the one the test asked for.
                await asyncio.wait_for(conn.close_done.wait(),
                                       self.emu.settings.close_timeout_s + 1)
        finally:
            self._mark_closed(conn, "client" if conn.closed_by is None else conn.closed_by)
        return ws

    def _hello(self, conn: Connection) -> dict[str, Any]:
        s = self.emu.settings
        lifetime = (s.debug_reconnects_connection_time_s if conn.debug_reconnects
                    else s.approximate_connection_time_s)
        started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        return {"type": "hello", "num_connections": sum(c.live for c in self.connections.values()),
                "debug_info": {"host": conn.host, "started": started, "build_number": 1,
                               "approximate_connection_time": lifetime},
                "connection_info": {"app_id": s.app_id}}

    async def _refuse(self, conn: Connection) -> None:
        """Over the cap: Slack says too_many_websockets on the new socket and drops it."""
        self.emu.socket_events.add({"time": time.time(), "event": "refused",
                                    "reason": "too_many_websockets"})
        frame = {"type": "disconnect", "reason": "too_many_websockets",
                 "debug_info": {"host": conn.host}}
        try:
            await conn.ws.send_str(json.dumps(frame))
            await conn.ws.close(code=1000, message=b"too_many_websockets")
        except (ConnectionError, RuntimeError):
            pass

    async def _read(self, conn: Connection) -> None:
        ws = conn.ws
        while True:
            if conn.state == "half_open":
                await conn.released.wait()  # stop reading: no pongs, no acks, until released
                return
            msg = await ws.receive()
            if conn.state == "half_open":
                continue
            if msg.type == WSMsgType.TEXT:
                conn.frames_received += 1
                self.emu.envelopes.on_frame(conn, msg.data)
            elif msg.type == WSMsgType.BINARY:
                conn.frames_received += 1
                conn.bad_frames += 1
            elif msg.type == WSMsgType.PING:
                conn.pings_received += 1
                if conn.answer_pings:
                    await self._quietly(ws.pong(msg.data))
            elif msg.type == WSMsgType.PONG:
                conn.pongs_received += 1
            elif msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED,
                              WSMsgType.ERROR):
                return

    async def _ping_loop(self, conn: Connection) -> None:
        interval = self.emu.settings.server_ping_interval_s or 0
        while conn.live and interval > 0:
            await asyncio.sleep(interval)
            if conn.state == "open":
                await self._quietly(conn.ws.ping(b"emulator-ping"))

    def _mark_closed(self, conn: Connection, by: str) -> None:
        if conn.state == "closed":
            return
        conn.state = "closed"
        conn.closed_at = time.time()
        conn.close_code = conn.ws.close_code
        conn.closed_by = by
        conn.released.set()
        for task in list(conn.tasks):
            task.cancel()
        self.emu.socket_events.add({"time": conn.closed_at, "event": "closed",
                                    "connection": conn.id, "by": by, "code": conn.close_code})

    def _forget_old_connections(self) -> None:
        closed = [c for c in self.connections.values() if c.state == "closed"]
        for conn in closed[: max(0, len(closed) - MAX_CLOSED_KEPT)]:
            del self.connections[conn.id]

    def _spawn(self, conn: Connection, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        conn.tasks.add(task)
        task.add_done_callback(conn.tasks.discard)

    @staticmethod
    async def _quietly(awaitable: Any) -> bool:
        try:
            await awaitable
            return True
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            return False

    # delivery

    def live_connections(self) -> list[Connection]:
        return [c for c in self.connections.values() if c.live]

    def pick(self, exclude: str | None = None) -> Connection | None:
        """Round-robin over connections that take envelopes (open, or half-open swallowing)."""
        eligible = [c for c in self.connections.values()
                    if (c.state == "open" or (c.state == "half_open" and c.swallow))
                    and c.id != exclude]
        if not eligible:
            return None
        return eligible[next(self._round_robin) % len(eligible)]

    async def send(self, conn: Connection, frame: dict[str, Any]) -> bool:
        """True when the frame left (or was swallowed by a half-open socket)."""
        if conn.state == "half_open":
            return conn.swallow
        if conn.state != "open":
            return False
        ok = await self._quietly(conn.ws.send_str(json.dumps(frame)))
        if ok:
            conn.frames_sent += 1
        return ok

    # control operations

    def find(self, connection_id: str | None) -> list[Connection]:
        """One connection by id, or every live one when no id is given."""
        if connection_id:
            conn = self.connections.get(connection_id)
            return [conn] if conn else []
        return self.live_connections()

    async def disconnect(self, conn: Connection, reason: str,
                         close_after_s: float | None = None) -> bool:
        frame = {"type": "disconnect", "reason": reason, "debug_info": {"host": conn.host}}
        sent = await self.send(conn, frame)
        if close_after_s is not None:
            self._spawn(conn, self._close_later(conn, close_after_s))
        return sent

    async def _close_later(self, conn: Connection, delay_s: float) -> None:
        await asyncio.sleep(delay_s)
        await self.close(conn)

    async def close(self, conn: Connection, code: int = 1000, message: str = "") -> None:
        """A clean close frame; aiohttp waits up to close_timeout_s for the client's reply."""
        if not conn.live:
            return
        conn.state = "closing"
        conn.closed_by = "server"
        conn.released.set()
        try:
            await self._quietly(conn.ws.close(code=code, message=message.encode()))
        finally:
            conn.close_done.set()
            self._mark_closed(conn, "server")

    def abort(self, conn: Connection) -> None:
        """TCP reset, no close frame: the client sees ECONNRESET."""
        if conn.state == "closed":
            return
        conn.closed_by = "abort"
        abort_with_reset(conn.request.transport)
        self._mark_closed(conn, "abort")

    def half_open(self, conn: Connection, swallow: bool = False) -> None:
        if conn.state == "open":
            conn.state = "half_open"
            conn.swallow = swallow
            conn.answer_pings = False

    def ignore_pings(self, conn: Connection, ignore: bool) -> None:
        conn.answer_pings = not ignore

    async def send_raw(self, conn: Connection, text: str | None, data: bytes | None) -> bool:
        if conn.state != "open":
            return False
        if data is not None:
            return await self._quietly(conn.ws.send_bytes(data))
        return await self._quietly(conn.ws.send_str(text or ""))

    async def close_all(self, code: int = 1001) -> None:
        await asyncio.gather(*(self.close(c, code, "going away")
                               for c in self.live_connections()))
