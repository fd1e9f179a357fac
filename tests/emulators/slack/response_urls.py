"""response_url hosting (protocols.md §2.2, §2.4): `/commands/<team>/<n>/<secret>` for slash
commands and `/actions/<team>/<n>/<secret>` for interactions. Each URL works at most
`response_url_max_uses` times within `response_url_ttl_s`; every attempt is recorded, and an
accepted message lands in the model (in_channel → channel, ephemeral → ephemeral list)."""

from __future__ import annotations

import itertools
import json
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .workspace import BOT_ID

if TYPE_CHECKING:
    from .emulator import Emulator

MAX_URLS = 10_000
MAX_ATTEMPTS_KEPT = 50


@dataclass
class ResponseUrl:
    path: str
    kind: str  # commands | actions
    channel_id: str
    user_id: str
    message_ts: str | None
    minted_at: float  # monotonic
    created_at: float = field(default_factory=time.time)
    uses: int = 0
    attempts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "channel": self.channel_id,
                "user": self.user_id, "message_ts": self.message_ts,
                "created_at": self.created_at, "uses": self.uses, "attempts": self.attempts}


class ResponseUrls:
    def __init__(self, emu: "Emulator") -> None:
        self.emu = emu
        self.by_path: OrderedDict[str, ResponseUrl] = OrderedDict()
        self._counter = itertools.count(1000001)

    def mint(self, kind: str, channel_id: str, user_id: str, message_ts: str | None = None) -> str:
        team, n = self.emu.settings.team_id, next(self._counter)
        path = f"/{kind}/{team}/{n}/{secrets.token_urlsafe(18)}"
        self.by_path[path] = ResponseUrl(path, kind, channel_id, user_id, message_ts,
                                         time.monotonic())
        while len(self.by_path) > MAX_URLS:
            self.by_path.popitem(last=False)
        return f"{self.emu.base_url}{path}"

    async def handle(self, request: web.Request) -> web.Response:
        url = self.by_path.get(request.path)
        raw = await request.read()
        if url is None:
            return web.Response(status=404, text="no_service")
        status, outcome, body = self._judge(url, raw)
        url.attempts.append({"time": time.time(), "status": status, "outcome": outcome,
                             "body": body if body is not None else raw.decode("utf-8", "replace"),
                             "response_type": (body or {}).get("response_type", "ephemeral")
                             if isinstance(body, dict) else None})
        del url.attempts[:-MAX_ATTEMPTS_KEPT]
        self.emu.signal.fire()
        return web.Response(status=status, text=outcome)

    def _judge(self, url: ResponseUrl, raw: bytes) -> tuple[int, str, Any]:
        s = self.emu.settings
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400, "invalid_payload", None
        if not isinstance(body, dict):
            return 400, "invalid_payload", body
        if time.monotonic() - url.minted_at > s.response_url_ttl_s:
            return 404, "expired_url", body
        if url.uses >= s.response_url_max_uses:
            return 404, "used_url", body
        if not (body.get("text") or body.get("blocks") or body.get("delete_original")):
            return 400, "no_text", body
        url.uses += 1
        self._apply(url, body)
        return 200, "ok", body

    def _apply(self, url: ResponseUrl, body: dict[str, Any]) -> None:
        ws = self.emu.workspace
        channel = ws.channels.get(url.channel_id)
        original = channel.message(url.message_ts) if channel and url.message_ts else None
        if body.get("delete_original") and original is not None and channel is not None:
            channel.messages.remove(original)
            return
        blocks = body.get("blocks") if isinstance(body.get("blocks"), list) else None
        if body.get("replace_original") and original is not None:
            original.text, original.blocks = str(body.get("text", "")), blocks
            return
        if body.get("response_type") == "in_channel" and channel is not None:
            ws.post(channel, str(body.get("text", "")), blocks=blocks,
                    thread_ts=body.get("thread_ts"), subtype="bot_message", bot_id=BOT_ID)
            return
        ws.ephemeral.append({"channel": url.channel_id, "user": url.user_id,
                             "message_ts": ws.ts.next(), "time": time.time(),
                             "source": url.path, "text": str(body.get("text", "")),
                             "blocks": blocks, "attachments": None})

    def snapshot(self) -> list[dict[str, Any]]:
        return [u.to_json() for u in self.by_path.values()]
