"""Things attached to a channel or message: pins.add, reactions.add, bookmarks.add."""

from __future__ import annotations

import re
import time
from typing import Any

from ..workspace import BOT_USER_ID, EMOJI_NAME, MAX_BOOKMARKS, MAX_PINS, TS_PATTERN, Bookmark
from .common import ApiError, Call, invalid_arguments, writable_channel


def _message(call: Call, channel, ts_arg: str):
    ts = call.text(ts_arg) or ""
    if not ts:
        raise ApiError("no_item_specified")
    if not TS_PATTERN.match(ts):
        raise ApiError("bad_timestamp")
    message = channel.message(ts)
    if message is None:
        raise ApiError("message_not_found")
    return message


def pins_add(call: Call) -> dict[str, Any]:
    channel = writable_channel(call)
    message = _message(call, channel, "timestamp")
    if message.ts in channel.pins:
        raise ApiError("already_pinned")
    if len(channel.pins) >= MAX_PINS:
        raise ApiError("too_many_pins")
    channel.pins.append(message.ts)
    return {}


def reactions_add(call: Call) -> dict[str, Any]:
    channel = writable_channel(call, member=False)
    message = _message(call, channel, "timestamp")
    name = (call.text("name") or "").strip(":")
    if not EMOJI_NAME.match(name):
        raise ApiError("invalid_name")
    if not call.ws.react(message, BOT_USER_ID, name):
        raise ApiError("already_reacted")
    return {}


def bookmarks_add(call: Call) -> dict[str, Any]:
    channel = writable_channel(call, name="channel_id")
    title = call.text("title") or ""
    if not title:
        raise invalid_arguments("[ERROR] missing required field: title")
    kind = call.text("type") or ""
    if kind != "link":
        raise ApiError("invalid_bookmark_type")
    link = call.text("link") or ""
    if not re.match(r"^https?://[^\s]+$", link):
        raise ApiError("invalid_link")
    if len(channel.bookmarks) >= MAX_BOOKMARKS:
        raise ApiError("too_many_bookmarks")
    bookmark = Bookmark(call.ws.new_id("Bk"), channel.id, title, link, call.text("emoji"),
                        kind, int(time.time()), BOT_USER_ID)
    channel.bookmarks.append(bookmark)
    return {"bookmark": bookmark.to_api()}
