"""Assembles the aiohttp application and runs it: `main()` parses the command line, listens
on loopback, prints `LISTENING <port>` once ready and serves until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import traceback
from typing import Any, Awaitable, Callable

from aiohttp import web

from ..common.serve import is_loopback, listen, until_signalled, write_atomically
from . import web_api
from .control import Control
from .emulator import Emulator
from .methods import files
from .settings import Settings

log = logging.getLogger("slack-emulator")


def build_app(emu: Emulator) -> web.Application:
    app = web.Application(client_max_size=8 << 20, middlewares=[_bug_catcher(emu)])
    web_api.add_routes(app.router, emu)

    # Sockets and response_urls are rebuilt by reset(): look them up per request.
    async def link(request: web.Request) -> web.StreamResponse:
        return await emu.sockets.handle(request)

    async def response_url(request: web.Request) -> web.StreamResponse:
        return await emu.response_urls.handle(request)

    app.router.add_get("/link/", link)
    app.router.add_get("/link", link)
    async def upload(request: web.Request) -> web.StreamResponse:
        return await files.handle_upload(request, emu)

    app.router.add_post("/upload/v1/{key}", upload)
    app.router.add_post("/commands/{team}/{n}/{secret}", response_url)
    app.router.add_post("/actions/{team}/{n}/{secret}", response_url)
    Control(emu).add_routes(app.router)

    async def going_away(_: web.Application) -> None:
        emu.envelopes.cancel_all()
        await emu.sockets.close_all()

    app.on_shutdown.append(going_away)
    return app


def _bug_catcher(emu: Emulator) -> Callable[..., Awaitable[web.StreamResponse]]:
    """An emulator bug answers 500 with the traceback (and is logged) instead of hanging."""

    @web.middleware
    async def catch(request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            return await handler(request)
        except (web.HTTPException, asyncio.CancelledError, ConnectionError):
            raise
        except Exception:
            detail = traceback.format_exc()
            log.error("emulator bug on %s %s\n%s", request.method, request.path, detail)
            return web.json_response({"ok": False, "error": "emulator_bug", "detail": detail},
                                     status=500)
    return catch


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python3 -m tests.emulators.slack",
                                description="Slack emulator for siren's e2e tests")
    p.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--state-file", help="write {port, base_url, pid} here (JSON) once listening")
    p.add_argument("--dump-on-exit", help="write the final /_control/state JSON here on exit")
    p.add_argument("--bot-token", action="append", help="accepted bot token (repeatable)")
    p.add_argument("--app-token", action="append", help="accepted app token (repeatable)")
    p.add_argument("--signing-secret", help="v0 signing secret for HTTP-mode delivery")
    p.add_argument("--ack-deadline", type=float, help="seconds before an unacked envelope "
                   "times out (default 3)")
    p.add_argument("--redelivery-schedule", help="comma list of delays before each events_api "
                   "retry, e.g. 0,0,0 (default 0,60,300)")
    p.add_argument("--max-connections", type=int, help="Socket Mode connection cap (default 10)")
    p.add_argument("--no-rate-limits", action="store_true", help="turn the token buckets off")
    p.add_argument("--settings", help="JSON object of settings (see GET /_control/settings)")
    p.add_argument("--log-level", default="WARNING")
    return p.parse_args(argv)


def _settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings()
    changes: dict[str, Any] = json.loads(args.settings) if args.settings else {}
    if args.bot_token:
        changes["bot_tokens"] = args.bot_token
    if args.app_token:
        changes["app_tokens"] = args.app_token
    if args.signing_secret:
        changes["signing_secret"] = args.signing_secret
    if args.ack_deadline is not None:
        changes["ack_deadline_s"] = args.ack_deadline
    if args.redelivery_schedule is not None:
        changes["redelivery_schedule_s"] = [float(x) for x in args.redelivery_schedule.split(",")
                                            if x.strip()]
    if args.max_connections is not None:
        changes["max_connections"] = args.max_connections
    if args.no_rate_limits:
        changes["rate_limits_enabled"] = False
    settings.update(changes)
    return settings


async def _serve(args: argparse.Namespace, settings: Settings) -> None:
    emu = Emulator(settings)
    emu.host = args.host
    runner = await listen(build_app(emu), emu, args)
    await until_signalled()
    if args.dump_on_exit:
        write_atomically(args.dump_on_exit, {
            "workspace": emu.workspace.snapshot(), "views": emu.views.snapshot(),
            "calls": emu.calls.entries(), "acks": emu.acks.entries(),
            "operation_timeouts": emu.operation_timeouts.entries(),
            "envelopes": [e.to_json() for e in emu.envelopes.by_id.values()]})
    await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=args.log_level.upper(),
                        format="slack-emulator %(levelname)s %(name)s: %(message)s")
    if not is_loopback(args.host):
        print(f"refusing to listen on {args.host}: loopback only", file=sys.stderr)
        return 2
    try:
        settings = _settings_from(args)
    except (ValueError, TypeError) as e:
        print(f"bad settings: {e}", file=sys.stderr)
        return 2
    asyncio.run(_serve(args, settings))
    return 0
