"""The Opsgenie emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..common.outgoing import check_loopback_url
from ..common.settings import SettingsBase

DEFAULT_API_KEY = "og-api-key-test"
# Opsgenie's request domains the emulated endpoints fall in (docs: api-rate-limiting).
DOMAINS = ("Alert", "Schedule-oncalls")
# Actions an Opsgenie webhook integration can forward (protocols.md §6.2).
WEBHOOK_ACTIONS = ("Create", "Acknowledge", "UnAcknowledge", "Close", "AddNote", "Escalate",
                   "AssignOwnership", "TakeOwnership", "Delete")


@dataclass
class Settings(SettingsBase):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"webhook"})

    api_keys: list[str] = field(default_factory=lambda: [DEFAULT_API_KEY])
    # Seconds between a 202 and the request taking effect (its status turning processed).
    process_delay_s: float = 0.05
    # The API integration the key belongs to, as request statuses and webhooks name it.
    integration_id: str = "4513b7ea-3b91-438f-b7e4-e3e54af9147c"
    integration_name: str = "siren API"

    # Limits are plan-dependent and unpublished (Appendix B): per domain, per second and minute.
    rate_limits_enabled: bool = True
    rate_limits: dict[str, Any] = field(default_factory=lambda: {
        "Alert": {"per_second": 20, "per_minute": 600},
        "Schedule-oncalls": {"per_second": 10, "per_minute": 300}})

    # Automatic webhooks: {"url", "header_name", "header_value"}, and the actions it forwards.
    webhook: dict[str, Any] | None = None
    webhook_actions: list[str] = field(default_factory=lambda: ["Acknowledge", "Close"])
    webhook_timeout_s: float = 5.0

    max_records: int = 5000

    def validate(self) -> None:
        if self.process_delay_s < 0:
            raise ValueError("process_delay_s must be >= 0")
        if set(self.rate_limits) != set(DOMAINS) or not all(
                isinstance(v, dict) and all(isinstance(v.get(k), int) and v[k] >= 1
                                            for k in ("per_second", "per_minute"))
                for v in self.rate_limits.values()):
            raise ValueError(f"rate_limits needs {{per_second, per_minute}} >= 1 for each of "
                             f"{DOMAINS}")
        if unknown := set(self.webhook_actions) - set(WEBHOOK_ACTIONS):
            raise ValueError(f"unknown webhook_actions: {sorted(unknown)}")
        hook = self.webhook
        if hook is not None:
            if not isinstance(hook, dict) or not all(
                    isinstance(hook.get(k), str) for k in ("url", "header_name", "header_value")):
                raise ValueError("webhook must be {url, header_name, header_value} or null")
            check_loopback_url(hook["url"])
        if self.webhook_timeout_s <= 0:
            raise ValueError("webhook_timeout_s must be positive")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
