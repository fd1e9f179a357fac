"""Opsgenie's half of the control API (the generic half is common.control): schedule
fixtures, model state, and webhooks on demand. README.md lists the shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..common.control import ControlError, add_lister, body_of, guarded, ok
from ..common.outgoing import check_loopback_url
from . import webhooks
from .alerts import Alert
from .schedules import parse_schedule
from .settings import WEBHOOK_ACTIONS

if TYPE_CHECKING:
    from .emulator import OpsgenieEmulator


def add_routes(router: web.UrlDispatcher, emu: "OpsgenieEmulator") -> None:
    control = OpsgenieControl(emu)
    router.add_post("/_control/schedules", guarded(control.set_schedules))
    router.add_post("/_control/webhook", guarded(control.webhook))
    add_lister(router, emu, "alerts", lambda: [a.snapshot() for a in emu.desk.alerts.values()])
    add_lister(router, emu, "alert_requests",
               lambda: [r.snapshot() for r in emu.desk.requests.values()])


class OpsgenieControl:
    def __init__(self, emu: "OpsgenieEmulator") -> None:
        self.emu = emu

    async def set_schedules(self, request: web.Request) -> web.Response:
        """{"schedules": [...]} replaces the schedule fixtures."""
        specs = (await body_of(request)).get("schedules")
        if not isinstance(specs, list):
            raise ControlError("schedules must be a list")
        self.emu.schedules = [parse_schedule(s) for s in specs]
        return ok(schedules=len(specs))

    async def webhook(self, request: web.Request) -> web.Response:
        """A person acted in Opsgenie: change the alert (unless apply_to_model is false) and
        forward the action to `url` with the custom header."""
        body = await body_of(request)
        configured = self.emu.settings.webhook or {}
        url, name, value = (body.get(k, configured.get(k))
                            for k in ("url", "header_name", "header_value"))
        if not all(isinstance(v, str) for v in (url, name, value)):
            raise ControlError("url, header_name and header_value are required "
                               "(or a configured webhook)")
        check_loopback_url(url)
        action = body.get("action", "Acknowledge")
        if action not in WEBHOOK_ACTIONS:
            raise ControlError(f"action must be one of {WEBHOOK_ACTIONS}")
        alert = self._target(body)
        username = str(body.get("username", "responder@example.com"))
        if body.get("apply_to_model", True):
            self._apply(alert, action, username)
        source = body.get("source") or {"name": "", "type": "web"}
        payload = webhooks.payload(self.emu, alert, action, username,
                                   str(body.get("user_id", "")), source)
        result = await webhooks.deliver(
            self.emu, url, name, value, payload,
            timeout_s=float(body.get("timeout_s", self.emu.settings.webhook_timeout_s)))
        return ok(body=payload, delivery=result)

    def _target(self, body: dict[str, Any]) -> Alert:
        for key, kind in (("alias", "alias"), ("alert_id", "id"), ("tiny_id", "tiny")):
            if key in body:
                alert = self.emu.desk.find(str(body[key]), kind)
                if alert is None:
                    raise ControlError("no such alert", 404)
                return alert
        raise ControlError("give alias, alert_id or tiny_id")

    def _apply(self, alert: Alert, action: str, username: str) -> None:
        desk = self.emu.desk
        if action == "Acknowledge":
            desk.acknowledge(alert, username)
        elif action == "UnAcknowledge":
            desk.unacknowledge(alert)
        elif action == "Close":
            desk.close(alert, username)
