"""The command line: subcommands, exit codes (0 ok, 1 runtime failure, 2 usage/config)."""

import sqlite3


def test_version(siren):
    r = siren("version")
    assert r.returncode == 0
    assert r.stdout.startswith("siren ")


def test_help_lists_every_subcommand(siren):
    r = siren("--help")
    assert r.returncode == 0
    for sub in ("run", "shell", "check-config", "migrate", "version"):
        assert sub in r.stdout


def test_no_subcommand_is_a_usage_error(siren):
    assert siren().returncode == 2


def test_unknown_option_is_a_usage_error(siren):
    r = siren("check-config", "--bogus")
    assert r.returncode == 2


def test_example_config_is_valid(siren, example_config):
    r = siren("check-config", example_config)
    assert r.returncode == 0, r.stderr
    assert "OK" in r.stdout


def test_check_config_print_redacts_secrets(siren, example_config):
    secret = "xoxb-this-must-never-appear"
    r = siren("check-config", example_config, "--print", env={"SLACK_BOT_TOKEN": secret})
    assert r.returncode == 0, r.stderr
    assert secret not in r.stdout + r.stderr
    assert "SLACK_BOT_TOKEN" in r.stdout


BAD_CONFIG = """\
workspace:
  announce_channel: production
  anounce: true
severities:
  S0: {page: [eoc]}
  S1: {page: [eoc]}
  S2: {page: [eoc]}
  S3: {description: "no page policy"}
  S4: {page: []}
people:
  - handle: alice
rotations:
  - name: eoc
    members: [alice]
    length: seven
  - name: imoc
    members: []
"""


def test_bad_config_reports_every_problem_with_lines(siren, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CONFIG)
    r = siren("check-config", str(path))
    assert r.returncode == 2
    err = r.stderr
    assert "bad.yaml:3: workspace.anounce" in err
    assert "did you mean" in err
    assert "severities.S3" in err
    assert "rotations[0].length" in err
    assert "rotations[1].members" in err


def test_missing_config_file(siren, tmp_path):
    r = siren("check-config", str(tmp_path / "nope.yaml"))
    assert r.returncode == 2


def test_migrate_creates_and_reports_version(siren, tmp_path):
    db = tmp_path / "s.db"
    r = siren("migrate", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "schema version" in r.stdout
    again = siren("migrate", "--db", str(db))
    assert again.returncode == 0
    assert again.stdout == r.stdout


def test_a_newer_database_is_refused_and_left_alone(siren, tmp_path):
    db = tmp_path / "s.db"
    assert siren("migrate", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA user_version = 999")
    r = siren("migrate", "--db", str(db))
    assert r.returncode == 1
    assert "newer" in r.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 999


def test_run_without_secrets_names_them(siren, example_config):
    r = siren("run", "--config", example_config)
    assert r.returncode == 2
    assert "SLACK_APP_TOKEN" in r.stderr
