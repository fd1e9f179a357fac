"""The emulator's tunables: one dataclass, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..common.settings import coerce_like

# Requests per minute for Slack's documented tiers; "special" methods have their own rules.
DEFAULT_TIER_PER_MINUTE = {"1": 1, "2": 20, "3": 50, "4": 100}

# Slack's published test secret (protocols.md §2.3), so signatures can be checked by hand.
DEFAULT_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class Settings:
    team_id: str = "T111"
    team_domain: str = "siren-test"
    app_id: str = "A111"
    bot_tokens: list[str] = field(default_factory=lambda: ["xoxb-test"])
    app_tokens: list[str] = field(default_factory=lambda: ["xapp-test"])
    verification_token: str = "verification-token"
    signing_secret: str = DEFAULT_SIGNING_SECRET

    # Socket Mode
    ack_deadline_s: float = 3.0
    # Delay before each events_api redelivery; its length is the number of retries.
    redelivery_schedule_s: list[float] = field(default_factory=lambda: [0.0, 60.0, 300.0])
    max_connections: int = 10
    ticket_ttl_s: float = 60.0
    approximate_connection_time_s: int = 18060
    debug_reconnects_connection_time_s: int = 360
    server_ping_interval_s: float | None = None
    close_timeout_s: float = 2.0

    # Interactivity
    trigger_ttl_s: float = 3.0
    response_url_max_uses: int = 5
    response_url_ttl_s: float = 1800.0

    # HTTP-mode delivery: how long the target may take before the user sees operation_timeout.
    http_delivery_timeout_s: float = 3.0

    # Rate limits
    rate_limits_enabled: bool = True
    tier_per_minute: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_TIER_PER_MINUTE))
    post_message_per_channel_per_s: float = 1.0
    post_message_burst: int = 3

    # Message limits (protocols.md §3.2; the blocks threshold is a user report, so tunable)
    msg_blocks_max_chars: int = 13000
    max_blocks: int = 50
    max_text_chars: int = 40000
    max_topic_chars: int = 250

    # How many records each journal keeps (calls, acks, envelopes, ...): memory stays bounded.
    max_records: int = 5000

    def update(self, changes: dict[str, Any]) -> None:
        """Applies a partial update; raises ValueError naming the first bad key or value."""
        known = {f.name: f for f in dataclasses.fields(self)}
        staged = dataclasses.replace(self)
        for key, value in changes.items():
            if key not in known:
                raise ValueError(f"unknown setting: {key}")
            setattr(staged, key, _coerce(key, getattr(self, key), value))
        staged.validate()
        for key in changes:
            setattr(self, key, getattr(staged, key))

    def validate(self) -> None:
        if self.ack_deadline_s <= 0:
            raise ValueError("ack_deadline_s must be positive")
        if any(d < 0 for d in self.redelivery_schedule_s):
            raise ValueError("redelivery_schedule_s entries must be >= 0")
        if self.max_connections < 1:
            raise ValueError("max_connections must be >= 1")
        if self.server_ping_interval_s is not None and self.server_ping_interval_s <= 0:
            raise ValueError("server_ping_interval_s must be positive or null")
        if self.post_message_per_channel_per_s <= 0:
            raise ValueError("post_message_per_channel_per_s must be positive")
        if any(v <= 0 for v in self.tier_per_minute.values()):
            raise ValueError("tier_per_minute values must be positive")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(key: str, current: Any, value: Any) -> Any:
    """Keeps each setting's type, so a typo in a test fails loudly instead of later."""
    if key == "server_ping_interval_s":
        return None if value is None else float(value)
    if isinstance(current, list):
        if not isinstance(value, list):
            raise ValueError(f"{key} must be a list")
        if key == "redelivery_schedule_s":
            return [float(v) for v in value]
        return [str(v) for v in value]
    if isinstance(current, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{key} must be an object")
        return {str(k): int(v) for k, v in value.items()}
    return coerce_like(key, current, value)
