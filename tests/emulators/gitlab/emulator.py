"""The whole emulated GitLab: issues per project and the fault catalogue.

Fault actions (besides the generic delay and reset, common.faults):

  ratelimit   429 with `Retry-After: <retry_after_s>` and RateLimit-* headers, body
              "Retry later" as GitLab's rack-attack answers it
  invalid     422 {"message": {"<field>": ["<message>"]}}, as a failed model validation
  http_error  `status`: 4xx with GitLab's {"message": "<status> <phrase>"}, 5xx with a
              text/plain body, as from a load balancer
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultAction, FaultRule
from ..common.rate_window import Windows
from .settings import Settings

ENDPOINTS = ("issues.create", "issues.list", "issues.get", "issues.update")
ACTIONS = (
    FaultAction("ratelimit", {"retry_after_s": 30}),
    FaultAction("invalid", {"field": "title", "message": "is invalid"}),
    FaultAction("http_error", {"status": 503}),
)
ISSUE_TYPES = ("issue", "incident", "test_case", "task")


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class Issue:
    id: int
    iid: int
    project_id: int
    project_path: str
    title: str
    description: str
    labels: list[str]
    issue_type: str
    state: str = "opened"
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    closed_at: str | None = None

    def to_api(self, base_url: str) -> dict[str, Any]:
        return {
            "id": self.id, "iid": self.iid, "project_id": self.project_id,
            "title": self.title, "description": self.description, "state": self.state,
            "labels": list(self.labels), "issue_type": self.issue_type,
            "type": self.issue_type.upper(), "created_at": self.created_at,
            "updated_at": self.updated_at, "closed_at": self.closed_at,
            "web_url": f"{base_url}/{self.project_path}/-/"
                       f"{'issues/incident' if self.issue_type == 'incident' else 'issues'}"
                       f"/{self.iid}",
        }


class GitLabEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, ACTIONS, ENDPOINTS)

    def build_model(self) -> None:
        self.issues: list[Issue] = []
        self._ids = itertools.count(1001)
        self._iids: dict[int, itertools.count[int]] = {}
        self.windows = Windows()

    def project(self, named: str) -> dict[str, Any] | None:
        for p in self.settings.projects:
            number, _, path = p.partition(":")
            if named in (number, path):
                return {"id": int(number), "path_with_namespace": path}
        return None

    def new_issue(self, project: dict[str, Any], **fields: Any) -> Issue:
        counter = self._iids.setdefault(project["id"], itertools.count(1))
        issue = Issue(id=next(self._ids), iid=next(counter), project_id=project["id"],
                      project_path=project["path_with_namespace"], **fields)
        self.issues.append(issue)
        self.signal.fire()
        return issue

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        p = rule.params
        if rule.action == "ratelimit":
            return throttled(p["retry_after_s"], self.settings.requests_per_minute)
        if rule.action == "invalid":
            return web.json_response({"message": {p["field"]: [p["message"]]}}, status=422)
        if rule.action == "http_error":
            status = p["status"]
            if status < 500:
                return web.json_response({"message": f"{status} {phrase(status)}"},
                                         status=status)
            return web.Response(status=status, text=f"{status} {phrase(status)}")
        return None


def throttled(retry_after_s: int, limit: int) -> web.Response:
    reset = int(time.time()) + retry_after_s
    return web.Response(status=429, text="Retry later\n", headers={
        "Retry-After": str(retry_after_s), "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": "0", "RateLimit-Reset": str(reset)})


def phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
