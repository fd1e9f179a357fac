"""Outgoing webhook POSTs (PagerDuty v3, Opsgenie webhook integration): sends a body to a
loopback URL and reports what the receiver answered, or why nothing came back."""

from __future__ import annotations

import ipaddress
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp


def check_loopback_url(url: str) -> None:
    """Raises ValueError unless `url` is http(s) on this machine: tests never call out."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("url must be an http(s) URL")
    try:
        loopback = ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:  # a host name: only localhost is known to stay on this machine
        loopback = parts.hostname == "localhost"
    if not loopback:
        raise ValueError("the emulator only delivers to loopback addresses")


async def post(url: str, body: bytes, headers: dict[str, str], timeout_s: float) -> dict[str, Any]:
    """{status, body, elapsed_ms, error, timed_out}; status is None when nothing came back."""
    started = time.monotonic()
    result: dict[str, Any] = {"status": None, "body": None, "error": None}
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s)) as http:
            async with http.post(url, data=body, headers=headers) as response:
                result.update(status=response.status,
                              body=await response.text(errors="replace"))
    except (aiohttp.ClientError, TimeoutError, OSError) as e:
        result["error"] = type(e).__name__
    result["elapsed_ms"] = round((time.monotonic() - started) * 1000, 1)
    result["timed_out"] = result["error"] in ("TimeoutError", "ServerTimeoutError")
    return result
