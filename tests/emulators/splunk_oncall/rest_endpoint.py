"""`POST /integrations/generic/20131114/alert/{api_key}/{routing_key}`, the REST endpoint
integration (protocols.md §8): the API key and routing key are in the URL (no auth header),
the body is one JSON alert. Checked, in order: the API key, JSON, `message_type` (one of
CRITICAL, WARNING, INFO, ACKNOWLEDGEMENT, RECOVERY), `entity_id` (a string when given; a
missing one gets a random id, as Splunk On-Call assigns), `state_start_time` and `timestamp`
(epoch seconds when given).

- 200 `{"result":"success","entity_id":"…"}`
- 400 `{"result":"failure","message":"…"}` for a body it cannot take (the emulator's wording)
- unknown API key: `unknown_key_status` (404 by default) `{"result":"failure","message":…}`
  (undocumented; see README.md)
"""

from __future__ import annotations

import json
import time
import uuid
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .settings import MESSAGE_TYPES

if TYPE_CHECKING:
    from .emulator import SplunkOnCallEmulator

PATH = "/integrations/generic/20131114/alert/{api_key}/{routing_key}"


def failure(message: str, status: int) -> web.Response:
    return web.json_response({"result": "failure", "message": message}, status=status)


def add_routes(router: web.UrlDispatcher, emu: "SplunkOnCallEmulator") -> None:
    async def alert(request: web.Request) -> web.Response:
        return await _alert(emu, request)
    router.add_post(PATH, alert, name="alert")


def problems(alert: Any) -> list[str]:
    if not isinstance(alert, dict):
        return ["the alert must be a JSON object"]
    out = []
    if alert.get("message_type") not in MESSAGE_TYPES:
        out.append("message_type must be one of " + ", ".join(MESSAGE_TYPES))
    if "entity_id" in alert and (not isinstance(alert["entity_id"], str)
                                 or not alert["entity_id"]):
        out.append("entity_id must be a non-empty string")
    for key in ("state_start_time", "timestamp"):
        if key in alert and (isinstance(alert[key], bool)
                             or not isinstance(alert[key], (int, float))):
            out.append(f"{key} must be epoch seconds")
    return out


async def _alert(emu: "SplunkOnCallEmulator", request: web.Request) -> web.Response:
    s = emu.settings
    api_key, routing_key = request.match_info["api_key"], request.match_info["routing_key"]
    if api_key not in s.api_keys:
        return failure("Invalid API key", s.unknown_key_status)
    try:
        alert = json.loads(await request.read())
    except ValueError:
        return failure("The request body is not valid JSON", 400)
    wrong = problems(alert)
    if wrong:
        return failure("; ".join(wrong), 400)
    alert.setdefault("entity_id", str(uuid.uuid4()))
    routed_to = routing_key if not s.routing_keys or routing_key in s.routing_keys else None
    outcome, incident = emu.timeline.take(alert, routing_key, routed_to)
    emu.alerts.add({"time": time.time(), "routing_key": routing_key, "routed_to": routed_to,
                    "entity_id": alert["entity_id"], "message_type": alert["message_type"],
                    "outcome": outcome,
                    "incident": incident.number if incident is not None else None})
    return web.json_response({"result": "success", "entity_id": alert["entity_id"]})
