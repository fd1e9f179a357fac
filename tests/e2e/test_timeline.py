"""`siren run` against the Slack emulator: messages of an incident's channel copied into its
timeline by the 📌 reaction or the "Add to incident timeline" message shortcut, once."""

from __future__ import annotations

import time

from slack_harness import Emulator
from test_daemon import (  # noqa: F401  (pytest fixtures, used by name)
    Daemon,
    ack_of,
    calls,
    channel_named,
    daemon,
    declare,
    emulator,
    eventually,
    incident_channel,
    slash,
)

ALICE, BOB, CAROL = "U0A1ALICE", "U0B2BOB", "U0C3CAROL"


def say(emu: Emulator, channel: str, text: str, user: str = ALICE, **extra) -> str:
    """A person writes in a channel; returns the message's ts."""
    return emu.control("messages", {"channel": channel, "user": user, "text": text, **extra})["ts"]


def react(emu: Emulator, channel: str, ts: str, user: str, name: str = "pushpin") -> dict:
    """A person adds a reaction; the reaction_added event must be acknowledged at once."""
    sent = emu.control("reactions", {"channel": channel, "ts": ts, "user": user, "name": name})
    ack = ack_of(emu, sent["envelope_id"])
    assert not ack["late"] and ack["payload"] in (None, {}), ack
    return sent


def shortcut(emu: Emulator, channel: str, ts: str, user: str) -> dict:
    sent = emu.control("interactive", {"kind": "message_action", "user": user, "channel": channel,
                                       "message_ts": ts, "callback_id": "add_to_timeline"})
    assert not ack_of(emu, sent["envelope_id"])["late"]
    return sent


def history(emu: Emulator, channel: str) -> str:
    envelope = slash(emu, "history", command="/119", channel=channel)
    return ack_of(emu, envelope["envelope_id"])["payload"]["text"]


def confirmations(emu: Emulator) -> list[str]:
    return [m["text"] for m in incident_channel(emu)["messages"]
            if "to the timeline of #1" in m["text"]]


def test_a_pushpin_copies_the_message_into_the_timeline_once(emulator, daemon):
    declare(emulator)
    cid = incident_channel(emulator)["id"]
    ts = say(emulator, cid, "the cache node died at 09:02, failing over now")

    react(emulator, cid, ts, ALICE)
    eventually(lambda: confirmations(emulator))
    fetched = calls(emulator, "conversations.history")[0]["args"]
    assert fetched == {"channel": cid, "latest": ts, "inclusive": "true", "limit": "1"}
    assert calls(emulator, "chat.getPermalink")[0]["args"]["message_ts"] == ts

    # Someone else pins it too: a second event, and nothing more in the timeline.
    react(emulator, cid, ts, BOB)
    eventually(lambda: "already in the timeline" in daemon.log())
    text = history(emulator, cid)
    assert text.count("the cache node died") == 1, text
    line = next(l for l in text.splitlines() if "the cache node died" in l)
    assert f"<@{ALICE}> · said: the cache node died at 09:02, failing over now — " in line
    assert f"/archives/{cid}/p{ts.replace('.', '')}" in line
    assert confirmations(emulator) == [f"<@{ALICE}> added their message to the timeline of #1."]


def test_the_shortcut_adds_another_message_and_says_when_it_is_already_there(emulator, daemon):
    declare(emulator)
    cid = incident_channel(emulator)["id"]
    ts = say(emulator, cid, "rolled back 4.2.1", user=BOB)

    shortcut(emulator, cid, ts, ALICE)
    eventually(lambda: confirmations(emulator))
    assert confirmations(emulator) == [
        f"<@{ALICE}> added <@{BOB}>'s message to the timeline of #1."]
    text = history(emulator, cid)
    assert f"<@{BOB}> · said: rolled back 4.2.1" in text and f"added by <@{ALICE}>" in text
    # The shortcut carries the message: nothing is read from the history.
    assert emulator.control("calls?method=conversations.history")["calls"] == []

    shortcut(emulator, cid, ts, ALICE)
    told = eventually(lambda: [e for e in emulator.control("workspace")["ephemeral"]
                               if e["user"] == ALICE and "already in the timeline" in e["text"]])
    assert told[0]["channel"] == cid
    assert history(emulator, cid).count("rolled back 4.2.1") == 1
    assert len(confirmations(emulator)) == 1


def test_a_reply_in_a_thread_is_read_from_the_thread(emulator, daemon):
    declare(emulator)
    cid = incident_channel(emulator)["id"]
    parent = say(emulator, cid, "what changed at 09:00?")
    reply = say(emulator, cid, "a config push to the cache tier", user=CAROL, thread_ts=parent)

    react(emulator, cid, reply, ALICE)
    eventually(lambda: confirmations(emulator))
    assert calls(emulator, "conversations.replies")[0]["args"]["ts"] == reply
    text = history(emulator, cid)
    assert f"<@{CAROL}> · said: a config push to the cache tier" in text
    assert "what changed" not in text


def test_reactions_and_shortcuts_outside_incident_channels_change_nothing(emulator, daemon):
    declare(emulator)
    # The declaration's announcement lands in #production on its own time: wait for it, so
    # that counting the channel's messages below counts only what the reactions might add.
    eventually(lambda: any("Checkout returns 500" in m["text"]
                           for m in channel_named(emulator, "production")["messages"]))
    production = channel_named(emulator, "production")["id"]
    ts = say(emulator, production, "is checkout down for anyone else?")
    posts_before = len(channel_named(emulator, "production")["messages"])

    react(emulator, production, ts, ALICE)
    # Another reaction in the incident's channel is not siren's business either.
    cid = incident_channel(emulator)["id"]
    react(emulator, cid, say(emulator, cid, "looking"), BOB, name="eyes")
    time.sleep(1.5)
    assert emulator.control("calls?method=conversations.history")["calls"] == []
    assert emulator.control("calls?method=chat.getPermalink")["calls"] == []
    assert len(channel_named(emulator, "production")["messages"]) == posts_before
    assert confirmations(emulator) == []

    # The shortcut there is answered, privately (an ephemeral message needs its reader in the
    # channel, as one who uses a shortcut on a message there is).
    emulator.control(f"channels/{production}", {"add_members": [ALICE]})
    shortcut(emulator, production, ts, ALICE)
    told = eventually(lambda: [e for e in emulator.control("workspace")["ephemeral"]
                               if e["user"] == ALICE and "incident's channel" in e["text"]])
    assert told[0]["channel"] == production
    assert len(channel_named(emulator, "production")["messages"]) == posts_before
    assert "is checkout down" not in history(emulator, cid)


def test_a_redelivered_reaction_event_changes_nothing(emulator, daemon):
    declare(emulator)
    cid = incident_channel(emulator)["id"]
    ts = say(emulator, cid, "error rate back under 1%")
    sent = react(emulator, cid, ts, ALICE)
    eventually(lambda: confirmations(emulator))

    # Slack thought the ack was lost: the same event (same event_id), a new envelope.
    again = emulator.control("envelopes/duplicate", {"envelope_id": sent["envelope_id"],
                                                     "retry_attempt": 1})
    assert again["envelope_id"] != sent["envelope_id"]
    ack_of(emulator, again["envelope_id"])
    eventually(lambda: f"slack-event/{sent['event_id']} was already processed" in daemon.log())
    assert history(emulator, cid).count("error rate back under 1%") == 1
    assert len(confirmations(emulator)) == 1


def test_http_mode_takes_the_reaction_and_the_shortcut_too(siren_bin, emulator, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, mode="http")
    try:
        base = f"http://127.0.0.1:{d.http_port()}/slack"
        declared = emulator.control("http/deliver", {
            "url": base + "/commands", "kind": "slash_command", "command": "/incident",
            "text": "declare S2 Search is slow", "user": ALICE, "channel": "C00000001"})
        assert declared["status"] == 200, declared
        calls(emulator, "pins.add")
        cid = incident_channel(emulator)["id"]
        ts = say(emulator, cid, "the index is rebuilding")
        event = {"type": "reaction_added", "user": BOB, "reaction": "pushpin", "item_user": ALICE,
                 "item": {"type": "message", "channel": cid, "ts": ts}}
        reacted = emulator.control("http/deliver", {"url": base + "/events", "kind": "event",
                                                    "event": event, "event_id": "EvHTTP1"})
        assert reacted["status"] == 200 and reacted["body"] == "", reacted
        eventually(lambda: confirmations_of(emulator, "#1"))

        other = say(emulator, cid, "it is done", user=BOB)
        # "kind" here is the delivery's, so the interaction goes as a verbatim payload.
        shortcut_sent = emulator.control("http/deliver", {
            "url": base + "/interactive", "kind": "interactive", "payload": {
                "type": "message_action", "callback_id": "add_to_timeline",
                "user": {"id": ALICE}, "channel": {"id": cid}, "message_ts": other,
                "message": {"type": "message", "user": BOB, "ts": other, "text": "it is done"}}})
        assert shortcut_sent["status"] == 200, shortcut_sent
        eventually(lambda: len(confirmations_of(emulator, "#1")) == 2)
    finally:
        assert d.stop() == 0, d.log()


def confirmations_of(emu: Emulator, ref: str) -> list[str]:
    return [m["text"] for m in incident_channel(emu)["messages"]
            if f"to the timeline of {ref}" in m["text"]]
