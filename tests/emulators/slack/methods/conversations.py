"""conversations.*: create, invite, setTopic/setPurpose, archive/unarchive, join, info, rename,
history, replies."""

from __future__ import annotations

from typing import Any

from ..workspace import BOT_USER_ID, Channel, Message, channel_name_error, ts_key
from .common import ApiError, Call, channel_arg, invalid_arguments, writable_channel


def _checked_name(call: Call) -> str:
    name = call.text("name") or ""
    problem = channel_name_error(name)
    if problem:
        raise ApiError(problem)
    if call.ws.channel_by_name(name) is not None:
        raise ApiError("name_taken")
    return name


def create(call: Call) -> dict[str, Any]:
    name = _checked_name(call)
    channel = call.ws.add_channel(name, creator=BOT_USER_ID, members=[BOT_USER_ID],
                                  is_private=call.flag("is_private"))
    return {"channel": channel.to_api()}


def invite(call: Call) -> dict[str, Any]:
    channel = writable_channel(call)
    users = call.id_list("users")
    if not users:
        raise ApiError("no_user")
    failures = [{"user": u, "ok": False, "error": e}
                for u in users if (e := _invite_problem(call, channel.members, u))]
    if failures and not (call.flag("force") and len(failures) < len(users)):
        raise ApiError(failures[0]["error"], errors=failures)
    failed = {f["user"] for f in failures}
    channel.members.extend(u for u in users if u not in failed)
    out: dict[str, Any] = {"channel": channel.to_api()}
    if failures:
        out["errors"] = failures
    return out


def _invite_problem(call: Call, members: list[str], user_id: str) -> str | None:
    if user_id == BOT_USER_ID:
        return "cant_invite_self"
    user = call.ws.users.get(user_id)
    if user is None or user.deleted:
        return "user_not_found"
    if user_id in members:
        return "already_in_channel"
    return None


def _set_text(call: Call, which: str) -> dict[str, Any]:
    channel = writable_channel(call)
    value = call.text(which) or ""
    if len(value) > call.emu.settings.max_topic_chars:
        raise ApiError("too_long")
    call.ws.set_text_field(channel, which, value, by=BOT_USER_ID)
    return {"channel": channel.to_api()}


def set_topic(call: Call) -> dict[str, Any]:
    return _set_text(call, "topic")


def set_purpose(call: Call) -> dict[str, Any]:
    return _set_text(call, "purpose")


def archive(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    if channel.is_archived:
        raise ApiError("already_archived")
    if channel.is_general:
        raise ApiError("cant_archive_general")
    if BOT_USER_ID not in channel.members:
        raise ApiError("not_in_channel")
    channel.is_archived = True
    return {}


def unarchive(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    if not channel.is_archived:
        raise ApiError("not_archived")
    channel.is_archived = False
    return {}


def join(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    if channel.is_archived:
        raise ApiError("is_archived")
    if channel.is_private and BOT_USER_ID not in channel.members:
        raise ApiError("method_not_supported_for_channel_type")
    if BOT_USER_ID in channel.members:
        call.warnings.append("already_in_channel")
    else:
        channel.members.append(BOT_USER_ID)
    return {"channel": channel.to_api()}


def info(call: Call) -> dict[str, Any]:
    channel = channel_arg(call)
    if channel.is_private and BOT_USER_ID not in channel.members:
        raise ApiError("channel_not_found")
    return {"channel": channel.to_api(with_num_members=call.flag("include_num_members"))}


def rename(call: Call) -> dict[str, Any]:
    channel = writable_channel(call)
    name = call.text("name") or ""
    if name == channel.name:
        return {"channel": channel.to_api()}
    name = _checked_name(call)
    channel.previous_names.insert(0, channel.name)
    channel.name = name
    return {"channel": channel.to_api()}


# history and replies: reading needs the bot in the channel (channels:history / groups:history).

def _readable_channel(call: Call) -> Channel:
    channel = channel_arg(call)
    if BOT_USER_ID not in channel.members:
        raise ApiError("channel_not_found" if channel.is_private else "not_in_channel")
    return channel


def _bound(call: Call, name: str) -> tuple[int, int] | None:
    value = call.text(name)
    if value in (None, ""):
        return None
    try:
        return ts_key(value)
    except ValueError:
        raise invalid_arguments(f"[ERROR] invalid value for field: {name}") from None


def _window(call: Call, messages: list[Message]) -> list[Message]:
    """Slack's oldest/latest/inclusive: (oldest, latest) open unless inclusive."""
    oldest, latest = _bound(call, "oldest"), _bound(call, "latest")
    inclusive = call.flag("inclusive")
    out = []
    for m in messages:
        key = ts_key(m.ts)
        if latest is not None and (key > latest or (key == latest and not inclusive)):
            continue
        if oldest is not None and (key < oldest or (key == oldest and not inclusive)):
            continue
        out.append(m)
    return out


def _limit(call: Call) -> int:
    try:
        limit = int(call.text("limit") or 100)
    except ValueError:
        raise invalid_arguments("[ERROR] invalid value for field: limit") from None
    return max(1, min(limit, 999))


def _page(messages: list[Message], limit: int) -> dict[str, Any]:
    return {"messages": [m.to_api() for m in messages[:limit]],
            "has_more": len(messages) > limit,
            "response_metadata": {"next_cursor": ""}}


def history(call: Call) -> dict[str, Any]:
    """Newest first; a reply in a thread is not in the history unless it was also sent to the
    channel (reply_broadcast)."""
    channel = _readable_channel(call)
    top_level = [m for m in channel.messages
                 if not m.thread_ts or m.thread_ts == m.ts or m.reply_broadcast]
    found = _window(call, list(reversed(top_level)))
    return {**_page(found, _limit(call)), "pin_count": len(channel.pins)}


def replies(call: Call) -> dict[str, Any]:
    """The thread of `ts` (its first message or any reply), the first message always first,
    then the replies in the oldest/latest window, oldest first."""
    channel = _readable_channel(call)
    message = channel.message(call.text("ts") or "")
    if message is None:
        raise ApiError("thread_not_found")
    root_ts = message.thread_ts or message.ts
    root = channel.message(root_ts)
    if root is None:
        raise ApiError("thread_not_found")
    thread = [m for m in channel.messages if m.thread_ts == root_ts and m.ts != root_ts]
    return _page([root, *_window(call, thread)], _limit(call))
