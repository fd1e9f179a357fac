"""The Opsgenie emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from . import alert_api, control, schedules
from .emulator import OpsgenieEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--api-key", action="append",
                   help="accepted GenieKey (repeatable; default og-api-key-test)")
    p.add_argument("--process-delay", type=float,
                   help="seconds before an accepted request is processed (default 0.05)")
    p.add_argument("--no-rate-limits", action="store_true",
                   help="count requests per domain but never answer 429")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.api_key:
        changes["api_keys"] = args.api_key
    if args.process_delay is not None:
        changes["process_delay_s"] = args.process_delay
    if args.no_rate_limits:
        changes["rate_limits_enabled"] = False
    return changes


def _add_routes(router: web.UrlDispatcher, emu: OpsgenieEmulator) -> None:
    alert_api.add_routes(router, emu)
    schedules.add_routes(router, emu)
    control.add_routes(router, emu)


SPEC = serve.EmulatorSpec(
    name="opsgenie", description="Opsgenie emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=OpsgenieEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
