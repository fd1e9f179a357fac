"""PagerDuty's half of the control API (the generic half is common.control): fixtures,
model state, and webhooks on demand. README.md lists the shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..common.control import ControlError, add_lister, body_of, guarded, ok
from ..common.outgoing import check_loopback_url
from . import webhooks
from .account import Incident, User
from .oncalls import parse_escalation_policy, parse_oncall
from .settings import WEBHOOK_EVENT_TYPES

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

# What a webhook sent on demand does to the model first, so siren's later REST reads agree.
STATUS_AFTER = {"incident.acknowledged": "acknowledged", "incident.resolved": "resolved",
                "incident.unacknowledged": "triggered"}


def add_routes(router: web.UrlDispatcher, emu: "PagerDutyEmulator") -> None:
    control = PagerDutyControl(emu)
    router.add_post("/_control/oncalls", guarded(control.set_oncalls))
    router.add_post("/_control/escalation_policies", guarded(control.set_policies))
    router.add_post("/_control/users", guarded(control.add_users))
    router.add_post("/_control/webhook", guarded(control.webhook))
    add_lister(router, emu, "alerts", lambda: [a.snapshot() for a in emu.account.alerts])
    add_lister(router, emu, "incidents",
               lambda: [i.to_api(emu.base_url) for i in emu.account.incidents.values()])
    add_lister(router, emu, "events", lambda: emu.events.entries())


class PagerDutyControl:
    def __init__(self, emu: "PagerDutyEmulator") -> None:
        self.emu = emu

    async def set_oncalls(self, request: web.Request) -> web.Response:
        """{"oncalls": [...]} replaces the on-call fixtures."""
        specs = (await body_of(request)).get("oncalls")
        if not isinstance(specs, list):
            raise ControlError("oncalls must be a list")
        self.emu.account.set_oncalls([parse_oncall(s) for s in specs])
        return ok(oncalls=len(specs))

    async def set_policies(self, request: web.Request) -> web.Response:
        specs = (await body_of(request)).get("escalation_policies")
        if not isinstance(specs, list):
            raise ControlError("escalation_policies must be a list")
        self.emu.account.escalation_policies = [parse_escalation_policy(s) for s in specs]
        return ok(escalation_policies=len(specs))

    async def add_users(self, request: web.Request) -> web.Response:
        """{"users": [{id, name, email}]}: people REST knows (From, GET /users/{id})."""
        specs = (await body_of(request)).get("users")
        if not isinstance(specs, list):
            raise ControlError("users must be a list")
        for spec in specs:
            if not all(isinstance(spec.get(k), str) for k in ("id", "name", "email")):
                raise ControlError("a user needs id, name and email")
            self.emu.account.add_user(spec)
        return ok(users=len(specs))

    async def webhook(self, request: web.Request) -> web.Response:
        body = await body_of(request)
        subscription = self.emu.settings.webhook_subscription or {}
        url, secret = body.get("url", subscription.get("url")), \
            body.get("secret", subscription.get("secret"))
        if not isinstance(url, str) or not isinstance(secret, str):
            raise ControlError("url and secret are required (or a webhook_subscription)")
        check_loopback_url(url)
        event_type = body.get("event_type", "incident.acknowledged")
        if event_type not in WEBHOOK_EVENT_TYPES:
            raise ControlError(f"event_type must be one of {WEBHOOK_EVENT_TYPES}")
        incident = self._target(body)
        agent = self._agent(body.get("agent"))
        if body.get("apply_to_model", True) and event_type in STATUS_AFTER:
            self._apply(incident, STATUS_AFTER[event_type], agent)
        event = webhooks.build_event(self.emu, incident, event_type, agent)
        result = await webhooks.deliver(
            self.emu, url, secret, event,
            timeout_s=float(body.get("timeout_s", self.emu.settings.webhook_timeout_s)),
            extra_signature=bool(body.get("extra_signature")),
            bad_signature=bool(body.get("bad_signature")), duplicate=bool(body.get("duplicate")))
        return ok(**result)

    def _target(self, body: dict[str, Any]) -> Incident:
        """By `incident_id`, or by `dedup_key` (the open incident first, then the newest)."""
        account = self.emu.account
        if "incident_id" in body:
            incident = account.incidents.get(str(body["incident_id"]))
        elif "dedup_key" in body:
            matches = [i for i in account.incidents_by_key(str(body["dedup_key"]))
                       if body.get("routing_key") in (None, i.routing_key)]
            incident = matches[0] if matches else None
        else:
            raise ControlError("give incident_id or dedup_key")
        if incident is None:
            raise ControlError("no such incident", 404)
        return incident

    def _agent(self, spec: Any) -> dict[str, Any]:
        """The person who acted; defaults to the default assignee. With an email they become
        a known user (GET /users/{id}, From)."""
        default = self.emu.settings.default_assignee
        spec = spec or {"id": default["id"], "summary": default["name"]}
        if not isinstance(spec, dict) or not spec.get("id") or not spec.get("summary"):
            raise ControlError("agent needs id and summary")
        email = spec.get("email")
        user = User(str(spec["id"]), str(spec["summary"]), str(email or ""))
        if email:
            self.emu.account.add_user({"id": user.id, "name": user.name, "email": user.email})
        return webhooks.user_agent(self.emu, user, email)

    def _apply(self, incident: Incident, status: str, agent: dict[str, Any]) -> None:
        if incident.status == "resolved" and status != "resolved":
            raise ControlError("the incident is resolved: send this stale event with "
                               "apply_to_model false", 409)
        self.emu.account.set_status(incident, status, agent)
