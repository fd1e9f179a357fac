"""HTTP-mode delivery (protocols.md §2.3): POSTs a slash command, interaction or event to the
app's URL, signed with the v0 scheme, and reports what the app answered. Faults: clock skew,
a wrong signature, no signature, Events API retry headers. Targets must be on loopback."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import aiohttp

from . import payloads

if TYPE_CHECKING:
    from .emulator import Emulator

KINDS = ("slash_command", "interactive", "event", "url_verification")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _check_target(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise payloads.PayloadError("url must be an http(s) URL")
    try:
        loopback = parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:  # a host name: only localhost is known to stay on this machine
        loopback = False
    if not loopback:
        raise payloads.PayloadError("the emulator only delivers to loopback addresses")


def _body(emu: "Emulator", spec: dict[str, Any]) -> tuple[bytes, str, dict[str, Any]]:
    """(raw body, content type, meta) for the requested kind."""
    kind = spec.get("kind")
    if kind == "slash_command":
        fields, meta = payloads.slash_command(emu, str(spec.get("command", "")),
                                              str(spec.get("text", "")),
                                              str(spec.get("user", "")),
                                              str(spec.get("channel", "")))
        return urlencode(fields).encode(), "application/x-www-form-urlencoded", meta
    if kind == "interactive":
        payload, meta = payloads.interactive(emu, spec)
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return body, "application/x-www-form-urlencoded", meta
    if kind == "event":
        payload, meta = payloads.event_callback(emu, dict(spec.get("event") or {}),
                                                spec.get("event_id"))
        return json.dumps(payload).encode(), "application/json", meta
    if kind == "url_verification":
        challenge = str(spec.get("challenge", "emulator-challenge"))
        payload = {"token": emu.settings.verification_token, "challenge": challenge,
                   "type": "url_verification"}
        return json.dumps(payload).encode(), "application/json", {"challenge": challenge}
    raise payloads.PayloadError(f"kind must be one of {KINDS}")


async def deliver(emu: "Emulator", spec: dict[str, Any]) -> dict[str, Any]:
    url = str(spec.get("url", ""))
    _check_target(url)
    body, content_type, meta = _body(emu, spec)
    timestamp = str(int(time.time() + float(spec.get("clock_skew_s", 0))))
    secret = str(spec.get("signing_secret") or emu.settings.signing_secret)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
               "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
    if not spec.get("omit_signature"):
        signature = sign(secret, timestamp, body)
        if spec.get("bad_signature"):
            signature = "v0=" + "0" * 64
        headers["X-Slack-Signature"] = signature
    if spec.get("retry_num") is not None:
        headers["X-Slack-Retry-Num"] = str(spec["retry_num"])
        headers["X-Slack-Retry-Reason"] = str(spec.get("retry_reason", "http_timeout"))

    timeout_s = float(spec.get("timeout_s", emu.settings.http_delivery_timeout_s))
    started = time.monotonic()
    result: dict[str, Any] = {"meta": meta, "request": {"headers": headers,
                                                        "body": body.decode()}}
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s)) as http:
            async with http.post(url, data=body, headers=headers) as response:
                text = await response.text(errors="replace")
                result.update(status=response.status, body=text,
                              content_type=response.headers.get("Content-Type"))
    except (aiohttp.ClientError, TimeoutError, OSError) as e:
        result.update(status=None, error=type(e).__name__ or "timeout")
    result["elapsed_ms"] = round((time.monotonic() - started) * 1000, 1)
    result["timed_out"] = result.get("error") in ("TimeoutError", "ServerTimeoutError")
    if spec.get("kind") in ("slash_command", "interactive") and result.get("status") != 200:
        # What the user would see: a timeout, or Slack's error for a failed dispatch.
        emu.operation_timeouts.add({
            "time": time.time(), "transport": "http", "type": spec.get("kind"), "url": url,
            "error": "operation_timeout" if result["timed_out"] else "dispatch_failed",
            "status": result.get("status"), "command": spec.get("command"),
            "text": spec.get("text"), "user": spec.get("user"), "channel": spec.get("channel"),
            "envelope_id": None})
    emu.http_deliveries.add(result | {"url": url, "kind": spec.get("kind")})
    return result
