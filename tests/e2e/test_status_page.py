"""The public status page as a visitor sees it: `siren run` against the Slack emulator, incidents
declared, updated and resolved through slash commands, and GET /status loaded in headless
Chromium after each step. The screenshot of the page with an open incident is kept as a test
artifact: under pytest's tmp dir and as build/test-artifacts/status-page.png."""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request

import pytest

from slack_harness import ROOT
from test_daemon import (  # noqa: F401  (pytest fixtures, used by name)
    ack_of,
    daemon,
    declare,
    emulator,
    eventually,
)
from test_daemon import slash

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT = 60  # seconds for one headless run, start to exit
ARTIFACT = ROOT / "build" / "test-artifacts" / "status-page.png"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (scripts/setup.sh installs it)")

ALICE = "U0A1ALICE"


class _Text(html.parser.HTMLParser):
    """The text a visitor reads: everything outside <style>, <script> and <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(dom: str) -> str:
    parser = _Text()
    parser.feed(dom)
    return " ".join(parser.parts)


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    # In a container Chromium's sandbox and GPU are unavailable and /dev/shm is small. Each run
    # is a new visitor with an empty cache: the page may be cached for 30 s.
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def load(tmp_path, url: str) -> tuple[str, str]:
    """The page's DOM after Chromium rendered it, and its visible text."""
    dom = chromium(tmp_path, "--dump-dom", url).stdout
    return dom, visible_text(dom)


def screenshot(tmp_path, url: str, name: str) -> None:
    shot = tmp_path / name
    # A phone's viewport: the page must read there without zooming.
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=412,1400",
             "--hide-scrollbars", url)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACT)


def in_channel(emu, channel_id: str, text: str) -> str:
    envelope = slash(emu, text, user=ALICE, channel=channel_id, command="/119")
    return ack_of(emu, envelope["envelope_id"])["payload"]["text"]


def status_json(base: str) -> dict:
    with urllib.request.urlopen(base + "/status.json", timeout=10) as reply:
        assert reply.headers["Content-Type"].startswith("application/json")
        return json.loads(reply.read())


def test_a_visitor_follows_incidents_on_the_status_page(emulator, daemon, tmp_path):
    base = f"http://127.0.0.1:{daemon.http_port()}"
    url = base + "/status"

    dom, text = load(tmp_path, url)
    assert "<script" not in dom
    assert "siren status" in text
    assert "All systems operational" in text
    assert "checkout Cart and checkout flow Operational" in text
    assert "No open incidents." in text

    declare(emulator, "S1 Checkout returns <500> --service checkout")
    declare(emulator, "S0 Leaked API keys --service payments --security")
    checkout = eventually(lambda: next(
        (c for c in emulator.control("workspace")["channels"]
         if c["name"].endswith("checkout-returns-500")), None))
    reply = in_channel(emulator, checkout["id"],
                       'public "We are investigating errors at checkout."')
    assert "Posted on the status page" in reply

    dom, text = load(tmp_path, url)
    assert "Partial service disruption" in text.split("Open incidents")[0]
    assert "checkout Cart and checkout flow Partial service disruption" in text
    assert "payments Card payments and payouts Operational" in text
    assert "Checkout returns <500>" in text  # escaped in the HTML, shown as typed
    assert "&lt;500&gt;" in dom and "<500>" not in dom.split("<body")[1].replace(
        "&lt;500&gt;", "")
    assert "Declared" in text
    assert "We are investigating errors at checkout." in text
    assert "Leaked API keys" not in text and "Leaked API keys" not in dom

    in_channel(emulator, checkout["id"], "update stage=identified")
    in_channel(emulator, checkout["id"], "public A bad deploy caused it; rolling back now.")
    dom, text = load(tmp_path, url)
    open_part = text.split("Open incidents")[1].split("Resolved in the last")[0]
    assert "Identified" in open_part
    newest = open_part.index("A bad deploy caused it; rolling back now.")
    oldest = open_part.index("We are investigating errors at checkout.")
    assert newest < oldest, "public updates are shown newest first"
    screenshot(tmp_path, url, "status-page.png")

    page = status_json(base)
    assert page["status"] == "partial_service_disruption"
    assert {c["name"]: c["status"] for c in page["components"]}["checkout"] == \
        "partial_service_disruption"
    assert [i["title"] for i in page["incidents"]] == ["Checkout returns <500>"]
    assert [u["text"] for u in page["incidents"][0]["updates"]] == [
        "A bad deploy caused it; rolling back now.", "We are investigating errors at checkout."]

    in_channel(emulator, checkout["id"], "resolve rolled back")
    dom, text = load(tmp_path, url)
    assert "All systems operational" in text
    assert "checkout Cart and checkout flow Operational" in text
    assert "No open incidents." in text
    resolved_part = text.split("Resolved in the last 7 days")[1]
    assert "Checkout returns <500>" in resolved_part and "Resolved" in resolved_part
    assert "Leaked API keys" not in dom
    page = status_json(base)
    assert page["status"] == "operational"
    assert page["incidents"][0]["resolved_at"] is not None


def test_only_get_is_served(emulator, daemon):
    request = urllib.request.Request(f"http://127.0.0.1:{daemon.http_port()}/status",
                                     data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
