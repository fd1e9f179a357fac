"""GitLab's project issues REST API v4 as siren uses it (docs.gitlab.com/api/issues):

  POST /api/v4/projects/{id}/issues           create (title required; labels, issue_type, ...)
  GET  /api/v4/projects/{id}/issues           list (labels, state, order_by, sort, paging)
  GET  /api/v4/projects/{id}/issues/{iid}     one issue
  PUT  /api/v4/projects/{id}/issues/{iid}     edit (state_event, labels, add_labels, ...)

`{id}` is the project's id or its URL-encoded path: an unencoded slash matches no route (404),
as on GitLab. Authentication is checked before anything else: PRIVATE-TOKEN or
`Authorization: Bearer`, else 401 {"message": "401 Unauthorized"}."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from .emulator import ISSUE_TYPES, Issue, now_iso, throttled

if TYPE_CHECKING:
    from .emulator import GitLabEmulator

MAX_TITLE = 255
MAX_DESCRIPTION = 1_048_576
UPDATE_FIELDS = ("title", "description", "state_event", "labels", "add_labels",
                 "remove_labels", "issue_type", "assignee_ids", "confidential", "due_date")


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status, self.body = status, body


def bad_request(message: str) -> ApiError:
    return ApiError(400, {"error": message})


def add_routes(router: web.UrlDispatcher, emu: "GitLabEmulator") -> None:
    api = IssuesApi(emu)
    base = "/api/v4/projects/{project}/issues"
    router.add_post(base, api.guard(api.create), name="issues.create")
    router.add_get(base, api.guard(api.list), name="issues.list")
    router.add_get(base + "/{iid}", api.guard(api.get), name="issues.get")
    router.add_put(base + "/{iid}", api.guard(api.update), name="issues.update")


class IssuesApi:
    def __init__(self, emu: "GitLabEmulator") -> None:
        self.emu = emu

    def guard(self, handler: Any) -> Any:
        async def run(request: web.Request) -> web.StreamResponse:
            try:
                token = self.authenticate(request)
                limit = self.emu.settings.requests_per_minute
                if limit and not self.emu.windows.take(token, limit, 60.0).allowed:
                    return throttled(self.emu.settings.retry_after_s, limit)
                project = self.emu.project(request.match_info["project"])
                if project is None:
                    raise ApiError(404, {"message": "404 Project Not Found"})
                return await handler(request, project)
            except ApiError as e:
                return web.json_response(e.body, status=e.status)
        return run

    def authenticate(self, request: web.Request) -> str:
        token = request.headers.get("PRIVATE-TOKEN")
        auth = request.headers.get("Authorization", "")
        if token is None and auth.startswith("Bearer "):
            token = auth[len("Bearer "):]
        if not token or token not in self.emu.settings.tokens:
            raise ApiError(401, {"message": "401 Unauthorized"})
        return token

    async def params(self, request: web.Request) -> dict[str, Any]:
        """The query, overlaid by a JSON or form body, as Grape reads them."""
        values: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if not raw.strip():
            return values
        kind = request.content_type
        if kind == "application/json":
            try:
                body = json.loads(raw)
            except ValueError:
                raise bad_request("The request body is not valid JSON") from None
            if not isinstance(body, dict):
                raise bad_request("The request body must be a JSON object")
            values.update(body)
        elif kind == "application/x-www-form-urlencoded":
            values.update(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        else:
            raise ApiError(415, {"error": "415 Unsupported Media Type"})
        return values

    def issue(self, request: web.Request, project: dict[str, Any]) -> Issue:
        try:
            iid = int(request.match_info["iid"])
        except ValueError:
            raise bad_request("issue_iid is invalid") from None
        for i in self.emu.issues:
            if i.project_id == project["id"] and i.iid == iid:
                return i
        raise ApiError(404, {"message": "404 Not found"})

    async def create(self, request: web.Request, project: dict[str, Any]) -> web.Response:
        p = await self.params(request)
        title = p.get("title")
        if title is None or (isinstance(title, str) and not title.strip()):
            raise bad_request("title is missing" if title is None else "title is empty")
        if not isinstance(title, str):
            raise bad_request("title is invalid")
        issue_type = p.get("issue_type", "issue")
        if issue_type not in ISSUE_TYPES:
            raise bad_request("issue_type does not have a valid value")
        description = p.get("description") or ""
        if not isinstance(description, str):
            raise bad_request("description is invalid")
        errors: dict[str, list[str]] = {}
        if len(title) > MAX_TITLE:
            errors["title"] = [f"is too long (maximum is {MAX_TITLE} characters)"]
        if len(description) > MAX_DESCRIPTION:
            errors["description"] = [f"is too long (maximum is {MAX_DESCRIPTION} characters)"]
        if errors:
            raise ApiError(422, {"message": errors})
        issue = self.emu.new_issue(project, title=title, description=description,
                                   labels=label_list(p.get("labels")), issue_type=issue_type)
        return web.json_response(issue.to_api(self.emu.base_url), status=201)

    async def list(self, request: web.Request, project: dict[str, Any]) -> web.Response:
        p = dict(request.query)
        state = p.get("state", "all")
        if state not in ("opened", "closed", "all"):
            raise bad_request("state does not have a valid value")
        order_by = p.get("order_by", "created_at")
        if order_by not in ("created_at", "updated_at", "priority", "due_date", "relative_position",
                            "label_priority", "milestone_due", "popularity", "weight",
                            "title"):
            raise bad_request("order_by does not have a valid value")
        sort = p.get("sort", "desc")
        if sort not in ("asc", "desc"):
            raise bad_request("sort does not have a valid value")
        try:
            per_page = max(1, min(100, int(p.get("per_page", 20))))
            page = max(1, int(p.get("page", 1)))
        except ValueError:
            raise bad_request("per_page is invalid") from None
        wanted = label_list(p.get("labels"))
        found = [i for i in self.emu.issues if i.project_id == project["id"]
                 and (state == "all" or i.state == state)
                 and all(w in i.labels for w in wanted)]
        key = (lambda i: i.title) if order_by == "title" else \
            (lambda i: (i.updated_at if order_by == "updated_at" else i.created_at, i.id))
        found.sort(key=key, reverse=sort == "desc")
        chunk = found[(page - 1) * per_page: page * per_page]
        headers = {"X-Total": str(len(found)), "X-Page": str(page),
                   "X-Per-Page": str(per_page)}
        return web.json_response([i.to_api(self.emu.base_url) for i in chunk], headers=headers)

    async def get(self, request: web.Request, project: dict[str, Any]) -> web.Response:
        return web.json_response(self.issue(request, project).to_api(self.emu.base_url))

    async def update(self, request: web.Request, project: dict[str, Any]) -> web.Response:
        issue = self.issue(request, project)
        p = await self.params(request)
        if not any(k in p for k in UPDATE_FIELDS):
            raise bad_request(", ".join(UPDATE_FIELDS) +
                              " are missing, at least one parameter must be provided")
        event = p.get("state_event")
        if event is not None and event not in ("close", "reopen"):
            raise bad_request("state_event does not have a valid value")
        if "title" in p:
            if not isinstance(p["title"], str) or not p["title"].strip():
                raise bad_request("title is empty")
            if len(p["title"]) > MAX_TITLE:
                raise ApiError(422, {"message": {
                    "title": [f"is too long (maximum is {MAX_TITLE} characters)"]}})
            issue.title = p["title"]
        if "description" in p:
            issue.description = str(p["description"] or "")
        if "labels" in p:
            issue.labels = label_list(p["labels"])
        for label in label_list(p.get("add_labels")):
            if label not in issue.labels:
                issue.labels.append(label)
        removed = set(label_list(p.get("remove_labels")))
        issue.labels = [label for label in issue.labels if label not in removed]
        if event == "close" and issue.state == "opened":
            issue.state, issue.closed_at = "closed", now_iso()
        elif event == "reopen" and issue.state == "closed":
            issue.state, issue.closed_at = "opened", None
        issue.updated_at = now_iso()
        self.emu.signal.fire()
        return web.json_response(issue.to_api(self.emu.base_url))


def label_list(value: Any) -> list[str]:
    """GitLab takes labels as a comma-separated string or an array of strings."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    out: list[str] = []
    for item in items:
        label = str(item).strip()
        if label and label not in out:
            out.append(label)
    return out
