"""The Jira emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from ..common.control import add_lister
from . import api
from .emulator import JiraEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--account", action="append",
                   help="accepted basic-auth pair email:token (repeatable; default "
                        "siren@example.com:jira-api-token-test)")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    return {"accounts": args.account} if args.account else {}


def _add_routes(router: web.UrlDispatcher, emu: JiraEmulator) -> None:
    api.add_routes(router, emu)
    add_lister(router, emu, "issues", lambda: [i.flat() for i in emu.issues])


SPEC = serve.EmulatorSpec(
    name="jira", description="Jira Cloud issues emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=JiraEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
