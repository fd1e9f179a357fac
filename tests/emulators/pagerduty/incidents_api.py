"""REST incidents and users: `GET /incidents` (incident_key, statuses[], service_ids[]),
`GET /incidents/{id}`, `POST /incidents`, `PUT /incidents/{id}` (acknowledge or resolve; the
alert follows), `GET /users/{id}`. Writes need a `From` requester (rest.requester)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import rest, webhooks
from .account import Incident, User
from .rest import RestError

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

STATUSES = ("triggered", "acknowledged", "resolved")
URGENCIES = ("high", "low")


def add_routes(router: web.UrlDispatcher, emu: "PagerDutyEmulator") -> None:
    api = IncidentsApi(emu)
    routes = [("GET", "/incidents", api.list_incidents, "incidents.list"),
              ("POST", "/incidents", api.create_incident, "incidents.create"),
              ("GET", "/incidents/{id}", api.get_incident, "incidents.get"),
              ("PUT", "/incidents/{id}", api.update_incident, "incidents.update"),
              ("GET", "/users/{id}", api.get_user, "users.get")]
    for method, path, handler, name in routes:
        router.add_route(method, path, rest.endpoint(emu, handler), name=name)


class IncidentsApi:
    def __init__(self, emu: "PagerDutyEmulator") -> None:
        self.emu = emu

    def _incident(self, request: web.Request) -> Incident:
        incident = self.emu.account.incidents.get(request.match_info["id"])
        if incident is None:
            raise RestError(404, [f"Incident {request.match_info['id']} not found"])
        return incident

    def _agent(self, request: web.Request, user: User | None) -> dict[str, Any]:
        if user is not None:
            return webhooks.user_agent(self.emu, user)
        email = request.headers["From"].strip()  # unknown users allowed by the settings
        return webhooks.user_agent(self.emu, User(email, email, email))

    async def list_incidents(self, request: web.Request) -> web.Response:
        statuses = rest.array_param(request, "statuses")
        if set(statuses) - set(STATUSES):
            raise RestError(400, [f"statuses[] must be among {', '.join(STATUSES)}"])
        services = rest.array_param(request, "service_ids")
        key = request.query.get("incident_key")
        found = [i for i in self.emu.account.incidents.values()
                 if (key is None or i.incident_key == key)
                 and (not statuses or i.status in statuses)
                 and (not services or i.service["id"] in services)]
        base = self.emu.base_url
        return rest.json_response(rest.paginated(request, "incidents",
                                                 [i.to_api(base) for i in found]))

    async def get_incident(self, request: web.Request) -> web.Response:
        return rest.json_response({"incident": self._incident(request).to_api(self.emu.base_url)})

    async def update_incident(self, request: web.Request) -> web.Response:
        user = rest.requester(self.emu, request)
        incident = self._incident(request)
        spec = (await rest.json_body(request)).get("incident")
        if not isinstance(spec, dict) or spec.get("type") not in ("incident", "incident_reference"):
            raise RestError(400, ["incident must be an object of type incident_reference"])
        status = spec.get("status")
        if status not in ("acknowledged", "resolved"):
            raise RestError(400, ["incident.status must be acknowledged or resolved "
                                  "(the only changes the emulator makes)"])
        self._check_transition(incident, status)
        agent = self._agent(request, user)
        if self.emu.account.set_status(incident, status, agent):
            webhooks.auto_send(self.emu, incident, f"incident.{status}", agent)
        return rest.json_response({"incident": incident.to_api(self.emu.base_url)})

    def _check_transition(self, incident: Incident, status: str) -> None:
        strict = self.emu.settings.repeat_transition_errors
        if incident.status == "resolved" and (status == "acknowledged" or strict):
            raise RestError(400, ["Incident Already Resolved"], code=1001,
                            message="Incident Already Resolved")
        if strict and incident.status == status == "acknowledged":
            raise RestError(400, ["Incident Already Acknowledged"], code=1002,
                            message="Incident Already Acknowledged")

    async def create_incident(self, request: web.Request) -> web.Response:
        user = rest.requester(self.emu, request)
        spec = (await rest.json_body(request)).get("incident")
        if not isinstance(spec, dict) or spec.get("type") != "incident":
            raise RestError(400, ["incident must be an object of type incident"])
        title, service = spec.get("title"), spec.get("service")
        errors = []
        if not isinstance(title, str) or not title:
            errors.append("incident.title is required")
        if not isinstance(service, dict) or service.get("id") != self.emu.settings.service["id"]:
            errors.append("incident.service must reference the emulator's service")
        urgency = spec.get("urgency", "high")
        if urgency not in URGENCIES:
            errors.append("incident.urgency must be high or low")
        key = spec.get("incident_key")
        if key is not None and not isinstance(key, str):
            errors.append("incident.incident_key must be a string")
        if errors:
            raise RestError(400, errors)
        if key and any(i.status != "resolved" for i in self.emu.account.incidents_by_key(key)):
            raise RestError(400, ["Open incident with matching dedup key already exists on "
                                  "this service"])
        incident = self.emu.account.new_incident(title, key, None, urgency)
        webhooks.auto_send(self.emu, incident, "incident.triggered", self._agent(request, user))
        return rest.json_response({"incident": incident.to_api(self.emu.base_url)}, 201)

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.emu.account.user(request.match_info["id"])
        if user is None:
            raise RestError(404, [f"User {request.match_info['id']} not found"])
        return rest.json_response({"user": user.to_api(self.emu.base_url)})
