"""`siren run` recording incidents in Jira through the Jira emulator: the issue made on declare
with its priority and labels, kept in step, moved to Done on resolve, follow-ups filed with
`--ticket`, and a create whose answer was lost makes no second issue."""

from __future__ import annotations

import pytest

from test_daemon import (Daemon, declare, emulator, eventually, incident_channel,  # noqa: F401
                         slash, wait_connected)
from tracker_harness import JIRA_EMAIL, JIRA_PROJECT, JIRA_TOKEN, Jira


@pytest.fixture
def jira(tmp_path):
    j = Jira(tmp_path)
    try:
        yield j
    finally:
        j.stop()


@pytest.fixture
def jira_daemon(siren_bin, emulator, jira, tmp_path):
    def change(config):
        config["tracker"] = {"kind": "jira", "base_url": jira.base, "project": JIRA_PROJECT}
    d = Daemon(siren_bin, emulator, tmp_path, change_config=change,
               extra_env={"JIRA_EMAIL": JIRA_EMAIL, "JIRA_API_TOKEN": JIRA_TOKEN})
    wait_connected(emulator)
    yield d
    assert d.stop() == 0, d.log()


def one_issue(j: Jira, **query) -> dict:
    found = eventually(lambda: j.issues(**query) or None)
    assert len(found) == 1, found
    return found[0]


def issue_bookmark(emu) -> dict:
    return eventually(lambda: next((b for b in incident_channel(emu)["bookmarks"]
                                    if "/browse/" in b["link"]), None), timeout=15)


def test_declare_update_and_resolve_keep_the_jira_issue_in_step(emulator, jira, jira_daemon):
    declare(emulator)
    issue = one_issue(jira)
    assert issue["key"] == "OPS-1"
    assert issue["priority"] == "High"
    assert {"siren", "siren-incident-1", "severity::S1", "stage::declared"} <= set(issue["labels"])
    create = jira.records("requests", endpoint="issue.create")[0]
    assert create["headers"]["Authorization"] == "Basic <redacted>"
    assert create["body"]["fields"]["description"]["type"] == "doc"
    assert issue_bookmark(emulator)["link"] == f"{jira.base}/browse/OPS-1"

    channel = incident_channel(emulator)
    slash(emulator, "update sev=S3", channel=channel["id"], command="/119")
    eventually(lambda: one_issue(jira)["priority"] == "Low" or None)
    assert "severity::S1" not in one_issue(jira)["labels"]

    slash(emulator, "resolve", channel=channel["id"], command="/119")
    done = eventually(lambda: (i := one_issue(jira))["status"] == "Done" and i)
    assert "stage::resolved" in done["labels"]


def test_action_add_with_ticket_files_a_jira_issue(emulator, jira, jira_daemon):
    declare(emulator)
    channel = incident_channel(emulator)
    one_issue(jira)
    slash(emulator, "action add alert on checkout error rate --ticket", channel=channel["id"],
          command="/119")
    action = eventually(lambda: jira.issues(summary="alert on checkout error rate") or None)[0]
    assert "siren-action-1-1" in action["labels"]
    assert action["priority"] is None


def test_a_lost_jira_create_answer_makes_no_second_issue(emulator, jira, jira_daemon):
    jira.fault(endpoint="issue.create", action="reset", after_processing=True)
    declare(emulator)
    issue_bookmark(emulator)
    searches = jira.records("requests", endpoint="search")
    assert searches and "labels = \"siren-incident-1\"" in searches[0]["query"]["jql"][0]
    assert len(jira.issues()) == 1
