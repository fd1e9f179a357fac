"""Running the issue tracker emulators (tests/emulators/gitlab, tests/emulators/jira) and thin
clients for their APIs; shared by the emulators' own tests and the daemon's."""

from __future__ import annotations

import base64
from typing import Any

from pager_harness import EmulatorProcess
from slack_harness import Reply

GITLAB_TOKEN = "glpat-siren-test-token"
GITLAB_PROJECT = "ops/incidents"


class GitLab(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("gitlab", tmp_path, *extra)

    def api(self, method: str, path: str, body: Any = None, *,
            token: str | None = GITLAB_TOKEN, query: Any = None) -> Reply:
        headers = {"PRIVATE-TOKEN": token} if token is not None else {}
        return self.call(method, "/api/v4" + path, body, headers, query)

    def issues(self, **query: Any) -> list[dict[str, Any]]:
        return self.records("issues", **query)


JIRA_EMAIL = "siren@example.com"
JIRA_TOKEN = "jira-api-token-test"
JIRA_PROJECT = "OPS"


class Jira(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("jira", tmp_path, *extra)

    def api(self, method: str, path: str, body: Any = None, *, email: str = JIRA_EMAIL,
            token: str | None = JIRA_TOKEN, query: Any = None) -> Reply:
        headers = {}
        if token is not None:
            pair = base64.b64encode(f"{email}:{token}".encode()).decode()
            headers["Authorization"] = f"Basic {pair}"
        return self.call(method, "/rest/api/3" + path, body, headers, query)

    def issues(self, **query: Any) -> list[dict[str, Any]]:
        return self.records("issues", **query)
