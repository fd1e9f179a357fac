"""PagerDuty's fault actions (protocols.md §5.3 and Appendix A) on top of the generic delay and
reset, and the answers they produce on each surface:

  ratelimit        429. Events: a JSON body unless `body: false`. REST: the 2020 envelope
                   unless `body: false`, and ratelimit-* headers with `ratelimit-reset:
                   <reset_s>` unless `headers: false`. Never a Retry-After.
  invalid          400. Events: the invalid-event body with `message` as the error. REST: the
                   envelope, code 2001, with `message` (if any) in `errors`.
  http_error       `status`. REST 4xx: the envelope with that status's code (401 → 2006,
                   403 → 2010, 404 → 2100, ...). 5xx anywhere, and Events 4xx: a text/plain
                   body, as from a load balancer, so clients must not assume JSON.
  other_dedup_key  Events only: 202 with `dedup_key` (or a fresh one) instead of the key sent;
                   the alert is stored under the answered key, which a client must keep.
"""

from __future__ import annotations

from http import HTTPStatus

from aiohttp import web

from ..common.faults import FaultAction, FaultRule
from . import rest
from .events_api import invalid_event, throttled_event

ENDPOINTS = ("enqueue", "oncalls", "escalation_policies", "incidents.list", "incidents.get",
             "incidents.create", "incidents.update", "users.get")
ACTIONS = (
    FaultAction("ratelimit", {"body": True, "headers": True, "reset_s": 1}),
    FaultAction("invalid", {"message": ""}),
    FaultAction("http_error", {"status": 503}),
    FaultAction("other_dedup_key", {"dedup_key": ""}, frozenset({"enqueue"})),
)


def response_for(rule: FaultRule, endpoint: str, rest_limit: int) -> web.Response | None:
    p = rule.params
    events = endpoint == "enqueue"
    if rule.action == "ratelimit":
        if events:
            return throttled_event(p["body"])
        return rest.throttled(rest_limit, p["reset_s"], body=p["body"], headers=p["headers"])
    if rule.action == "invalid":
        if events:
            return invalid_event([p["message"] or "Event object is invalid"])
        return rest.error_response(400, [p["message"]] if p["message"] else None)
    if rule.action == "http_error":
        status = p["status"]
        if status < 500 and not events:
            return rest.error_response(status)
        return web.Response(status=status, text=f"{status} {_phrase(status)}")
    return None  # other_dedup_key: the Events handler applies it


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
