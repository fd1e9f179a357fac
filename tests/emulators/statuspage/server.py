"""The Statuspage emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from ..common.control import add_lister
from . import api
from .emulator import StatuspageEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--api-key", action="append",
                   help="accepted API key (repeatable; default statuspage-test-key)")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    return {"api_keys": args.api_key} if args.api_key else {}


def _add_routes(router: web.UrlDispatcher, emu: StatuspageEmulator) -> None:
    api.add_routes(router, emu)
    add_lister(router, emu, "incidents",
               lambda: [{**i.to_api(emu), "seq": i.seq} for i in emu.incidents])
    add_lister(router, emu, "components",
               lambda: [c.to_api(emu.settings.page_id) for c in emu.components])


SPEC = serve.EmulatorSpec(
    name="statuspage", description="Atlassian Statuspage emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=StatuspageEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
