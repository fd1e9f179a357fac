"""The PagerDuty emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from . import control, events_api, incidents_api, oncall_api
from .emulator import PagerDutyEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--routing-key", action="append",
                   help="accepted Events API routing key, 32 characters (repeatable; default "
                        "0123456789abcdef0123456789abcdef)")
    p.add_argument("--api-token", action="append",
                   help="accepted REST API token (repeatable; default pd-api-token-test)")
    p.add_argument("--no-rate-limits", action="store_true",
                   help="count requests for the ratelimit-* headers but never answer 429")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.routing_key:
        changes["routing_keys"] = args.routing_key
    if args.api_token:
        changes["api_tokens"] = args.api_token
    if args.no_rate_limits:
        changes["rate_limits_enabled"] = False
    return changes


def _add_routes(router: web.UrlDispatcher, emu: PagerDutyEmulator) -> None:
    events_api.add_routes(router, emu)
    incidents_api.add_routes(router, emu)
    oncall_api.add_routes(router, emu)
    control.add_routes(router, emu)


SPEC = serve.EmulatorSpec(
    name="pagerduty", description="PagerDuty emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=PagerDutyEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
