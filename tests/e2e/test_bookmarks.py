"""The bridge and the service's links of a declared incident (the example config: S1 has a Zoom
bridge, checkout a runbook, a dashboard and logs) as bookmarks of its channel in the Slack
emulator, and in the pinned intro."""

from __future__ import annotations

from test_daemon import (calls, daemon, declare, emulator, eventually,  # noqa: F401
                         incident_channel)


def test_a_declared_incident_bookmarks_its_bridge_and_links(emulator, daemon):
    declare(emulator, "S1 Checkout returns 500 --service checkout")
    calls(emulator, "bookmarks.add", count=4, wait_s=15)
    channel = eventually(lambda: incident_channel(emulator))
    marks = eventually(lambda: incident_channel(emulator).get("bookmarks")
                       if len(incident_channel(emulator).get("bookmarks", [])) >= 4 else None)
    assert [(b["title"], b["link"], b["type"]) for b in marks] == [
        ("Bridge", "https://zoom.us/j/5550100100", "link"),
        ("Runbook", "https://runbooks.example.com/checkout", "link"),
        ("Dashboard", "https://grafana.example.com/d/checkout", "link"),
        ("Logs", "https://logs.example.com/app/checkout", "link"),
    ], marks
    intro = next(m for m in channel["messages"] if "*Stage:*" in m["text"])
    assert "*Bridge:* https://zoom.us/j/5550100100" in intro["text"], intro["text"]


def test_an_incident_without_bridge_or_service_has_no_bookmarks(emulator, daemon):
    declare(emulator, "S2 Something looks odd")
    channel = eventually(lambda: incident_channel(emulator))
    assert not channel.get("bookmarks"), channel.get("bookmarks")
    assert not emulator.control("calls?method=bookmarks.add")["calls"]
