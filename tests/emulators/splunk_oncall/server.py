"""The Splunk On-Call emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from . import control, rest_endpoint
from .emulator import SplunkOnCallEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--api-key", action="append",
                   help="accepted REST endpoint API key (repeatable; default "
                        "5ec2e7a1-0c6b-4a4e-9d53-a11ce0ffee42)")
    p.add_argument("--routing-key", action="append",
                   help="routing key set up in the account (repeatable; default: any)")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.api_key:
        changes["api_keys"] = args.api_key
    if args.routing_key:
        changes["routing_keys"] = args.routing_key
    return changes


def _add_routes(router: web.UrlDispatcher, emu: SplunkOnCallEmulator) -> None:
    rest_endpoint.add_routes(router, emu)
    control.add_routes(router, emu)


SPEC = serve.EmulatorSpec(
    name="splunk_oncall", description="Splunk On-Call emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=SplunkOnCallEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
