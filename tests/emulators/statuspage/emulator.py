"""The whole emulated Statuspage: one page, its components and incidents, and the fault
catalogue.

Fault actions (besides the generic delay and reset, common.faults):

  ratelimit   429 with `Retry-After: <retry_after_s>` and {"error": "Rate limit exceeded"}
              (`status` 420 gives Statuspage's older rate-limit answer instead)
  invalid     422 {"error": ["<message>"]}, as a failed validation
  http_error  `status`: 4xx with {"error": "<phrase>"}, 5xx with a text/html body, as from a
              load balancer
"""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultAction, FaultRule
from ..common import times
from ..common.rate_window import Windows
from .settings import Settings

ENDPOINTS = ("incidents.create", "incidents.unresolved", "incidents.get", "incidents.update",
             "components.list")
ACTIONS = (
    FaultAction("ratelimit", {"retry_after_s": 30, "status": 429}),
    FaultAction("invalid", {"message": "Name can't be blank"}),
    FaultAction("http_error", {"status": 503}),
)
INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved")
COMPONENT_STATUSES = ("operational", "degraded_performance", "partial_outage", "major_outage",
                      "under_maintenance")


def now_iso() -> str:
    return times.iso(times.now())


@dataclass
class Component:
    id: str
    name: str
    status: str = "operational"
    updated_at: str = field(default_factory=now_iso)

    def to_api(self, page_id: str) -> dict[str, Any]:
        return {"id": self.id, "page_id": page_id, "name": self.name, "status": self.status,
                "updated_at": self.updated_at}


@dataclass
class Update:
    id: str
    status: str
    body: str
    affected_components: list[dict[str, str]]
    created_at: str = field(default_factory=now_iso)

    def to_api(self, incident_id: str) -> dict[str, Any]:
        return {"id": self.id, "incident_id": incident_id, "status": self.status,
                "body": self.body, "created_at": self.created_at, "display_at": self.created_at,
                "affected_components": self.affected_components or None}


@dataclass
class Incident:
    id: str
    name: str
    status: str
    seq: int
    component_ids: list[str] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    resolved_at: str | None = None

    def to_api(self, emu: "StatuspageEmulator") -> dict[str, Any]:
        page = emu.settings.page_id
        return {
            "id": self.id, "page_id": page, "name": self.name, "status": self.status,
            "impact": "none", "created_at": self.created_at, "updated_at": self.updated_at,
            "started_at": self.created_at, "resolved_at": self.resolved_at,
            "shortlink": f"https://stspg.io/{self.id[:8]}",
            "incident_updates": [u.to_api(self.id) for u in reversed(self.updates)],
            "components": [c.to_api(page) for c in emu.components if c.id in self.component_ids],
        }


class StatuspageEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, ACTIONS, ENDPOINTS)

    def build_model(self) -> None:
        self.components = [Component(*c.split(":", 1)) for c in self.settings.components]
        self.incidents: list[Incident] = []
        self._seq = itertools.count(1)
        self._random = random.Random(7)
        self.windows = Windows()

    def new_id(self) -> str:
        return "".join(self._random.choices(string.ascii_lowercase + string.digits, k=12))

    def component(self, ident: str) -> Component | None:
        return next((c for c in self.components if c.id == ident), None)

    def new_incident(self, name: str) -> Incident:
        """An incident without a status yet: the create's first update gives it one."""
        incident = Incident(id=self.new_id(), name=name, status="", seq=next(self._seq))
        self.incidents.append(incident)
        return incident

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        p = rule.params
        if rule.action == "ratelimit":
            return throttled(p["retry_after_s"], p["status"])
        if rule.action == "invalid":
            return web.json_response({"error": [p["message"]]}, status=422)
        if rule.action == "http_error":
            status = p["status"]
            if status < 500:
                return web.json_response({"error": phrase(status)}, status=status)
            return web.Response(status=status, content_type="text/html",
                                text=f"<html><body><h1>{status} {phrase(status)}</h1></body></html>")
        return None


def throttled(retry_after_s: int, status: int = 429) -> web.Response:
    return web.json_response({"error": "Rate limit exceeded"}, status=status,
                             headers={"Retry-After": str(retry_after_s)})


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
