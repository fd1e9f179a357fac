"""The REST API v2 transport (protocols.md §5.2): `Authorization: Token token=…`, the versioned
Accept header, the `ratelimit-*` headers on every answer, the error envelope
`{"error": {"message", "code", "errors"}}`, repeated-key array parameters (`ids[]=a&ids[]=b`),
the `From` requester, and limit/offset pagination."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web

from ..common.rate_window import WindowState
from ..common.times import parse_iso
from .account import User

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

ACCEPT = "application/vnd.pagerduty+json;version=2"
# The code and message PagerDuty puts in the envelope for each status (14-Errors.md).
STANDARD_ERRORS = {400: (2001, "Invalid Input Provided"), 401: (2006, "Authentication failed"),
                   403: (2010, "Access Denied"), 404: (2100, "Not Found"),
                   429: (2020, "Rate Limit Exceeded")}
Handler = Callable[[web.Request], Awaitable[web.Response]]


class RestError(Exception):
    """Raised by a handler; the endpoint wrapper turns it into the error envelope."""

    def __init__(self, status: int, errors: list[str] | None = None, code: int | None = None,
                 message: str | None = None) -> None:
        default_code, default_message = STANDARD_ERRORS.get(status, (2000, "Error"))
        super().__init__(message or default_message)
        self.status, self.code = status, code or default_code
        self.message, self.errors = message or default_message, errors or []


def error_response(status: int, errors: list[str] | None = None, code: int | None = None,
                   message: str | None = None,
                   headers: dict[str, str] | None = None) -> web.Response:
    e = RestError(status, errors, code, message)
    return json_response({"error": {"message": e.message, "code": e.code, "errors": e.errors}},
                         status, headers)


def json_response(body: dict[str, Any], status: int = 200,
                  headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(text=json.dumps(body, separators=(",", ":")), status=status,
                        headers=headers, content_type="application/json")


def ratelimit_headers(limit: int, remaining: int, reset_s: int) -> dict[str, str]:
    return {"ratelimit-limit": str(limit), "ratelimit-remaining": str(max(0, remaining)),
            "ratelimit-reset": str(reset_s)}


def throttled(limit: int, reset_s: int, *, body: bool = True,
              headers: bool = True) -> web.Response:
    """429; PagerDuty sends no Retry-After, and sometimes neither the body nor the headers."""
    extra = ratelimit_headers(limit, 0, reset_s) if headers else None
    if body:
        return json_response({"error": {"message": "Rate Limit Exceeded", "code": 2020}}, 429,
                             extra)
    return web.Response(status=429, headers=extra)


def endpoint(emu: "PagerDutyEmulator", handler: Handler) -> Handler:
    """Wraps a REST handler in the checks every REST call gets, in this order: token, Accept,
    rate limit; then adds the ratelimit-* headers to whatever the handler answered."""

    async def run(request: web.Request) -> web.Response:
        s = emu.settings
        token = _token(request)
        if token is None or token not in s.api_tokens:
            return error_response(401)
        if s.require_accept_header and not _accepts_v2(request.headers.get("Accept", "")):
            return error_response(406, [f"Accept must be {ACCEPT}"], code=2001,
                                  message="Not Acceptable")
        window: WindowState = emu.windows.take(("rest", token), s.rest_per_minute, 60.0)
        if not window.allowed and s.rate_limits_enabled:
            return throttled(window.limit, window.reset_s)
        try:
            response = await handler(request)
        except RestError as e:
            response = error_response(e.status, e.errors, e.code, e.message)
        response.headers.update(ratelimit_headers(window.limit, window.remaining,
                                                  window.reset_s))
        return response
    return run


def _token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, rest = header.strip().partition(" ")
    key, _, value = rest.strip().partition("=")
    if scheme != "Token" or key != "token" or not value:
        return None
    return value


def _accepts_v2(accept: str) -> bool:
    wanted = ACCEPT.replace(" ", "")
    return any(part.replace(" ", "").lower() == wanted for part in accept.split(","))


def requester(emu: "PagerDutyEmulator", request: web.Request) -> User | None:
    """The `From` user that writes need: 400 2003 when absent, 1008 when unknown."""
    email = request.headers.get("From", "").strip()
    if not email:
        raise RestError(400, ["The From header is required for this request"], code=2003,
                        message="Missing Arguments")
    user = emu.account.user_by_email(email)
    if user is None and emu.settings.from_must_be_known_user:
        raise RestError(400, [f"No user with email {email}"], code=1008,
                        message="Requester User Not Found")
    return user


async def json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.read())
    except ValueError:
        raise RestError(400, ["The request body is not valid JSON"]) from None
    if not isinstance(body, dict):
        raise RestError(400, ["The request body must be a JSON object"])
    return body


def array_param(request: web.Request, name: str) -> list[str]:
    """`name[]` repeated keys, as PagerDuty takes arrays."""
    return request.query.getall(f"{name}[]", [])


def time_param(request: web.Request, name: str) -> datetime | None:
    value = request.query.get(name)
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise RestError(400, [f"{name} is not an ISO 8601 date-time"]) from None


def paginated(request: web.Request, key: str, items: list[Any]) -> dict[str, Any]:
    """{key: page, limit, offset, more, total}; total is null unless `total=true`."""
    try:
        limit = min(100, max(1, int(request.query.get("limit", 25))))
        offset = max(0, int(request.query.get("offset", 0)))
    except ValueError:
        raise RestError(400, ["limit and offset must be integers"]) from None
    page = items[offset:offset + limit]
    total = len(items) if request.query.get("total") == "true" else None
    return {key: page, "limit": limit, "offset": offset,
            "more": offset + len(page) < len(items), "total": total}
