"""The status.io emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from ..common.settings import SettingsBase

DEFAULT_API_ID = "statusio-test-id"
DEFAULT_API_KEY = "statusio-test-key"
DEFAULT_STATUSPAGE_ID = "5f0a0c1d2e3f405162738495"


@dataclass
class Settings(SettingsBase):
    # The one pair of API credentials accepted, as the `x-api-id` and `x-api-key` headers.
    api_id: str = DEFAULT_API_ID
    api_key: str = DEFAULT_API_KEY
    statuspage_id: str = DEFAULT_STATUSPAGE_ID
    # The page's components and containers (locations), "<id>:<name>"; every component is in
    # every container. Ids hold no '-': infrastructure_affected joins them with one.
    components: list[str] = field(default_factory=lambda: [
        "cmp0checkout:Checkout", "cmp0orderbook:Order book"])
    containers: list[str] = field(default_factory=lambda: [
        "ctr0euwest:EU West", "ctr0useast:US East"])
    # status.io documents no rate limit; 0: none. Past it 429 with Retry-After.
    requests_per_minute: int = 0
    retry_after_s: int = 1
    max_records: int = 5000

    def validate(self) -> None:
        for c in self.components + self.containers:
            ident, _, name = c.partition(":")
            if not ident or not name or "-" in ident:
                raise ValueError("components and containers must be '<id>:<name>' strings, "
                                 "the id without '-'")
        if not self.statuspage_id or not self.api_id or not self.api_key:
            raise ValueError("statuspage_id, api_id and api_key must not be empty")
        if self.requests_per_minute < 0 or self.retry_after_s < 0:
            raise ValueError("requests_per_minute and retry_after_s must be >= 0")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
