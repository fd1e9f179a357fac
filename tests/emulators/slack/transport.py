"""Web API transport rules (protocols.md §3.1): where arguments and the token come from.

Arguments: query string, then the body (form or JSON) on top. Token: the Authorization
Bearer header, or a `token` form/query field (never a JSON field: JSON requires the header)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from .methods import ApiError


@dataclass
class ParsedRequest:
    args: dict[str, Any]
    body_format: str  # "none" | "form" | "json" | "multipart"
    token: str | None
    token_source: str | None  # "header" | "form" | "query"
    header_malformed: bool = False
    warnings: list[str] = field(default_factory=list)
    ignored_json: bool = False


async def parse(request: web.Request, json_allowed: bool) -> ParsedRequest:
    """Raises ApiError for bodies Slack would refuse (invalid_json, invalid_form_data, ...)."""
    query = dict(request.query)
    body_args, body_format, warnings = await _body(request)
    ignored_json = body_format == "json" and not json_allowed
    args: dict[str, Any] = dict(query)
    if not ignored_json:
        args.update(body_args)

    token, source, malformed = _header_token(request)
    if token is None and not malformed:
        if body_format in ("form", "multipart") and isinstance(body_args.get("token"), str):
            token, source = body_args["token"], "form"
        elif isinstance(query.get("token"), str):
            token, source = query["token"], "query"
    args.pop("token", None)
    return ParsedRequest(args, body_format, token or None, source if token else None,
                         malformed, warnings, ignored_json)


def _header_token(request: web.Request) -> tuple[str | None, str | None, bool]:
    header = request.headers.get("Authorization")
    if header is None:
        return None, None, False
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None, None, True
    return value.strip(), "header", False


async def _body(request: web.Request) -> tuple[dict[str, Any], str, list[str]]:
    if request.method in ("GET", "HEAD"):
        return {}, "none", []
    ctype = request.content_type  # mime type without parameters; octet-stream when absent
    if ctype == "multipart/form-data":  # read through post(), which needs the unread stream
        try:
            form = await request.post()
        except Exception:
            raise ApiError("invalid_form_data") from None
        return {k: v for k, v in form.items() if isinstance(v, str)}, "multipart", []
    raw = await request.read()
    if not raw.strip():
        return {}, "none", []
    if ctype == "application/json":
        return _json_body(raw), "json", [] if request.charset else ["missing_charset"]
    if ctype == "application/x-www-form-urlencoded":
        return _form_body(raw), "form", ["superfluous_charset"] if request.charset else []
    has_ctype = "Content-Type" in request.headers
    raise ApiError("invalid_post_type" if has_ctype else "missing_post_type")


def _json_body(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_json") from None
    if not isinstance(value, dict):
        raise ApiError("invalid_json")
    return value


def _form_body(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_form_data") from None
    return dict(pairs)
