import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def siren_bin():
    path = os.environ.get("SIREN_BIN", str(ROOT / "build" / "dev" / "bot" / "siren"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no siren binary at {path}: build it with scripts/build.sh dev")
    return path


@pytest.fixture
def siren(siren_bin, tmp_path):
    """Runs `siren ARGS` with stdin text; returns the CompletedProcess."""

    def run(*args, stdin="", timeout=30, env=None):
        # Secrets never leak in from the developer's environment; a test passes its own.
        clean = {k: v for k, v in os.environ.items()
                 if not k.startswith(("SLACK_", "PAGERDUTY_", "OPSGENIE_"))}
        return subprocess.run(
            [siren_bin, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp_path,
            env={**clean, **(env or {})},
        )

    return run


@pytest.fixture
def example_config():
    return str(ROOT / "config" / "siren.example.yaml")
