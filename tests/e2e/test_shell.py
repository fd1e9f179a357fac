"""`siren shell` driven by scripts: the same dispatcher, handlers, store and effects runner as the
daemon, with the console workspace printing what siren does."""

import os
import pathlib
import sqlite3

import pytest

SESSIONS = pathlib.Path(__file__).parent / "sessions"
NOW = "2026-03-24T08:00:00Z"


def run_session(siren, db, script, *extra):
    r = siren("shell", "--db", str(db), "--now", NOW, *extra, stdin=script)
    assert r.returncode == 0, r.stderr
    return r.stdout


def check_golden(name, transcript):
    """Compares with tests/e2e/sessions/NAME.out; SIREN_UPDATE_GOLDEN=1 rewrites it."""
    golden = SESSIONS / f"{name}.out"
    if os.environ.get("SIREN_UPDATE_GOLDEN") == "1":
        golden.write_text(transcript)
    assert transcript == golden.read_text()


def count(db, table):
    with sqlite3.connect(db) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("name", ["lifecycle", "declare_form", "oncall"])
def test_scripted_session_transcript(siren, tmp_path, name):
    script = (SESSIONS / f"{name}.in").read_text()
    check_golden(name, run_session(siren, tmp_path / "s.db", script))


def test_lifecycle_declares_updates_hands_over_notes_and_resolves(siren, tmp_path):
    db = tmp_path / "s.db"
    out = run_session(siren, db, (SESSIONS / "lifecycle.in").read_text())
    assert "channel created" in out
    assert "siren pinned the message above" in out
    assert "[page @erin (eoc)]" in out
    assert "Handed #1 over to @bob" in out
    assert "Only the incident commander @alice can resolve #1" in out
    assert "Resolved #1 after 30m. Resolved 2 pages." in out
    with sqlite3.connect(db) as c:
        stage, = c.execute("SELECT stage FROM incidents WHERE id = 1").fetchone()
        kinds = [k for (k,) in c.execute(
            "SELECT kind FROM timeline_entries WHERE incident_id = 1 ORDER BY id")]
    assert stage == "resolved"
    assert kinds[0] == "declared" and kinds[-1] == "resolved"
    assert {"note", "handover", "stage", "role", "page"} <= set(kinds)
    assert count(db, "outbox") > 0
    with sqlite3.connect(db) as c:
        pending = c.execute("SELECT count(*) FROM outbox WHERE status != 'done'").fetchone()[0]
    assert pending == 0


def test_state_persists_across_runs(siren, tmp_path):
    db = tmp_path / "s.db"
    run_session(siren, db, "/incident declare S2 Search is slow --service orderbook\n")
    second = run_session(siren, db, "/incident list\n"
                         "/join #incident-20260324-search-is-slow\n"
                         "/119 update stage=identified\n"
                         "/119 resolve\n")
    assert "#1 · S2 · declared" in second
    assert "siren (edited the pinned message)" in second
    assert "Resolved #1" in second


BAD_INPUT = "\n".join([
    "/incident declare",                       # opens the form ...
    "",                                        # ... whose required title is left empty
    "", "", "", "", "", "", "",
    "/incident declare S1",
    "/incident declare S1 " + "x" * 10000,
    "/incident declare S1 \"unterminated quote",
    "/incident declare S1 bell \x07 rings",
    "/incident declare S1 title --service nosuchservice",
    "/incident declare S1 title --page nosuchrotation",
    "/incident declre S1 typo",
    "/119 update stage=identified",
    "/119 resolve",
    "/chatops run nothing",
    "/nosuchcommand",
    "just chatting",
    "/as nobody",
    "/join",
    "/wait soon",
]) + "\n"


def test_bad_input_gets_a_reply_and_changes_nothing(siren, tmp_path):
    db = tmp_path / "s.db"
    out = run_session(siren, db, BAD_INPUT)
    replies = [line for line in out.splitlines() if line.startswith("  siren (only you):")]
    assert len(replies) == 17
    for table in ("incidents", "timeline_entries", "outbox", "reports", "inbox"):
        assert count(db, table) == 0, table
    assert "Did you mean `declare`?" in out
    assert "I don't know `nobody`" in out


def test_help_texts(siren, tmp_path):
    out = run_session(siren, tmp_path / "s.db", "/help\n/incident help\n/119 help\n")
    assert "/as USER" in out
    assert "/incident declare" in out
    assert "/119 update" in out
