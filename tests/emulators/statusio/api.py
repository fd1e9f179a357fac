"""status.io's incident REST API v2 as siren uses it (the official client libraries:
statusio-go, statusio-python, statusio-ruby, statusio-node):

  GET  /v2/incident/list/{statuspage_id}   {"active_incidents": [...], "resolved_incidents": [...]}
  POST /v2/incident/create                 statuspage_id, incident_name, incident_details,
                                           infrastructure_affected, current_status,
                                           current_state, ... -> the new incident's id
  POST /v2/incident/update                 statuspage_id, incident_id, incident_details,
                                           current_status, current_state, ... -> true
  POST /v2/incident/resolve                statuspage_id, incident_id, incident_details, ...
                                           -> true

Every answer is {"status": {"error": "no"|"yes", "message": ...}, "result": ...}. The `x-api-id`
and `x-api-key` headers are checked before anything else (401); then the rate limit (429), the
status page (404), the body (400 for what is malformed or missing). What status.io refuses
although the request is well formed (an unknown incident, a change to a resolved one) is
"error": "yes" with HTTP 200."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .emulator import (OPERATIONAL, STATES, STATUSES, Message, answer, now_iso, refusal,
                       throttled)

if TYPE_CHECKING:
    from .emulator import Incident, StatusioEmulator

MAX_NAME = 255
NOTIFY = ("notify_email", "notify_sms", "notify_webhook", "social", "irc", "hipchat", "slack",
          "msteams")
MESSAGE_FIELDS = ("statuspage_id", "incident_details", "current_status", "current_state",
                  "message_subject", *NOTIFY)
CREATE_FIELDS = (*MESSAGE_FIELDS, "incident_name", "infrastructure_affected",
                 "all_infrastructure_affected")
CHANGE_FIELDS = (*MESSAGE_FIELDS, "incident_id")


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def add_routes(router: web.UrlDispatcher, emu: "StatusioEmulator") -> None:
    api = IncidentsApi(emu)
    router.add_get("/v2/incident/list/{statuspage_id}", api.guard(api.list),
                   name="incident.list")
    router.add_post("/v2/incident/create", api.guard(api.create), name="incident.create")
    router.add_post("/v2/incident/update", api.guard(api.update), name="incident.update")
    router.add_post("/v2/incident/resolve", api.guard(api.resolve), name="incident.resolve")


def _flag(f: dict[str, Any], key: str) -> None:
    if key in f and f[key] not in ("0", "1", 0, 1):
        raise ApiError(f"{key} must be \"0\" or \"1\"")


def _text(f: dict[str, Any], key: str, required: bool) -> None:
    value = f.get(key)
    if value is None:
        if required:
            raise ApiError(f"Missing required field: {key}")
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise ApiError(f"{key} must be non-empty text")


def _code(f: dict[str, Any], key: str, codes: dict[int, str], required: bool) -> None:
    value = f.get(key)
    if value is None:
        if required:
            raise ApiError(f"Missing required field: {key}")
        return
    if isinstance(value, bool) or not isinstance(value, int) or value not in codes:
        raise ApiError(f"Invalid {key}: {value!r} (one of {', '.join(map(str, codes))})")


class IncidentsApi:
    def __init__(self, emu: "StatusioEmulator") -> None:
        self.emu = emu

    def guard(self, handler: Any) -> Any:
        async def run(request: web.Request) -> web.StreamResponse:
            s = self.emu.settings
            if (request.headers.get("x-api-id") != s.api_id
                    or request.headers.get("x-api-key") != s.api_key):
                return refusal("Unauthorized", 401)
            limit = s.requests_per_minute
            if limit and not self.emu.windows.take(s.api_id, limit, 60.0).allowed:
                return throttled(s.retry_after_s)
            try:
                return await handler(request)
            except ApiError as e:
                return refusal(e.message, e.status)
        return run

    def page(self, statuspage_id: Any) -> None:
        if statuspage_id != self.emu.settings.statuspage_id:
            raise ApiError("Status page not found", 404)

    async def fields(self, request: web.Request, known: tuple[str, ...]) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise ApiError("Content-Type must be application/json")
        try:
            body = json.loads(await request.read())
        except ValueError:
            raise ApiError("The request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ApiError("The request body must be a JSON object")
        unknown = [k for k in body if k not in known]
        if unknown:
            raise ApiError(f"Unknown field: {unknown[0]}")
        self.page(body.get("statuspage_id"))
        _text(body, "incident_details", required=True)
        _text(body, "message_subject", required=False)
        for key in NOTIFY:
            _flag(body, key)
        return body

    def open_incident(self, f: dict[str, Any]) -> Incident:
        incident = self.emu.incident(f.get("incident_id"))
        if incident is None:
            raise ApiError("Incident not found", 200)
        if not incident.active:
            # The client libraries offer no reopen: a resolved incident takes no more messages.
            raise ApiError("Incident has already been resolved", 200)
        return incident

    def infrastructure(self, f: dict[str, Any]) -> list[tuple[str, str]]:
        _flag(f, "all_infrastructure_affected")
        if str(f.get("all_infrastructure_affected", "0")) == "1":
            return list(self.emu.statuses)
        combos = f.get("infrastructure_affected", [])
        if not isinstance(combos, list) or not all(isinstance(c, str) for c in combos):
            raise ApiError("infrastructure_affected must be a list of "
                           "\"<component id>-<container id>\"")
        out = []
        for combo in combos:
            component, _, container = combo.partition("-")
            if (component, container) not in self.emu.statuses:
                raise ApiError(f"Invalid infrastructure_affected: {combo}")
            out.append((component, container))
        return out

    def post(self, incident: Incident, f: dict[str, Any], status: int, state: int) -> None:
        for combo in incident.infrastructure:
            self.emu.statuses[combo] = status
        incident.messages.append(Message(
            id=self.emu.new_id(), details=f["incident_details"], state=state, status=status,
            components=sorted({c for c, _ in incident.infrastructure}),
            containers=sorted({k for _, k in incident.infrastructure})))
        self.emu.signal.fire()

    async def list(self, request: web.Request) -> web.Response:
        self.page(request.match_info["statuspage_id"])
        emu = self.emu
        newest_first = sorted(emu.incidents, key=lambda i: i.seq, reverse=True)
        return answer({
            "active_incidents": [i.to_api(emu) for i in newest_first if i.active],
            "resolved_incidents": [i.to_api(emu) for i in newest_first if not i.active]})

    async def create(self, request: web.Request) -> web.Response:
        f = await self.fields(request, CREATE_FIELDS)
        _text(f, "incident_name", required=True)
        if len(f["incident_name"]) > MAX_NAME:
            raise ApiError(f"incident_name is longer than {MAX_NAME} characters")
        _code(f, "current_status", STATUSES, required=True)
        _code(f, "current_state", STATES, required=True)
        infrastructure = self.infrastructure(f)
        incident = self.emu.new_incident(f["incident_name"], infrastructure)
        self.post(incident, f, f["current_status"], f["current_state"])
        return answer(incident.id)

    async def update(self, request: web.Request) -> web.Response:
        f = await self.fields(request, CHANGE_FIELDS)
        _code(f, "current_status", STATUSES, required=True)
        _code(f, "current_state", STATES, required=True)
        incident = self.open_incident(f)
        self.post(incident, f, f["current_status"], f["current_state"])
        return answer(True)

    async def resolve(self, request: web.Request) -> web.Response:
        f = await self.fields(request, CHANGE_FIELDS)
        # statusio-go sends neither on a resolve; the other libraries send both.
        _code(f, "current_status", STATUSES, required=False)
        _code(f, "current_state", STATES, required=False)
        incident = self.open_incident(f)
        self.post(incident, f, OPERATIONAL, f.get("current_state", 300))
        incident.datetime_closed = now_iso()
        self.emu.signal.fire()
        return answer(True)
