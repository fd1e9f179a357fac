"""Splunk On-Call's half of the control API (the generic half is common.control):
`GET /_control/incidents` and `GET /_control/alerts`, with the common list conventions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from ..common.control import add_lister

if TYPE_CHECKING:
    from .emulator import SplunkOnCallEmulator


def add_routes(router: web.UrlDispatcher, emu: "SplunkOnCallEmulator") -> None:
    add_lister(router, emu, "incidents", lambda: [i.snapshot() for i in emu.timeline.incidents])
    add_lister(router, emu, "alerts", lambda: emu.alerts.entries())
