"""Who is who: auth.test, users.info, users.lookupByEmail, usergroups.users.update."""

from __future__ import annotations

import time
from typing import Any

from ..workspace import BOT_ID, BOT_NAME, BOT_USER_ID
from .common import ApiError, Call


def auth_test(call: Call) -> dict[str, Any]:
    ws = call.ws
    out = {"url": f"https://{ws.team_domain}.slack.com/", "team": ws.team_domain,
           "user": BOT_NAME, "team_id": ws.team_id, "user_id": BOT_USER_ID,
           "is_enterprise_install": False}
    if call.token_kind == "bot":
        out["bot_id"] = BOT_ID
    else:
        out["app_id"] = call.emu.settings.app_id
    return out


def users_info(call: Call) -> dict[str, Any]:
    user = call.ws.users.get(call.text("user") or "")
    if user is None:
        raise ApiError("user_not_found")
    return {"user": user.to_api(call.ws.team_id)}


def lookup_by_email(call: Call) -> dict[str, Any]:
    user = call.ws.user_by_email(call.text("email") or "")
    if user is None or user.deleted:
        raise ApiError("users_not_found")
    return {"user": user.to_api(call.ws.team_id)}


def usergroups_users_update(call: Call) -> dict[str, Any]:
    group = call.ws.usergroups.get(call.text("usergroup") or "")
    if group is None:
        raise ApiError("no_such_subteam")
    users = call.id_list("users")
    if not users:
        raise ApiError("no_users_provided")
    unknown = [u for u in users if u not in call.ws.users or call.ws.users[u].deleted]
    if unknown:
        raise ApiError("invalid_users")
    group.users = users
    group.updated = int(time.time())
    group.updated_by = BOT_USER_ID
    return {"usergroup": group.to_api(call.ws.team_id, include_count=call.flag("include_count"))}
