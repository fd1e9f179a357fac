"""`siren run` recording incidents in GitLab through the GitLab emulator, with the Slack
emulator as the workspace: the issue made on declare with its labels, kept in step with
severity and stage, closed on resolve, linked from the channel; follow-ups filed with
`--ticket`; a create whose answer was lost makes no second issue; a tracker that is down
holds nothing up and is told in the channel once."""

from __future__ import annotations

import time

import pytest

from test_daemon import (Daemon, calls, declare, emulator, eventually, incident_channel,  # noqa: F401
                         slash, wait_connected)
from tracker_harness import GITLAB_PROJECT, GITLAB_TOKEN, GitLab


@pytest.fixture
def gitlab(tmp_path):
    gl = GitLab(tmp_path)
    try:
        yield gl
    finally:
        gl.stop()


def gitlab_config(gl: GitLab):
    def change(config):
        config["tracker"] = {"kind": "gitlab", "base_url": gl.base, "project": GITLAB_PROJECT}
    return change


@pytest.fixture
def tracker_daemon(siren_bin, emulator, gitlab, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=gitlab_config(gitlab),
               extra_env={"GITLAB_TOKEN": GITLAB_TOKEN})
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


def one_issue(gl: GitLab, **query) -> dict:
    found = eventually(lambda: gl.issues(**query) or None)
    assert len(found) == 1, found
    return found[0]


def issue_bookmark(emu) -> dict:
    """The bookmark linking the incident's issue (the channel may have others: runbooks, ...)."""
    return eventually(lambda: next((b for b in incident_channel(emu)["bookmarks"]
                                    if "/-/issues/" in b["link"]), None), timeout=15)


def in_channel(emu, text: str) -> list[dict]:
    return [m for m in incident_channel(emu)["messages"] if text in m["text"]]


def test_declare_creates_an_incident_issue_linked_from_the_channel(emulator, gitlab,
                                                                   tracker_daemon):
    declare(emulator)
    issue = one_issue(gitlab)
    assert issue["issue_type"] == "incident"
    assert issue["title"].endswith("Checkout returns 500")
    assert {"siren", "siren-incident-1", "severity::S1", "stage::declared"} <= set(issue["labels"])
    create = gitlab.records("requests", endpoint="issues.create")[0]
    assert create["path"] == "/api/v4/projects/ops%2Fincidents/issues" or \
        create["path"] == "/api/v4/projects/ops/incidents/issues"
    assert create["headers"]["PRIVATE-TOKEN"] == GITLAB_TOKEN
    assert create["status"] == 201

    bookmark = issue_bookmark(emulator)
    assert bookmark["link"] == issue["web_url"]
    assert bookmark["title"] == f"GitLab issue #{issue['iid']}"
    # The pinned intro is edited to link the issue.
    calls(emulator, "chat.update")
    eventually(lambda: in_channel(emulator, issue["web_url"]) or None)


def test_severity_and_stage_follow_and_resolve_closes(emulator, gitlab, tracker_daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    issue = one_issue(gitlab)
    slash(emulator, "update sev=S2 stage=identified", channel=channel["id"], command="/119")

    def changed():
        labels = set(one_issue(gitlab)["labels"])
        return labels if "severity::S2" in labels and "stage::identified" in labels else None
    labels = eventually(changed)
    assert "severity::S1" not in labels and "stage::declared" not in labels
    assert "siren-incident-1" in labels

    slash(emulator, "resolve", channel=channel["id"], command="/119")
    closed = eventually(lambda: (i := one_issue(gitlab))["state"] == "closed" and i)
    assert closed["iid"] == issue["iid"]
    assert "stage::resolved" in closed["labels"]
    assert len(gitlab.issues()) == 1


def test_action_add_with_ticket_files_an_issue(emulator, gitlab, tracker_daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    one_issue(gitlab)
    slash(emulator, "action add alert on checkout error rate --ticket", channel=channel["id"],
          command="/119")
    action = eventually(lambda: gitlab.issues(title="alert on checkout error rate") or None)[0]
    assert action["issue_type"] == "issue"
    assert "siren-action-1-1" in action["labels"]
    assert len(gitlab.issues()) == 2


def test_a_lost_create_answer_makes_no_second_issue(emulator, gitlab, tracker_daemon):
    gitlab.fault(endpoint="issues.create", action="reset", after_processing=True)
    declare(emulator)
    # siren never heard back, looked for the issue by its label, found it and linked it.
    issue_bookmark(emulator)
    lookups = gitlab.records("requests", endpoint="issues.list")
    assert lookups and lookups[0]["query"]["labels"] == ["siren-incident-1"]
    assert len(gitlab.issues()) == 1
    assert len(gitlab.records("requests", endpoint="issues.create")) == 1


def test_a_tracker_that_is_down_holds_nothing_up_and_is_told_once(emulator, gitlab,
                                                                  tracker_daemon):
    gitlab.fault(endpoint="issues.create", action="http_error", status=503, times=3)
    declare(emulator)
    # The incident goes on: channel, intro and pin came although GitLab failed.
    incident_channel(emulator)
    told = eventually(lambda: in_channel(emulator, "issue tracker did not take") or None)
    assert "siren keeps trying" in told[0]["text"]
    one_issue(gitlab)  # retried until GitLab took it
    issue_bookmark(emulator)
    assert len(in_channel(emulator, "issue tracker did not take")) == 1
    assert len(gitlab.issues()) == 1


def test_a_tracker_that_fails_again_after_recovering_is_told_again(emulator, gitlab,
                                                                   tracker_daemon):
    gitlab.fault(endpoint="issues.create", action="http_error", status=503, times=1)
    declare(emulator)
    channel = incident_channel(emulator)
    one_issue(gitlab)
    issue_bookmark(emulator)
    assert len(in_channel(emulator, "issue tracker did not take")) == 1
    gitlab.fault(endpoint="issues.update", action="http_error", status=503, times=1)
    slash(emulator, "update stage=identified", channel=channel["id"], command="/119")
    eventually(lambda: len(in_channel(emulator, "issue tracker did not take")) == 2 or None)


def test_a_refused_token_is_told_without_the_token(emulator, gitlab, siren_bin, tmp_path):
    d = Daemon(siren_bin, emulator, tmp_path, change_config=gitlab_config(gitlab),
               extra_env={"GITLAB_TOKEN": "glpat-wrong-token"})
    try:
        wait_connected(emulator)
        declare(emulator)
        told = eventually(lambda: in_channel(emulator, "issue tracker did not take") or None)
        assert "401" in told[0]["text"]
        assert "siren does not try again: check `tracker`" in told[0]["text"]
        assert "glpat-wrong-token" not in d.log()
        time.sleep(0.5)
        assert gitlab.issues() == []
    finally:
        assert d.stop() == 0, d.log()
