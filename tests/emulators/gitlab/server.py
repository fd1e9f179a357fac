"""The GitLab emulator's command line and routes; start-up itself is common.serve."""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web

from ..common import serve
from ..common.control import add_lister
from . import api
from .emulator import GitLabEmulator
from .settings import Settings


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--token", action="append",
                   help="accepted access token (repeatable; default glpat-siren-test-token)")


def _settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    return {"tokens": args.token} if args.token else {}


def _add_routes(router: web.UrlDispatcher, emu: GitLabEmulator) -> None:
    api.add_routes(router, emu)
    add_lister(router, emu, "issues", lambda: [i.to_api(emu.base_url) for i in emu.issues])


SPEC = serve.EmulatorSpec(
    name="gitlab", description="GitLab issues emulator for siren's e2e tests",
    new_settings=Settings, add_arguments=_add_arguments, settings_from_args=_settings_from_args,
    new_emulator=GitLabEmulator, add_routes=_add_routes)


def main(argv: list[str] | None = None) -> int:
    return serve.main(SPEC, argv)
