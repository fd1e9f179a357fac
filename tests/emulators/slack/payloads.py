"""Builds what Slack sends an app: slash-command fields, interaction payloads and Events API
callbacks (protocols.md §1.2, §2.1, §4.4). Each builder mints the trigger_id and response_url
the payload carries, and returns (payload, meta) where meta names them for the test."""

from __future__ import annotations

import itertools
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .emulator import Emulator

INTERACTIVE_KINDS = ("block_actions", "view_submission", "view_closed", "shortcut",
                     "message_action", "block_suggestion")

_event_ids = itertools.count(1)


class PayloadError(ValueError):
    """The test asked for a payload that cannot be built (unknown view, bad kind, ...)."""


def slash_command(emu: "Emulator", command: str, text: str, user_id: str,
                  channel_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if not command.startswith("/"):
        raise PayloadError("command must start with /")
    if not user_id or not channel_id:
        raise PayloadError("user and channel are required")
    s = emu.settings
    trigger_id = emu.triggers.mint(user_id)
    response_url = emu.response_urls.mint("commands", channel_id, user_id)
    payload = {
        "token": s.verification_token, "team_id": s.team_id, "team_domain": s.team_domain,
        "channel_id": channel_id, "channel_name": _channel_name(emu, channel_id),
        "user_id": user_id, "user_name": _user_name(emu, user_id), "command": command,
        "text": text, "api_app_id": s.app_id, "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": trigger_id,
    }
    return payload, {"trigger_id": trigger_id, "response_url": response_url}


def interactive(emu: "Emulator", spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """From {"payload": {...}} verbatim, or from {"kind": ..., fields} (see README)."""
    if isinstance(spec.get("payload"), dict):
        return spec["payload"], {}
    kind = spec.get("kind")
    if kind not in INTERACTIVE_KINDS:
        raise PayloadError(f"kind must be one of {INTERACTIVE_KINDS} (or give payload)")
    view = None
    if kind in ("view_submission", "view_closed") or spec.get("view_id"):
        view = emu.views.by_id.get(str(spec.get("view_id", "")))
        if view is None:
            raise PayloadError(f"unknown view_id {spec.get('view_id')!r}")
    user_id = str(spec.get("user") or (view.user_id if view else "") or "")
    if not user_id:
        raise PayloadError("user is required")
    payload = _interaction_base(emu, kind, user_id)
    meta: dict[str, Any] = {}
    if kind in ("block_actions", "view_submission", "shortcut", "message_action"):
        meta["trigger_id"] = payload["trigger_id"] = emu.triggers.mint(user_id)
    channel_id = spec.get("channel")
    if channel_id:
        payload["channel"] = {"id": channel_id, "name": _channel_name(emu, channel_id)}
    if view is not None:
        meta["view_id"] = view.id
        if isinstance(spec.get("values"), dict):
            view.state_values = spec["values"]
        payload["view"] = view.to_api()
    message = _message(emu, channel_id, spec.get("message_ts"))
    if kind in ("block_actions", "message_action") and channel_id and view is None:
        meta["response_url"] = payload["response_url"] = emu.response_urls.mint(
            "actions", channel_id, user_id, message_ts=spec.get("message_ts"))
        if message is not None:
            payload["message"] = message
    _add_kind_fields(kind, spec, payload, view)
    return payload, meta


def _add_kind_fields(kind: str, spec: dict[str, Any], payload: dict[str, Any], view) -> None:
    if kind == "block_actions":
        action = {"type": spec.get("action_type", "button"), "action_id": spec.get("action_id", ""),
                  "block_id": spec.get("block_id", ""), "action_ts": f"{time.time():.6f}"}
        for key in ("value", "selected_option", "selected_user", "selected_channel", "text"):
            if key in spec:
                action[key] = spec[key]
        payload["actions"] = [action]
        payload["state"] = {"values": view.state_values if view else {}}
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view.id}
        elif spec.get("message_ts"):
            payload["container"] = {"type": "message", "message_ts": spec["message_ts"],
                                    "channel_id": spec.get("channel"), "is_ephemeral": False}
    elif kind == "view_submission":
        payload["response_urls"] = []
    elif kind == "view_closed":
        payload["is_cleared"] = bool(spec.get("is_cleared", False))
    elif kind in ("shortcut", "message_action"):
        payload["callback_id"] = spec.get("callback_id", "")
        payload["action_ts"] = f"{time.time():.6f}"
        if kind == "message_action" and spec.get("message_ts"):
            payload["message_ts"] = spec["message_ts"]
            if "message" not in payload:
                payload["message"] = {"type": "message", "ts": spec["message_ts"], "text": ""}
    elif kind == "block_suggestion":
        payload.update(action_id=spec.get("action_id", ""), block_id=spec.get("block_id", ""),
                       value=spec.get("value", ""))


def _interaction_base(emu: "Emulator", kind: str, user_id: str) -> dict[str, Any]:
    s = emu.settings
    return {
        "type": kind, "team": {"id": s.team_id, "domain": s.team_domain},
        "user": {"id": user_id, "username": _user_name(emu, user_id),
                 "name": _user_name(emu, user_id), "team_id": s.team_id},
        "api_app_id": s.app_id, "token": s.verification_token,
        "is_enterprise_install": False, "enterprise": None,
    }


def event_callback(emu: "Emulator", event: dict[str, Any],
                   event_id: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    if not isinstance(event.get("type"), str):
        raise PayloadError("event.type is required")
    s = emu.settings
    event = dict(event)
    event.setdefault("event_ts", emu.workspace.ts.next())
    event_id = event_id or f"Ev{next(_event_ids):08X}"
    user = event.get("user") or "U0BOT0001"
    payload = {
        "token": s.verification_token, "team_id": s.team_id, "api_app_id": s.app_id,
        "event": event, "type": "event_callback", "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": s.team_id, "user_id": user,
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
        "event_context": f"1-{event['type']}-{s.team_id}-{event.get('channel', '')}",
    }
    return payload, {"event_id": event_id}


def _channel_name(emu: "Emulator", channel_id: str) -> str:
    channel = emu.workspace.channels.get(channel_id)
    if channel is not None:
        return channel.name if not channel.is_private else "privategroup"
    return "directmessage" if channel_id.startswith("D") else channel_id.lower()


def _user_name(emu: "Emulator", user_id: str) -> str:
    user = emu.workspace.users.get(user_id)
    return user.name if user else user_id.lower()


def _message(emu: "Emulator", channel_id: Any, ts: Any) -> dict[str, Any] | None:
    channel = emu.workspace.channels.get(str(channel_id or ""))
    message = channel.message(str(ts)) if channel and ts else None
    return message.to_api() if message else None
