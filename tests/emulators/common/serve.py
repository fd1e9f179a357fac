"""Start-up shared by the pager emulators: the common command-line options, the loopback-only
rule (anything else exits 2), the aiohttp app with recording and the generic control routes,
the single `LISTENING <port>` line on stdout once ready, and a clean stop on SIGTERM/SIGINT.
Logs go to stderr."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

from aiohttp import web

from . import control, recording
from .emulator import EmulatorBase
from .settings import SettingsBase


@dataclass(frozen=True)
class EmulatorSpec:
    name: str  # "pagerduty": the module is tests.emulators.<name>
    description: str
    new_settings: Callable[[], SettingsBase]
    add_arguments: Callable[[argparse.ArgumentParser], None]
    settings_from_args: Callable[[argparse.Namespace], dict[str, Any]]
    new_emulator: Callable[[Any], EmulatorBase]
    add_routes: Callable[[web.UrlDispatcher, Any], None]  # the vendor API and control routes


def main(spec: EmulatorSpec, argv: list[str] | None = None) -> int:
    args = _parse_args(spec, argv)
    logging.basicConfig(stream=sys.stderr, level=args.log_level.upper(),
                        format=f"{spec.name}-emulator %(levelname)s %(name)s: %(message)s")
    if not is_loopback(args.host):
        print(f"refusing to listen on {args.host}: loopback only", file=sys.stderr)
        return 2
    settings = spec.new_settings()
    try:
        changes = json.loads(args.settings) if args.settings else {}
        settings.update({**changes, **spec.settings_from_args(args)})
    except (ValueError, TypeError) as e:
        print(f"bad settings: {e}", file=sys.stderr)
        return 2
    asyncio.run(_serve(spec, args, settings))
    return 0


def build_app(spec: EmulatorSpec, emu: EmulatorBase) -> web.Application:
    # Bodies past the vendors' own size limits must still arrive, so the emulator can refuse them
    app = web.Application(client_max_size=8 << 20, middlewares=[recording.middleware(emu)])
    control.add_common_routes(app.router, emu)
    spec.add_routes(app.router, emu)

    async def going_away(_: web.Application) -> None:
        emu.cancel_tasks()

    app.on_shutdown.append(going_away)
    return app


def _parse_args(spec: EmulatorSpec, argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog=f"python3 -m tests.emulators.{spec.name}",
                                description=spec.description)
    p.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--state-file", help="write {port, base_url, pid, started} here (JSON) "
                   "once listening")
    p.add_argument("--settings", help="JSON object of settings (see GET /_control/settings)")
    p.add_argument("--log-level", default="WARNING")
    spec.add_arguments(p)
    return p.parse_args(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def write_atomically(path: str, data: Any) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, default=str)
    os.replace(tmp, path)


async def listen(app: web.Application, emu: Any, args: argparse.Namespace) -> web.AppRunner:
    """Serves `app` on args.host/args.port, records the bound port on `emu`, writes the state
    file and prints the one `LISTENING <port>` line the harnesses wait for."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, args.host, args.port, shutdown_timeout=1.0)
    await site.start()
    server = site._server  # aiohttp has no public accessor for the bound port
    emu.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    if args.state_file:
        write_atomically(args.state_file, {"port": emu.port, "base_url": emu.base_url,
                                           "pid": os.getpid(), "started": time.time()})
    print(f"LISTENING {emu.port}", flush=True)
    return runner


async def until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def _serve(spec: EmulatorSpec, args: argparse.Namespace, settings: SettingsBase) -> None:
    emu = spec.new_emulator(settings)
    emu.host = args.host
    runner = await listen(build_app(spec, emu), emu, args)
    await until_signalled()
    await runner.cleanup()
