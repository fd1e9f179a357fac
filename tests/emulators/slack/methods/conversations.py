"""conversations.*: create, invite, setTopic/setPurpose, archive/unarchive, join, info, rename,
history, replies, list, open."""

from __future__ import annotations

import base64
import binascii
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


def _shown(message: Message, all_metadata: bool) -> dict[str, Any]:
    """A message as history and replies give it: Slack returns a message's metadata in full
    only with include_all_metadata=true, otherwise just its event_type."""
    out = message.to_api()
    if not all_metadata and isinstance(out.get("metadata"), dict):
        out["metadata"] = {"event_type": out["metadata"].get("event_type")}
    return out


def _page(call: Call, messages: list[Message], limit: int) -> dict[str, Any]:
    all_metadata = call.flag("include_all_metadata")
    return {"messages": [_shown(m, all_metadata) for m in messages[:limit]],
            "has_more": len(messages) > limit,
            "response_metadata": {"next_cursor": ""}}


def history(call: Call) -> dict[str, Any]:
    """Newest first; a reply in a thread is not in the history unless it was also sent to the
    channel (reply_broadcast)."""
    channel = _readable_channel(call)
    top_level = [m for m in channel.messages
                 if not m.thread_ts or m.thread_ts == m.ts or m.reply_broadcast]
    found = _window(call, list(reversed(top_level)))
    return {**_page(call, found, _limit(call)), "pin_count": len(channel.pins)}


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
    return _page(call, [root, *_window(call, thread)], _limit(call))


# list and open: how a bot finds a conversation again (a channel it created, its DM with a
# person) when it did not keep the id.

CHANNEL_TYPES = ("public_channel", "private_channel", "mpim", "im")
MAX_LIST_LIMIT = 1000


def _kind(channel: Channel) -> str:
    if channel.is_im:
        return "im"
    return "private_channel" if channel.is_private else "public_channel"


def _types(call: Call) -> set[str]:
    types = set(call.id_list("types")) or {"public_channel"}
    if not types <= set(CHANNEL_TYPES):
        raise ApiError("invalid_types")
    return types


def _list_limit(call: Call) -> int:
    """Slack: "an integer no larger than 1000"; 0 or absent is the default, 100."""
    text = (call.text("limit") or "").strip()
    if text == "":
        return 100
    try:
        limit = int(text)
    except ValueError:
        raise ApiError("invalid_limit") from None
    if limit < 0:
        raise ApiError("invalid_limit")
    return min(limit, MAX_LIST_LIMIT) if limit else 100


def _cursor_for(channel_id: str) -> str:
    """Opaque to clients, like Slack's ("dGVhbTpDMDYxRkE1UEI=" is "team:C061FA5PB"): the id
    of the next channel, so a page boundary survives channels created in between."""
    return base64.b64encode(f"team:{channel_id}".encode()).decode()


def _cursor_start(call: Call, listed: list[Channel]) -> int:
    cursor = (call.text("cursor") or "").strip()
    if not cursor:
        return 0
    try:
        decoded = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise ApiError("invalid_cursor") from None
    prefix, _, channel_id = decoded.partition(":")
    ids = [c.id for c in listed]
    if prefix != "team" or channel_id not in ids:
        raise ApiError("invalid_cursor")
    return ids.index(channel_id)


def list_conversations(call: Call) -> dict[str, Any]:
    """Channels in creation order. As for a bot token: private channels and DMs only when the
    bot is a member; multi-person DMs are not modelled, so `mpim` lists nothing."""
    types = _types(call)
    limit = _list_limit(call)
    exclude_archived = call.flag("exclude_archived")
    listed = [c for c in call.ws.channels.values()
              if _kind(c) in types
              and not (exclude_archived and c.is_archived)
              and (_kind(c) == "public_channel" or BOT_USER_ID in c.members)]
    start = _cursor_start(call, listed)
    page = listed[start:start + limit]
    rest = listed[start + limit:]
    return {"channels": [c.im_api() if c.is_im else c.to_api() for c in page],
            "response_metadata": {"next_cursor": _cursor_for(rest[0].id) if rest else ""}}


def open_conversation(call: Call) -> dict[str, Any]:
    """The bot's DM with one person: the same conversation chat.postMessage to a user id posts
    into. `channel` resumes a DM by id. Multi-person DMs are not modelled."""
    if call.has("channel"):
        channel = channel_arg(call)
        if not channel.is_im:
            raise ApiError("method_not_supported_for_channel_type")
        return _opened(call, channel, already_open=True)
    users = [u for u in call.id_list("users") if u != BOT_USER_ID]
    if not call.id_list("users"):
        raise ApiError("users_list_not_supplied")
    if not users:
        raise ApiError("not_enough_users")
    if len(users) > 1:
        raise invalid_arguments("[ERROR] the emulator has no multi-person direct messages")
    user = call.ws.users.get(users[0])
    if user is None:
        raise ApiError("user_not_found")
    if user.deleted:
        raise ApiError("user_disabled")
    existing = call.ws.existing_direct_messages(user.id)
    channel = existing or call.ws.direct_messages_with(user.id)
    return _opened(call, channel, already_open=existing is not None)


def _opened(call: Call, channel: Channel, already_open: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"channel": channel.im_api() if call.flag("return_im")
                           else {"id": channel.id}}
    if already_open:
        out.update(no_op=True, already_open=True)
    return out
