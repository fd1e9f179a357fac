"""The alerts the emulator keeps and the asynchronous action requests that change them.

An alert's `alias` is its dedup key: while an open alert has it, a create only bumps `count`
(and `lastOccurredAt`). Without an alias, the alias is the alert's id. Every create,
acknowledge and close is an `ActionRequest` that becomes processed after a delay; until then
its status reads RequestNotProcessed. Ids are deterministic after a reset."""

from __future__ import annotations

import itertools
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..common.times import iso, now


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass
class Alert:
    id: str
    tiny_id: str
    alias: str
    spec: dict[str, Any]  # the create request body, for the fields the emulator only echoes
    created_at: datetime
    updated_at: datetime
    last_occurred_at: datetime
    status: str = "open"
    acknowledged: bool = False
    count: int = 1
    acknowledged_by: str | None = None
    closed_by: str | None = None
    ack_time_ms: int | None = None
    close_time_ms: int | None = None

    @property
    def message(self) -> str:
        return self.spec["message"]

    def _teams(self) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "type"}
                for r in self.spec.get("responders", []) if r["type"] == "team"]

    def to_api(self, integration: dict[str, str]) -> dict[str, Any]:
        """The `data` of GET /v2/alerts/{identifier}."""
        s = self.spec
        report: dict[str, Any] = {}
        if self.ack_time_ms is not None:
            report.update(ackTime=self.ack_time_ms, acknowledgedBy=self.acknowledged_by)
        if self.close_time_ms is not None:
            report.update(closeTime=self.close_time_ms, closedBy=self.closed_by)
        return {
            "id": self.id, "tinyId": self.tiny_id, "alias": self.alias, "message": self.message,
            "status": self.status, "acknowledged": self.acknowledged, "isSeen": False,
            "tags": s.get("tags", []), "snoozed": False, "count": self.count,
            "lastOccurredAt": iso(self.last_occurred_at), "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at), "source": s.get("source", ""),
            "owner": "", "priority": s.get("priority", "P3"), "teams": self._teams(),
            "responders": s.get("responders", []), "integration": integration,
            "report": report, "actions": s.get("actions", []), "entity": s.get("entity", ""),
            "description": s.get("description", ""), "details": s.get("details", {}),
        }

    def to_webhook(self, username: str, user_id: str) -> dict[str, Any]:
        """The `alert` of a webhook (protocols.md §6.2); times are epoch milliseconds."""
        s = self.spec
        return {
            "alertId": self.id, "alias": self.alias, "message": self.message,
            "username": username, "userId": user_id, "tinyId": self.tiny_id,
            "tags": s.get("tags", []),
            "teams": [t.get("name") or t.get("id") for t in self._teams()],
            "recipients": [r.get("username") or r.get("name") or r.get("id")
                           for r in s.get("responders", [])],
            "source": s.get("source", ""), "entity": s.get("entity", ""),
            "createdAt": _millis(self.created_at), "updatedAt": _millis(self.updated_at),
        }

    def snapshot(self) -> dict[str, Any]:
        return {"id": self.id, "tinyId": self.tiny_id, "alias": self.alias,
                "message": self.message, "status": self.status,
                "acknowledged": self.acknowledged, "count": self.count,
                "priority": self.spec.get("priority", "P3"), "spec": self.spec,
                "acknowledgedBy": self.acknowledged_by, "closedBy": self.closed_by}


@dataclass
class ActionRequest:
    id: str
    action: str  # Create | Acknowledge | Close
    received_at: datetime
    processed_at: datetime | None = None
    success: bool = False
    status: str = ""
    alert_id: str = ""
    alias: str = ""
    unprocessed_polls: int = 0  # a `stuck` fault: polls still answered RequestNotProcessed
    polls: int = 0

    def finish(self, success: bool, status: str, alert: Alert | None) -> None:
        self.processed_at, self.success, self.status = now(), success, status
        self.alert_id = alert.id if alert else ""
        self.alias = alert.alias if alert else ""

    def to_api(self, integration_id: str) -> dict[str, Any]:
        """The `data` of GET /v2/alerts/requests/{id}."""
        return {"success": self.success, "action": self.action,
                "processedAt": iso(self.processed_at) if self.processed_at else None,
                "integrationId": integration_id, "isSuccess": self.success,
                "status": self.status, "alertId": self.alert_id, "alias": self.alias}

    def snapshot(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "processed": self.processed_at is not None,
                "received_at": iso(self.received_at), "isSuccess": self.success,
                "status": self.status, "alertId": self.alert_id, "alias": self.alias,
                "polls": self.polls}


@dataclass
class AlertDesk:
    alerts: dict[str, Alert] = field(default_factory=dict)
    requests: dict[str, ActionRequest] = field(default_factory=dict)
    _open_by_alias: dict[str, Alert] = field(default_factory=dict)
    _tiny_ids: Any = field(default_factory=lambda: itertools.count(1))
    _rng: random.Random = field(default_factory=lambda: random.Random(20240101))

    def create(self, spec: dict[str, Any]) -> tuple[Alert, bool]:
        """(the alert, whether it is new): an open alert with the alias only counts up."""
        moment = now()
        alias = spec.get("alias")
        existing = self._open_by_alias.get(alias) if alias else None
        if existing is not None:
            existing.count += 1
            existing.last_occurred_at = existing.updated_at = moment
            return existing, False
        ident = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        alert = Alert(ident, str(next(self._tiny_ids)), alias or ident, spec, moment, moment,
                      moment)
        self.alerts[ident] = alert
        self._open_by_alias[alert.alias] = alert
        return alert, True

    def find(self, identifier: str, identifier_type: str) -> Alert | None:
        """By id, tiny id or alias; an alias names its open alert, else the newest one."""
        if identifier_type == "id":
            return self.alerts.get(identifier)
        if identifier_type == "alias" and identifier in self._open_by_alias:
            return self._open_by_alias[identifier]
        field_name = "tiny_id" if identifier_type == "tiny" else "alias"
        matches = [a for a in self.alerts.values() if getattr(a, field_name) == identifier]
        return matches[-1] if matches else None

    def acknowledge(self, alert: Alert, user: str) -> bool:
        """False when it already was acknowledged."""
        if alert.acknowledged:
            return False
        moment = now()
        alert.acknowledged, alert.acknowledged_by, alert.updated_at = True, user, moment
        alert.ack_time_ms = _millis(moment) - _millis(alert.created_at)
        return True

    def unacknowledge(self, alert: Alert) -> bool:
        if not alert.acknowledged:
            return False
        alert.acknowledged, alert.updated_at = False, now()
        return True

    def close(self, alert: Alert, user: str) -> bool:
        """False when it already was closed; the alias is then free for a new alert."""
        if alert.status == "closed":
            return False
        moment = now()
        alert.status, alert.closed_by, alert.updated_at = "closed", user, moment
        alert.close_time_ms = _millis(moment) - _millis(alert.created_at)
        if self._open_by_alias.get(alert.alias) is alert:
            del self._open_by_alias[alert.alias]
        return True
