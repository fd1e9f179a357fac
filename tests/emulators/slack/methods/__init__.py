"""The Web API method table: one row per method with its handler, rate tier, required
arguments (and the error Slack gives when one is missing) and transport rules.
Tiers, errors and JSON support follow protocols.md §3.2 and slack-api-ref's method metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import apps, chat, conversations, files, items, users, views
from .common import ApiError, Call, invalid_arguments

__all__ = ["METHODS", "Method", "ApiError", "Call", "check_required", "invalid_arguments"]


@dataclass(frozen=True)
class Method:
    name: str
    handler: Callable[[Call], dict[str, Any]]
    tier: str  # "1".."4" or "special"
    # (argument, error when it is missing); "invalid_arguments" adds the standard message.
    required: tuple[tuple[str, str], ...] = ()
    token_kinds: tuple[str, ...] = ("bot",)  # token types accepted: "bot", "app"
    json_body: bool = True  # False: JSON bodies are ignored, as Slack does for GET-style methods
    post_only: bool = False  # non-POST calls get insecure_request
    header_token_only: bool = False  # a token in the form/query does not count


_CHANNEL = ("channel", "channel_not_found")

METHODS: dict[str, Method] = {m.name: m for m in [
    Method("auth.test", users.auth_test, "special", token_kinds=("bot", "app")),
    Method("apps.connections.open", apps.connections_open, "3", token_kinds=("app",),
           post_only=True, header_token_only=True),
    Method("conversations.create", conversations.create, "2",
           required=(("name", "invalid_name_required"),)),
    Method("conversations.invite", conversations.invite, "3",
           required=(_CHANNEL, ("users", "no_user"))),
    Method("conversations.setTopic", conversations.set_topic, "2",
           required=(_CHANNEL, ("topic", "invalid_arguments"))),
    Method("conversations.setPurpose", conversations.set_purpose, "2",
           required=(_CHANNEL, ("purpose", "invalid_arguments"))),
    Method("conversations.archive", conversations.archive, "2", required=(_CHANNEL,)),
    Method("conversations.unarchive", conversations.unarchive, "2", required=(_CHANNEL,)),
    Method("conversations.join", conversations.join, "3", required=(_CHANNEL,)),
    Method("conversations.info", conversations.info, "3", required=(_CHANNEL,), json_body=False),
    Method("conversations.rename", conversations.rename, "2",
           required=(_CHANNEL, ("name", "invalid_name_required"))),
    Method("conversations.history", conversations.history, "3", required=(_CHANNEL,),
           json_body=False),
    Method("conversations.replies", conversations.replies, "3",
           required=(_CHANNEL, ("ts", "thread_not_found")), json_body=False),
    Method("conversations.list", conversations.list_conversations, "2", json_body=False),
    Method("conversations.open", conversations.open_conversation, "3"),
    Method("chat.postMessage", chat.post_message, "special", required=(_CHANNEL,)),
    Method("chat.update", chat.update, "3",
           required=(_CHANNEL, ("ts", "message_not_found"))),
    Method("chat.postEphemeral", chat.post_ephemeral, "4",
           required=(_CHANNEL, ("user", "user_not_found"))),
    Method("chat.getPermalink", chat.get_permalink, "special",
           required=(_CHANNEL, ("message_ts", "message_not_found")), json_body=False),
    Method("files.getUploadURLExternal", files.get_upload_url_external, "4",
           required=(("filename", "invalid_arguments"), ("length", "invalid_arguments"))),
    Method("files.completeUploadExternal", files.complete_upload_external, "4",
           required=(("files", "invalid_arguments"),)),
    Method("files.list", files.list_files, "3", json_body=False),
    Method("pins.add", items.pins_add, "2", required=(_CHANNEL,)),
    Method("reactions.add", items.reactions_add, "3",
           required=(_CHANNEL, ("timestamp", "no_item_specified"),
                     ("name", "invalid_arguments"))),
    Method("bookmarks.add", items.bookmarks_add, "2",
           required=(("channel_id", "channel_not_found"), ("type", "invalid_arguments"))),
    Method("views.open", views.views_open, "4"),
    Method("views.update", views.views_update, "4"),
    Method("views.push", views.views_push, "4"),
    Method("users.info", users.users_info, "4", required=(("user", "user_not_found"),),
           json_body=False),
    Method("users.lookupByEmail", users.lookup_by_email, "3",
           required=(("email", "invalid_arguments"),), json_body=False),
    Method("usergroups.users.update", users.usergroups_users_update, "2",
           required=(("usergroup", "invalid_arguments"), ("users", "no_users_provided"))),
]}


def check_required(method: Method, call: Call) -> None:
    """Absent arguments only: an empty value reaches the handler, which knows what it means
    (an empty topic clears it; an empty name is invalid_name_required)."""
    for arg, error in method.required:
        if call.args.get(arg) is None:
            if error == "invalid_arguments":
                raise invalid_arguments(f"[ERROR] missing required field: {arg}")
            raise ApiError(error)
