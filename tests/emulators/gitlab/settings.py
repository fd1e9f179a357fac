"""The GitLab emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from ..common.settings import SettingsBase

DEFAULT_TOKEN = "glpat-siren-test-token"


@dataclass
class Settings(SettingsBase):
    # Accepted in PRIVATE-TOKEN or as `Authorization: Bearer <token>`.
    tokens: list[str] = field(default_factory=lambda: [DEFAULT_TOKEN])
    # The projects that exist, "<id>:<path>". A project is named in the URL by its id or by
    # its URL-encoded path ("ops%2Fincidents").
    projects: list[str] = field(default_factory=lambda: ["42:ops/incidents"])
    # GitLab.com's authenticated API limit is 2000 requests a minute; 0: no limit.
    requests_per_minute: int = 2000
    retry_after_s: int = 60
    max_records: int = 5000

    def validate(self) -> None:
        for p in self.projects:
            number, _, path = p.partition(":")
            if not number.isdigit() or not path:
                raise ValueError("projects must be '<id>:<path>' strings")
        if self.requests_per_minute < 0 or self.retry_after_s < 0:
            raise ValueError("requests_per_minute and retry_after_s must be >= 0")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
