"""What every Web API handler shares: the call context, ApiError, and validation helpers.

Handlers read arguments through `Call` (form values are strings, JSON values keep their types,
so the helpers accept both) and raise `ApiError` with Slack's error name."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..workspace import BOT_USER_ID, Channel

if TYPE_CHECKING:
    from ..emulator import Emulator


class ApiError(Exception):
    """An `{"ok":false,"error":...}` answer; `extra` fields are added to the body."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


def invalid_arguments(*messages: str) -> ApiError:
    return ApiError("invalid_arguments", response_metadata={"messages": list(messages)})


@dataclass
class Call:
    emu: "Emulator"
    method: str
    args: dict[str, Any]
    token_kind: str
    warnings: list[str] = field(default_factory=list)

    @property
    def ws(self):
        return self.emu.workspace

    def has(self, name: str) -> bool:
        value = self.args.get(name)
        return value is not None and value != "" and value != []

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.args.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return str(value)

    def flag(self, name: str) -> bool:
        value = self.args.get(name)
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("1", "true", "yes") if value is not None else False

    def json_value(self, name: str, error: str = "invalid_arguments") -> Any:
        """An argument that form bodies carry as a JSON string and JSON bodies as a value."""
        value = self.args.get(name)
        if not isinstance(value, str):
            return value
        if value.strip() == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            if error == "invalid_arguments":
                raise invalid_arguments(f"[ERROR] failed to parse JSON for field: {name}")
            raise ApiError(error)

    def id_list(self, name: str) -> list[str]:
        """A comma-separated list of ids (or a JSON array), blanks dropped, order kept."""
        value = self.args.get(name)
        if value is None:
            return []
        items = value if isinstance(value, list) else str(value).split(",")
        return list(dict.fromkeys(str(i).strip() for i in items if str(i).strip()))


# Shared checks. Each raises the error Slack gives for the condition.

def channel_arg(call: Call, name: str = "channel") -> Channel:
    channel = call.ws.channels.get(call.text(name) or "")
    if channel is None:
        raise ApiError("channel_not_found")
    return channel


def writable_channel(call: Call, name: str = "channel", member: bool = True) -> Channel:
    """A channel the bot may change: it exists, is not archived and (if asked) has the bot."""
    channel = channel_arg(call, name)
    if channel.is_archived:
        raise ApiError("is_archived")
    if member and BOT_USER_ID not in channel.members:
        raise ApiError("not_in_channel")
    return channel


def message_content(call: Call, required: bool = True) -> dict[str, Any]:
    """text/blocks/attachments after Slack's checks; `required` gives no_text when all absent."""
    s = call.emu.settings
    blocks = (call.json_value("blocks", error="invalid_blocks_format")
              if call.has("blocks") else None)
    attachments = (call.json_value("attachments", error="invalid_attachments")
                   if call.has("attachments") else None)
    text = call.text("text") or ""
    if blocks is not None:
        if not isinstance(blocks, list):
            raise ApiError("invalid_blocks_format")
        if not all(isinstance(b, dict) and "type" in b for b in blocks):
            raise ApiError("invalid_blocks")
        if len(blocks) > s.max_blocks:
            raise ApiError("invalid_blocks", response_metadata={"messages": [
                f"[ERROR] no more than {s.max_blocks} items allowed [json-pointer:/blocks]"]})
        if len(json.dumps(blocks)) > s.msg_blocks_max_chars:
            raise ApiError("msg_blocks_too_long")
    if attachments is not None and not isinstance(attachments, list):
        raise ApiError("invalid_attachments")
    if required and not text and not blocks and not attachments:
        raise ApiError("no_text")
    if len(text) > s.max_text_chars:
        if call.method == "chat.postMessage":
            text = text[: s.max_text_chars]
            call.warnings.append("message_truncated")
        else:
            raise ApiError("msg_too_long")
    return {"text": text, "blocks": blocks or None, "attachments": attachments or None}
