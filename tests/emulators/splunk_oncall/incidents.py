"""Incidents keyed by entity_id, as Splunk On-Call's REST endpoint treats alerts:

- CRITICAL for an entity with no open incident opens one (numbered 1, 2, ...); for an open
  incident it is the same incident (`alerts` counts up, the state is unchanged);
- WARNING and INFO are taken but open no incident (the default alert rules page only on
  CRITICAL);
- ACKNOWLEDGEMENT moves an open, triggered incident to `acknowledged`;
- RECOVERY resolves an open incident and frees the entity_id: the next CRITICAL opens a new
  incident;
- ACKNOWLEDGEMENT or RECOVERY with no open incident changes nothing and is still a success.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Incident:
    number: int
    entity_id: str
    routing_key: str
    routed_to: str | None  # the known routing key, or None: the default route
    entity_display_name: str
    state_message: str
    monitoring_tool: str
    state: str = "triggered"  # triggered | acknowledged | resolved
    alerts: int = 1
    opened: float = field(default_factory=time.time)
    acknowledged_by: str | None = None
    resolved_by: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # the first alert's whole body

    def snapshot(self) -> dict[str, Any]:
        return asdict(self)


class Timeline:
    def __init__(self) -> None:
        self.incidents: list[Incident] = []

    def open_for(self, entity_id: str) -> Incident | None:
        for incident in reversed(self.incidents):
            if incident.entity_id == entity_id and incident.state != "resolved":
                return incident
        return None

    def take(self, alert: dict[str, Any], routing_key: str,
             routed_to: str | None) -> tuple[str, Incident | None]:
        """(outcome, incident): created | deduplicated | acknowledged | resolved | unchanged |
        no_incident (no open incident, or WARNING/INFO)."""
        kind, entity_id = alert["message_type"], alert["entity_id"]
        incident = self.open_for(entity_id)
        if kind == "CRITICAL":
            if incident is not None:
                incident.alerts += 1
                return "deduplicated", incident
            incident = Incident(
                number=len(self.incidents) + 1, entity_id=entity_id, routing_key=routing_key,
                routed_to=routed_to,
                entity_display_name=str(alert.get("entity_display_name", "")),
                state_message=str(alert.get("state_message", "")),
                monitoring_tool=str(alert.get("monitoring_tool", "")), fields=dict(alert))
            self.incidents.append(incident)
            return "created", incident
        if kind in ("WARNING", "INFO") or incident is None:
            return "no_incident", incident
        author = str(alert.get("ack_author") or "")
        if kind == "ACKNOWLEDGEMENT":
            if incident.state != "triggered":
                return "unchanged", incident
            incident.state, incident.acknowledged_by = "acknowledged", author
            return "acknowledged", incident
        incident.state, incident.resolved_by = "resolved", author
        return "resolved", incident
