"""The PagerDuty account the emulator keeps: users, on-call fixtures, escalation policies,
Events API alerts and the incidents they open.

Alerts are keyed (routing_key, dedup_key) while open. A trigger for an open key is the same
alert; once resolved, the key is free and a trigger opens a new alert and incident;
acknowledge/resolve for a key with no open alert are dropped (protocols.md §5.1). Each alert
has its own incident, whose status is the alert's status, so REST and webhooks can refer to
it. Ids are deterministic after a reset."""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..common.times import iso, now
from .oncalls import OnCall
from .settings import Settings

_ID_CHARS = string.ascii_uppercase + string.digits


@dataclass
class User:
    id: str
    name: str
    email: str

    def reference(self, base: str) -> dict[str, Any]:
        return {"id": self.id, "type": "user_reference", "summary": self.name,
                "self": f"{base}/users/{self.id}", "html_url": f"{base}/users/{self.id}"}

    def to_api(self, base: str) -> dict[str, Any]:
        return {"id": self.id, "type": "user", "name": self.name, "summary": self.name,
                "email": self.email, "time_zone": "Etc/UTC", "role": "user",
                "self": f"{base}/users/{self.id}", "html_url": f"{base}/users/{self.id}"}


def reference(kind: str, ident: str, summary: str, base: str, path: str) -> dict[str, Any]:
    return {"id": ident, "type": f"{kind}_reference", "summary": summary,
            "self": f"{base}/{path}/{ident}", "html_url": f"{base}/{path}/{ident}"}


@dataclass
class Incident:
    id: str
    number: int
    title: str
    incident_key: str | None
    routing_key: str | None  # None for incidents made through REST
    service: dict[str, Any]
    escalation_policy: dict[str, Any]
    assignees: list[User]
    urgency: str
    created_at: datetime
    status: str = "triggered"
    last_status_change_at: datetime = field(default_factory=now)
    acknowledgements: list[tuple[datetime, dict[str, Any]]] = field(default_factory=list)

    def _service_ref(self, base: str) -> dict[str, Any]:
        return reference("service", self.service["id"], self.service["name"], base, "services")

    def _policy_ref(self, base: str) -> dict[str, Any]:
        return reference("escalation_policy", self.escalation_policy["id"],
                         self.escalation_policy["name"], base, "escalation_policies")

    def _current_assignees(self) -> list[User]:
        return [] if self.status == "resolved" else self.assignees

    def to_api(self, base: str) -> dict[str, Any]:
        """The REST shape (GET/PUT/POST /incidents)."""
        return {
            "id": self.id, "type": "incident", "summary": f"[#{self.number}] {self.title}",
            "self": f"{base}/incidents/{self.id}", "html_url": f"{base}/incidents/{self.id}",
            "incident_number": self.number, "title": self.title, "description": self.title,
            "created_at": iso(self.created_at), "updated_at": iso(self.last_status_change_at),
            "status": self.status, "incident_key": self.incident_key,
            "service": self._service_ref(base),
            "assignments": [{"at": iso(self.created_at), "assignee": u.reference(base)}
                            for u in self._current_assignees()],
            "acknowledgements": [{"at": iso(at), "acknowledger": who}
                                 for at, who in self.acknowledgements],
            "last_status_change_at": iso(self.last_status_change_at),
            "escalation_policy": self._policy_ref(base), "teams": [], "priority": None,
            "urgency": self.urgency,
        }

    def to_webhook(self, base: str) -> dict[str, Any]:
        """The v3 webhook `data` (protocols.md §5.4): no incident_key."""
        return {
            "id": self.id, "type": "incident", "self": f"{base}/incidents/{self.id}",
            "html_url": f"{base}/incidents/{self.id}", "number": self.number,
            "status": self.status, "created_at": iso(self.created_at), "title": self.title,
            "service": self._service_ref(base),
            "assignees": [u.reference(base) for u in self._current_assignees()],
            "escalation_policy": self._policy_ref(base), "teams": [], "priority": None,
            "urgency": self.urgency, "conference_bridge": None, "resolve_reason": None,
        }


@dataclass
class Alert:
    routing_key: str
    dedup_key: str
    incident: Incident
    payload: dict[str, Any]
    created_at: datetime
    triggers: int = 1

    @property
    def status(self) -> str:
        return self.incident.status

    def snapshot(self) -> dict[str, Any]:
        return {"routing_key": self.routing_key, "dedup_key": self.dedup_key,
                "status": self.status, "incident_id": self.incident.id,
                "incident_number": self.incident.number, "summary": self.payload.get("summary"),
                "severity": self.payload.get("severity"), "source": self.payload.get("source"),
                "payload": self.payload, "triggers": self.triggers,
                "created_at": iso(self.created_at)}


class Account:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._rng = random.Random(20240101)  # same incident ids after every reset
        self._numbers = itertools.count(1)
        self.users: dict[str, User] = {}
        self.oncalls: list[OnCall] = []
        self.escalation_policies: list[dict[str, Any]] = []
        self.alerts: list[Alert] = []
        self._open: dict[tuple[str, str], Alert] = {}
        self.incidents: dict[str, Incident] = {}

    # people

    def add_user(self, user: dict[str, str]) -> User:
        added = self.users[user["id"]] = User(user["id"], user["name"], user["email"])
        return added

    def _default_assignee(self) -> User:
        """Read from the settings each time: they may change without a reset."""
        default = self._settings.default_assignee
        return User(default["id"], default["name"], default["email"])

    def user(self, user_id: str) -> User | None:
        default = self._default_assignee()
        return self.users.get(user_id) or (default if user_id == default.id else None)

    def user_by_email(self, email: str) -> User | None:
        everyone = [*self.users.values(), self._default_assignee()]
        return next((u for u in everyone if u.email.lower() == email.lower()), None)

    def set_oncalls(self, oncalls: list[OnCall]) -> None:
        self.oncalls = oncalls
        for oncall in oncalls:
            self.add_user(oncall.user)

    def _first_responders(self) -> list[User]:
        policy, moment = self._settings.escalation_policy["id"], now()
        users = [self.add_user(o.user) for o in sorted(self.oncalls, key=OnCall.sort_key)
                 if o.escalation_policy_id == policy and o.escalation_level == 1
                 and o.overlaps(moment, moment)]
        return users or [self._default_assignee()]

    # incidents and alerts

    def new_incident(self, title: str, incident_key: str | None, routing_key: str | None,
                     urgency: str = "high") -> Incident:
        while True:
            ident = "Q" + "".join(self._rng.choice(_ID_CHARS) for _ in range(6))
            if ident not in self.incidents:
                break
        created = now()
        incident = Incident(ident, next(self._numbers), title, incident_key, routing_key,
                            dict(self._settings.service), dict(self._settings.escalation_policy),
                            self._first_responders(), urgency, created,
                            last_status_change_at=created)
        self.incidents[ident] = incident
        return incident

    def open_alert(self, routing_key: str, dedup_key: str) -> Alert | None:
        return self._open.get((routing_key, dedup_key))

    def trigger(self, routing_key: str, dedup_key: str,
                payload: dict[str, Any]) -> tuple[Alert, bool]:
        """(the alert, whether it is new)."""
        alert = self._open.get((routing_key, dedup_key))
        if alert is not None:
            alert.triggers += 1
            alert.payload = payload
            return alert, False
        incident = self.new_incident(str(payload["summary"]), dedup_key, routing_key)
        alert = Alert(routing_key, dedup_key, incident, payload, incident.created_at)
        self.alerts.append(alert)
        self._open[(routing_key, dedup_key)] = alert
        return alert, True

    def set_status(self, incident: Incident, status: str, agent: dict[str, Any]) -> bool:
        """Moves the incident (and its alert) to `status`; False when it already was there."""
        if incident.status == status:
            return False
        incident.status = status
        incident.last_status_change_at = now()
        if status == "acknowledged":
            incident.acknowledgements.append((incident.last_status_change_at, agent))
        elif status == "triggered":
            incident.acknowledgements.clear()
        if status == "resolved" and incident.routing_key is not None:
            self._open.pop((incident.routing_key, incident.incident_key or ""), None)
        return True

    def incidents_by_key(self, incident_key: str) -> list[Incident]:
        """Newest first, so an open incident beats older resolved ones with the same key."""
        found = [i for i in self.incidents.values() if i.incident_key == incident_key]
        return sorted(found, key=lambda i: (i.status != "resolved", i.number), reverse=True)
