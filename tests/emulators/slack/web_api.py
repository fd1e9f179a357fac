"""`/api/<method>`: the Web API front door. Order of checks, as Slack applies them: method
known, POST where required, body readable, faults, token, rate limit, required arguments,
then the handler. Every call is recorded for the tests, token values redacted."""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import time
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import transport
from .faults import FaultPlan, FaultRule
from .methods import METHODS, ApiError, Call, Method, check_required

if TYPE_CHECKING:
    from .emulator import Emulator

_HTML_BODY = ("<html><head><title>{status} Error</title></head><body><h1>{status} {reason}</h1>"
              "<p>The server is temporarily unable to service your request.</p></body></html>")


class _Answer:
    """What to send back; `fault` names the rule that produced it, if any."""

    def __init__(self, body: dict[str, Any], status: int = 200,
                 headers: dict[str, str] | None = None, fault: FaultRule | None = None) -> None:
        self.body, self.status, self.headers, self.fault = body, status, headers or {}, fault
        self.delay_ms = 0
        self.plan = FaultPlan()  # every rule that fired, for the record


def add_routes(router: web.UrlDispatcher, emu: "Emulator") -> None:
    async def handle(request: web.Request) -> web.StreamResponse:
        return await _handle(request, emu)
    router.add_route("*", "/api/{method}", handle)


async def _handle(request: web.Request, emu: "Emulator") -> web.StreamResponse:
    started = time.monotonic()
    name = request.match_info["method"]
    record: dict[str, Any] = {
        "time": time.time(), "method": name, "http_method": request.method,
        "content_type": request.headers.get("Content-Type"),
        "headers": _redacted_headers(request), "args": {}, "query": _redacted_query(request),
    }
    answer = await _answer(request, emu, name, record)
    action = answer.fault.action if answer.fault is not None else None
    record.update(status=answer.status, ok=answer.body.get("ok"), error=answer.body.get("error"),
                  response={"reset": True} if action == "reset" else answer.body,
                  fault=answer.plan.rule_id(), faults=[r.id for r in answer.plan.fired],
                  delay_ms=answer.delay_ms,
                  elapsed_ms=round((time.monotonic() - started) * 1000, 1))
    emu.calls.add(record)
    if answer.delay_ms:
        # The call has already taken effect; only the answer is late. A client that times out
        # and retries therefore makes a duplicate, as it would against Slack.
        await asyncio.sleep(answer.delay_ms / 1000)
    if action == "http_error":
        html = _HTML_BODY.format(status=answer.status, reason=_phrase(answer.status))
        return web.Response(status=answer.status, text=html, content_type="text/html")
    if action == "reset":
        return await _reset_mid_response(request, answer.body)
    return web.json_response(answer.body, status=answer.status, headers=answer.headers,
                             dumps=lambda v: json.dumps(v, separators=(",", ":")))


async def _answer(request: web.Request, emu: "Emulator", name: str,
                  record: dict[str, Any]) -> _Answer:
    method = METHODS.get(name)
    if method is None:
        return _Answer({"ok": False, "error": "unknown_method", "req_method": name})
    if method.post_only and request.method != "POST":
        return _Answer({"ok": False, "error": "insecure_request"})
    try:
        parsed = await transport.parse(request, method.json_body)
    except ApiError as e:
        return _Answer({"ok": False, "error": e.error, **e.extra})
    record.update(args=parsed.args, body_format=parsed.body_format,
                  token_source=parsed.token_source, ignored_json_body=parsed.ignored_json)

    plan = emu.faults.plan(name, parsed.args)
    if plan.outcome is not None:
        answer = _fault_answer(plan.outcome)
    else:
        answer = _call(emu, method, parsed, plan, record)
    answer.delay_ms = plan.delay_ms
    answer.plan = plan
    return answer


def _call(emu: "Emulator", method: Method, parsed: transport.ParsedRequest, plan: FaultPlan,
          record: dict[str, Any]) -> _Answer:
    warnings = parsed.warnings + plan.warnings
    try:
        kind = _authenticate(emu, method, parsed)
        record["token_kind"] = kind
        retry_after = emu.limiter.check(method.name, method.tier,
                                        _text(parsed.args.get("channel")))
        if retry_after is not None:
            return _Answer({"ok": False, "error": "ratelimited"}, 429,
                           {"Retry-After": str(retry_after)})
        call = Call(emu, method.name, parsed.args, kind, warnings)
        check_required(method, call)
        body = {"ok": True, **method.handler(call)}
    except ApiError as e:
        body = {"ok": False, "error": e.error, **e.extra}
    emu.signal.fire()  # the workspace may have changed
    return _Answer(_with_warnings(body, warnings))


def _authenticate(emu: "Emulator", method: Method, parsed: transport.ParsedRequest) -> str:
    if parsed.header_malformed:
        raise ApiError("invalid_auth")
    token = parsed.token
    if method.header_token_only and parsed.token_source != "header":
        token = None
    if not token:
        raise ApiError("not_authed")
    kind = emu.token_kind(token)
    if kind is None:
        raise ApiError("invalid_auth")
    if kind not in method.token_kinds:
        raise ApiError("not_allowed_token_type")
    return kind


def _fault_answer(rule: FaultRule) -> _Answer:
    if rule.action == "ratelimit":
        return _Answer({"ok": False, "error": "ratelimited"}, 429,
                       {"Retry-After": str(rule.retry_after)}, rule)
    if rule.action == "error":
        return _Answer({"ok": False, "error": rule.error}, 200, fault=rule)
    if rule.action == "http_error":
        return _Answer({"ok": False, "error": f"http_{rule.status}"}, rule.status, fault=rule)
    return _Answer({"ok": False, "error": "fatal_error"}, 200, fault=rule)  # reset


def _with_warnings(body: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    if warnings:
        unique = list(dict.fromkeys(warnings))
        body["warning"] = ",".join(unique)
        meta = body.setdefault("response_metadata", {})
        meta["warnings"] = meta.get("warnings", []) + unique
    return body


async def _reset_mid_response(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
    """Sends the headers and half the body, then a TCP reset (SO_LINGER 0, no FIN)."""
    payload = json.dumps(body).encode()
    response = web.StreamResponse(status=200)
    response.content_type = "application/json"
    response.content_length = len(payload)
    await response.prepare(request)
    await response.write(payload[: len(payload) // 2])
    await asyncio.sleep(0.05)  # let the partial body leave before the reset discards buffers
    abort_with_reset(request.transport)
    return response


def abort_with_reset(transport: Any) -> None:
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    transport.abort()


def _redacted_headers(request: web.Request) -> dict[str, str]:
    headers = dict(request.headers)
    if "Authorization" in headers:
        scheme = headers["Authorization"].split(" ", 1)[0]
        headers["Authorization"] = f"{scheme} <redacted>"
    return headers


def _redacted_query(request: web.Request) -> dict[str, str]:
    return {k: ("<redacted>" if k == "token" else v) for k, v in request.query.items()}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
