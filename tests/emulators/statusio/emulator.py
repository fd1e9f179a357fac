"""The whole emulated status.io: one status page, its components and containers (every
component is in every container, each pair with its own status) and incidents, and the fault
catalogue.

Fault actions (besides the generic delay and reset, common.faults):

  ratelimit   429 with `Retry-After: <retry_after_s>` and an "error": "yes" body
  error_yes   {"status": {"error": "yes", "message": "<message>"}} with HTTP `http_status` (default
              200: status.io refuses with a success status too)
  http_error  `status`: 4xx with an "error": "yes" body, 5xx with a text/html body, as from a
              load balancer
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultAction, FaultRule
from ..common import times
from ..common.rate_window import Windows
from .settings import Settings

ENDPOINTS = ("incident.list", "incident.create", "incident.update", "incident.resolve")
ACTIONS = (
    FaultAction("ratelimit", {"retry_after_s": 30}),
    FaultAction("error_yes", {"message": "Something went wrong", "http_status": 200}),
    FaultAction("http_error", {"status": 500}),
)
# As status.io's client libraries name them (statusio-go statusio.go, status.io.net
# CommonModel.cs).
STATUSES = {100: "Operational", 300: "Degraded Performance", 400: "Partial Service Disruption",
            500: "Service Disruption", 600: "Security Event"}
STATES = {100: "Investigating", 200: "Identified", 300: "Monitoring"}
OPERATIONAL = 100


def now_iso() -> str:
    return times.iso(times.now())


def answer(result: Any) -> web.Response:
    return web.json_response({"status": {"error": "no", "message": "OK"}, "result": result})


def refusal(message: str, status: int = 200, headers: dict[str, str] | None = None
            ) -> web.Response:
    return web.json_response({"status": {"error": "yes", "message": message}}, status=status,
                             headers=headers)


@dataclass
class Part:
    id: str
    name: str


@dataclass
class Message:
    id: str
    details: str
    state: int
    status: int
    components: list[str]
    containers: list[str]
    datetime: str = field(default_factory=now_iso)

    def to_api(self, page: str, incident_id: str) -> dict[str, Any]:
        return {"_id": self.id, "details": self.details, "state": self.state,
                "status": self.status, "statuspage": page, "incident": incident_id,
                "source": "api", "datetime": self.datetime, "components": self.components,
                "containers": self.containers}


@dataclass
class Incident:
    id: str
    name: str
    seq: int
    infrastructure: list[tuple[str, str]]  # (component id, container id)
    messages: list[Message] = field(default_factory=list)
    datetime_open: str = field(default_factory=now_iso)
    datetime_closed: str | None = None

    @property
    def active(self) -> bool:
        return self.datetime_closed is None

    def to_api(self, emu: "StatusioEmulator") -> dict[str, Any]:
        page = emu.settings.statuspage_id
        components = sorted({c for c, _ in self.infrastructure})
        containers = sorted({k for _, k in self.infrastructure})
        return {
            "_id": self.id, "name": self.name, "statuspage": page, "kind": "incident",
            "datetime_open": self.datetime_open, "datetime_closed": self.datetime_closed,
            "components_affected": [{"_id": c, "name": emu.name_of(c, emu.components),
                                     "statuspage": page} for c in components],
            "containers_affected": [{"_id": k, "name": emu.name_of(k, emu.containers)}
                                    for k in containers],
            "infrastructure_affected": [f"{c}-{k}" for c, k in self.infrastructure],
            "messages": [m.to_api(page, self.id) for m in self.messages],
        }


class StatusioEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, ACTIONS, ENDPOINTS)

    def build_model(self) -> None:
        self.components = [Part(*c.split(":", 1)) for c in self.settings.components]
        self.containers = [Part(*c.split(":", 1)) for c in self.settings.containers]
        # (component, container) -> status code
        self.statuses = {(c.id, k.id): OPERATIONAL for c in self.components
                         for k in self.containers}
        self.incidents: list[Incident] = []
        self._seq = itertools.count(1)
        self._random = random.Random(7)
        self.windows = Windows()

    def new_id(self) -> str:
        """24 hex digits, as status.io's (MongoDB) ids are."""
        return "%024x" % self._random.getrandbits(96)

    def new_incident(self, name: str, infrastructure: list[tuple[str, str]]) -> Incident:
        """An incident without messages yet: the create's first message follows."""
        incident = Incident(id=self.new_id(), name=name, seq=next(self._seq),
                            infrastructure=infrastructure)
        self.incidents.append(incident)
        return incident

    @staticmethod
    def name_of(ident: str, parts: list[Part]) -> str:
        return next((p.name for p in parts if p.id == ident), "")

    def incident(self, ident: Any) -> Incident | None:
        return next((i for i in self.incidents if i.id == ident), None)

    def infrastructure(self) -> list[dict[str, Any]]:
        return [{"component": c, "container": k, "status": s,
                 "status_description": STATUSES[s]} for (c, k), s in self.statuses.items()]

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        p = rule.params
        if rule.action == "ratelimit":
            return throttled(p["retry_after_s"])
        if rule.action == "error_yes":
            return refusal(p["message"], p["http_status"])
        if rule.action == "http_error":
            status = p["status"]
            if status < 500:
                return refusal(phrase(status), status)
            return web.Response(status=status, content_type="text/html",
                                text=f"<html><body><h1>{status} {phrase(status)}</h1></body></html>")
        return None


def throttled(retry_after_s: int) -> web.Response:
    return refusal("Too many requests", 429, {"Retry-After": str(retry_after_s)})


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
