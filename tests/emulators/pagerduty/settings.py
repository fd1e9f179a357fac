"""The PagerDuty emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..common.outgoing import check_loopback_url
from ..common.settings import SettingsBase

DEFAULT_ROUTING_KEY = "0123456789abcdef0123456789abcdef"
DEFAULT_API_TOKEN = "pd-api-token-test"
# The v3 event types siren cares about (protocols.md §5.4).
WEBHOOK_EVENT_TYPES = ("incident.triggered", "incident.acknowledged", "incident.unacknowledged",
                       "incident.escalated", "incident.reassigned", "incident.resolved",
                       "incident.reopened", "incident.annotated")


@dataclass
class Settings(SettingsBase):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"webhook_subscription"})

    routing_keys: list[str] = field(default_factory=lambda: [DEFAULT_ROUTING_KEY])
    api_tokens: list[str] = field(default_factory=lambda: [DEFAULT_API_TOKEN])

    # Every alert and incident belongs to this one service and escalation policy.
    service: dict[str, Any] = field(default_factory=lambda: {
        "id": "PSVC001", "name": "siren test service"})
    escalation_policy: dict[str, Any] = field(default_factory=lambda: {
        "id": "PEP0001", "name": "siren escalation policy"})
    # Assigned to new incidents when no on-call fixture puts anyone at level 1 of the policy.
    default_assignee: dict[str, Any] = field(default_factory=lambda: {
        "id": "PUSR001", "name": "Test Responder", "email": "responder@example.com"})

    # REST checks. What PagerDuty does with a wrong Accept header or a repeated transition is
    # not documented (protocols.md Appendix B spirit): strict by default, relaxable.
    require_accept_header: bool = True
    from_must_be_known_user: bool = True
    repeat_transition_errors: bool = False

    # Documented limits: 120 events/min per integration key, 960 REST requests/min per key.
    rate_limits_enabled: bool = True
    events_per_minute: int = 120
    rest_per_minute: int = 960

    # Automatic v3 webhooks: {"url", "secret"} of a subscription, and which events it gets.
    webhook_subscription: dict[str, Any] | None = None
    webhook_events: list[str] = field(default_factory=lambda: [
        "incident.acknowledged", "incident.resolved"])
    webhook_timeout_s: float = 5.0

    max_records: int = 5000

    def validate(self) -> None:
        if any(len(k) != 32 for k in self.routing_keys):
            raise ValueError("routing_keys must be 32 characters each")
        for name in ("service", "escalation_policy"):
            if not {"id", "name"} <= set(getattr(self, name)):
                raise ValueError(f"{name} needs id and name")
        if not {"id", "name", "email"} <= set(self.default_assignee):
            raise ValueError("default_assignee needs id, name and email")
        if self.events_per_minute < 1 or self.rest_per_minute < 1:
            raise ValueError("rate limits must be >= 1 per minute")
        if unknown := set(self.webhook_events) - set(WEBHOOK_EVENT_TYPES):
            raise ValueError(f"unknown webhook_events: {sorted(unknown)}")
        sub = self.webhook_subscription
        if sub is not None:
            if not isinstance(sub, dict) or not isinstance(sub.get("url"), str) \
                    or not isinstance(sub.get("secret"), str):
                raise ValueError("webhook_subscription must be {url, secret} or null")
            check_loopback_url(sub["url"])
        if self.webhook_timeout_s <= 0:
            raise ValueError("webhook_timeout_s must be positive")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
