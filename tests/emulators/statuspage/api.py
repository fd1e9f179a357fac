"""Statuspage's incidents REST API v1 as siren uses it (developer.statuspage.io):

  POST  /v1/pages/{page_id}/incidents                 create ({"incident": {name, status, ...}})
  GET   /v1/pages/{page_id}/incidents/unresolved      the open incidents, newest first
  GET   /v1/pages/{page_id}/incidents/{incident_id}   one incident
  PATCH /v1/pages/{page_id}/incidents/{incident_id}   update (status, body, components, ...)
  GET   /v1/pages/{page_id}/components                the page's components

Authentication is checked before anything else: `Authorization: OAuth <api key>`, else 401
{"error": "Could not authenticate"}. An unknown page or incident is 404 {"error": "Not found"}.
Validation failures are 422 {"error": ["<message>", ...]}; a body that is not a JSON object
holding `incident` is 400. Requests past the rate limit are 429 with Retry-After."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .emulator import COMPONENT_STATUSES, INCIDENT_STATUSES, Update, now_iso, throttled

if TYPE_CHECKING:
    from .emulator import Incident, StatuspageEmulator

MAX_NAME = 255
INCIDENT_FIELDS = ("name", "status", "body", "component_ids", "components", "impact_override",
                   "deliver_notifications", "metadata", "auto_tweet_at_beginning",
                   "auto_tweet_on_creation", "backfilled", "backfill_date")


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status, self.body = status, body


def invalid(*messages: str) -> ApiError:
    return ApiError(422, {"error": list(messages)})


def add_routes(router: web.UrlDispatcher, emu: "StatuspageEmulator") -> None:
    api = IncidentsApi(emu)
    base = "/v1/pages/{page_id}"
    router.add_post(base + "/incidents", api.guard(api.create), name="incidents.create")
    router.add_get(base + "/incidents/unresolved", api.guard(api.unresolved),
                   name="incidents.unresolved")
    router.add_get(base + "/incidents/{incident_id}", api.guard(api.get), name="incidents.get")
    router.add_patch(base + "/incidents/{incident_id}", api.guard(api.update),
                     name="incidents.update")
    router.add_get(base + "/components", api.guard(api.components), name="components.list")


class IncidentsApi:
    def __init__(self, emu: "StatuspageEmulator") -> None:
        self.emu = emu

    def guard(self, handler: Any) -> Any:
        async def run(request: web.Request) -> web.StreamResponse:
            try:
                key = self.authenticate(request)
                limit = self.emu.settings.requests_per_minute
                if limit and not self.emu.windows.take(key, limit, 60.0).allowed:
                    return throttled(self.emu.settings.retry_after_s)
                if request.match_info["page_id"] != self.emu.settings.page_id:
                    raise ApiError(404, {"error": "Not found"})
                return await handler(request)
            except ApiError as e:
                return web.json_response(e.body, status=e.status)
        return run

    def authenticate(self, request: web.Request) -> str:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme != "OAuth" or key not in self.emu.settings.api_keys:
            raise ApiError(401, {"error": "Could not authenticate"})
        return key

    async def fields(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise ApiError(415, {"error": "Content-Type must be application/json"})
        try:
            body = json.loads(await request.read())
        except ValueError:
            raise ApiError(400, {"error": "The request body is not valid JSON"}) from None
        incident = body.get("incident") if isinstance(body, dict) else None
        if not isinstance(incident, dict) or not incident:
            raise ApiError(400, {"error": "param is missing or the value is empty: incident"})
        unknown = [k for k in incident if k not in INCIDENT_FIELDS]
        if unknown:
            raise ApiError(400, {"error": f"found unpermitted parameter: {unknown[0]}"})
        return incident

    def incident(self, request: web.Request) -> "Incident":
        wanted = request.match_info["incident_id"]
        for i in self.emu.incidents:
            if i.id == wanted:
                return i
        raise ApiError(404, {"error": "Not found"})

    def check(self, f: dict[str, Any], creating: bool) -> None:
        errors: list[str] = []
        if creating or "name" in f:
            name = f.get("name")
            if not isinstance(name, str) or not name.strip():
                errors.append("Name can't be blank")
            elif len(name) > MAX_NAME:
                errors.append(f"Name is too long (maximum is {MAX_NAME} characters)")
        if "status" in f and f["status"] not in INCIDENT_STATUSES:
            errors.append("Status is not included in the list")
        if "body" in f and not isinstance(f["body"], str):
            errors.append("Body must be a string")
        ids = f.get("component_ids", [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            errors.append("Component ids must be a list of component ids")
        elif any(self.emu.component(i) is None for i in ids):
            errors.append("Component ids contains an unknown component")
        components = f.get("components", {})
        if not isinstance(components, dict):
            errors.append("Components must map component ids to statuses")
        else:
            for ident, status in components.items():
                if self.emu.component(ident) is None:
                    errors.append(f"Component {ident} was not found")
                elif status not in COMPONENT_STATUSES:
                    errors.append(f"Component status {status} is not included in the list")
        if errors:
            raise invalid(*errors)

    def apply(self, incident: "Incident", f: dict[str, Any]) -> None:
        affected = []
        for ident in f.get("component_ids", []):
            if ident not in incident.component_ids:
                incident.component_ids.append(ident)
        for ident, status in f.get("components", {}).items():
            c = self.emu.component(ident)
            assert c is not None  # checked
            if ident not in incident.component_ids:
                incident.component_ids.append(ident)
            affected.append({"code": ident, "name": c.name, "old_status": c.status,
                             "new_status": status})
            c.status, c.updated_at = status, now_iso()
        status = f.get("status", incident.status)
        if "body" in f or status != incident.status or affected:
            incident.updates.append(Update(id=self.emu.new_id(), status=status,
                                           body=f.get("body", ""), affected_components=affected))
        if "name" in f:
            incident.name = f["name"]
        incident.status = status
        incident.resolved_at = now_iso() if status == "resolved" else None
        incident.updated_at = now_iso()
        self.emu.signal.fire()

    async def create(self, request: web.Request) -> web.Response:
        f = await self.fields(request)
        self.check(f, creating=True)
        incident = self.emu.new_incident(f["name"])
        self.apply(incident, {**f, "status": f.get("status", "investigating")})
        return web.json_response(incident.to_api(self.emu), status=201)

    async def unresolved(self, request: web.Request) -> web.Response:
        found = [i for i in self.emu.incidents if i.status != "resolved"]
        found.sort(key=lambda i: i.seq, reverse=True)
        return web.json_response([i.to_api(self.emu) for i in found])

    async def get(self, request: web.Request) -> web.Response:
        return web.json_response(self.incident(request).to_api(self.emu))

    async def update(self, request: web.Request) -> web.Response:
        incident = self.incident(request)
        f = await self.fields(request)
        self.check(f, creating=False)
        self.apply(incident, f)
        return web.json_response(incident.to_api(self.emu))

    async def components(self, request: web.Request) -> web.Response:
        page = self.emu.settings.page_id
        return web.json_response([c.to_api(page) for c in self.emu.components])
