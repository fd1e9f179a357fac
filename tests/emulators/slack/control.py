"""The test-control API under `/_control/`: JSON in, JSON out (README.md lists every route).

List routes share one convention: any query parameter filters entries by field equality
(`?method=chat.postMessage`), `since_seq=N` keeps newer entries, and `min=N&wait_s=S`
long-polls until at least N entries match or S seconds pass (the answer says `complete`)."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any, Callable

from aiohttp import web

from ..common.control import _RESERVED_QUERY, ControlError, Handler, body_of, ok
from . import http_mode, payloads
from .payloads import PayloadError
from .workspace import BOT_USER_ID, EMOJI_NAME, Channel, User, channel_name_error

if TYPE_CHECKING:
    from .emulator import Emulator
    from .socket_mode import Connection


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _filtered(entries: list[dict[str, Any]], query: Any) -> list[dict[str, Any]]:
    since = int(query.get("since_seq", 0))
    wanted = {k: v for k, v in query.items() if k not in _RESERVED_QUERY}
    return [e for e in entries if e.get("seq", since + 1) > since
            and all(_text(e.get(k)) == v for k, v in wanted.items())]


class Control:
    def __init__(self, emu: "Emulator") -> None:
        self.emu = emu

    def add_routes(self, router: web.UrlDispatcher) -> None:
        e = self.emu
        lists: dict[str, Callable[[], list[dict[str, Any]]]] = {
            "calls": lambda: e.calls.entries(),
            "acks": lambda: e.acks.entries(),
            "operation_timeouts": lambda: e.operation_timeouts.entries(),
            "socket_events": lambda: e.socket_events.entries(),
            "http_deliveries": lambda: e.http_deliveries.entries(),
            "connections": lambda: [c.to_json() for c in e.sockets.connections.values()],
            "envelopes": lambda: [v.to_json() for v in e.envelopes.by_id.values()],
            "response_urls": lambda: e.response_urls.snapshot(),
            "views": lambda: e.views.snapshot(),
        }
        for name, producer in lists.items():
            router.add_get(f"/_control/{name}", self._lister(name, producer))
        posts: dict[str, Handler] = {
            "reset": self.reset, "settings": self.set_settings, "tokens": self.set_tokens,
            "users": self.add_users, "channels": self.add_channel,
            "usergroups": self.add_usergroup, "messages": self.add_message,
            "slash_command": self.slash_command, "interactive": self.interactive,
            "event": self.event, "reactions": self.reaction, "http/deliver": self.http_deliver,
            "envelopes/duplicate": self.duplicate, "tickets/expire": self.expire_tickets,
            "connections/disconnect": self.disconnect, "connections/close": self.close,
            "connections/abort": self.abort, "connections/half_open": self.half_open,
            "connections/ignore_pings": self.ignore_pings,
            "connections/send_raw": self.send_raw,
            "faults": self.add_faults, "faults/clear": self.clear_faults,
        }
        for path, handler in posts.items():
            router.add_post(f"/_control/{path}", self._guarded(handler))
        router.add_post("/_control/channels/{id}", self._guarded(self.change_channel))
        router.add_get("/_control/state", self._guarded(self.state))
        router.add_get("/_control/workspace", self._guarded(self.workspace))
        router.add_get("/_control/settings", self._guarded(self.get_settings))
        router.add_get("/_control/faults", self._guarded(self.list_faults))
        router.add_delete("/_control/faults", self._guarded(self.clear_faults))
        router.add_delete("/_control/faults/{id}", self._guarded(self.remove_fault))

    @staticmethod
    def _guarded(handler: Handler) -> Handler:
        async def run(request: web.Request) -> web.StreamResponse:
            try:
                return await handler(request)
            except ControlError as e:
                return web.json_response({"ok": False, "error": str(e)}, status=e.status)
            except (PayloadError, ValueError, TypeError, KeyError, AttributeError) as e:
                # A request of the wrong shape is the test's mistake: say so, don't 500.
                return web.json_response({"ok": False, "error": str(e)}, status=400)
        return run

    def _lister(self, name: str, producer: Callable[[], list[dict[str, Any]]]) -> Handler:
        async def run(request: web.Request) -> web.StreamResponse:
            q = request.query
            try:
                wanted, wait_s = int(q.get("min", 0)), float(q.get("wait_s", 0))
                int(q.get("since_seq", 0))
                select = lambda: _filtered(producer(), q)  # noqa: E731
            except ValueError:
                return web.json_response({"ok": False, "error": "bad query"}, status=400)
            complete = await self.emu.signal.wait_until(lambda: len(select()) >= wanted,
                                                        min(wait_s, 60.0))
            return ok(**{name: select(), "complete": complete})
        return run

    # state

    async def state(self, request: web.Request) -> web.Response:
        e = self.emu
        return ok(workspace=e.workspace.snapshot(), views=e.views.snapshot(),
                  settings=e.settings.to_json(), faults=[r.to_json() for r in e.faults.rules],
                  connections=[c.to_json() for c in e.sockets.connections.values()],
                  envelopes=[v.to_json() for v in e.envelopes.by_id.values()],
                  acks=e.acks.entries(), operation_timeouts=e.operation_timeouts.entries(),
                  response_urls=e.response_urls.snapshot(), calls=e.calls.entries(),
                  socket_events=e.socket_events.entries(),
                  http_deliveries=e.http_deliveries.entries())

    async def workspace(self, request: web.Request) -> web.Response:
        return ok(**self.emu.workspace.snapshot(), views=self.emu.views.snapshot())

    async def reset(self, request: web.Request) -> web.Response:
        await self.emu.reset()
        return ok()

    async def get_settings(self, request: web.Request) -> web.Response:
        return ok(settings=self.emu.settings.to_json())

    async def set_settings(self, request: web.Request) -> web.Response:
        self.emu.settings.update(await body_of(request))
        return ok(settings=self.emu.settings.to_json())

    async def set_tokens(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        if set(body) - {"bot_tokens", "app_tokens"}:
            raise ControlError("only bot_tokens and app_tokens can be set here")
        self.emu.settings.update(body)
        s = self.emu.settings
        return ok(bot_tokens=s.bot_tokens, app_tokens=s.app_tokens)

    # workspace seeding

    async def add_users(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        specs = body.get("users") if "users" in body else [body]
        added = []
        for spec in specs:
            if not spec.get("id") or not spec.get("name"):
                raise ControlError("a user needs id and name")
            user = User(str(spec["id"]), str(spec["name"]), str(spec.get("real_name", "")),
                        spec.get("email"), str(spec.get("tz", "UTC")),
                        is_bot=bool(spec.get("is_bot", False)),
                        deleted=bool(spec.get("deleted", False)))
            added.append(self.emu.workspace.add_user(user).to_api(self.emu.settings.team_id))
        self.emu.signal.fire()
        return ok(users=added)

    async def add_channel(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        ws, name = self.emu.workspace, str(body.get("name", ""))
        problem = channel_name_error(name)
        if problem:
            raise ControlError(problem)
        if ws.channel_by_name(name) or body.get("id") in ws.channels:
            raise ControlError("name_taken")
        members = [str(m) for m in body.get("members", [])]
        if body.get("bot_member", True):
            members.insert(0, BOT_USER_ID)
        channel = ws.add_channel(name, creator=str(body.get("creator", BOT_USER_ID)),
                                 members=members, is_private=bool(body.get("is_private")),
                                 channel_id=body.get("id"))
        self._apply_channel_changes(channel, body)
        self.emu.signal.fire()
        return ok(channel=channel.snapshot())

    async def change_channel(self, request: web.Request) -> web.Response:
        channel = self.emu.workspace.channels.get(request.match_info["id"])
        if channel is None:
            raise ControlError("channel_not_found", 404)
        body = await body_of(request)
        for user in body.get("add_members", []):
            if user not in channel.members:
                channel.members.append(str(user))
        remove = {str(u) for u in body.get("remove_members", [])}
        channel.members = [m for m in channel.members if m not in remove]
        if "name" in body:
            channel.name = str(body["name"])
        self._apply_channel_changes(channel, body)
        self.emu.signal.fire()
        return ok(channel=channel.snapshot())

    @staticmethod
    def _apply_channel_changes(channel: Channel, body: dict[str, Any]) -> None:
        for which in ("topic", "purpose"):
            if which in body:
                setattr(channel, which, {"value": str(body[which]),
                                         "creator": BOT_USER_ID, "last_set": 0})
        if "archived" in body:
            channel.is_archived = bool(body["archived"])

    async def add_usergroup(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        if not body.get("handle"):
            raise ControlError("a user group needs a handle")
        group = self.emu.workspace.add_usergroup(
            str(body["handle"]), str(body.get("name", body["handle"])),
            [str(u) for u in body.get("users", [])], body.get("id"))
        self.emu.signal.fire()
        return ok(usergroup=group.to_api(self.emu.settings.team_id))

    async def add_message(self, request: web.Request) -> web.Response:
        """A message from a person, e.g. one the bot should pin or react to."""
        body = await body_of(request)
        channel = self.emu.workspace.channels.get(str(body.get("channel", "")))
        if channel is None:
            raise ControlError("channel_not_found", 404)
        message = self.emu.workspace.post(channel, str(body.get("text", "")),
                                          user=str(body.get("user", "")) or BOT_USER_ID,
                                          thread_ts=body.get("thread_ts"))
        self.emu.signal.fire()
        return ok(ts=message.ts, message=message.to_api())

    # injection

    async def slash_command(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        payload, meta = payloads.slash_command(
            self.emu, str(body.get("command", "")), str(body.get("text", "")),
            str(body.get("user", "")), str(body.get("channel", "")))
        return await self._inject("slash_commands", payload, meta)

    async def interactive(self, request: web.Request) -> web.Response:
        payload, meta = payloads.interactive(self.emu, await body_of(request))
        return await self._inject("interactive", payload, meta)

    async def event(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        if not isinstance(body.get("event"), dict):
            raise ControlError("event must be an object with a type")
        payload, meta = payloads.event_callback(self.emu, body["event"], body.get("event_id"))
        return await self._inject("events_api", payload, meta)

    async def reaction(self, request: web.Request) -> web.Response:
        """A person adds a reaction to a message: the model records it and, as Slack does for
        an app subscribed to reaction_added, a reaction_added event goes out."""
        body = await body_of(request)
        channel = self.emu.workspace.channels.get(str(body.get("channel", "")))
        if channel is None:
            raise ControlError("channel_not_found", 404)
        message = channel.message(str(body.get("ts", "")))
        if message is None:
            raise ControlError("message_not_found", 404)
        user, name = str(body.get("user", "")), str(body.get("name", "")).strip(":")
        if user not in self.emu.workspace.users:
            raise ControlError("user_not_found", 404)
        if not EMOJI_NAME.match(name):
            raise ControlError("invalid_name")
        if not self.emu.workspace.react(message, user, name):
            raise ControlError("already_reacted", 409)
        self.emu.signal.fire()
        event = {"type": "reaction_added", "user": user, "reaction": name,
                 "item": {"type": "message", "channel": channel.id, "ts": message.ts}}
        if message.user:
            event["item_user"] = message.user
        payload, meta = payloads.event_callback(self.emu, event, body.get("event_id"))
        return await self._inject("events_api", payload, meta)

    async def _inject(self, envelope_type: str, payload: dict[str, Any],
                      meta: dict[str, Any]) -> web.Response:
        env = await self.emu.envelopes.inject(envelope_type, payload, meta)
        return ok(envelope_id=env.envelope_id, connection=env.connection_id, status=env.status,
                  payload=payload, **meta)

    async def http_deliver(self, request: web.Request) -> web.Response:
        return ok(**await http_mode.deliver(self.emu, await body_of(request)))

    async def duplicate(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        original = self.emu.envelopes.by_id.get(str(body.get("envelope_id", "")))
        if original is None:
            raise ControlError("unknown envelope_id", 404)
        target = body.get("connection")
        conn = None
        if target == "other":
            conn = self.emu.sockets.pick(exclude=original.connection_id)
            if conn is None:
                raise ControlError("no other open connection", 409)
        elif target:
            conn = self._one_connection(str(target))
        retry = body.get("retry_attempt")
        env = await self.emu.envelopes.duplicate(original, conn,
                                                 int(retry) if retry is not None else None,
                                                 bool(body.get("same_envelope_id", False)))
        return ok(envelope_id=env.envelope_id, connection=env.connection_id,
                  retry_attempt=env.retry_attempt)

    # connections

    def _one_connection(self, connection_id: str) -> "Connection":
        conn = self.emu.sockets.connections.get(connection_id)
        if conn is None:
            raise ControlError(f"unknown connection {connection_id}", 404)
        return conn

    async def _targets(self, request: web.Request) -> tuple[list["Connection"], dict[str, Any]]:
        body = await body_of(request)
        if body.get("connection"):
            return [self._one_connection(str(body["connection"]))], body
        return self.emu.sockets.live_connections(), body

    async def disconnect(self, request: web.Request) -> web.Response:
        conns, body = await self._targets(request)
        reason = str(body.get("reason", "refresh_requested"))
        after = body.get("close_after_s")
        for conn in conns:
            await self.emu.sockets.disconnect(conn, reason,
                                              float(after) if after is not None else None)
        return ok(connections=[c.id for c in conns])

    async def close(self, request: web.Request) -> web.Response:
        conns, body = await self._targets(request)
        for conn in conns:
            await self.emu.sockets.close(conn, int(body.get("code", 1000)),
                                         str(body.get("reason", "")))
        return ok(connections=[c.id for c in conns])

    async def abort(self, request: web.Request) -> web.Response:
        conns, _ = await self._targets(request)
        for conn in conns:
            self.emu.sockets.abort(conn)
        return ok(connections=[c.id for c in conns])

    async def half_open(self, request: web.Request) -> web.Response:
        conns, body = await self._targets(request)
        for conn in conns:
            self.emu.sockets.half_open(conn, swallow=bool(body.get("swallow", False)))
        return ok(connections=[c.id for c in conns])

    async def ignore_pings(self, request: web.Request) -> web.Response:
        conns, body = await self._targets(request)
        for conn in conns:
            self.emu.sockets.ignore_pings(conn, bool(body.get("ignore", True)))
        return ok(connections=[c.id for c in conns])

    async def send_raw(self, request: web.Request) -> web.Response:
        conns, body = await self._targets(request)
        data = base64.b64decode(body["binary_b64"]) if "binary_b64" in body else None
        sent = [c.id for c in conns
                if await self.emu.sockets.send_raw(c, body.get("text"), data)]
        return ok(connections=sent)

    async def expire_tickets(self, request: web.Request) -> web.Response:
        return ok(expired=self.emu.sockets.expire_tickets())

    # faults

    async def add_faults(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        specs = body["rules"] if "rules" in body else [body]
        rules = [self.emu.faults.add(spec) for spec in specs]
        return ok(rules=[r.to_json() for r in rules])

    async def list_faults(self, request: web.Request) -> web.Response:
        return ok(rules=[r.to_json() for r in self.emu.faults.rules])

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.emu.faults.clear()
        return ok()

    async def remove_fault(self, request: web.Request) -> web.Response:
        if not self.emu.faults.remove(request.match_info["id"]):
            raise ControlError("unknown fault id", 404)
        return ok()
