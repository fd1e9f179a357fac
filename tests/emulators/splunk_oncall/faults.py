"""Splunk On-Call's fault actions on top of the generic delay and reset (common.faults):

  http_error  `status` (429, 500, 502, 503, ...) with a text/plain body, as from a load
              balancer: clients must not assume JSON. Splunk On-Call documents no rate limit
              for the REST endpoint, so a 429 exists only when a test asks for it here.
  failure     200 `{"result":"failure","message":<message>}`: the alert is not taken.
"""

from __future__ import annotations

from http import HTTPStatus

from aiohttp import web

from ..common.faults import FaultAction, FaultRule

ENDPOINTS = ("alert",)
ACTIONS = (
    FaultAction("http_error", {"status": 503}),
    FaultAction("failure", {"message": "Alert could not be processed"}),
)


def response_for(rule: FaultRule) -> web.Response | None:
    if rule.action == "http_error":
        status = rule.params["status"]
        return web.Response(status=status, text=f"{status} {_phrase(status)}")
    if rule.action == "failure":
        return web.json_response({"result": "failure", "message": rule.params["message"]})
    return None


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
