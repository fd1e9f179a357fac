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


@pytest.mark.parametrize("name", ["lifecycle", "declare_form", "oncall", "review", "reminders"])
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


def test_review_draft_is_written_beside_the_database_and_exported(siren, tmp_path):
    db = tmp_path / "data" / "s.db"
    db.parent.mkdir()
    out = run_session(siren, db, (SESSIONS / "review.in").read_text())
    assert "Marked the review of #1 written and closed the incident." in out
    draft = (tmp_path / "data" / "reviews" / "review-1.md").read_text()
    assert draft.startswith("# Review of #1: Search is slow\n")
    assert "| 1 | alert on stuck rebuilds | @bob | OPS-7 | done |" in draft
    assert "- **Review status:** draft" in draft
    with sqlite3.connect(db) as c:
        stage, = c.execute("SELECT stage FROM incidents WHERE id = 1").fetchone()
        written_by, = c.execute("SELECT written_by FROM reviews WHERE incident_id = 1").fetchone()
        actions = c.execute("SELECT number, done FROM actions ORDER BY number").fetchall()
    assert (stage, written_by, actions) == ("closed", "bob", [(1, 1), (2, 0)])

    exported = siren("review", "export", "#1", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("# Review of #1: Search is slow\n")
    assert "- **Review status:** written by @bob, 2026-03-25 09:30 CET" in exported.stdout
    to_file = siren("review", "export", "1", "--db", str(db), "--out", str(tmp_path / "r.md"))
    assert to_file.returncode == 0, to_file.stderr
    assert (tmp_path / "r.md").read_text() == exported.stdout

    for args, code, says in ((("review", "export", "7", "--db", str(db)), 1, "no incident #7"),
                             (("review", "export", "x", "--db", str(db)), 2, "not an incident"),
                             (("review", "export", "1", "--db", str(tmp_path / "none.db")), 1,
                              "none.db")):
        r = siren(*args)
        assert r.returncode == code and says in r.stderr, r.stderr


def test_reminders_nudge_snooze_once_and_stop_on_resolve(siren, tmp_path):
    db = tmp_path / "s.db"
    out = run_session(siren, db, (SESSIONS / "reminders.in").read_text())
    assert out.count("has no TL 16m after it was declared") == 1
    assert out.count(":alarm_clock: No update on #1 for 1h 01m") == 1
    assert out.count(":mega: A public update on #1 is due") == 2
    assert "Snoozed the reminders of #1 by 30m" in out
    assert "are snoozed already (once per reminder)" in out
    assert "No update on #1 for 2h 31m" in out
    after_resolve = out.split("/119 resolve rolled back")[1]
    assert "No update" not in after_resolve and "public update on #1 is due" not in after_resolve
    with sqlite3.connect(db) as c:
        pending = c.execute("SELECT count(*) FROM timers WHERE fired = 0 AND kind IN "
                            "('update_reminder', 'public_update_reminder', 'role_reminder')"
                            ).fetchone()[0]
        public, = c.execute("SELECT text FROM timeline_entries WHERE kind = 'public_update'"
                            ).fetchone()
    assert pending == 0
    assert public == "We found the cause and are rolling back 4.2.1."


def test_reminders_survive_a_restart_and_fire_once(siren, tmp_path):
    """Reminders are timers in the database: a later start fires what came due while siren was
    down, once; starting again at the same time fires nothing more."""
    db = tmp_path / "s.db"
    run_session(siren, db, "/incident declare S0 Payments are down --service payments\n")
    later = ["--now", "2026-03-24T08:31:00Z"]
    first = siren("shell", "--db", str(db), *later, stdin="")
    second = siren("shell", "--db", str(db), *later, stdin="")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.count("No update on #1 for 31m") == 1
    assert first.stdout.count("#1 has no TL") == 1 and first.stdout.count("#1 has no CL") == 1
    assert "No update" not in second.stdout and "has no" not in second.stdout


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


PAY_SESSION = """\
/incident declare S1 Checkout returns 500 --service checkout
/join #incident-20260105-checkout-returns-500
/wait 2h
/119 resolve the pool was exhausted
/119 review done
/chatops run oncall report 2026-W02
/chatops run oncall pay 2026-Q7
"""


def test_oncall_report_and_pay_count_the_reviewed_incident(siren, tmp_path):
    db = tmp_path / "s.db"
    r = siren("shell", "--db", str(db), "--as", "alice", "--now", "2026-01-05T10:00:00Z",
              stdin=PAY_SESSION)
    assert r.returncode == 0, r.stderr
    assert "*On-call report 2026-W02*" in r.stdout
    assert "@alice  1         2h 00m" in r.stdout  # led one incident, two hours in it
    assert "S1        1          —     2h 00m" in r.stdout  # MTTR by severity
    assert "Unknown quarter `2026-Q7`" in r.stdout

    csv = siren("pay", "--quarter", "2026-Q1", "--csv", "--db", str(db))
    assert csv.returncode == 0, csv.stderr
    rows = csv.stdout.splitlines()
    assert rows[0] == "person,weeks,fee,incident hours,incident pay,total,currency"
    alice = next(row for row in rows if row.startswith("@alice,"))
    # Two hours engaged to resolved at 40.00 EUR an hour, the review written.
    assert alice.split(",")[3:5] == ["2.00", "80.00"] and alice.endswith(",EUR")

    table = siren("pay", "--quarter", "2026-Q1", "--db", str(db))
    assert table.returncode == 0 and "*On-call pay 2026-Q1*" in table.stdout
    bad = siren("pay", "--quarter", "2026-Q9", "--db", str(db))
    assert bad.returncode == 2 and "Unknown quarter" in bad.stderr
