"""Opsgenie's fault actions (protocols.md §6.1 and Appendix A) on top of the generic delay and
reset:

  ratelimit   429 with X-RateLimit-State: THROTTLED, X-RateLimit-Reason: <the domain> and
              X-RateLimit-Period-In-Sec: <period_s>; `times: N` makes a burst of N
  http_error  `status` (401, 422, 500, 503, ...) with the standard error body; a 422 names
              `message` in `errors`, as for an over-long message
  stuck       create/acknowledge/close: the request's status answers RequestNotProcessed for
              the first `polls` polls, even once processed
  fail        create/acknowledge/close: the request is processed as failed (isSuccess false,
              status `status_text`, default "Alert does not exist" / "Could not create
              alert") and changes nothing
"""

from __future__ import annotations

import time
import uuid

from aiohttp import web

from ..common.faults import FaultAction, FaultRule
from .transport import STATE_THROTTLED, ApiError, error_response, throttled

ENDPOINTS = ("alerts.create", "alerts.acknowledge", "alerts.close", "alerts.get",
             "requests.get", "schedules.oncalls")
_ASYNC = frozenset({"alerts.create", "alerts.acknowledge", "alerts.close"})
ACTIONS = (
    FaultAction("ratelimit", {"period_s": 60}),
    FaultAction("http_error", {"status": 503}),
    FaultAction("stuck", {"polls": 3}, _ASYNC),
    FaultAction("fail", {"status_text": ""}, _ASYNC),
)
_TOO_LONG = {"message": "Message can not be longer than 130 characters."}


def response_for(rule: FaultRule, endpoint: str) -> web.Response | None:
    started, request_id = time.monotonic(), str(uuid.uuid4())
    if rule.action == "ratelimit":
        domain = "Schedule-oncalls" if endpoint == "schedules.oncalls" else "Alert"
        return error_response(throttled(domain, rule.params["period_s"]), request_id, started,
                              STATE_THROTTLED)
    if rule.action == "http_error":
        status = rule.params["status"]
        error = ApiError(status, errors=_TOO_LONG if status == 422 else None)
        return error_response(error, request_id, started)
    return None  # stuck, fail: the Alert API applies them while processing
