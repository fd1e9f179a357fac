"""chat.*: postMessage, update, postEphemeral, getPermalink."""

from __future__ import annotations

import time
from typing import Any

from ..workspace import BOT_ID, BOT_USER_ID, TS_PATTERN
from .common import ApiError, Call, channel_arg, message_content, writable_channel


def post_message(call: Call) -> dict[str, Any]:
    # Besides an id, chat.postMessage takes "#name" and a user id (a DM from the app).
    target = call.text("channel") or ""
    if target.startswith("#") and (named := call.ws.channel_by_name(target[1:])) is not None:
        call.args["channel"] = named.id
    elif target in call.ws.users:
        call.args["channel"] = call.ws.direct_messages_with(target).id
    channel = writable_channel(call)
    content = message_content(call)
    thread_ts = call.text("thread_ts") or None
    if thread_ts and channel.message(thread_ts) is None:
        raise ApiError("thread_not_found")
    metadata = _metadata(call)
    message = call.ws.post(
        channel, content["text"], blocks=content["blocks"], attachments=content["attachments"],
        thread_ts=thread_ts, subtype="bot_message", bot_id=BOT_ID,
        metadata=metadata,
        reply_broadcast=call.flag("reply_broadcast"))
    return {"channel": channel.id, "ts": message.ts, "message": message.to_api()}


def _metadata(call: Call) -> dict[str, Any] | None:
    """Message metadata: {"event_type": str, "event_payload": {...}}, as a JSON string in form
    bodies. Anything else is invalid_metadata_format (Slack's name; invalid_metadata_schema is
    for payloads that break an event schema declared in the app manifest, not modelled)."""
    if not call.has("metadata"):
        return None
    value = call.json_value("metadata", error="invalid_metadata_format")
    if value is None:
        return None
    if (not isinstance(value, dict) or not isinstance(value.get("event_type"), str)
            or not value["event_type"] or not isinstance(value.get("event_payload"), dict)):
        raise ApiError("invalid_metadata_format")
    return {"event_type": value["event_type"], "event_payload": value["event_payload"]}


def update(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    ts = call.text("ts") or ""
    message = channel.message(ts)
    if message is None:
        raise ApiError("message_not_found")
    if message.user != BOT_USER_ID or message.subtype not in (None, "bot_message"):
        raise ApiError("cant_update_message")
    if channel.is_archived:
        raise ApiError("is_archived")
    content = message_content(call)
    metadata = _metadata(call)  # absent: the message keeps its metadata, as with Slack
    message.text = content["text"]
    if metadata is not None:
        message.metadata = metadata
    if content["blocks"] is not None or call.has("blocks"):
        message.blocks = content["blocks"]
    if content["attachments"] is not None or call.has("attachments"):
        message.attachments = content["attachments"]
    message.edited = {"user": BOT_USER_ID, "ts": call.ws.ts.next()}
    return {"channel": channel.id, "ts": message.ts, "text": message.text,
            "message": message.to_api()}


def post_ephemeral(call: Call) -> dict[str, Any]:
    channel = writable_channel(call)
    user = call.text("user") or ""
    if user not in call.ws.users:
        raise ApiError("user_not_found")
    if user not in channel.members:
        raise ApiError("user_not_in_channel")
    content = message_content(call)
    message_ts = call.ws.ts.next()
    call.ws.ephemeral.append({"channel": channel.id, "user": user, "message_ts": message_ts,
                              "thread_ts": call.text("thread_ts"), "time": time.time(),
                              "source": "chat.postEphemeral", **content})
    return {"message_ts": message_ts}


def get_permalink(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    ts = call.text("message_ts") or ""
    message = channel.message(ts) if TS_PATTERN.match(ts) else None
    if message is None:
        raise ApiError("message_not_found")
    link = f"https://{call.ws.team_domain}.slack.com/archives/{channel.id}/p{ts.replace('.', '')}"
    if message.thread_ts and message.thread_ts != ts:
        link += f"?thread_ts={message.thread_ts}&cid={channel.id}"
    return {"channel": channel.id, "permalink": link}
