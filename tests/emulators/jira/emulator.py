"""The whole emulated Jira: issues, the workflow and the fault catalogue.

Fault actions (besides the generic delay and reset, common.faults):

  ratelimit   429 with `Retry-After: <retry_after_s>`
  invalid     400 {"errorMessages": [], "errors": {"<field>": "<message>"}}
  http_error  `status`: 4xx with {"errorMessages": ["<phrase>"], "errors": {}}, 5xx with a
              text/plain body, as from a load balancer
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultAction, FaultRule
from ..common.rate_window import Windows
from .settings import Settings

ENDPOINTS = ("issue.create", "issue.get", "issue.edit", "search", "transitions.list",
             "transitions.do")
ACTIONS = (
    FaultAction("ratelimit", {"retry_after_s": 30}),
    FaultAction("invalid", {"field": "summary", "message": "is invalid"}),
    FaultAction("http_error", {"status": 503}),
)


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


@dataclass
class Issue:
    id: str
    key: str
    project: str
    summary: str
    issue_type: str
    labels: list[str]
    priority: str | None
    description: Any
    status: str
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)

    def to_api(self, base_url: str) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "self": f"{base_url}/rest/api/3/issue/{self.id}",
                "fields": {"project": {"key": self.project}, "summary": self.summary,
                           "issuetype": {"name": self.issue_type}, "labels": list(self.labels),
                           "priority": {"name": self.priority} if self.priority else None,
                           "description": self.description, "status": {"name": self.status},
                           "created": self.created, "updated": self.updated}}

    def flat(self) -> dict[str, Any]:
        """For /_control/issues: filterable top-level fields."""
        return {"key": self.key, "project": self.project, "summary": self.summary,
                "issue_type": self.issue_type, "labels": list(self.labels),
                "priority": self.priority, "status": self.status}


class JiraEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, ACTIONS, ENDPOINTS)

    def build_model(self) -> None:
        self.issues: list[Issue] = []
        self._ids = itertools.count(10001)
        self._numbers: dict[str, itertools.count[int]] = {}
        self.windows = Windows()

    def new_issue(self, project: str, **fields: Any) -> Issue:
        number = next(self._numbers.setdefault(project, itertools.count(1)))
        issue = Issue(id=str(next(self._ids)), key=f"{project}-{number}", project=project,
                      status=self.settings.statuses[0], **fields)
        self.issues.append(issue)
        self.signal.fire()
        return issue

    def find(self, key_or_id: str) -> Issue | None:
        return next((i for i in self.issues if key_or_id in (i.key, i.id)), None)

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        p = rule.params
        if rule.action == "ratelimit":
            return web.Response(status=429, text="Rate limit exceeded",
                                headers={"Retry-After": str(p["retry_after_s"])})
        if rule.action == "invalid":
            return web.json_response({"errorMessages": [], "errors": {p["field"]: p["message"]}},
                                     status=400)
        if rule.action == "http_error":
            status = p["status"]
            if status < 500:
                return web.json_response({"errorMessages": [phrase(status)], "errors": {}},
                                         status=status)
            return web.Response(status=status, text=f"{status} {phrase(status)}")
        return None


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
