"""apps.connections.open: hands out a single-use Socket Mode URL."""

from __future__ import annotations

from typing import Any

from .common import Call


def connections_open(call: Call) -> dict[str, Any]:
    return {"url": call.emu.sockets.open_ticket(debug_reconnects=call.flag("debug_reconnects"))}
