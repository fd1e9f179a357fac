"""The status.io emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from ..common.control import add_lister
from . import api
from .emulator import StatusioEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--api-id", help="the accepted API id (default statusio-test-id)")
    p.add_argument("--api-key", help="the accepted API key (default statusio-test-key)")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if args.api_id:
        out["api_id"] = args.api_id
    if args.api_key:
        out["api_key"] = args.api_key
    return out


def _add_routes(router: web.UrlDispatcher, emu: StatusioEmulator) -> None:
    api.add_routes(router, emu)
    add_lister(router, emu, "incidents",
               lambda: [{**i.to_api(emu), "seq": i.seq, "active": i.active}
                        for i in emu.incidents])
    add_lister(router, emu, "components", emu.infrastructure)


SPEC = serve.EmulatorSpec(
    name="statusio", description="status.io emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=StatusioEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
