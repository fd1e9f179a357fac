"""The middleware in front of every vendor endpoint: it records each request and its answer
(`GET /_control/requests`), applies the fault rules, and turns an emulator bug into a 500
with the traceback instead of a hang. Control routes (`/_control/...`) are neither recorded
nor faulted."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import struct
import time
import traceback
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web

from .faults import FaultRule, as_text

if TYPE_CHECKING:
    from .emulator import EmulatorBase

log = logging.getLogger("emulator")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def middleware(emu: "EmulatorBase") -> Any:
    @web.middleware
    async def handle(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/_control/"):
            return await _run(handler, request)
        return await _recorded(emu, request, handler)
    return handle


async def _recorded(emu: "EmulatorBase", request: web.Request,
                    handler: Handler) -> web.StreamResponse:
    started = time.monotonic()
    raw = await request.read()
    endpoint = request.match_info.route.name or "unmatched"
    record: dict[str, Any] = {
        "time": time.time(), "endpoint": endpoint, "method": request.method,
        "path": request.path, "query": {k: request.query.getall(k) for k in request.query},
        "headers": _redacted_headers(request), "body": _decoded(raw),
    }
    plan = emu.faults.plan(endpoint, request_fields(request, raw))
    rule = plan.outcome
    if rule is not None and rule.action == "reset" and not rule.params["after_processing"]:
        return await _reset(emu, request, record, started, rule, plan.delay_s)

    response = None
    if rule is not None and rule.action != "reset":
        response = emu.fault_response(rule, request)
        if response is None:
            request["fault"] = rule  # the handler applies it while processing
    if response is None:
        response = await _run(handler, request)
    if rule is not None and rule.action == "reset":
        return await _reset(emu, request, record, started, rule, plan.delay_s)

    record.update(status=response.status, response=_decoded(getattr(response, "body", None)),
                  fault=rule.id if rule is not None else None, delay_s=plan.delay_s,
                  reset=False, elapsed_ms=_elapsed_ms(started))
    emu.requests.add(record)
    if plan.delay_s:
        # Recorded and applied already: only the answer is late, as from a slow server.
        await asyncio.sleep(plan.delay_s)
    return response


async def _reset(emu: "EmulatorBase", request: web.Request, record: dict[str, Any],
                 started: float, rule: FaultRule, delay_s: float) -> web.StreamResponse:
    record.update(status=None, response=None, fault=rule.id, delay_s=delay_s, reset=True,
                  elapsed_ms=_elapsed_ms(started))
    emu.requests.add(record)
    if delay_s:
        await asyncio.sleep(delay_s)
    abort_with_reset(request.transport)
    # Nothing reaches the client: aiohttp finds the transport closed and drops this.
    return web.Response(status=500)


def abort_with_reset(transport: Any) -> None:
    """Closes with a TCP RST (SO_LINGER 0), not a FIN: what a crashed proxy looks like."""
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    transport.abort()


async def _run(handler: Handler, request: web.Request) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as e:  # aiohttp's own 404/405 for unknown routes
        headers = {"Allow": e.headers["Allow"]} if "Allow" in e.headers else None
        return web.Response(status=e.status, text=e.text or e.reason, headers=headers)
    except (asyncio.CancelledError, ConnectionError):
        raise
    except Exception:
        detail = traceback.format_exc()
        log.error("emulator bug on %s %s\n%s", request.method, request.path, detail)
        return web.json_response({"emulator_bug": detail}, status=500)


def request_fields(request: web.Request, raw: bytes) -> dict[str, str]:
    """What fault rules `match` on: query values, path parameters, and JSON body values
    (nested objects flattened with dots: `payload.severity`, `incident.status`)."""
    fields = {k: v for k, v in request.query.items()}
    fields.update(request.match_info)
    body = _decoded(raw)
    if isinstance(body, dict):
        _flatten(body, "", fields)
    return fields


def _flatten(obj: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in obj.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", out)
        elif not isinstance(value, list):
            out[f"{prefix}{key}"] = as_text(value)


def _decoded(raw: bytes | None) -> Any:
    """JSON when it parses, else the text; None for an empty body."""
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


# Credentials sent as headers of their own (status.io's API id and key), case-insensitive.
SECRET_HEADERS = frozenset({"x-api-id", "x-api-key"})


def _redacted_headers(request: web.Request) -> dict[str, str]:
    headers = dict(request.headers)
    if "Authorization" in headers:
        scheme = headers["Authorization"].split(" ", 1)[0]
        headers["Authorization"] = f"{scheme} <redacted>"
    for name in headers:
        if name.lower() in SECRET_HEADERS:
            headers[name] = "<redacted>"
    return headers


def _elapsed_ms(started: float) -> float:
    return round((time.monotonic() - started) * 1000, 1)
