"""The Alert API: `POST /v2/alerts`, `POST /v2/alerts/{identifier}/acknowledge|close`
(202, processed after `process_delay_s`), `GET /v2/alerts/requests/{id}` (404 with
`X-Opsgenie-Errortype: RequestNotProcessed` until then) and `GET /v2/alerts/{identifier}`.
`identifierType` is id (default), alias or tiny. Whether the alert exists is decided when the
request is processed, as with Opsgenie, so a missing alert shows as a failed request status."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Callable

from aiohttp import web

from ..common.faults import FaultRule
from ..common.times import now
from . import transport, validation, webhooks
from .alerts import ActionRequest, Alert
from .transport import ApiError

if TYPE_CHECKING:
    from .emulator import OpsgenieEmulator

ACCEPTED = {"result": "Request will be processed"}
IDENTIFIER_TYPES = ("id", "alias", "tiny")
NOT_PROCESSED = {"X-Opsgenie-Errortype": "RequestNotProcessed"}
# The request status each action reports. Only "Alert does not exist" is quoted from
# Opsgenie's documentation; the others are the emulator's.
DONE = {"Create": "Created alert", "Acknowledge": "Acknowledged alert", "Close": "Closed alert"}
FAILED = {"Create": "Could not create alert", "Acknowledge": "Alert does not exist",
          "Close": "Alert does not exist"}
Outcome = tuple[bool, str, Alert | None]  # (success, request status, the alert)


def add_routes(router: web.UrlDispatcher, emu: "OpsgenieEmulator") -> None:
    api = AlertApi(emu)
    routes: list[tuple[str, str, Any, str]] = [
        ("POST", "/v2/alerts", api.create, "alerts.create"),
        # before /v2/alerts/{identifier}, which would otherwise take "requests" as an alert
        ("GET", "/v2/alerts/requests/{id}", api.request_status, "requests.get"),
        ("POST", "/v2/alerts/{identifier}/acknowledge", api.acknowledge, "alerts.acknowledge"),
        ("POST", "/v2/alerts/{identifier}/close", api.close, "alerts.close"),
        ("GET", "/v2/alerts/{identifier}", api.get, "alerts.get"),
    ]
    for method, path, handler, name in routes:
        router.add_route(method, path, transport.endpoint(emu, "Alert", handler), name=name)


class AlertApi:
    def __init__(self, emu: "OpsgenieEmulator") -> None:
        self.emu = emu

    async def create(self, request: web.Request, request_id: str) -> tuple[int, dict[str, Any]]:
        body = await transport.json_body(request, required=True)
        errors = validation.create_errors(body)
        if errors:
            raise ApiError(422, errors=errors)
        self._accept(request, request_id, "Create", lambda: self._create(body))
        return 202, ACCEPTED

    def _create(self, body: dict[str, Any]) -> Outcome:
        alert, created = self.emu.desk.create(body)
        if created:
            webhooks.auto_send(self.emu, alert, "Create", body.get("user", ""),
                               body.get("source", ""))
        return True, DONE["Create"], alert

    async def acknowledge(self, request: web.Request,
                          request_id: str) -> tuple[int, dict[str, Any]]:
        return await self._alert_action(request, request_id, "Acknowledge")

    async def close(self, request: web.Request, request_id: str) -> tuple[int, dict[str, Any]]:
        return await self._alert_action(request, request_id, "Close")

    async def _alert_action(self, request: web.Request, request_id: str,
                            action: str) -> tuple[int, dict[str, Any]]:
        identifier = request.match_info["identifier"]
        kind = transport.choice(request, "identifierType", IDENTIFIER_TYPES, "id")
        body = await transport.json_body(request, required=False)
        errors = validation.action_errors(body)
        if errors:
            raise ApiError(422, errors=errors)
        user, source = body.get("user", ""), body.get("source", "")

        def apply() -> Outcome:
            desk = self.emu.desk
            alert = desk.find(identifier, kind)
            if alert is None:
                return False, FAILED[action], None
            changed = desk.acknowledge(alert, user) if action == "Acknowledge" \
                else desk.close(alert, user)
            if changed:
                webhooks.auto_send(self.emu, alert, action, user, source)
            return True, DONE[action], alert

        self._accept(request, request_id, action, apply)
        return 202, ACCEPTED

    def _accept(self, request: web.Request, request_id: str, action: str,
                apply: Callable[[], Outcome]) -> None:
        """Records the request as not processed and processes it after the delay."""
        pending = ActionRequest(request_id, action, now())
        fault: FaultRule | None = request.get("fault")
        if fault is not None and fault.action == "stuck":
            pending.unprocessed_polls = fault.params["polls"]
        self.emu.desk.requests[request_id] = pending
        failure = None
        if fault is not None and fault.action == "fail":
            failure = fault.params["status_text"] or FAILED[action]
        self.emu.spawn(self._process_later(pending, apply, failure))

    async def _process_later(self, pending: ActionRequest, apply: Callable[[], Outcome],
                             failure: str | None) -> None:
        await asyncio.sleep(self.emu.settings.process_delay_s)
        if failure is not None:  # a `fail` fault: the request fails and changes nothing
            pending.finish(False, failure, None)
        else:
            pending.finish(*apply())
        self.emu.signal.fire()

    async def request_status(self, request: web.Request,
                             request_id: str) -> tuple[int, dict[str, Any]]:
        pending = self.emu.desk.requests.get(request.match_info["id"])
        if pending is None:
            raise ApiError(404, "Request does not exist")
        pending.polls += 1
        if pending.processed_at is None or pending.unprocessed_polls > 0:
            pending.unprocessed_polls = max(0, pending.unprocessed_polls - 1)
            raise ApiError(404, "Request not processed yet", headers=NOT_PROCESSED)
        return 200, {"data": pending.to_api(self.emu.settings.integration_id)}

    async def get(self, request: web.Request, request_id: str) -> tuple[int, dict[str, Any]]:
        identifier = request.match_info["identifier"]
        kind = transport.choice(request, "identifierType", IDENTIFIER_TYPES, "id")
        alert = self.emu.desk.find(identifier, kind)
        if alert is None:
            raise ApiError(404, "Alert does not exist")
        s = self.emu.settings
        integration = {"id": s.integration_id, "name": s.integration_name, "type": "API"}
        return 200, {"data": alert.to_api(integration)}
