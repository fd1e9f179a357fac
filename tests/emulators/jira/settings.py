"""The Jira emulator's tunables, changed at start-up (CLI) or live (control API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..common.settings import SettingsBase

DEFAULT_EMAIL = "siren@example.com"
DEFAULT_TOKEN = "jira-api-token-test"


@dataclass
class Settings(SettingsBase):
    # Accepted basic-auth pairs, "email:token".
    accounts: list[str] = field(default_factory=lambda: [f"{DEFAULT_EMAIL}:{DEFAULT_TOKEN}"])
    projects: list[str] = field(default_factory=lambda: ["OPS"])
    issue_types: list[str] = field(default_factory=lambda: ["Task", "Bug", "Incident"])
    priorities: list[str] = field(default_factory=lambda: [
        "Highest", "High", "Medium", "Low", "Lowest"])
    # The workflow every issue follows; transitions are named after the status they lead to.
    statuses: list[str] = field(default_factory=lambda: ["To Do", "In Progress", "Done"])
    requests_per_minute: int = 0  # 0: no limit
    retry_after_s: int = 60
    max_records: int = 5000

    def validate(self) -> None:
        if not all(":" in a for a in self.accounts):
            raise ValueError("accounts must be 'email:token' pairs")
        if not self.statuses:
            raise ValueError("statuses must not be empty")
        if self.requests_per_minute < 0 or self.retry_after_s < 0:
            raise ValueError("requests_per_minute and retry_after_s must be >= 0")
        if self.max_records < 10:
            raise ValueError("max_records must be >= 10")
