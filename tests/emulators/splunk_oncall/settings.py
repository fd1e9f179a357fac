"""The Splunk On-Call emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..common.settings import SettingsBase

DEFAULT_API_KEY = "5ec2e7a1-0c6b-4a4e-9d53-a11ce0ffee42"
MESSAGE_TYPES = ("CRITICAL", "WARNING", "INFO", "ACKNOWLEDGEMENT", "RECOVERY")


@dataclass
class Settings(SettingsBase):
    # The REST endpoint's API key, the path segment before the routing key.
    api_keys: list[str] = field(default_factory=lambda: [DEFAULT_API_KEY])
    # Routing keys set up in the account; empty: every routing key is known. An alert with an
    # unknown routing key still opens an incident, on the default route (`routed_to: null`).
    routing_keys: list[str] = field(default_factory=list)
    # How an unknown API key is answered. Splunk On-Call does not document it: a 404 with a
    # failure body by default; 200 makes it a `{"result":"failure"}` a client must read.
    unknown_key_status: int = 404
    max_records: int = 5000

    def validate(self) -> None:
        if not self.api_keys or not all(self.api_keys):
            raise ValueError("api_keys needs at least one non-empty key")
        if self.unknown_key_status != 200 and not 400 <= self.unknown_key_status <= 599:
            raise ValueError("unknown_key_status must be 200 or an HTTP error code")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
