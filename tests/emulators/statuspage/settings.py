"""The Statuspage emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from ..common.settings import SettingsBase

DEFAULT_API_KEY = "statuspage-test-key"
DEFAULT_PAGE_ID = "pg0siren0001"


@dataclass
class Settings(SettingsBase):
    # Accepted as `Authorization: OAuth <key>`.
    api_keys: list[str] = field(default_factory=lambda: [DEFAULT_API_KEY])
    page_id: str = DEFAULT_PAGE_ID
    # The page's components, "<id>:<name>".
    components: list[str] = field(default_factory=lambda: [
        "cmp0checkout:Checkout", "cmp0orderbook:Order book"])
    # Statuspage allows one request a second per API key over a rolling minute; 0: no limit.
    requests_per_minute: int = 60
    retry_after_s: int = 1
    max_records: int = 5000

    def validate(self) -> None:
        for c in self.components:
            ident, _, name = c.partition(":")
            if not ident or not name:
                raise ValueError("components must be '<id>:<name>' strings")
        if not self.page_id:
            raise ValueError("page_id must not be empty")
        if self.requests_per_minute < 0 or self.retry_after_s < 0:
            raise ValueError("requests_per_minute and retry_after_s must be >= 0")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
