"""The Opsgenie API transport (protocols.md §6): `Authorization: GenieKey <key>`, the
response envelope (`took`, `requestId`) and headers (`X-Request-ID`, `X-Response-Time`,
`X-RateLimit-State`), the standard error body `{"message", "took", "requestId", "errors"?}`,
and the token-bucket-like limits per request domain (429 with `X-RateLimit-*`)."""

from __future__ import annotations

import json
import time
import uuid
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web

if TYPE_CHECKING:
    from .emulator import OpsgenieEmulator

# Opsgenie's wording for these (the 401 and 422 ones are seen in the wild; others the
# emulator's own).
MESSAGES = {400: "Could not parse request body", 401: "Could not authenticate",
            404: "Not found", 422: "Request body is not processable. Please check the errors.",
            429: "Too many requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}
# What the emulator says in X-RateLimit-State; THROTTLED on a 429 is assumed (Appendix B).
STATE_OK, STATE_THROTTLED = "OK", "THROTTLED"

Handler = Callable[[web.Request, str], Awaitable[tuple[int, dict[str, Any]]]]


class ApiError(Exception):
    def __init__(self, status: int, message: str | None = None,
                 errors: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message or MESSAGES.get(status, "Error"))
        self.status, self.errors, self.headers = status, errors, headers or {}


def respond(status: int, body: dict[str, Any], request_id: str, started: float,
            headers: dict[str, str] | None = None,
            rate_state: str = STATE_OK) -> web.Response:
    took = round(max(time.monotonic() - started, 0.001), 3)
    all_headers = {"X-Request-ID": request_id, "X-Response-Time": f"{took:.3f}",
                   "X-RateLimit-State": rate_state, **(headers or {})}
    return web.Response(text=json.dumps({**body, "took": took, "requestId": request_id}),
                        status=status, headers=all_headers, content_type="application/json")


def error_response(e: ApiError, request_id: str, started: float,
                   rate_state: str = STATE_OK) -> web.Response:
    body: dict[str, Any] = {"message": str(e)}
    if e.errors:
        body["errors"] = e.errors
    return respond(e.status, body, request_id, started, e.headers, rate_state)


def throttled(domain: str, period_s: int) -> ApiError:
    return ApiError(429, headers={"X-RateLimit-Reason": domain,
                                  "X-RateLimit-Period-In-Sec": str(period_s)})


def endpoint(emu: "OpsgenieEmulator", domain: str, handler: Handler) -> Any:
    """Wraps a handler (request, request_id) -> (status, body) with, in order: the GenieKey
    check, the domain's rate limits, then the envelope and headers."""

    async def run(request: web.Request) -> web.Response:
        started, request_id = time.monotonic(), str(uuid.uuid4())
        try:
            if _api_key(request) not in emu.settings.api_keys:
                raise ApiError(401)
            _take_rate_limit(emu, domain)
            status, body = await handler(request, request_id)
        except ApiError as e:
            state = STATE_THROTTLED if e.status == 429 else STATE_OK
            return error_response(e, request_id, started, state)
        return respond(status, body, request_id, started)
    return run


def _api_key(request: web.Request) -> str | None:
    scheme, _, key = request.headers.get("Authorization", "").strip().partition(" ")
    return key.strip() if scheme == "GenieKey" and key.strip() else None


def _take_rate_limit(emu: "OpsgenieEmulator", domain: str) -> None:
    """Both windows count every request; the first one over its limit answers 429."""
    limits = emu.settings.rate_limits[domain]
    for period_s, limit in ((1, limits["per_second"]), (60, limits["per_minute"])):
        state = emu.windows.take((domain, period_s), limit, float(period_s))
        if not state.allowed and emu.settings.rate_limits_enabled:
            raise throttled(domain, period_s)


async def json_body(request: web.Request, required: bool) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip() and not required:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiError(400) from None
    if not isinstance(body, dict):
        raise ApiError(400)
    return body


def choice(request: web.Request, name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.query.get(name, default)
    if value not in allowed:
        raise ApiError(422, errors={name: f"must be one of {', '.join(allowed)}"})
    return value
