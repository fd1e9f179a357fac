"""`siren run` against the Slack emulator: `/119 review` shares the review draft in the
incident's channel as a file, through Slack's external upload flow (files.getUploadURLExternal,
the bytes to the upload URL, files.completeUploadExternal), once."""

from __future__ import annotations

from slack_harness import Emulator
from test_daemon import (  # noqa: F401  (pytest fixtures, used by name)
    ack_of,
    calls,
    daemon,
    declare,
    emulator,
    eventually,
    incident_channel,
    slash,
)


def resolve_and_review(emu: Emulator) -> str:
    """Declares, resolves and asks for the review; returns the channel's id."""
    declare(emu)
    cid = incident_channel(emu)["id"]
    for text in ("resolve the pool was exhausted", "review"):
        ack_of(emu, slash(emu, text, command="/119", channel=cid)["envelope_id"])
    return cid


def file_messages(emu: Emulator) -> list[dict]:
    return [m for m in incident_channel(emu)["messages"] if m.get("files")]


def test_review_is_shared_in_the_channel_as_a_file(emulator, daemon, tmp_path):
    cid = resolve_and_review(emulator)
    completed = calls(emulator, "files.completeUploadExternal")[0]

    asked = calls(emulator, "files.getUploadURLExternal")[0]["args"]
    assert asked["filename"] == "review-1.md"
    uploads = emulator.control("calls?method=upload")["calls"]
    assert [(u["status"], u["body_format"], u["has_authorization"]) for u in uploads] == [
        (200, "raw", False)]
    assert uploads[0]["length"] == int(asked["length"])
    assert completed["args"]["channel_id"] == cid
    assert completed["args"]["files"][0]["title"].startswith("Review of #1 ")

    shared = eventually(lambda: file_messages(emulator))
    assert len(shared) == 1
    message = shared[0]
    assert message["user"] == "U0BOT0001" and message["upload"] is True
    assert "shared the review draft of #1" in message["text"]
    assert message["files"][0]["name"] == "review-1.md"
    stored = next(f for f in emulator.control("workspace")["files"]
                  if f["id"] == message["files"][0]["id"])
    assert stored["state"] == "complete" and "## Timeline" in stored["content"]
    assert "the pool was exhausted" in stored["content"]
    # The same draft is written beside the database.
    assert (tmp_path / "reviews" / "review-1.md").read_text() == stored["content"]


def test_a_share_whose_answer_was_lost_is_looked_up_before_uploading_again(emulator, daemon):
    # The connection breaks mid-answer: siren cannot know whether the file was shared (here it
    # was not: the fault answers before the method runs), asks files.list, and uploads again.
    emulator.control("faults", {"method": "files.completeUploadExternal", "action": "reset",
                                "times": 1})
    cid = resolve_and_review(emulator)
    calls(emulator, "files.completeUploadExternal", wait_s=20)
    listed = calls(emulator, "files.list")[0]["args"]
    assert listed["channel"] == cid and int(listed["ts_from"]) > 0
    assert len(calls(emulator, "files.getUploadURLExternal", count=2)) == 2
    shared = eventually(lambda: file_messages(emulator))
    assert len(shared) == 1 and shared[0]["files"][0]["name"] == "review-1.md"


def test_a_share_that_happened_is_not_made_twice(emulator, daemon):
    # The share took effect but its answer came after siren's 10 s timeout: files.list finds
    # it, and nothing is uploaded again.
    emulator.control("faults", {"method": "files.completeUploadExternal", "action": "delay",
                                "delay_ms": 15000, "times": 1})
    resolve_and_review(emulator)
    eventually(lambda: file_messages(emulator))
    eventually(lambda: emulator.control("calls?method=files.list&ok=true")["calls"], timeout=40)
    eventually(lambda: "was shared by an earlier attempt" in daemon.log(), timeout=10)
    assert len(emulator.control("calls?method=files.getUploadURLExternal")["calls"]) == 1
    assert len(file_messages(emulator)) == 1
