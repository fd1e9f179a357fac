"""The GitLab and Jira emulators on their own: authentication, validation and the failure
answers siren's tracker clients are written against."""

from __future__ import annotations

import pytest

from tracker_harness import GitLab, Jira

ISSUES = "/projects/ops%2Fincidents/issues"


@pytest.fixture(scope="module")
def gitlab(tmp_path_factory):
    gl = GitLab(tmp_path_factory.mktemp("gitlab"))
    yield gl
    gl.stop()


@pytest.fixture(scope="module")
def jira(tmp_path_factory):
    j = Jira(tmp_path_factory.mktemp("jira"))
    yield j
    j.stop()


def test_gitlab_checks_the_token_first(gitlab):
    gitlab.clean()
    assert gitlab.api("POST", ISSUES, {"title": "x"}, token=None).status == 401
    assert gitlab.api("POST", ISSUES, {"title": "x"}, token="wrong").json == {
        "message": "401 Unauthorized"}
    assert gitlab.api("POST", "/projects/ops%2Fnope/issues", {"title": "x"}).json == {
        "message": "404 Project Not Found"}
    assert gitlab.api("POST", "/projects/ops/incidents/issues", {"title": "x"}).status == 404


def test_gitlab_validates_creates_and_edits(gitlab):
    gitlab.clean()
    assert gitlab.api("POST", ISSUES, {"description": "x"}).json == {"error": "title is missing"}
    assert gitlab.api("POST", ISSUES, {"title": "x", "issue_type": "outage"}).status == 400
    assert gitlab.api("POST", ISSUES, {"title": "x" * 256}).status == 422
    made = gitlab.api("POST", ISSUES, {"title": "Checkout down", "issue_type": "incident",
                                       "labels": "siren,severity::S1"})
    assert made.status == 201 and made.json["iid"] == 1
    assert "/-/issues/incident/1" in made.json["web_url"]
    found = gitlab.api("GET", ISSUES, query={"labels": "siren"}).json
    assert [i["iid"] for i in found] == [1]
    edited = gitlab.api("PUT", ISSUES + "/1", {"add_labels": "severity::S2",
                                                "remove_labels": "severity::S1",
                                                "state_event": "close"})
    assert edited.json["state"] == "closed"
    assert edited.json["labels"] == ["siren", "severity::S2"]
    assert gitlab.api("PUT", ISSUES + "/1", {}).status == 400
    assert gitlab.api("PUT", ISSUES + "/9", {"state_event": "close"}).status == 404


def test_gitlab_faults(gitlab):
    gitlab.clean()
    gitlab.fault(endpoint="issues.create", action="ratelimit", retry_after_s=7)
    throttled = gitlab.api("POST", ISSUES, {"title": "x"})
    assert throttled.status == 429 and throttled.headers["Retry-After"] == "7"
    gitlab.fault(endpoint="issues.create", action="http_error", status=502)
    assert gitlab.api("POST", ISSUES, {"title": "x"}).status == 502
    assert gitlab.api("POST", ISSUES, {"title": "x"}).status == 201


def test_jira_authenticates_validates_and_transitions(jira):
    jira.clean()
    assert jira.api("POST", "/issue", {"fields": {}}, token="wrong").status == 401
    fields = {"project": {"key": "OPS"}, "summary": "Checkout down",
              "issuetype": {"name": "Task"}, "labels": ["siren"],
              "priority": {"name": "High"},
              "description": {"type": "doc", "version": 1, "content": []}}
    bad = jira.api("POST", "/issue", {"fields": {**fields, "description": "plain"}})
    assert bad.status == 400 and "description" in bad.json["errors"]
    bad = jira.api("POST", "/issue", {"fields": {**fields, "labels": ["near miss"]}})
    assert bad.status == 400 and "labels" in bad.json["errors"]
    made = jira.api("POST", "/issue", {"fields": fields})
    assert made.status == 201 and made.json["key"] == "OPS-1"
    found = jira.api("GET", "/search/jql", query={"jql": 'labels = "siren" ORDER BY created ASC'})
    assert [i["key"] for i in found.json["issues"]] == ["OPS-1"]
    assert jira.api("GET", "/search/jql", query={"jql": "assignee = me"}).status == 400
    offered = jira.api("GET", "/issue/OPS-1/transitions").json["transitions"]
    done = next(t for t in offered if t["to"]["name"] == "Done")
    assert jira.api("POST", "/issue/OPS-1/transitions", {"transition": {"id": done["id"]}}
                    ).status == 204
    assert jira.issues()[0]["status"] == "Done"
    assert jira.api("POST", "/issue/OPS-1/transitions", {"transition": {"id": "99"}}
                    ).status == 400
