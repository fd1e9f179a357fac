"""`POST /v2/enqueue`, the Events API v2 (protocols.md §5.1): validate the event, apply it to
the alert table with the dedup rules, answer 202 `{"status":"success",...,"dedup_key"}` or
400 `{"status":"invalid event","message":"Event object is invalid","errors":[...]}`.

Only the routing_key length message is PagerDuty's exact wording (seen in Alertmanager's
tests); the other error strings are the emulator's own."""

from __future__ import annotations

import json
import time
import uuid
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import webhooks

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

ACTIONS = ("trigger", "acknowledge", "resolve")
SEVERITIES = ("critical", "error", "warning", "info")
MAX_EVENT_BYTES = 512 * 1024
MAX_SUMMARY, MAX_DEDUP_KEY = 1024, 255
# PagerDuty's Events 429 body is not documented (Appendix B): this is one seen in the wild.
THROTTLED_BODY = {"status": "throttle event",
                  "message": "Requests for this service are arriving too quickly. "
                             "Please retry later."}


def invalid_event(errors: list[str]) -> web.Response:
    return web.json_response({"status": "invalid event", "message": "Event object is invalid",
                              "errors": errors}, status=400)


def throttled_event(body: bool = True) -> web.Response:
    return web.json_response(THROTTLED_BODY, status=429) if body else web.Response(status=429)


def validate(event: Any, known_keys: list[str]) -> list[str]:
    if not isinstance(event, dict):
        return ["Event object must be a JSON object"]
    errors = []
    key = event.get("routing_key")
    if not isinstance(key, str) or not key:
        errors.append("'routing_key' is missing or blank")
    elif len(key) != 32:
        errors.append("Length of 'routing_key' is incorrect (should be 32 characters)")
    elif key not in known_keys:
        errors.append("'routing_key' is not a known integration key")
    action = event.get("event_action")
    if action not in ACTIONS:
        errors.append("'event_action' must be one of trigger, acknowledge, resolve")
    dedup_key = event.get("dedup_key")
    if dedup_key is not None and (not isinstance(dedup_key, str) or len(dedup_key) > MAX_DEDUP_KEY):
        errors.append(f"'dedup_key' must be a string of at most {MAX_DEDUP_KEY} characters")
    if action in ("acknowledge", "resolve") and not dedup_key:
        errors.append(f"'dedup_key' is required to {action} an alert")
    if action == "trigger":
        errors += _payload_errors(event.get("payload"))
        errors += _link_errors(event)
    return errors


def _payload_errors(payload: Any) -> list[str]:
    if not isinstance(payload, dict):
        return ["'payload' is required for a trigger and must be an object"]
    errors = []
    summary = payload.get("summary")
    if not isinstance(summary, str) or not summary:
        errors.append("'payload.summary' is missing or blank")
    elif len(summary) > MAX_SUMMARY:
        errors.append(f"'payload.summary' is longer than {MAX_SUMMARY} characters")
    if not isinstance(payload.get("source"), str) or not payload["source"]:
        errors.append("'payload.source' is missing or blank")
    if payload.get("severity") not in SEVERITIES:
        errors.append("'payload.severity' must be one of critical, error, warning, info")
    details = payload.get("custom_details")
    if details is not None and not isinstance(details, dict):
        errors.append("'payload.custom_details' must be an object")
    return errors


def _link_errors(event: dict[str, Any]) -> list[str]:
    errors = []
    images, links = event.get("images", []), event.get("links", [])
    if not isinstance(images, list) or not all(
            isinstance(i, dict) and str(i.get("src", "")).startswith("https://") for i in images):
        errors.append("'images' entries need an https 'src'")
    if not isinstance(links, list) or not all(isinstance(li, dict) and li.get("href")
                                              for li in links):
        errors.append("'links' entries need an 'href'")
    return errors


def add_routes(router: web.UrlDispatcher, emu: "PagerDutyEmulator") -> None:
    async def enqueue(request: web.Request) -> web.Response:
        return await _enqueue(emu, request)
    router.add_post("/v2/enqueue", enqueue, name="enqueue")


async def _enqueue(emu: "PagerDutyEmulator", request: web.Request) -> web.Response:
    raw = await request.read()
    if len(raw) > MAX_EVENT_BYTES:
        return invalid_event(["Event object is larger than 512 KB"])
    try:
        event = json.loads(raw)
    except ValueError:
        return invalid_event(["Event object is not valid JSON"])
    errors = validate(event, emu.settings.routing_keys)
    if errors:
        return invalid_event(errors)

    routing_key, action = event["routing_key"], event["event_action"]
    s = emu.settings
    window = emu.windows.take(("events", routing_key), s.events_per_minute, 60.0)
    if not window.allowed and s.rate_limits_enabled:
        return throttled_event()

    dedup_key = event.get("dedup_key") or uuid.uuid4().hex
    fault = request.get("fault")
    if fault is not None:  # other_dedup_key: the alert lives under the key we answer with
        dedup_key = fault.params["dedup_key"] or uuid.uuid4().hex
    outcome, incident = _apply(emu, routing_key, dedup_key, action, event)
    emu.events.add({"time": time.time(), "routing_key": routing_key, "dedup_key": dedup_key,
                    "sent_dedup_key": event.get("dedup_key"), "event_action": action,
                    "outcome": outcome, "incident_id": incident.id if incident else None})
    return web.json_response({"status": "success", "message": "Event processed",
                              "dedup_key": dedup_key}, status=202)


def _apply(emu: "PagerDutyEmulator", routing_key: str, dedup_key: str, action: str,
           event: dict[str, Any]) -> tuple[str, Any]:
    """(outcome, incident): created | deduplicated | acknowledged | resolved | unchanged |
    dropped (no open alert for the key: still a 202, as PagerDuty answers)."""
    account = emu.account
    if action == "trigger":
        alert, created = account.trigger(routing_key, dedup_key, event["payload"])
        if created:
            webhooks.auto_send(emu, alert.incident, "incident.triggered",
                               webhooks.service_agent(emu, alert.incident))
        return ("created" if created else "deduplicated"), alert.incident
    alert = account.open_alert(routing_key, dedup_key)
    if alert is None:
        return "dropped", None
    status = "acknowledged" if action == "acknowledge" else "resolved"
    agent = webhooks.service_agent(emu, alert.incident)
    if not account.set_status(alert.incident, status, agent):
        return "unchanged", alert.incident
    webhooks.auto_send(emu, alert.incident, f"incident.{status}", agent)
    return status, alert.incident
