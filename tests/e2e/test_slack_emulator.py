"""The Slack emulator itself (tests/emulators/slack): Web API shapes and errors, rate limits
and faults, Socket Mode delivery/acks/redelivery/connection faults, response_url, HTTP-mode
signing, the control API, and a run of the official Slack SDKs against it.

One emulator process on 127.0.0.1 (port 0, short deadlines) serves the module; every test
starts from a reset; the process is stopped when the module ends."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import aiohttp
import pytest
from aiohttp import WSMsgType, web

from slack_harness import APP, BOT, ROOT, Emulator, Reply, _http

SDK_CHECK = ROOT / "tests" / "emulators" / "slack" / "sdk_check"
TS = re.compile(r"^\d+\.\d{6}$")


@pytest.fixture(scope="module")
def _emulator_process(tmp_path_factory):
    emulator = Emulator(tmp_path_factory.mktemp("slack-emulator"))
    emulator.baseline = emulator.control("settings")["settings"]
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def emu(_emulator_process):
    """One process per module (start-up costs more than a test); each test starts from the
    start-up settings and a reset workspace, which also closes every socket."""
    assert _emulator_process.proc.poll() is None, "the emulator died in an earlier test"
    _emulator_process.control("settings", _emulator_process.baseline)
    _emulator_process.control("reset", {})
    return _emulator_process


def emulator_module(name: str) -> Any:
    """The emulator's own module, for tests of its pure parts (signing, token buckets)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"tests.emulators.slack.{name}")


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 30))


async def open_socket(emu: Emulator, session: aiohttp.ClientSession, **kw: Any):
    """apps.connections.open + WebSocket upgrade; returns (ws, hello)."""
    url = emu.ok("apps.connections.open", token=APP)["url"]
    ws = await session.ws_connect(url, **kw)
    hello = await ws.receive_json(timeout=5)
    return ws, hello


async def next_frame(ws, timeout: float = 5) -> dict[str, Any]:
    msg = await ws.receive(timeout=timeout)
    assert msg.type == WSMsgType.TEXT, msg
    return json.loads(msg.data)


async def nothing_within(ws, seconds: float) -> bool:
    """True when no frame (data, pong, close) arrives within `seconds`."""
    try:
        await ws.receive(timeout=seconds)
    except asyncio.TimeoutError:
        return True
    return False


def new_channel(emu: Emulator, name: str = "inc-1") -> str:
    return emu.ok("conversations.create", {"name": name})["channel"]["id"]


def modal(title: str = "Declare incident") -> dict[str, Any]:
    return {"type": "modal", "callback_id": "declare", "title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": "Declare"},
            "blocks": [{"type": "input", "block_id": "title_b",
                        "label": {"type": "plain_text", "text": "Title"},
                        "element": {"type": "plain_text_input", "action_id": "title_a"}}]}


# --- start-up ----------------------------------------------------------------------------

def test_start_prints_port_and_writes_state_file(emu):
    state = json.loads(emu.state_file.read_text())
    assert state["port"] == emu.port and state["base_url"] == emu.base
    assert emu.ok("auth.test")["team_id"] == "T111"


def test_refuses_a_non_loopback_host(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tests.emulators.slack", "--host", "0.0.0.0"],
                       cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert r.returncode == 2 and "loopback" in r.stderr


# --- transport and auth ------------------------------------------------------------------

def test_auth_errors(emu):
    assert emu.error("auth.test", token=None) == "not_authed"
    assert emu.error("auth.test", token="xoxb-nope") == "invalid_auth"
    assert emu.error("auth.test", token=None, headers={"Authorization": "Basic abc"}) == "invalid_auth"
    assert emu.error("chat.postMessage", {"channel": "C1", "text": "x"}, token=APP) == "not_allowed_token_type"
    assert emu.error("apps.connections.open", token=BOT) == "not_allowed_token_type"


def test_token_in_form_or_query_but_not_json_body(emu):
    assert emu.ok("auth.test", {"token": BOT}, token=None)["user_id"] == "U0BOT0001"
    assert emu.ok("auth.test", {"token": BOT}, token=None, http_method="GET")["ok"]
    assert emu.error("auth.test", {"token": BOT}, token=None, as_json=True) == "not_authed"
    # apps.connections.open takes the app token from the header only
    assert emu.error("apps.connections.open", {"token": APP}, token=None) == "not_authed"


def test_auth_test_shape(emu):
    body = emu.ok("auth.test")
    assert {"url", "team", "user", "team_id", "user_id", "bot_id"} <= set(body)


def test_unknown_method_and_insecure_request(emu):
    reply = emu.api("chat.nope")
    assert reply.status == 200 and reply.json["error"] == "unknown_method"
    assert emu.error("apps.connections.open", token=APP, http_method="GET") == "insecure_request"


def test_form_json_and_query_arguments(emu):
    emu.ok("conversations.create", {"name": "via-form"})
    body = emu.ok("conversations.create", {"name": "via-json"}, as_json=True)
    assert "warning" not in body  # charset given
    emu.ok("conversations.create", {"name": "via-query"}, http_method="GET")
    names = {c["name"] for c in emu.control("workspace")["channels"]}
    assert {"via-form", "via-json", "via-query"} <= names


def test_charset_warnings(emu):
    body = emu.ok("auth.test", body=b"{}", headers={"Content-Type": "application/json"})
    assert body["warning"] == "missing_charset"
    assert body["response_metadata"]["warnings"] == ["missing_charset"]
    body = emu.ok("auth.test", body=b"a=1",
                  headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    assert "superfluous_charset" in body["response_metadata"]["warnings"]


def test_bad_bodies_are_errors_not_crashes(emu):
    json_h = {"Content-Type": "application/json; charset=utf-8"}
    assert emu.error("auth.test", body=b"{not json", headers=json_h) == "invalid_json"
    assert emu.error("auth.test", body=b"[1,2]", headers=json_h) == "invalid_json"
    assert emu.error("auth.test", body=b"\xff\xfe", headers=json_h) == "invalid_json"
    form_h = {"Content-Type": "application/x-www-form-urlencoded"}
    assert emu.error("auth.test", body=b"a=%ff%fe", headers=form_h) == "invalid_form_data"
    assert emu.error("auth.test", body=b"hello", headers={"Content-Type": "text/plain"}) == "invalid_post_type"
    assert emu.ok("auth.test")["ok"]


def test_json_body_ignored_for_get_style_methods(emu):
    emu.seed_users()
    assert emu.error("users.info", {"user": "U111"}, as_json=True) == "user_not_found"
    assert emu.ok("users.info", {"user": "U111"})["user"]["id"] == "U111"
    call = emu.control("calls?method=users.info")["calls"][0]
    assert call["ignored_json_body"] is True


def test_calls_are_recorded_without_the_token(emu):
    emu.ok("conversations.create", {"name": "rec"})
    call = emu.control("calls?method=conversations.create")["calls"][-1]
    assert call["args"] == {"name": "rec"}
    assert call["headers"]["Authorization"] == "Bearer <redacted>"
    assert call["token_kind"] == "bot" and call["status"] == 200 and call["ok"] is True
    assert BOT not in json.dumps(emu.control("calls"))


# --- conversations -----------------------------------------------------------------------

def test_conversations_create_shape_and_name_rules(emu):
    channel = emu.ok("conversations.create", {"name": "inc-42_checkout"})["channel"]
    assert channel["id"].startswith("C") and channel["is_channel"] and channel["is_member"]
    assert channel["name_normalized"] == "inc-42_checkout"
    assert channel["topic"] == {"value": "", "creator": "", "last_set": 0}
    assert emu.ok("conversations.create", {"name": "x" * 80})["channel"]["name"] == "x" * 80
    assert emu.error("conversations.create", {"name": "x" * 81}) == "invalid_name_maxlength"
    assert emu.error("conversations.create", {"name": "Inc-1"}) == "invalid_name_specials"
    assert emu.error("conversations.create", {"name": "inc 1"}) == "invalid_name_specials"
    assert emu.error("conversations.create", {"name": "inc#1"}) == "invalid_name_specials"
    assert emu.error("conversations.create", {"name": "---"}) == "invalid_name_punctuation"
    assert emu.error("conversations.create", {"name": ""}) == "invalid_name_required"
    assert emu.error("conversations.create", {}) == "invalid_name_required"
    assert emu.error("conversations.create", {"name": "inc-42_checkout"}) == "name_taken"
    assert emu.error("conversations.create", {"name": "general"}) == "name_taken"
    private = emu.ok("conversations.create", {"name": "secret", "is_private": True})["channel"]
    assert private["is_private"] and private["id"].startswith("G")


def test_conversations_invite(emu):
    emu.seed_users()
    cid = new_channel(emu)
    body = emu.ok("conversations.invite", {"channel": cid, "users": "U111,U222"})
    assert body["channel"]["id"] == cid
    assert emu.channel(cid)["members"] == ["U0BOT0001", "U111", "U222"]
    assert emu.error("conversations.invite", {"channel": cid, "users": "U111"}) == "already_in_channel"
    reply = emu.api("conversations.invite", {"channel": cid, "users": "U999,U0BOT0001"}).json
    assert reply["error"] == "user_not_found"
    assert reply["errors"] == [{"user": "U999", "ok": False, "error": "user_not_found"},
                               {"user": "U0BOT0001", "ok": False, "error": "cant_invite_self"}]
    assert emu.error("conversations.invite", {"channel": cid, "users": ""}) == "no_user"
    assert emu.error("conversations.invite", {"channel": "C404", "users": "U111"}) == "channel_not_found"


def test_conversations_invite_force_keeps_the_valid_ones(emu):
    emu.seed_users()
    cid = new_channel(emu)
    body = emu.ok("conversations.invite", {"channel": cid, "users": "U111,U999", "force": True})
    assert body["errors"][0]["user"] == "U999"
    assert "U111" in emu.channel(cid)["members"]


def test_not_in_channel_and_is_archived_follow_the_model(emu):
    emu.seed_users()
    cid = new_channel(emu)
    emu.control(f"channels/{cid}", {"remove_members": ["U0BOT0001"]})
    assert emu.error("chat.postMessage", {"channel": cid, "text": "x"}) == "not_in_channel"
    assert emu.error("conversations.invite", {"channel": cid, "users": "U111"}) == "not_in_channel"
    assert emu.error("conversations.setTopic", {"channel": cid, "topic": "t"}) == "not_in_channel"
    emu.control(f"channels/{cid}", {"add_members": ["U0BOT0001"], "archived": True})
    assert emu.error("chat.postMessage", {"channel": cid, "text": "x"}) == "is_archived"
    assert emu.error("conversations.invite", {"channel": cid, "users": "U111"}) == "is_archived"


def test_set_topic_and_purpose(emu):
    cid = new_channel(emu)
    channel = emu.ok("conversations.setTopic", {"channel": cid, "topic": "SEV1: checkout"})["channel"]
    assert channel["topic"]["value"] == "SEV1: checkout" and channel["topic"]["creator"] == "U0BOT0001"
    emu.ok("conversations.setPurpose", {"channel": cid, "purpose": "Incident 42"}, as_json=True)
    model = emu.channel(cid)
    assert model["purpose"]["value"] == "Incident 42"
    assert [m["subtype"] for m in model["messages"]] == ["channel_topic", "channel_purpose"]
    assert emu.error("conversations.setTopic", {"channel": cid, "topic": "x" * 251}) == "too_long"
    reply = emu.api("conversations.setTopic", {"channel": cid}).json
    assert reply["error"] == "invalid_arguments"
    assert reply["response_metadata"]["messages"] == ["[ERROR] missing required field: topic"]
    assert emu.error("conversations.setTopic", {"channel": "C404", "topic": "t"}) == "channel_not_found"


def test_archive_unarchive_join_info_rename(emu):
    cid = new_channel(emu)
    assert emu.ok("conversations.archive", {"channel": cid}) == {"ok": True}
    assert emu.channel(cid)["is_archived"] is True
    assert emu.error("conversations.archive", {"channel": cid}) == "already_archived"
    assert emu.error("conversations.join", {"channel": cid}) == "is_archived"
    assert emu.ok("conversations.unarchive", {"channel": cid}) == {"ok": True}
    assert emu.error("conversations.unarchive", {"channel": cid}) == "not_archived"

    general = next(c for c in emu.control("workspace")["channels"] if c["is_general"])
    assert emu.ok("conversations.join", {"channel": general["id"]})["channel"]["is_member"]
    again = emu.ok("conversations.join", {"channel": general["id"]})
    assert again["warning"] == "already_in_channel"
    assert emu.error("conversations.archive", {"channel": general["id"]}) == "cant_archive_general"

    info = emu.ok("conversations.info", {"channel": cid, "include_num_members": "true"})
    assert info["channel"]["num_members"] == 1
    assert emu.error("conversations.info", {"channel": "C404"}) == "channel_not_found"

    renamed = emu.ok("conversations.rename", {"channel": cid, "name": "inc-1-resolved"})["channel"]
    assert renamed["name"] == "inc-1-resolved" and renamed["previous_names"] == ["inc-1"]
    assert emu.error("conversations.rename", {"channel": cid, "name": "general"}) == "name_taken"
    assert emu.error("conversations.rename", {"channel": cid, "name": "Bad"}) == "invalid_name_specials"


# --- chat --------------------------------------------------------------------------------

def test_post_message_shape_and_monotonic_ts(emu):
    cid = new_channel(emu)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*SEV1*"}}]
    first = emu.ok("chat.postMessage", {"channel": cid, "text": "fallback", "blocks": blocks})
    assert first["channel"] == cid and TS.match(first["ts"])
    message = first["message"]
    assert message["ts"] == first["ts"] and message["bot_id"] and message["blocks"] == blocks
    assert message["type"] == "message" and message["subtype"] == "bot_message"
    stamps = [emu.ok("chat.postMessage", {"channel": cid, "text": str(i)}, as_json=True)["ts"]
              for i in range(5)]
    assert all(float(a) < float(b) for a, b in zip([first["ts"]] + stamps, stamps))
    reply = emu.ok("chat.postMessage", {"channel": cid, "text": "in thread", "thread_ts": first["ts"]})
    assert reply["message"]["thread_ts"] == first["ts"]
    assert len(emu.channel(cid)["messages"]) == 7


def test_post_message_errors(emu):
    cid = new_channel(emu)
    assert emu.error("chat.postMessage", {"channel": cid}) == "no_text"
    assert emu.error("chat.postMessage", {"text": "x"}) == "channel_not_found"
    assert emu.error("chat.postMessage", {"channel": "C404", "text": "x"}) == "channel_not_found"
    assert emu.error("chat.postMessage", {"channel": cid, "blocks": "{oops"}) == "invalid_blocks_format"
    assert emu.error("chat.postMessage", {"channel": cid, "blocks": [{"text": "no type"}]}) == "invalid_blocks"
    big = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 2900}}] * 5
    assert emu.error("chat.postMessage", {"channel": cid, "blocks": big}) == "msg_blocks_too_long"
    many = [{"type": "divider"}] * 51
    assert emu.error("chat.postMessage", {"channel": cid, "blocks": many}) == "invalid_blocks"


def test_chat_update(emu):
    cid = new_channel(emu)
    ts = emu.ok("chat.postMessage", {"channel": cid, "text": "v1"})["ts"]
    body = emu.ok("chat.update", {"channel": cid, "ts": ts, "text": "v2"})
    assert body["ts"] == ts and body["text"] == "v2" and body["message"]["edited"]["user"] == "U0BOT0001"
    assert emu.channel(cid)["messages"][-1]["text"] == "v2"
    assert emu.error("chat.update", {"channel": cid, "ts": "1.000001", "text": "x"}) == "message_not_found"
    assert emu.error("chat.update", {"channel": cid, "ts": ts}) == "no_text"
    human = emu.control("messages", {"channel": cid, "user": "U111", "text": "hi"})["ts"]
    assert emu.error("chat.update", {"channel": cid, "ts": human, "text": "x"}) == "cant_update_message"


def test_post_ephemeral_and_permalink(emu):
    emu.seed_users()
    cid = new_channel(emu)
    emu.ok("conversations.invite", {"channel": cid, "users": "U111"})
    body = emu.ok("chat.postEphemeral", {"channel": cid, "user": "U111", "text": "only you"})
    assert TS.match(body["message_ts"])
    ephemeral = emu.control("workspace")["ephemeral"]
    assert ephemeral[-1]["user"] == "U111" and ephemeral[-1]["text"] == "only you"
    assert emu.channel(cid)["messages"] == []  # not persisted
    assert emu.error("chat.postEphemeral", {"channel": cid, "user": "U222", "text": "x"}) == "user_not_in_channel"
    assert emu.error("chat.postEphemeral", {"channel": cid, "user": "U111"}) == "no_text"

    ts = emu.ok("chat.postMessage", {"channel": cid, "text": "x"})["ts"]
    link = emu.ok("chat.getPermalink", {"channel": cid, "message_ts": ts}, http_method="GET")
    assert link["permalink"].endswith(f"/archives/{cid}/p{ts.replace('.', '')}")
    assert emu.error("chat.getPermalink", {"channel": cid, "message_ts": "1.000000"}) == "message_not_found"


def test_conversations_history_newest_first_within_the_window(emu):
    emu.seed_users()
    cid = new_channel(emu)
    emu.ok("conversations.invite", {"channel": cid, "users": "U111"})
    say = lambda text, **kw: emu.control("messages", {"channel": cid, "user": "U111",  # noqa: E731
                                                      "text": text, **kw})["ts"]
    first, second, third = say("one"), say("two"), say("three")
    reply = say("in the thread", thread_ts=first)

    page = emu.ok("conversations.history", {"channel": cid})
    assert [m["text"] for m in page["messages"]] == ["three", "two", "one"]  # no thread replies
    assert page["has_more"] is False and page["response_metadata"] == {"next_cursor": ""}
    # Exactly one message: latest=ts, inclusive, limit 1 (how a bot reads a reacted message).
    one = emu.ok("conversations.history", {"channel": cid, "latest": second, "inclusive": "true",
                                           "limit": 1}, http_method="GET")
    assert [m["ts"] for m in one["messages"]] == [second] and one["has_more"] is True
    assert one["messages"][0]["user"] == "U111"
    before = emu.ok("conversations.history", {"channel": cid, "latest": second, "limit": 1})
    assert [m["ts"] for m in before["messages"]] == [first]  # latest is exclusive by default
    window = emu.ok("conversations.history", {"channel": cid, "oldest": first, "latest": third})
    assert [m["text"] for m in window["messages"]] == ["two"]
    # A reply is not in the history: the newest message up to its ts is an older one.
    up_to_reply = emu.ok("conversations.history", {"channel": cid, "latest": reply,
                                                   "inclusive": True, "limit": 1})
    assert [m["ts"] for m in up_to_reply["messages"]] == [third]
    broadcast = emu.ok("chat.postMessage", {"channel": cid, "text": "also here", "thread_ts": first,
                                            "reply_broadcast": True})["ts"]
    assert emu.ok("conversations.history", {"channel": cid, "limit": 1})["messages"][0]["ts"] == broadcast

    assert emu.error("conversations.history", {"channel": "C404"}) == "channel_not_found"
    assert emu.error("conversations.history", {"channel": cid, "latest": "soon"}) == "invalid_arguments"
    assert emu.error("conversations.history", {}) == "channel_not_found"
    assert emu.ok("conversations.history", {"channel": cid}, as_json=False)["pin_count"] == 0
    general = next(c for c in emu.control("workspace")["channels"] if c["name"] == "general")
    assert emu.error("conversations.history", {"channel": general["id"]}) == "not_in_channel"
    assert emu.error("conversations.history", {"channel": cid}, as_json=True) == "channel_not_found"


def test_conversations_replies_gives_the_thread_first_message_first(emu):
    emu.seed_users()
    cid = new_channel(emu)
    parent = emu.control("messages", {"channel": cid, "user": "U111", "text": "parent"})["ts"]
    replies = [emu.control("messages", {"channel": cid, "user": "U222", "text": f"reply {n}",
                                        "thread_ts": parent})["ts"] for n in (1, 2)]
    whole = emu.ok("conversations.replies", {"channel": cid, "ts": parent})
    assert [m["text"] for m in whole["messages"]] == ["parent", "reply 1", "reply 2"]
    assert whole["messages"][1]["thread_ts"] == parent
    # Given a reply's ts, the same thread; oldest = latest = ts, inclusive, leaves that reply.
    one = emu.ok("conversations.replies", {"channel": cid, "ts": replies[1], "oldest": replies[1],
                                           "latest": replies[1], "inclusive": "true"})
    assert [m["text"] for m in one["messages"]] == ["parent", "reply 2"]
    lonely = emu.ok("chat.postMessage", {"channel": cid, "text": "no thread"})["ts"]
    assert [m["ts"] for m in emu.ok("conversations.replies",
                                    {"channel": cid, "ts": lonely})["messages"]] == [lonely]
    assert emu.error("conversations.replies", {"channel": cid, "ts": "1.000001"}) == "thread_not_found"
    assert emu.error("conversations.replies", {"channel": cid}) == "thread_not_found"


def test_conversations_list_pages_with_a_cursor(emu):
    emu.seed_users()
    general = emu.ok("conversations.list")["channels"]
    assert [c["name"] for c in general] == ["general"] and general[0]["is_member"] is False
    ids = [new_channel(emu, f"inc-{n}") for n in range(5)]
    secret = emu.ok("conversations.create", {"name": "inc-secret", "is_private": True})["channel"]
    emu.control("channels", {"name": "not-ours", "is_private": True, "bot_member": False})
    emu.ok("conversations.archive", {"channel": ids[0]})

    first = emu.ok("conversations.list", {"limit": 2}, http_method="GET")
    assert [c["name"] for c in first["channels"]] == ["general", "inc-0"]
    created = first["channels"][1]
    assert created["creator"] == "U0BOT0001" and created["is_member"] is True
    assert created["is_archived"] is True and created["is_private"] is False
    names, cursor = [], ""
    while True:  # follow next_cursor to the end, as a client does
        page = emu.ok("conversations.list", {"limit": 2, "cursor": cursor} if cursor else
                      {"limit": 2})
        names += [c["name"] for c in page["channels"]]
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert names == ["general", "inc-0", "inc-1", "inc-2", "inc-3", "inc-4"]

    # Private channels only where the bot is a member; archived ones can be left out.
    both = emu.ok("conversations.list", {"types": "public_channel,private_channel",
                                         "exclude_archived": "true", "limit": 1000})
    listed = {c["name"]: c for c in both["channels"]}
    assert set(listed) == {"general", "inc-1", "inc-2", "inc-3", "inc-4", "inc-secret"}
    assert listed["inc-secret"]["id"] == secret["id"] and listed["inc-secret"]["is_private"]
    assert both["response_metadata"]["next_cursor"] == ""

    emu.ok("chat.postMessage", {"channel": "U111", "text": "hi"})
    ims = emu.ok("conversations.list", {"types": "im"})["channels"]
    assert [(c["is_im"], c["user"]) for c in ims] == [(True, "U111")]
    assert emu.ok("conversations.list", {"types": "mpim"})["channels"] == []

    assert emu.error("conversations.list", {"cursor": "bm9wZQ=="}) == "invalid_cursor"
    assert emu.error("conversations.list", {"cursor": "%%%"}) == "invalid_cursor"
    assert emu.error("conversations.list", {"limit": "many"}) == "invalid_limit"
    assert emu.error("conversations.list", {"types": "public_channel,dm"}) == "invalid_types"
    # A GET-style method: a JSON body is ignored (so its limit is too).
    reply = emu.api("conversations.list", {"limit": 1}, as_json=True)
    assert len(reply.json["channels"]) == 6
    assert emu.control("calls?method=conversations.list")["calls"][-1]["ignored_json_body"]


def test_conversations_open_finds_the_dm_chat_post_message_uses(emu):
    emu.seed_users()
    opened = emu.ok("conversations.open", {"users": "U111"})
    assert opened["channel"]["id"].startswith("D") and "already_open" not in opened
    posted = emu.ok("chat.postMessage", {"channel": "U111", "text": "you are paged"})
    assert posted["channel"] == opened["channel"]["id"]
    again = emu.ok("conversations.open", {"users": "U111", "return_im": True}, as_json=True)
    assert again["already_open"] is True and again["no_op"] is True
    assert again["channel"]["id"] == opened["channel"]["id"]
    assert again["channel"]["is_im"] is True and again["channel"]["user"] == "U111"
    history = emu.ok("conversations.history", {"channel": opened["channel"]["id"]})
    assert [m["text"] for m in history["messages"]] == ["you are paged"]
    # A DM the bot posted into first counts as already open.
    emu.ok("chat.postMessage", {"channel": "U222", "text": "hello"})
    assert emu.ok("conversations.open", {"users": "U222"})["already_open"] is True
    resumed = emu.ok("conversations.open", {"channel": opened["channel"]["id"]})
    assert resumed["channel"]["id"] == opened["channel"]["id"]

    assert emu.error("conversations.open", {}) == "users_list_not_supplied"
    assert emu.error("conversations.open", {"users": "U404"}) == "user_not_found"
    assert emu.error("conversations.open", {"channel": new_channel(emu)}) == \
        "method_not_supported_for_channel_type"
    assert emu.error("conversations.open", {"channel": "D404"}) == "channel_not_found"


def test_message_metadata_is_validated_and_shown_in_full_only_when_asked(emu):
    cid = new_channel(emu)
    metadata = {"event_type": "siren_effect", "event_payload": {"effect": "env-1/0"}}
    posted = emu.ok("chat.postMessage", {"channel": cid, "text": "x", "metadata": metadata})
    emu.ok("chat.postMessage", {"channel": cid, "text": "json", "metadata": metadata}, as_json=True)
    thread = emu.ok("chat.postMessage", {"channel": cid, "text": "reply", "thread_ts": posted["ts"],
                                         "metadata": metadata})["ts"]
    brief = emu.ok("conversations.history", {"channel": cid})["messages"]
    assert [m["metadata"] for m in brief] == [{"event_type": "siren_effect"}] * 2
    full = emu.ok("conversations.history", {"channel": cid, "include_all_metadata": "true"},
                  http_method="GET")["messages"]
    assert [m["metadata"] for m in full] == [metadata] * 2
    replies = emu.ok("conversations.replies", {"channel": cid, "ts": posted["ts"]})["messages"]
    assert replies[1]["ts"] == thread and "event_payload" not in replies[1]["metadata"]
    replies = emu.ok("conversations.replies", {"channel": cid, "ts": posted["ts"],
                                               "include_all_metadata": True})["messages"]
    assert replies[1]["metadata"] == metadata
    # The model (what tests assert on) keeps it all; chat.update replaces it only when given.
    assert emu.channel(cid)["messages"][0]["metadata"] == metadata
    emu.ok("chat.update", {"channel": cid, "ts": posted["ts"], "text": "edited"})
    assert emu.channel(cid)["messages"][0]["metadata"] == metadata

    for bad in ("{oops", "[]", {"event_payload": {}}, {"event_type": 7, "event_payload": {}},
                {"event_type": "siren_effect"}, {"event_type": "x", "event_payload": "y"}):
        assert emu.error("chat.postMessage", {"channel": cid, "text": "x", "metadata": bad}) == \
            "invalid_metadata_format", bad
    assert emu.error("chat.update", {"channel": cid, "ts": posted["ts"], "text": "x",
                                     "metadata": "[]"}) == "invalid_metadata_format"
    assert len(emu.channel(cid)["messages"]) == 3


def test_a_person_reacts_and_a_reaction_added_event_goes_out(emu):
    emu.seed_users()
    cid = new_channel(emu)
    ts = emu.control("messages", {"channel": cid, "user": "U111", "text": "root cause"})["ts"]
    sent = emu.control("reactions", {"channel": cid, "ts": ts, "user": "U222", "name": ":pushpin:"})
    assert sent["event_id"].startswith("Ev") and sent["status"] == "pending"  # no socket yet
    event = sent["payload"]["event"]
    assert sent["payload"]["type"] == "event_callback"
    assert event["type"] == "reaction_added" and event["user"] == "U222"
    assert event["reaction"] == "pushpin" and event["item_user"] == "U111"
    assert event["item"] == {"type": "message", "channel": cid, "ts": ts}
    assert TS.match(event["event_ts"])
    envelope = emu.control(f"envelopes?envelope_id={sent['envelope_id']}")["envelopes"][0]
    assert envelope["type"] == "events_api" and envelope["accepts_response_payload"] is False
    reactions = emu.channel(cid)["messages"][0]["reactions"]
    assert reactions == [{"name": "pushpin", "users": ["U222"], "count": 1}]

    # Another person's reaction is another event; the same person's again is none (as in Slack).
    again = emu.control("reactions", {"channel": cid, "ts": ts, "user": "U111", "name": "pushpin",
                                      "event_id": "EvMINE"})
    assert again["event_id"] == "EvMINE"
    assert emu.channel(cid)["messages"][0]["reactions"][0]["count"] == 2
    assert emu.control("reactions", {"channel": cid, "ts": ts, "user": "U111", "name": "pushpin"},
                       expect=409)["error"] == "already_reacted"
    assert emu.control("reactions", {"channel": cid, "ts": "1.000001", "user": "U111",
                                     "name": "eyes"}, expect=404)["error"] == "message_not_found"
    assert emu.control("reactions", {"channel": cid, "ts": ts, "user": "U111", "name": "Bad Name"},
                       expect=400)["error"] == "invalid_name"
    assert emu.control("reactions", {"channel": "C404", "ts": ts, "user": "U111",
                                     "name": "eyes"}, expect=404)["error"] == "channel_not_found"


def test_a_message_shortcut_carries_the_message(emu):
    emu.seed_users()
    cid = new_channel(emu)
    ts = emu.control("messages", {"channel": cid, "user": "U111", "text": "root cause"})["ts"]
    sent = emu.control("interactive", {"kind": "message_action", "user": "U222", "channel": cid,
                                       "message_ts": ts, "callback_id": "add_to_timeline"})
    p = sent["payload"]
    assert p["type"] == "message_action" and p["callback_id"] == "add_to_timeline"
    assert p["channel"]["id"] == cid and p["user"]["id"] == "U222" and p["message_ts"] == ts
    assert p["message"]["text"] == "root cause" and p["message"]["user"] == "U111"
    assert p["trigger_id"] and "/actions/T111/" in p["response_url"]
    envelope = emu.control(f"envelopes?envelope_id={sent['envelope_id']}")["envelopes"][0]
    assert envelope["accepts_response_payload"] is False


# --- pins, reactions, bookmarks ----------------------------------------------------------

def test_pins_and_reactions(emu):
    cid = new_channel(emu)
    ts = emu.ok("chat.postMessage", {"channel": cid, "text": "state"})["ts"]
    assert emu.ok("pins.add", {"channel": cid, "timestamp": ts}) == {"ok": True}
    assert emu.channel(cid)["pins"] == [ts]
    assert emu.error("pins.add", {"channel": cid, "timestamp": ts}) == "already_pinned"
    assert emu.error("pins.add", {"channel": cid, "timestamp": "1.000001"}) == "message_not_found"
    assert emu.error("pins.add", {"channel": cid, "timestamp": "yesterday"}) == "bad_timestamp"
    assert emu.error("pins.add", {"channel": cid}) == "no_item_specified"

    assert emu.ok("reactions.add", {"channel": cid, "timestamp": ts, "name": "eyes"}) == {"ok": True}
    assert emu.error("reactions.add", {"channel": cid, "timestamp": ts, "name": "eyes"}) == "already_reacted"
    assert emu.error("reactions.add", {"channel": cid, "timestamp": ts, "name": "no way"}) == "invalid_name"
    assert emu.channel(cid)["messages"][0]["reactions"][0]["name"] == "eyes"


def test_bookmarks_add(emu):
    cid = new_channel(emu)
    bookmark = emu.ok("bookmarks.add", {"channel_id": cid, "title": "Runbook", "type": "link",
                                        "link": "https://runbooks.example.com/checkout"})["bookmark"]
    assert bookmark["id"].startswith("Bk") and bookmark["channel_id"] == cid and bookmark["type"] == "link"
    assert emu.channel(cid)["bookmarks"][0]["title"] == "Runbook"
    base = {"channel_id": cid, "title": "x", "type": "link"}
    assert emu.error("bookmarks.add", base | {"link": "not a url"}) == "invalid_link"
    assert emu.error("bookmarks.add", base | {"type": "file", "link": "https://x"}) == "invalid_bookmark_type"
    assert emu.error("bookmarks.add", base | {"channel_id": "C404", "link": "https://x"}) == "channel_not_found"


# --- files: the external upload flow and files.list --------------------------------------

def _upload_url(emu: Emulator, filename: str = "review-1.md", length: int = 5) -> tuple[str, str]:
    answer = emu.ok("files.getUploadURLExternal", {"filename": filename, "length": length})
    assert answer["file_id"].startswith("F")
    assert answer["upload_url"].startswith(f"{emu.base}/upload/v1/")
    return answer["upload_url"], answer["file_id"]


def test_file_upload_flow_shares_the_file_in_the_channel(emu):
    cid = new_channel(emu)
    url, file_id = _upload_url(emu, length=len("# hé".encode()))
    # Raw bytes, no token: the URL is pre-signed.
    sent = _http(url, "# hé".encode(), {"Content-Type": "application/octet-stream"})
    assert (sent.status, sent.text) == (200, "OK - 5")
    done = emu.ok("files.completeUploadExternal", {
        "files": [{"id": file_id, "title": "Review #1"}], "channel_id": cid,
        "initial_comment": "The review draft"}, as_json=True)
    assert done["files"] == [{"id": file_id, "title": "Review #1"}]

    message = emu.channel(cid)["messages"][-1]
    assert message["text"] == "The review draft" and message["upload"] is True
    assert message["user"] == "U0BOT0001" and message["files"][0]["id"] == file_id
    shared = message["files"][0]
    assert shared["name"] == "review-1.md" and shared["filetype"] == "markdown"
    assert shared["channels"] == [cid] and shared["size"] == 5
    stored = next(f for f in emu.control("workspace")["files"] if f["id"] == file_id)
    assert stored["content"] == "# hé" and stored["state"] == "complete"
    upload = emu.control("calls?method=upload")["calls"]
    assert [(c["file_id"], c["status"], c["body_format"], c["has_authorization"]) for c in upload] \
        == [(file_id, 200, "raw", False)]


def test_file_upload_errors(emu):
    cid = new_channel(emu)
    assert emu.error("files.getUploadURLExternal", {"length": 3}) == "invalid_arguments"
    assert emu.error("files.getUploadURLExternal", {"filename": "a.md"}) == "invalid_arguments"
    assert emu.error("files.getUploadURLExternal", {"filename": "a.md", "length": "x"}) \
        == "invalid_arguments"
    assert emu.error("files.getUploadURLExternal", {"filename": "a.md", "length": 0}) \
        == "missing_argument"
    assert emu.error("files.getUploadURLExternal",
                     {"filename": "a.png", "length": 3, "alt_txt": "x" * 1001}) == "alt_txt_too_large"

    url, file_id = _upload_url(emu, length=3)
    # Not uploaded yet: nothing to complete.
    assert emu.error("files.completeUploadExternal",
                     {"files": [{"id": file_id}], "channel_id": cid}) == "file_not_found"
    assert _http(url, b"four", {"Content-Type": "application/octet-stream"}).status == 400
    assert _http(url + "x", b"abc", {"Content-Type": "application/octet-stream"}).status == 404
    assert _http(url, b"abc", {"Content-Type": "application/octet-stream"}).text == "OK - 3"
    assert _http(url, b"abc", {"Content-Type": "application/octet-stream"}).status == 404  # used
    assert emu.error("files.completeUploadExternal",
                     {"files": [{"id": "F404"}], "channel_id": cid}) == "file_not_found"
    assert emu.error("files.completeUploadExternal", {"files": "[]"}) == "invalid_arguments"
    assert emu.error("files.completeUploadExternal",
                     {"files": [{"id": file_id}], "channel_id": "C404"}) == "channel_not_found"
    emu.control(f"channels/{cid}", {"remove_members": ["U0BOT0001"]})
    assert emu.error("files.completeUploadExternal",
                     {"files": [{"id": file_id}], "channel_id": cid}) == "not_in_channel"
    emu.control(f"channels/{cid}", {"add_members": ["U0BOT0001"]})
    emu.ok("files.completeUploadExternal", {"files": [{"id": file_id}], "channel_id": cid})
    assert emu.error("files.completeUploadExternal",
                     {"files": [{"id": file_id}], "channel_id": cid}) == "file_already_completed"
    # A fault on the upload endpoint: method "upload".
    url, _ = _upload_url(emu, length=3)
    emu.control("faults", {"method": "upload", "action": "http_error", "status": 503, "times": 1})
    assert _http(url, b"abc", {"Content-Type": "application/octet-stream"}).status == 503
    assert _http(url, b"abc", {"Content-Type": "application/octet-stream"}).status == 200


def test_files_list_by_channel_time_and_page(emu):
    first, second = new_channel(emu, "inc-1"), new_channel(emu, "inc-2")
    ids = []
    for n, channel in enumerate([first, first, second]):
        url, file_id = _upload_url(emu, f"f{n}.md", 2)
        assert _http(url, b"hi", {"Content-Type": "text/plain"}).status == 200
        emu.ok("files.completeUploadExternal", {"files": [{"id": file_id}], "channel_id": channel})
        ids.append(file_id)
    url, pending = _upload_url(emu, "never.md", 2)  # never completed: not listed

    listed = emu.ok("files.list", {"channel": first}, http_method="GET")
    assert [f["id"] for f in listed["files"]] == [ids[1], ids[0]]  # newest first
    assert listed["paging"] == {"count": 100, "total": 2, "page": 1, "pages": 1}
    assert listed["files"][0]["title"] == "f1.md"  # no title given: the name
    everything = emu.ok("files.list", {})["files"]
    assert {f["id"] for f in everything} == set(ids) and pending not in {f["id"] for f in everything}
    paged = emu.ok("files.list", {"count": 2, "page": 2})
    assert [f["id"] for f in paged["files"]] == [ids[0]] and paged["paging"]["pages"] == 2
    future = int(time.time()) + 3600
    assert emu.ok("files.list", {"channel": first, "ts_from": future})["files"] == []
    assert len(emu.ok("files.list", {"channel": first, "ts_to": future})["files"]) == 2
    assert emu.ok("files.list", {"types": "images"})["files"] == []
    assert emu.error("files.list", {"types": "movies"}) == "unknown_type"
    assert emu.error("files.list", {"user": "U404"}) == "user_not_found"


def test_file_upload_accepts_a_multipart_body(emu):
    cid = new_channel(emu)
    url, file_id = _upload_url(emu, "r.md", 3)
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"body\"; filename=\"r.md\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\nabc\r\n--{boundary}--\r\n").encode()
    sent = _http(url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert (sent.status, sent.text) == (200, "OK - 3")
    emu.ok("files.completeUploadExternal", {"files": [{"id": file_id}], "channel_id": cid})
    assert next(f for f in emu.control("workspace")["files"] if f["id"] == file_id)["content"] == "abc"


# --- users and user groups ---------------------------------------------------------------

def test_users_info_and_lookup_by_email(emu):
    emu.seed_users()
    user = emu.ok("users.info", {"user": "U111"}, http_method="GET")["user"]
    assert user["name"] == "alice" and user["real_name"] == "Alice Doe" and user["tz"] == "Europe/Berlin"
    assert user["profile"]["email"] == "alice@example.com" and user["is_bot"] is False
    assert isinstance(user["tz_offset"], int)
    assert emu.error("users.info", {"user": "U404"}) == "user_not_found"
    found = emu.ok("users.lookupByEmail", {"email": "BOB@example.com"})["user"]
    assert found["id"] == "U222"
    assert emu.error("users.lookupByEmail", {"email": "nobody@example.com"}) == "users_not_found"


def test_usergroups_users_update(emu):
    emu.seed_users()
    group = emu.control("usergroups", {"handle": "incident-42", "users": ["U111"]})["usergroup"]
    assert emu.error("usergroups.users.update", {"usergroup": "S404", "users": "U111"}) == "no_such_subteam"
    body = emu.ok("usergroups.users.update", {"usergroup": group["id"], "users": "U111,U222",
                                              "include_count": True})
    assert body["usergroup"]["users"] == ["U111", "U222"] and body["usergroup"]["user_count"] == 2
    assert emu.error("usergroups.users.update", {"usergroup": group["id"], "users": "U404"}) == "invalid_users"
    assert emu.error("usergroups.users.update", {"usergroup": group["id"], "users": ""}) == "no_users_provided"


# --- views and trigger_ids ---------------------------------------------------------------

def test_views_open_update_push_with_triggers(emu):
    emu.seed_users()
    trigger = emu.control("slash_command", {"command": "/incident", "text": "declare",
                                            "user": "U111", "channel": "C0TEST"})["trigger_id"]
    view = emu.ok("views.open", {"trigger_id": trigger, "view": modal()})["view"]
    assert view["id"].startswith("V") and view["type"] == "modal" and view["hash"]
    assert view["root_view_id"] == view["id"] and view["state"] == {"values": {}}
    assert emu.error("views.open", {"trigger_id": trigger, "view": modal()}) == "exchanged_trigger_id"
    assert emu.error("views.open", {"trigger_id": "1.2.nope", "view": modal()}) == "invalid_trigger_id"

    updated = emu.ok("views.update", {"view_id": view["id"], "hash": view["hash"],
                                      "view": modal("Updated")}, as_json=True)["view"]
    assert updated["title"]["text"] == "Updated" and updated["hash"] != view["hash"]
    assert emu.error("views.update", {"view_id": view["id"], "hash": view["hash"],
                                      "view": modal()}) == "hash_conflict"
    assert emu.error("views.update", {"view_id": "V404", "view": modal()}) == "not_found"

    for _ in range(2):
        t = emu.control("interactive", {"kind": "block_actions", "view_id": view["id"],
                                        "action_id": "more"})["trigger_id"]
        emu.ok("views.push", {"trigger_id": t, "view": modal("Pushed")})
    t = emu.control("interactive", {"kind": "block_actions", "view_id": view["id"]})["trigger_id"]
    assert emu.error("views.push", {"trigger_id": t, "view": modal()}) == "push_limit_reached"


def test_views_open_trigger_expires_and_view_is_validated(emu):
    emu.settings(trigger_ttl_s=0.2)
    trigger = emu.control("slash_command", {"command": "/incident", "user": "U111",
                                            "channel": "C1"})["trigger_id"]
    bad = emu.api("views.open", {"trigger_id": trigger, "view": {"type": "modal"}}).json
    assert bad["error"] == "invalid_arguments" and bad["response_metadata"]["messages"]
    no_submit = modal()
    del no_submit["submit"]
    assert emu.error("views.open", {"trigger_id": trigger, "view": no_submit}) == "invalid_arguments"
    assert emu.error("views.open", {"view": modal()}) == "invalid_arguments"
    time.sleep(0.3)
    assert emu.error("views.open", {"trigger_id": trigger, "view": modal()}) == "expired_trigger_id"


# --- rate limits -------------------------------------------------------------------------

def test_tier_rate_limit_gives_429_with_retry_after(emu):
    emu.settings(rate_limits_enabled=True, tier_per_minute={"1": 1, "2": 2, "3": 50, "4": 100})
    emu.ok("conversations.create", {"name": "a"})
    emu.ok("conversations.create", {"name": "b"})
    reply = emu.api("conversations.create", {"name": "c"})
    assert reply.status == 429 and reply.json == {"ok": False, "error": "ratelimited"}
    assert int(reply.headers["Retry-After"]) >= 1
    emu.settings(rate_limits_enabled=False)
    emu.ok("conversations.create", {"name": "c"})


def test_post_message_per_channel_limit_with_burst(emu):
    cid = new_channel(emu, "a")
    other = new_channel(emu, "b")
    # One message per 2 s rather than per 1 s, so a slow machine cannot refill the bucket
    # between the calls below.
    emu.settings(rate_limits_enabled=True, post_message_burst=2, post_message_per_channel_per_s=0.5)
    emu.ok("chat.postMessage", {"channel": cid, "text": "1"})
    emu.ok("chat.postMessage", {"channel": cid, "text": "2"})
    reply = emu.api("chat.postMessage", {"channel": cid, "text": "3"})
    assert reply.status == 429 and reply.headers["Retry-After"] == "2"
    assert reply.json == {"ok": False, "error": "ratelimited"}
    emu.ok("chat.postMessage", {"channel": other, "text": "other channel is fine"})


def test_token_bucket_refills_at_its_rate():
    Bucket = emulator_module("rate_limits").Bucket
    bucket = Bucket(capacity=2, per_second=1.0, tokens=2, updated=100.0)
    assert bucket.take(100.0) == 0 and bucket.take(100.0) == 0
    assert bucket.take(100.0) == pytest.approx(1.0)
    assert bucket.take(100.5) == pytest.approx(0.5)
    assert bucket.take(101.0) == 0


# --- faults ------------------------------------------------------------------------------

def test_fault_429_on_nth_call_and_always(emu):
    emu.control("faults", {"method": "auth.test", "action": "ratelimit", "nth": 2, "retry_after": 7})
    assert emu.api("auth.test").status == 200
    reply = emu.api("auth.test")
    assert reply.status == 429 and reply.headers["Retry-After"] == "7"
    assert reply.json["error"] == "ratelimited"
    assert emu.api("auth.test").status == 200  # nth alone fires once
    rule = emu.control("faults", {"method": "auth.test", "action": "ratelimit", "retry_after": 2})
    assert [emu.api("auth.test").status for _ in range(3)] == [429] * 3
    emu.control(f"faults/{rule['rules'][0]['id']}", method="DELETE")
    assert emu.api("auth.test").status == 200


def test_fault_ok_false_and_http_errors(emu):
    emu.control("faults", {"rules": [
        {"method": "apps.connections.open", "action": "error", "error": "fatal_error", "times": 1},
        {"method": "auth.test", "action": "http_error", "status": 503, "times": 1},
        {"method": "users.info", "action": "error", "error": "internal_error"},
    ]})
    assert emu.error("apps.connections.open", token=APP) == "fatal_error"
    assert emu.ok("apps.connections.open", token=APP)["url"].startswith("ws://127.0.0.1:")
    reply = emu.api("auth.test")
    assert reply.status == 503 and reply.headers["Content-Type"].startswith("text/html")
    assert "<html>" in reply.text
    assert emu.error("users.info", {"user": "U1"}) == "internal_error"
    emu.control("faults", method="DELETE")
    assert emu.control("faults")["rules"] == []
    assert emu.error("users.info", {"user": "U1"}) == "user_not_found"


def test_fault_errors_matched_on_arguments(emu):
    cid = new_channel(emu)
    emu.control("faults", {"rules": [
        {"method": "conversations.create", "match": {"name": "inc-7"}, "action": "error",
         "error": "name_taken"},
        {"method": "chat.postMessage", "match": {"channel": cid}, "action": "error",
         "error": "not_in_channel", "nth": 2},
        {"method": "conversations.setTopic", "action": "error", "error": "is_archived"},
        {"method": "chat.update", "action": "error", "error": "msg_blocks_too_long"},
    ]})
    assert emu.error("conversations.create", {"name": "inc-7"}) == "name_taken"
    emu.ok("conversations.create", {"name": "inc-8"})
    emu.ok("chat.postMessage", {"channel": cid, "text": "1"})
    assert emu.error("chat.postMessage", {"channel": cid, "text": "2"}) == "not_in_channel"
    assert emu.error("conversations.setTopic", {"channel": cid, "topic": "x"}) == "is_archived"
    assert emu.error("chat.update", {"channel": cid, "ts": "1.000000", "text": "x"}) == "msg_blocks_too_long"
    rules = {r["error"]: r for r in emu.control("faults")["rules"]}
    assert rules["name_taken"]["fired"] == 1 and rules["not_in_channel"]["seen"] == 2


def test_fault_slow_response_reset_and_warning(emu):
    emu.control("faults", {"method": "auth.test", "action": "delay", "delay_ms": 400, "times": 1})
    started = time.monotonic()
    emu.ok("auth.test")
    assert time.monotonic() - started >= 0.4
    # A client that gives up on a slow answer still changed the workspace, as with Slack.
    cid = new_channel(emu)
    emu.control("faults", {"method": "chat.postMessage", "action": "delay", "delay_ms": 2000})
    with pytest.raises((TimeoutError, urllib.error.URLError, OSError)):
        urllib.request.urlopen(urllib.request.Request(
            f"{emu.base}/api/chat.postMessage", data=f"channel={cid}&text=slow".encode(),
            headers={"Authorization": f"Bearer {BOT}"}), timeout=0.3).read()
    assert emu.channel(cid)["messages"][0]["text"] == "slow"
    slow = emu.control("calls?method=chat.postMessage")["calls"][0]
    assert slow["delay_ms"] == 2000
    # A delay alone still names its rule, so a test can wait for the call it holds.
    rule = emu.control("faults")["rules"][-1]["id"]
    assert slow["fault"] == rule and slow["faults"] == [rule]
    assert emu.control(f"calls?method=chat.postMessage&fault={rule}")["calls"] == [slow]
    emu.control("faults", method="DELETE")
    emu.control("faults", {"method": "auth.test", "action": "reset", "times": 1})
    with pytest.raises((ConnectionError, urllib.error.URLError, OSError)):
        urllib.request.urlopen(urllib.request.Request(
            f"{emu.base}/api/auth.test", headers={"Authorization": f"Bearer {BOT}"}), timeout=5).read()
    emu.control("faults", {"method": "auth.test", "action": "warning", "warning": "superfluous_charset"})
    body = emu.ok("auth.test")
    assert body["response_metadata"]["warnings"] == ["superfluous_charset"]
    assert emu.control("faults/clear", {})["ok"]


def test_bad_fault_specs_are_rejected(emu):
    assert emu.control("faults", {"action": "explode"}, expect=400)["ok"] is False
    assert emu.control("faults", {"action": "error", "nth": 0}, expect=400)["ok"] is False
    assert emu.control("faults", {"action": "error", "bogus": 1}, expect=400)["ok"] is False


# --- Socket Mode -------------------------------------------------------------------------

def test_socket_hello_envelope_ack(emu):
    emu.seed_users()

    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, hello = await open_socket(emu, session)
            assert hello["type"] == "hello" and hello["num_connections"] == 1
            assert hello["connection_info"] == {"app_id": "A111"}
            assert {"host", "build_number", "approximate_connection_time"} <= set(hello["debug_info"])
            injected = emu.control("slash_command", {"command": "/incident", "text": "declare sev1",
                                                     "user": "U111", "channel": "C0TEST"})
            frame = await next_frame(ws)
            assert frame["envelope_id"] == injected["envelope_id"]
            assert frame["type"] == "slash_commands" and frame["accepts_response_payload"] is True
            assert "retry_attempt" not in frame
            p = frame["payload"]
            assert p["command"] == "/incident" and p["text"] == "declare sev1"
            assert p["user_id"] == "U111" and p["user_name"] == "alice" and p["team_id"] == "T111"
            assert re.search(r"/commands/T111/\d+/", p["response_url"]) and p["trigger_id"]
            await ws.send_json({"envelope_id": frame["envelope_id"],
                                "payload": {"response_type": "ephemeral", "text": "ok!"}})
            acks = emu.control(f"acks?envelope_id={frame['envelope_id']}&min=1&wait_s=5")
            assert acks["complete"]
            ack = acks["acks"][0]
            assert ack["payload"] == {"response_type": "ephemeral", "text": "ok!"}
            assert ack["connection"] == "conn-1" and ack["late"] is False and ack["time"]
            envelope = emu.control(f"envelopes?envelope_id={frame['envelope_id']}")["envelopes"][0]
            assert envelope["status"] == "acked"
            await ws.close()
    run(scenario())
    time.sleep(0.7)  # past the deadline: an acked command never times out
    assert emu.control("operation_timeouts")["operation_timeouts"] == []


def test_ticket_is_single_use_and_can_expire(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            url = emu.ok("apps.connections.open", token=APP)["url"]
            assert re.match(r"^ws://127\.0\.0\.1:\d+/link/\?ticket=[0-9a-f-]{36}&app_id=A111$", url)
            ws = await session.ws_connect(url)
            await ws.receive_json(timeout=5)
            with pytest.raises(aiohttp.WSServerHandshakeError) as reused:
                await session.ws_connect(url)
            assert reused.value.status == 401
            stale = emu.ok("apps.connections.open", token=APP)["url"]
            assert emu.control("tickets/expire", {})["expired"] == 1
            with pytest.raises(aiohttp.WSServerHandshakeError) as expired:
                await session.ws_connect(stale)
            assert expired.value.status == 410
            await ws.close()
    run(scenario())
    events = [e["event"] for e in emu.control("socket_events")["socket_events"]]
    assert events.count("upgrade_rejected") == 2


def test_events_api_redelivery_until_acked(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            injected = emu.control("event", {"event": {"type": "app_mention", "user": "U111",
                                                       "text": "<@U0BOT0001> hi", "channel": "C1"}})
            first = await next_frame(ws)
            assert first["type"] == "events_api" and first["accepts_response_payload"] is False
            assert first["retry_attempt"] == 0 and first["retry_reason"] == ""
            assert first["payload"]["event_id"] == injected["event_id"]
            assert first["payload"]["type"] == "event_callback"
            second = await next_frame(ws, timeout=3)  # no ack within 0.5 s
            assert second["retry_attempt"] == 1 and second["retry_reason"] == "timeout"
            assert second["payload"]["event_id"] == injected["event_id"]
            assert second["envelope_id"] != first["envelope_id"]
            await ws.send_json({"envelope_id": second["envelope_id"]})  # python SDK style
            assert await nothing_within(ws, 1.0)
            ack = emu.control(f"acks?envelope_id={second['envelope_id']}&min=1&wait_s=5")["acks"][0]
            assert ack["has_payload"] is False and ack["retry_attempt"] == 1
            await ws.close()
    run(scenario())


def test_events_api_gives_up_after_three_retries(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            injected = emu.control("event", {"event": {"type": "message", "text": "x"}})
            attempts = [(await next_frame(ws, timeout=3))["retry_attempt"] for _ in range(4)]
            assert attempts == [0, 1, 2, 3]
            assert await nothing_within(ws, 1.2)
            chain = emu.control(f"envelopes?chain={injected['envelope_id']}")["envelopes"]
            assert [e["status"] for e in chain] == ["timed_out"] * 3 + ["gave_up"]
            await ws.close()
    run(scenario())


def test_unacked_slash_command_is_an_operation_timeout(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            injected = emu.control("slash_command", {"command": "/incident", "text": "status",
                                                     "user": "U111", "channel": "C1"})
            await next_frame(ws)
            timeouts = emu.control("operation_timeouts?min=1&wait_s=5")
            assert timeouts["complete"]
            record = timeouts["operation_timeouts"][0]
            assert record["envelope_id"] == injected["envelope_id"]
            assert record["error"] == "operation_timeout" and record["command"] == "/incident"
            assert await nothing_within(ws, 0.8)  # never redelivered
            await ws.send_json({"envelope_id": injected["envelope_id"], "payload": {}})
            ack = emu.control("acks?min=1&wait_s=5")["acks"][0]
            assert ack["late"] is True
            await ws.close()
    run(scenario())


def test_interactive_accepts_response_payload_by_type(emu):
    emu.seed_users()

    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            emu.control("interactive", {"kind": "block_actions", "user": "U111", "channel": "C1",
                                        "action_id": "ack_incident", "value": "INC-42"})
            frame = await next_frame(ws)
            assert frame["type"] == "interactive" and frame["accepts_response_payload"] is True
            action = frame["payload"]["actions"][0]
            assert action["action_id"] == "ack_incident" and action["value"] == "INC-42"
            assert "/actions/T111/" in frame["payload"]["response_url"]
            emu.control("interactive", {"kind": "shortcut", "user": "U111", "callback_id": "declare"})
            shortcut = await next_frame(ws)
            assert shortcut["accepts_response_payload"] is False
            assert shortcut["payload"]["trigger_id"]
            await ws.close()
    run(scenario())


def test_view_submission_ack_drives_the_view_stack(emu):
    emu.seed_users()

    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            emu.control("slash_command", {"command": "/incident", "user": "U111", "channel": "C1"})
            command = await next_frame(ws)
            await ws.send_json({"envelope_id": command["envelope_id"]})
            view = emu.ok("views.open", {"trigger_id": command["payload"]["trigger_id"],
                                         "view": modal()})["view"]
            values = {"title_b": {"title_a": {"type": "plain_text_input", "value": ""}}}
            emu.control("interactive", {"kind": "view_submission", "view_id": view["id"],
                                        "values": values})
            frame = await next_frame(ws)
            assert frame["payload"]["view"]["state"]["values"] == values
            assert frame["payload"]["user"]["id"] == "U111"
            await ws.send_json({"envelope_id": frame["envelope_id"], "payload": {
                "response_action": "errors", "errors": {"title_b": "Title is required"}}})
            emu.control("acks?min=2&wait_s=5")
            emu.control("interactive", {"kind": "view_submission", "view_id": view["id"]})
            frame = await next_frame(ws)
            await ws.send_json({"envelope_id": frame["envelope_id"], "payload": {}})
            emu.control("acks?min=3&wait_s=5")
            await ws.close()
            return view["id"]
    view_id = run(scenario())
    stored = next(v for v in emu.control("views")["views"] if v["id"] == view_id)
    assert stored["errors"] == {"title_b": "Title is required"} and stored["closed"] is True


def test_round_robin_and_pending_delivery(emu):
    emu.settings(ack_deadline_s=5.0)  # no redelivery may interleave with the frames below

    async def scenario():
        async with aiohttp.ClientSession() as session:
            first = emu.control("event", {"event": {"type": "message", "text": "early"}})
            assert first["status"] == "pending" and first["connection"] is None
            a, hello_a = await open_socket(emu, session)
            assert (await next_frame(a))["envelope_id"] == first["envelope_id"]
            b, hello_b = await open_socket(emu, session)
            assert hello_b["num_connections"] == 2
            targets = [emu.control("event", {"event": {"type": "message", "text": str(i)}})["connection"]
                       for i in range(4)]
            assert sorted(targets) == ["conn-1", "conn-1", "conn-2", "conn-2"]
            assert targets[0] != targets[1]
            for ws in (a, b):
                await ws.close()
    run(scenario())


def test_connection_cap_sends_too_many_websockets(emu):
    emu.settings(max_connections=2)

    async def scenario():
        async with aiohttp.ClientSession() as session:
            a, _ = await open_socket(emu, session)
            b, _ = await open_socket(emu, session)
            url = emu.ok("apps.connections.open", token=APP)["url"]
            c = await session.ws_connect(url)
            frame = await c.receive_json(timeout=5)
            assert frame["type"] == "disconnect" and frame["reason"] == "too_many_websockets"
            assert (await c.receive(timeout=5)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
            assert len([x for x in emu.control("connections")["connections"] if x["state"] == "open"]) == 2
            for ws in (a, b, c):
                await ws.close()
    run(scenario())


def test_disconnect_injection_and_clean_close(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            emu.control("connections/disconnect", {"reason": "warning"})
            frame = await next_frame(ws)
            assert frame == {"type": "disconnect", "reason": "warning",
                             "debug_info": {"host": "emu-applink-conn-1"}}
            emu.control("connections/disconnect", {"connection": "conn-1",
                                                   "reason": "refresh_requested", "close_after_s": 0.2})
            assert (await next_frame(ws))["reason"] == "refresh_requested"
            closing = await ws.receive(timeout=5)
            assert closing.type == WSMsgType.CLOSE and closing.data == 1000
            conns = emu.control("connections?state=closed&min=1&wait_s=5")["connections"]
            assert conns[0]["closed_by"] == "server"

            ws2, _ = await open_socket(emu, session)
            emu.control("connections/close", {"connection": "conn-2", "code": 1001})
            msg = await ws2.receive(timeout=5)
            assert msg.type == WSMsgType.CLOSE and msg.data == 1001
            await ws2.close()
    run(scenario())


def test_abort_resets_without_a_close_frame(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            emu.control("connections/abort", {"connection": "conn-1"})
            msg = await ws.receive(timeout=5)
            assert msg.type in (WSMsgType.ERROR, WSMsgType.CLOSED)  # no CLOSE frame arrived
            conn = emu.control("connections")["connections"][0]
            assert conn["state"] == "closed" and conn["closed_by"] == "abort"
    run(scenario())


def test_pings_pongs_half_open_and_deaf(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session, autoping=False)
            await ws.ping(b"1")
            assert (await ws.receive(timeout=5)).type == WSMsgType.PONG
            emu.control("connections/ignore_pings", {"connection": "conn-1"})
            await ws.ping(b"2")
            assert await nothing_within(ws, 0.5)
            emu.control("connections/ignore_pings", {"connection": "conn-1", "ignore": False})
            await ws.ping(b"3")
            assert (await ws.receive(timeout=5)).type == WSMsgType.PONG

            emu.control("connections/half_open", {"connection": "conn-1"})
            await ws.ping(b"4")
            assert await nothing_within(ws, 0.5)
            queued = emu.control("slash_command", {"command": "/x", "user": "U1", "channel": "C1"})
            assert queued["status"] == "pending"  # half-open sockets get no new envelopes
            await ws.send_json({"envelope_id": queued["envelope_id"]})
            timeouts = emu.control("operation_timeouts?min=1&wait_s=5")["operation_timeouts"]
            assert timeouts[0]["envelope_id"] == queued["envelope_id"]
            assert emu.control("acks")["acks"] == []  # nothing is read on a half-open socket
            emu.control("connections/abort", {"connection": "conn-1"})
    run(scenario())


def test_server_pings_when_configured(emu):
    emu.settings(server_ping_interval_s=0.2)

    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session, autoping=False)
            msg = await ws.receive(timeout=3)
            assert msg.type == WSMsgType.PING
            await ws.pong(msg.data)
            await ws.close()
    run(scenario())


def test_duplicate_delivery(emu):
    emu.settings(ack_deadline_s=5.0)  # only the duplicates asked for may arrive

    async def scenario():
        async with aiohttp.ClientSession() as session:
            a, _ = await open_socket(emu, session)
            b, _ = await open_socket(emu, session)
            injected = emu.control("event", {"event": {"type": "app_mention", "text": "hi"}})
            first_ws = a if injected["connection"] == "conn-1" else b
            other_ws = b if first_ws is a else a
            original = await next_frame(first_ws)
            await first_ws.send_json({"envelope_id": original["envelope_id"]})

            dup = emu.control("envelopes/duplicate", {"envelope_id": original["envelope_id"],
                                                      "connection": "other", "retry_attempt": 1})
            frame = await next_frame(other_ws)
            assert frame["payload"]["event_id"] == original["payload"]["event_id"]
            assert frame["envelope_id"] == dup["envelope_id"] != original["envelope_id"]
            assert frame["retry_attempt"] == 1 and frame["retry_reason"] == "timeout"

            emu.control("envelopes/duplicate", {"envelope_id": original["envelope_id"],
                                                "connection": injected["connection"],
                                                "same_envelope_id": True})
            same = await next_frame(first_ws)
            assert same["envelope_id"] == original["envelope_id"] and same["retry_attempt"] == 0
            await first_ws.send_json({"envelope_id": same["envelope_id"]})
            acks = emu.control(f"acks?envelope_id={original['envelope_id']}&min=2&wait_s=5")["acks"]
            assert [a["repeat"] for a in acks] == [False, True]
            for ws in (a, b):
                await ws.close()
    run(scenario())


def test_garbage_frames_are_counted_not_fatal(emu):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_socket(emu, session)
            await ws.send_str("{not json")
            await ws.send_bytes(b"\x00\x01")
            await ws.send_json({"no": "envelope id"})
            await ws.send_json({"envelope_id": "never-sent"})
            ack = emu.control("acks?min=1&wait_s=5")["acks"][0]
            assert ack["unknown"] is True
            assert emu.control("connections")["connections"][0]["bad_frames"] == 3
            emu.control("connections/send_raw", {"text": "{garbage"})
            assert (await ws.receive(timeout=5)).data == "{garbage"
            emu.control("event", {"event": {"type": "message"}})
            assert (await next_frame(ws))["type"] == "events_api"  # still alive
            await ws.close()
    run(scenario())


# --- response_url ------------------------------------------------------------------------

def test_response_url_five_uses_and_model_effects(emu):
    cid = new_channel(emu)
    url = emu.control("slash_command", {"command": "/incident", "user": "U111",
                                        "channel": cid})["response_url"]
    assert url.startswith(emu.base + "/commands/T111/")

    def post(body: Any) -> Reply:
        return _http(url, json.dumps(body).encode(), {"Content-Type": "application/json"})

    first = post({"response_type": "in_channel", "text": "Incident declared"})
    assert first.status == 200 and first.text == "ok"
    assert emu.channel(cid)["messages"][-1]["text"] == "Incident declared"
    assert post({"response_type": "ephemeral"}).status == 400  # no_text, not counted
    for i in range(4):
        assert post({"text": f"update {i}"}).status == 200
    sixth = post({"text": "too many"})
    assert sixth.status == 404 and sixth.text == "used_url"
    record = emu.control("response_urls")["response_urls"][0]
    assert record["uses"] == 5 and len(record["attempts"]) == 7
    assert emu.control("workspace")["ephemeral"][-1]["text"] == "update 3"
    assert _http(emu.base + "/commands/T111/1/nope", b"{}").status == 404


def test_response_url_expires(emu):
    emu.settings(response_url_ttl_s=0.2)
    url = emu.control("slash_command", {"command": "/x", "user": "U1", "channel": "C1"})["response_url"]
    time.sleep(0.3)
    reply = _http(url, b'{"text":"late"}', {"Content-Type": "application/json"})
    assert reply.status == 404 and reply.text == "expired_url"


# --- HTTP mode ---------------------------------------------------------------------------

def _signature_ok(secret: str, headers: Any, body: bytes) -> bool:
    base = b"v0:" + headers["X-Slack-Request-Timestamp"].encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Slack-Signature", ""))


def test_sign_matches_slacks_published_vector():
    sign = emulator_module("http_mode").sign
    body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    assert sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body.encode()) == \
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_http_mode_delivery_is_signed(emu):
    secret = "s3cret"
    emu.settings(signing_secret=secret)
    received: list[tuple[Any, bytes]] = []

    async def app_endpoint(request: web.Request) -> web.Response:
        body = await request.read()
        received.append((request.headers, body))
        if not _signature_ok(secret, request.headers, body):
            return web.Response(status=401, text="bad signature")
        if abs(time.time() - int(request.headers["X-Slack-Request-Timestamp"])) > 300:
            return web.Response(status=401, text="stale")
        if request.content_type == "application/json":
            payload = json.loads(body)
            if payload["type"] == "url_verification":
                return web.json_response({"challenge": payload["challenge"]})
            return web.Response(text="")
        if b"slow" in body:
            await asyncio.sleep(1.0)
        return web.json_response({"response_type": "ephemeral", "text": "got it"})

    async def scenario():
        app = web.Application()
        app.router.add_post("/slack", app_endpoint)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/slack"
        try:
            deliver = lambda spec: asyncio.to_thread(emu.control, "http/deliver", spec)  # noqa: E731
            good = await deliver({"url": url, "kind": "slash_command", "command": "/incident",
                                  "text": "declare", "user": "U111", "channel": "C1"})
            assert good["status"] == 200 and json.loads(good["body"])["text"] == "got it"
            form = urllib.parse.parse_qs(received[-1][1].decode())
            assert form["command"] == ["/incident"] and form["trigger_id"][0] == good["meta"]["trigger_id"]
            assert (await deliver({"url": url, "kind": "slash_command", "command": "/x", "user": "U1",
                                   "channel": "C1", "bad_signature": True}))["status"] == 401
            assert (await deliver({"url": url, "kind": "slash_command", "command": "/x", "user": "U1",
                                   "channel": "C1", "clock_skew_s": -600}))["status"] == 401
            event = await deliver({"url": url, "kind": "event", "event": {"type": "app_mention"},
                                   "retry_num": 1})
            assert event["status"] == 200 and received[-1][0]["X-Slack-Retry-Num"] == "1"
            challenge = await deliver({"url": url, "kind": "url_verification", "challenge": "c-1"})
            assert json.loads(challenge["body"]) == {"challenge": "c-1"}
            action = await deliver({"url": url, "kind": "interactive", "user": "U1",
                                    "payload": {"type": "block_actions", "actions": []}})
            assert action["status"] == 200
            assert "payload" in urllib.parse.parse_qs(received[-1][1].decode())
            slow = await deliver({"url": url, "kind": "slash_command", "command": "/x", "user": "U1",
                                  "channel": "C1", "text": "slow", "timeout_s": 0.3})
            assert slow["timed_out"] is True
        finally:
            await runner.cleanup()

    run(scenario())
    errors = [t["error"] for t in emu.control("operation_timeouts")["operation_timeouts"]]
    assert errors == ["dispatch_failed", "dispatch_failed", "operation_timeout"]
    assert emu.control("http/deliver", {"url": "http://10.0.0.1/x", "kind": "event",
                                        "event": {"type": "x"}}, expect=400)["ok"] is False


# --- control API -------------------------------------------------------------------------

def test_control_state_reset_settings_and_tokens(emu):
    emu.seed_users()
    new_channel(emu)
    state = emu.control("state")
    for key in ("workspace", "views", "settings", "faults", "connections", "envelopes", "acks",
                "operation_timeouts", "response_urls", "calls"):
        assert key in state
    assert emu.control("settings", {"nope": 1}, expect=400)["ok"] is False
    assert emu.control("settings", {"ack_deadline_s": "soon"}, expect=400)["ok"] is False
    assert _http(f"{emu.base}/_control/users", b"{bad", {"Content-Type": "application/json"}).status == 400

    emu.control("tokens", {"bot_tokens": ["xoxb-other"], "app_tokens": ["xapp-other"]})
    assert emu.error("auth.test") == "invalid_auth"
    assert emu.ok("auth.test", token="xoxb-other")["ok"]
    emu.control("reset", {})
    ws = emu.control("workspace")
    assert [c["name"] for c in ws["channels"]] == ["general"]
    assert [u["id"] for u in ws["users"]] == ["U0BOT0001"]
    assert emu.control("calls")["calls"] == []
    assert emu.ok("auth.test", token="xoxb-other")["ok"]  # tokens survive a reset


def test_long_poll_times_out_with_complete_false(emu):
    started = time.monotonic()
    reply = emu.control("calls?method=chat.postMessage&min=1&wait_s=0.3")
    assert reply["complete"] is False and time.monotonic() - started >= 0.3


def test_seeded_channels_and_messages(emu):
    emu.seed_users()
    channel = emu.control("channels", {"name": "inc-old", "members": ["U111"], "topic": "old"})["channel"]
    assert channel["members"] == ["U0BOT0001", "U111"] and channel["topic"]["value"] == "old"
    assert emu.error("conversations.create", {"name": "inc-old"}) == "name_taken"
    assert emu.control("channels", {"name": "Bad Name"}, expect=400)["error"] == "invalid_name_specials"
    ts = emu.control("messages", {"channel": channel["id"], "user": "U111", "text": "pin me"})["ts"]
    emu.ok("pins.add", {"channel": channel["id"], "timestamp": ts})


# --- the official SDKs -------------------------------------------------------------------

def test_official_slack_sdks_work_against_the_emulator(emu):
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        pytest.skip("node is not installed (scripts/setup.sh installs nodejs)")
    if not (SDK_CHECK / "node_modules" / "@slack" / "socket-mode").is_dir():
        if npm is None:
            pytest.skip("npm is not installed, and sdk_check/node_modules is missing")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=SDK_CHECK, check=True,
                       capture_output=True, timeout=300)
    r = subprocess.run([node, "sdk_check.mjs", emu.base], cwd=SDK_CHECK, capture_output=True,
                       text=True, timeout=60, env={**os.environ, "NODE_NO_WARNINGS": "1"})
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True and all(summary["calls"].values())
    assert summary["ack"] == {"response_type": "ephemeral", "text": "Declaring incident…"}
