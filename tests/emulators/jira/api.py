"""Jira Cloud's REST API v3 as siren uses it (developer.atlassian.com/cloud/jira/platform):

  POST /rest/api/3/issue                       create   {"fields": {project, summary, ...}}
  GET  /rest/api/3/issue/{key}                 one issue
  PUT  /rest/api/3/issue/{key}                 edit     {"fields": {...}, "update": {...}}
  GET  /rest/api/3/search/jql?jql=...          search (the JQL subset below)
  GET  /rest/api/3/issue/{key}/transitions     the transitions the issue offers now
  POST /rest/api/3/issue/{key}/transitions     {"transition": {"id": "..."}}

Basic authentication (`email:api_token`) is checked first: 401 with a text body otherwise.
JQL: `field = value` clauses (project, labels, status, key; values bare or quoted) joined by
AND, then an optional `ORDER BY created|key [ASC|DESC]`; anything else is a 400."""

from __future__ import annotations

import base64
import json
import re
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .emulator import Issue, now_iso

if TYPE_CHECKING:
    from .emulator import JiraEmulator

MAX_SUMMARY = 255
NOT_FOUND = {"errorMessages": ["Issue does not exist or you do not have permission to see it."],
             "errors": {}}
CLAUSE = re.compile(r'^\s*(\w+)\s*=\s*("([^"]*)"|([^\s"]+))\s*$')


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status, self.body = status, body


def field_error(name: str, message: str) -> ApiError:
    return ApiError(400, {"errorMessages": [], "errors": {name: message}})


def add_routes(router: web.UrlDispatcher, emu: "JiraEmulator") -> None:
    api = JiraApi(emu)
    router.add_post("/rest/api/3/issue", api.guard(api.create), name="issue.create")
    router.add_get("/rest/api/3/search/jql", api.guard(api.search), name="search")
    router.add_get("/rest/api/3/issue/{key}", api.guard(api.get), name="issue.get")
    router.add_put("/rest/api/3/issue/{key}", api.guard(api.edit), name="issue.edit")
    router.add_get("/rest/api/3/issue/{key}/transitions", api.guard(api.transitions),
                   name="transitions.list")
    router.add_post("/rest/api/3/issue/{key}/transitions", api.guard(api.transition),
                    name="transitions.do")


class JiraApi:
    def __init__(self, emu: "JiraEmulator") -> None:
        self.emu = emu

    def guard(self, handler: Any) -> Any:
        async def run(request: web.Request) -> web.StreamResponse:
            account = self.authenticate(request)
            if account is None:
                return web.Response(status=401, text="Client must be authenticated to access "
                                    "this resource.", headers={"WWW-Authenticate": "Basic"})
            limit = self.emu.settings.requests_per_minute
            if limit and not self.emu.windows.take(account, limit, 60.0).allowed:
                return web.Response(status=429, text="Rate limit exceeded", headers={
                    "Retry-After": str(self.emu.settings.retry_after_s)})
            try:
                return await handler(request)
            except ApiError as e:
                return web.json_response(e.body, status=e.status)
        return run

    def authenticate(self, request: web.Request) -> str | None:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return None
        try:
            pair = base64.b64decode(auth[len("Basic "):], validate=True).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        return pair if pair in self.emu.settings.accounts else None

    async def body(self, request: web.Request) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise ApiError(415, {"errorMessages": ["Unsupported Media Type"], "errors": {}})
        try:
            value = json.loads(await request.read())
        except ValueError:
            raise ApiError(400, {"errorMessages": ["Unexpected character in the JSON body"],
                                 "errors": {}}) from None
        if not isinstance(value, dict):
            raise ApiError(400, {"errorMessages": ["The body must be an object"], "errors": {}})
        return value

    def issue(self, request: web.Request) -> Issue:
        found = self.emu.find(request.match_info["key"])
        if found is None:
            raise ApiError(404, NOT_FOUND)
        return found

    def check_labels(self, labels: Any) -> list[str]:
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise field_error("labels", "Field 'labels' must be an array of strings.")
        for label in labels:
            if " " in label:
                raise field_error("labels", f"The label '{label}' contains spaces which is "
                                  "invalid.")
            if len(label) > 255:
                raise field_error("labels", "The label must not exceed 255 characters.")
        return list(dict.fromkeys(labels))

    def check_priority(self, value: Any) -> str:
        name = value.get("name") if isinstance(value, dict) else None
        if name not in self.emu.settings.priorities:
            raise field_error("priority", "Specify a valid priority")
        return name

    async def create(self, request: web.Request) -> web.Response:
        fields = (await self.body(request)).get("fields")
        if not isinstance(fields, dict):
            raise ApiError(400, {"errorMessages": ["Field 'fields' is required."], "errors": {}})
        project = fields.get("project")
        key = project.get("key") if isinstance(project, dict) else None
        if key not in self.emu.settings.projects:
            raise field_error("project", "valid project is required")
        summary = fields.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            raise field_error("summary", "You must specify a summary of the issue.")
        if len(summary) > MAX_SUMMARY or "\n" in summary:
            raise field_error("summary", "Summary must be less than 255 characters.")
        issue_type = fields.get("issuetype")
        type_name = issue_type.get("name") if isinstance(issue_type, dict) else None
        if type_name not in self.emu.settings.issue_types:
            raise field_error("issuetype", "Specify a valid issue type")
        description = fields.get("description")
        if description is not None and not (isinstance(description, dict)
                                            and description.get("type") == "doc"
                                            and description.get("version") == 1):
            raise field_error("description", "Operation value must be an Atlassian Document "
                              "(see the Atlassian Document Format)")
        labels = self.check_labels(fields.get("labels", []))
        priority = self.check_priority(fields["priority"]) if "priority" in fields else None
        issue = self.emu.new_issue(key, summary=summary, issue_type=type_name, labels=labels,
                                   priority=priority, description=description)
        return web.json_response({"id": issue.id, "key": issue.key,
                                  "self": f"{self.emu.base_url}/rest/api/3/issue/{issue.id}"},
                                 status=201)

    async def get(self, request: web.Request) -> web.Response:
        return web.json_response(self.issue(request).to_api(self.emu.base_url))

    async def edit(self, request: web.Request) -> web.Response:
        issue = self.issue(request)
        body = await self.body(request)
        fields = body.get("fields", {})
        update = body.get("update", {})
        if not isinstance(fields, dict) or not isinstance(update, dict):
            raise ApiError(400, {"errorMessages": ["fields and update must be objects"],
                                 "errors": {}})
        labels = list(issue.labels)
        if "labels" in fields:
            labels = self.check_labels(fields["labels"])
        for op in update.get("labels", []):
            if not isinstance(op, dict) or len(op) != 1:
                raise field_error("labels", "Each operation must be one of add, remove, set.")
            (verb, value), = op.items()
            if verb == "set":
                labels = self.check_labels(value)
            elif verb == "add":
                labels += [x for x in self.check_labels([value]) if x not in labels]
            elif verb == "remove":
                labels = [x for x in labels if x != value]
            else:
                raise field_error("labels", f"Operation '{verb}' is not supported.")
        priority = self.check_priority(fields["priority"]) if "priority" in fields \
            else issue.priority
        if "summary" in fields:
            if not isinstance(fields["summary"], str) or not fields["summary"].strip():
                raise field_error("summary", "You must specify a summary of the issue.")
            issue.summary = fields["summary"]
        issue.labels, issue.priority, issue.updated = labels, priority, now_iso()
        self.emu.signal.fire()
        return web.Response(status=204)

    def offered(self, issue: Issue) -> list[dict[str, Any]]:
        return [{"id": str(11 + 10 * n), "name": status, "to": {"name": status},
                 "isAvailable": True}
                for n, status in enumerate(self.emu.settings.statuses) if status != issue.status]

    async def transitions(self, request: web.Request) -> web.Response:
        return web.json_response({"transitions": self.offered(self.issue(request))})

    async def transition(self, request: web.Request) -> web.Response:
        issue = self.issue(request)
        wanted = (await self.body(request)).get("transition")
        wanted_id = wanted.get("id") if isinstance(wanted, dict) else None
        match = next((t for t in self.offered(issue) if t["id"] == str(wanted_id)), None)
        if match is None:
            raise ApiError(400, {"errorMessages": [
                f"Transition id '{wanted_id}' is not valid for this issue."], "errors": {}})
        issue.status, issue.updated = match["to"]["name"], now_iso()
        self.emu.signal.fire()
        return web.Response(status=204)

    async def search(self, request: web.Request) -> web.Response:
        jql = request.query.get("jql", "")
        found = [i for i in self.emu.issues if self.matches(i, jql)]
        order = re.search(r"ORDER BY\s+(\w+)(?:\s+(ASC|DESC))?\s*$", jql, re.IGNORECASE)
        if order:
            found.sort(key=lambda i: int(i.id), reverse=(order.group(2) or "ASC").upper() == "DESC")
        try:
            most = max(1, min(5000, int(request.query.get("maxResults", 50))))
        except ValueError:
            raise ApiError(400, {"errorMessages": ["maxResults is invalid"], "errors": {}}) \
                from None
        wanted = request.query.get("fields", "")
        issues = []
        for i in found[:most]:
            full = i.to_api(self.emu.base_url)
            if wanted:
                names = wanted.split(",")
                full["fields"] = {k: v for k, v in full["fields"].items() if k in names}
            issues.append(full)
        return web.json_response({"issues": issues, "isLast": len(found) <= most})

    def matches(self, issue: Issue, jql: str) -> bool:
        where = re.split(r"\s+ORDER BY\s+", jql, flags=re.IGNORECASE)[0]
        if not where.strip():
            return True
        for clause in re.split(r"\s+AND\s+", where, flags=re.IGNORECASE):
            m = CLAUSE.match(clause)
            if m is None:
                raise ApiError(400, {"errorMessages": [
                    f"Error in the JQL Query: cannot read '{clause.strip()}'."], "errors": {}})
            name, value = m.group(1).lower(), m.group(3) if m.group(3) is not None \
                else m.group(4)
            if name == "project":
                ok = issue.project == value
            elif name == "labels":
                ok = value in issue.labels
            elif name == "status":
                ok = issue.status.lower() == value.lower()
            elif name == "key":
                ok = issue.key == value
            else:
                raise ApiError(400, {"errorMessages": [
                    f"Field '{name}' does not exist or you do not have permission to view it."],
                    "errors": {}})
            if not ok:
                return False
        return True
