"""deploy/ checked against siren itself: the Slack app manifest against the commands, events and
Web API methods in the code; the systemd unit with systemd-analyze; the Dockerfile's packages
against `ldd` and `dpkg -S`, its HEALTHCHECK against a running siren; the Helm chart rendered by
tests/deploy/helmrender (Go text/template + Sprig, as Helm renders) and its objects checked for
consistency; the Prometheus rules with promtool; the Grafana dashboard's metrics against a
scrape of siren's /metrics.

What is not checked here (no network, no Docker daemon, no Kubernetes, no Slack): that the image
builds, that the chart installs, that systemd runs the unit, that Slack accepts the manifest.
docs/deploy.md says so too."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "helm" / "siren"
UNIT = DEPLOY / "siren.service"
DOCKERFILE = DEPLOY / "Dockerfile"
MANIFEST = DEPLOY / "slack-app-manifest.yaml"
RULES = DEPLOY / "prometheus" / "siren-rules.yaml"
RULES_TEST = pathlib.Path(__file__).resolve().parent / "siren-rules.test.yaml"
DASHBOARD = DEPLOY / "grafana" / "siren-dashboard.json"

# How every packaging starts siren (the binary's path aside).
# (Global options such as --log-format come before the subcommand.)
RUN_ARGS = ["--log-format", "json", "run", "--config", "/etc/siren/siren.yaml"]

# The bot scopes each Web API method needs for the conversations siren uses it on (public and
# private incident channels, DMs), from Slack's method reference (docs.slack.dev/reference/
# methods/<method>: "Required scopes", bot token). Methods of the Conversations API accept the
# scope of the conversation type at hand, so siren needs each type's. A method siren starts to
# call must be added here, and its scopes to the manifest.
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.getPermalink": set(),
    "chat.postEphemeral": {"chat:write"},
    "chat.postMessage": {"chat:write"},  # a user id as channel: the app's DM, no im:write
    "chat.update": {"chat:write"},
    "conversations.archive": {"channels:manage", "groups:write"},
    "conversations.create": {"channels:manage", "groups:write"},
    # the message a reaction marks (channels), siren's own marked messages (channels, its DMs)
    "conversations.history": {"channels:history", "groups:history", "im:history"},
    "conversations.info": {"channels:read", "groups:read"},
    "conversations.invite": {"channels:manage", "groups:write"},
    "conversations.join": {"channels:join"},
    # types=public_channel,private_channel
    "conversations.list": {"channels:read", "groups:read"},
    "conversations.open": {"im:write"},  # a 1:1 DM with users=<one id>
    "conversations.rename": {"channels:manage", "groups:write"},
    "conversations.replies": {"channels:history", "groups:history"},
    "conversations.setPurpose": {"channels:manage", "groups:write"},
    "conversations.setTopic": {"channels:manage", "groups:write"},
    "conversations.unarchive": {"channels:manage", "groups:write"},
    "bookmarks.add": {"bookmarks:write"},
    "files.completeUploadExternal": {"files:write"},
    "files.getUploadURLExternal": {"files:write"},
    "files.info": {"files:read"},
    "files.list": {"files:read"},  # file_shared: a draft shared by a lost attempt
    "pins.add": {"pins:write"},
    "reactions.add": {"reactions:write"},
    "usergroups.users.update": {"usergroups:write"},
    "users.info": {"users:read"},
    "users.lookupByEmail": {"users:read.email"},
    "views.open": set(),
    "views.push": set(),
    "views.update": set(),
}
# Socket Mode's own method takes the app-level token (connections:write), not the bot token.
APP_TOKEN_METHODS = {"apps.connections.open"}
# Scopes that come with features rather than methods.
EVENT_SCOPES = {"reaction_added": {"reactions:read"}}
FEATURE_SCOPES = {"commands"}  # slash commands and shortcuts

# The smallest configuration siren accepts.
MINIMAL_CONFIG = """\
severities:
  S0: {page: []}
  S1: {page: []}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
"""

SLACK_METHOD = re.compile(
    r'"((?:apps|auth|bookmarks|chat|conversations|files|pins|reactions|reminders|team|'
    r'usergroups|users|views)(?:\.[A-Za-z]+)+)"')


# ---- helpers ------------------------------------------------------------------------------


def run(*args, timeout=60, check=False, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          timeout=timeout, check=check, **kw)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} is missing: scripts/setup.sh installs it")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def dpkg_package(path: str) -> str:
    """The Debian package that installed PATH (following Debian 12's merged /usr)."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        candidates.append(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for p in candidates:
        found = run("dpkg", "-S", p)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].split(",")[0].strip()
    pytest.fail(f"no Debian package owns {path}")


def setup_sh_packages() -> set[str]:
    text = (ROOT / "scripts" / "setup.sh").read_text()
    block = re.search(r"^packages=\(\n(.*?)^\)", text, re.S | re.M)
    assert block, "scripts/setup.sh has no packages=( ... ) array"
    words = set()
    for line in block.group(1).splitlines():
        words.update(line.split("#", 1)[0].split())
    return words


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (not functions, labels, or variables)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"(?<![\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        if e[m.end():].lstrip().startswith("("):
            continue  # a function
        if m.group() in {"and", "or", "unless", "bool", "offset", "inf", "nan", "Inf", "NaN"}:
            continue
        names.add(m.group())
    return names


# ---- the Dockerfile, parsed ----------------------------------------------------------------


class Stage:
    def __init__(self, base: str, name: str | None) -> None:
        self.base, self.name = base, name
        self.instructions: list[tuple[str, str]] = []

    def all(self, keyword: str) -> list[str]:
        return [args for k, args in self.instructions if k == keyword]

    def last(self, keyword: str) -> str | None:
        found = self.all(keyword)
        return found[-1] if found else None

    def apt_packages(self) -> list[str]:
        packages = []
        for args in self.all("RUN"):
            for segment in re.split(r"&&|;|\|\|", args):
                words = shlex.split(segment)
                if "apt-get" in words and "install" in words:
                    rest = words[words.index("install") + 1:]
                    packages += [w for w in rest if not w.startswith("-")]
        return packages


def dockerfile_stages(text: str) -> list[Stage]:
    instructions, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    stages: list[Stage] = []
    for keyword, args in instructions:
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(words[0], name))
        else:
            assert stages, f"{keyword} before any FROM"
            stages[-1].instructions.append((keyword, args))
    return stages


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def healthcheck(stage: Stage) -> tuple[dict[str, str], list[str]]:
    args = stage.last("HEALTHCHECK")
    assert args, "no HEALTHCHECK"
    options, _, command = args.partition("CMD")
    flags = dict(re.findall(r"--([a-z-]+)=(\S+)", options))
    return flags, exec_form(command.strip())


# ---- the systemd unit, parsed --------------------------------------------------------------


def unit_sections(text: str) -> dict[str, list[tuple[str, str]]]:
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections[current] = []
            continue
        key, _, value = line.partition("=")
        sections[current].append((key.strip(), value.strip()))
    return sections


def unit_value(sections, section: str, key: str) -> str | None:
    values = [v for k, v in sections.get(section, []) if k == key]
    return values[-1] if values else None


def seconds(value: str) -> float:
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(min|ms|s|h|m)?", value):
        total += float(number) * {"": 1, "s": 1, "ms": 0.001, "min": 60, "m": 60, "h": 3600}[unit]
    return total


# ---- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def siren_bin() -> str:
    path = os.environ.get("SIREN_BIN", str(ROOT / "build" / "dev" / "bot" / "siren"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no siren binary at {path}: build it with scripts/build.sh dev")
    return path


class RunningSiren:
    """`siren run` in HTTP mode (no Slack socket to hold), started with the packaging's own
    command line; Slack's API is an address nothing listens on, so nothing leaves the host."""

    def __init__(self, siren_bin: str, workdir: pathlib.Path) -> None:
        self.port = free_port()
        self.config = workdir / "siren.yaml"
        self.config.write_text(MINIMAL_CONFIG + f"""
slack:
  mode: http
  api_base_url: http://127.0.0.1:9/api/
http:
  listen: 127.0.0.1:{self.port}
store:
  path: {workdir}/siren.db
""")
        self.log_path = workdir / "siren.log"
        args = [siren_bin, *RUN_ARGS]
        args[args.index("/etc/siren/siren.yaml")] = str(self.config)
        self.args = args
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SLACK_", "PAGERDUTY_", "OPSGENIE_", "SIREN_"))}
        env.update(SLACK_BOT_TOKEN="xoxb-deploy-test", SLACK_SIGNING_SECRET="deploy-test")
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(args, stdout=self.log_file, stderr=subprocess.STDOUT,
                                     cwd=workdir, env=env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("siren exited at start:\n" + self.log())
            try:
                if http_get(self.url("/healthz"))[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail("siren did not answer /healthz within 20 s:\n" + self.log())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def log(self) -> str:
        if not self.log_file.closed:
            self.log_file.flush()
        return self.log_path.read_text()

    def stop(self) -> tuple[int, float]:
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            pytest.fail("siren did not stop within 30 s of SIGTERM:\n" + self.log())
        self.log_file.close()
        return code, time.monotonic() - started


@pytest.fixture(scope="module")
def siren(siren_bin, tmp_path_factory):
    running = RunningSiren(siren_bin, tmp_path_factory.mktemp("siren"))
    yield running
    if running.proc.poll() is None:
        running.stop()


@pytest.fixture(scope="module")
def exported_metrics(siren) -> set[str]:
    """Every series name siren's /metrics can show, from its # TYPE lines."""
    status, text = http_get(siren.url("/metrics"))
    assert status == 200, text
    names = set()
    for name, kind in re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M):
        names.add(name)
        if kind == "histogram":
            names.update({name + "_bucket", name + "_sum", name + "_count"})
    assert "siren_outbox_pending" in names, text
    return names | {"up"}  # Prometheus' own, per target


@pytest.fixture(scope="module")
def helmrender(tmp_path_factory) -> pathlib.Path:
    """Builds tests/deploy/helmrender with Debian's Go and Sprig (GOPATH mode, no network)."""
    go = need("go")
    gocode = pathlib.Path("/usr/share/gocode/src")
    if not (gocode / "github.com/Masterminds/sprig").is_dir() or not (
            gocode / "sigs.k8s.io/yaml").is_dir():
        pytest.fail("Sprig or sigs.k8s.io/yaml is missing: scripts/setup.sh installs "
                    "golang-github-masterminds-sprig-dev and golang-k8s-sigs-yaml-dev")
    work = tmp_path_factory.mktemp("helmrender")
    # Sprig v3 imports semver as .../semver/v3, which a GOPATH finds only under that name.
    semver = work / "gopath/src/github.com/Masterminds/semver"
    semver.mkdir(parents=True)
    (semver / "v3").symlink_to(gocode / "github.com/Masterminds/semver")
    binary = work / "helmrender"
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": f"{work / 'gopath'}:/usr/share/gocode",
           "GOFLAGS": "", "GOPROXY": "off", "CGO_ENABLED": "0"}
    if not any(env.get(v) for v in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = str(work / "gocache")  # else Go's own cache, reused across runs
    built = run(go, "build", "-o", binary, ".", cwd=pathlib.Path(__file__).parent / "helmrender",
                env=env, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return binary


def render(helmrender, tmp_path, values: dict | None = None, name: str = "siren",
           notes: bool = False):
    args = [helmrender, "-name", name]
    if values is not None:
        extra = tmp_path / f"values-{len(list(tmp_path.iterdir()))}.yaml"
        extra.write_text(yaml.safe_dump(values))
        args += ["-f", extra]
    if notes:
        args.append("-notes")
    rendered = run(*args, CHART)
    assert rendered.returncode == 0, rendered.stderr
    if notes:
        return rendered.stdout
    docs = [d for d in yaml.safe_load_all(rendered.stdout) if d is not None]
    by_kind: dict[str, list[dict]] = {}
    for d in docs:
        assert {"apiVersion", "kind", "metadata"} <= d.keys(), d
        by_kind.setdefault(d["kind"], []).append(d)
    return by_kind


# ---- the Slack app manifest ----------------------------------------------------------------


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_manifest_turns_on_socket_mode_and_interactivity():
    m = manifest()
    assert m["settings"]["socket_mode_enabled"] is True
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["settings"]["token_rotation_enabled"] is False
    assert m["features"]["bot_user"]["display_name"]


def test_manifest_slash_commands_are_the_ones_siren_answers(siren_bin, tmp_path):
    # siren names its commands when it meets one it does not know.
    shell = run(siren_bin, "shell", "--db", tmp_path / "s.db", input="/nope\n", timeout=30,
                cwd=tmp_path)
    answer = re.search(r"siren answers (.*?); try", shell.stdout)
    assert answer, shell.stdout + shell.stderr
    commands = set(re.findall(r"`(/[^`]+)`", answer.group(1)))
    assert commands == {"/incident", "/119", "/chatops"}, commands
    listed = [c["command"] for c in manifest()["features"]["slash_commands"]]
    assert sorted(listed) == sorted(commands)
    for c in manifest()["features"]["slash_commands"]:
        assert c["description"] and c["should_escape"] is False, c


def test_manifest_shortcut_is_the_one_siren_handles():
    header = (ROOT / "adapters/slack/envelope.hpp").read_text()
    callback = re.search(r'add_to_timeline_shortcut\s*=\s*"([^"]+)"', header).group(1)
    shortcuts = manifest()["features"]["shortcuts"]
    assert [(s["type"], s["callback_id"]) for s in shortcuts] == [("message", callback)]


def test_manifest_events_are_the_ones_siren_handles():
    handled = set()
    for f in (ROOT / "bot").glob("*.cpp"):
        handled |= set(re.findall(r'event\.type\s*==\s*"([a-z_]+)"', f.read_text()))
    assert handled, "no event types found in bot/*.cpp"
    assert set(manifest()["settings"]["event_subscriptions"]["bot_events"]) == handled
    assert handled <= EVENT_SCOPES.keys(), f"add the scope of {handled - EVENT_SCOPES.keys()}"


def web_api_methods() -> dict[str, set[str]]:
    """Every Slack method named in the code that talks to Slack, and where. The rate limiter's
    table of tiers is left out: it lists methods siren may call, not ones it does."""
    found: dict[str, set[str]] = {}
    for f in [*(ROOT / "adapters/slack").glob("*.cpp"), *(ROOT / "bot").glob("*.cpp")]:
        if f.name == "rate_limiter.cpp":
            continue
        for method in SLACK_METHOD.findall(f.read_text()):
            found.setdefault(method, set()).add(f.name)
    return found


def test_manifest_scopes_cover_every_web_api_method_siren_calls_and_no_more():
    called = web_api_methods()
    # the ones the docs and the crash-recovery code rely on
    assert {"conversations.create", "chat.postMessage", "conversations.list",
            "conversations.open", "conversations.history"} <= called.keys()
    unknown = called.keys() - METHOD_SCOPES.keys() - APP_TOKEN_METHODS
    assert not unknown, (f"siren calls {sorted(unknown)}: add each method's scopes to "
                         "METHOD_SCOPES here and to deploy/slack-app-manifest.yaml")
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    needed = set(FEATURE_SCOPES)
    for method in called.keys() - APP_TOKEN_METHODS:
        missing = METHOD_SCOPES[method] - scopes
        assert not missing, f"{method} ({sorted(called[method])}) needs {sorted(missing)}"
        needed |= METHOD_SCOPES[method]
    for event in manifest()["settings"]["event_subscriptions"]["bot_events"]:
        needed |= EVENT_SCOPES[event]
    assert scopes == needed, f"not needed: {sorted(scopes - needed)}"
    assert len(manifest()["oauth_config"]["scopes"]["bot"]) == len(scopes), "a scope twice"


# ---- systemd -------------------------------------------------------------------------------


def unit_for_this_host(siren_bin: str, tmp_path: pathlib.Path) -> pathlib.Path:
    # systemd-analyze verify wants the binaries to exist: point the unit at the built one.
    text = UNIT.read_text().replace("/usr/local/bin/siren", siren_bin)
    copy = tmp_path / "siren.service"
    copy.write_text(text)
    return copy


def test_systemd_unit_verifies(siren_bin, tmp_path):
    analyze = need("systemd-analyze")
    checked = run(analyze, "verify", unit_for_this_host(siren_bin, tmp_path))
    # verify exits 0 on unknown keys too; any word from it is a problem.
    assert checked.returncode == 0 and not (checked.stdout + checked.stderr).strip(), (
        checked.stdout + checked.stderr)


def test_systemd_unit_is_hardened_and_stops_after_siren_drained():
    s = unit_sections(UNIT.read_text())
    svc = dict(s["Service"])
    assert svc["User"] == "siren" or svc.get("DynamicUser") == "yes"
    assert svc["StateDirectory"] == "siren"
    assert svc["WorkingDirectory"] == "/var/lib/siren"
    assert svc["EnvironmentFile"] == "/etc/siren/siren.env"
    for key, value in {"ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
                       "NoNewPrivileges": "yes", "CapabilityBoundingSet": "",
                       "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
                       "Restart": "on-failure", "RestartPreventExitStatus": "2"}.items():
        assert svc.get(key) == value, f"{key}={svc.get(key)!r}, expected {value!r}"
    assert "@system-service" in [v for k, v in s["Service"] if k == "SystemCallFilter"]
    assert seconds(svc["RestartSec"]) >= 1
    # docs/operations.md "Stopping": siren drains for up to 10 s after SIGTERM.
    assert svc.get("KillSignal", "SIGTERM") == "SIGTERM"
    assert seconds(svc["TimeoutStopSec"]) > 10
    assert shlex.split(svc["ExecStart"]) == ["/usr/local/bin/siren", *RUN_ARGS]
    assert shlex.split(svc["ExecStartPre"]) == [
        "/usr/local/bin/siren", "check-config", "/etc/siren/siren.yaml"]
    assert unit_value(s, "Install", "WantedBy") == "multi-user.target"


def test_systemd_unit_check_config_step_tells_good_from_bad(siren_bin, tmp_path):
    pre = shlex.split(dict(unit_sections(UNIT.read_text())["Service"])["ExecStartPre"])
    pre[0] = siren_bin
    at = pre.index("/etc/siren/siren.yaml")
    good, broken = tmp_path / "good.yaml", tmp_path / "broken.yaml"
    good.write_text(MINIMAL_CONFIG)
    broken.write_text("severities: {}\n")
    pre[at] = str(good)
    checked = run(*pre, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    pre[at] = str(broken)
    assert run(*pre, cwd=tmp_path).returncode == 2  # not retried (RestartPreventExitStatus)


def test_systemd_security_exposure_is_low(siren_bin, tmp_path):
    analyze = need("systemd-analyze")
    if "--offline" not in run(analyze, "security", "--help").stdout:
        pytest.skip("this systemd-analyze has no `security --offline` (systemd < 250)")
    report = run(analyze, "security", "--offline=yes", unit_for_this_host(siren_bin, tmp_path))
    assert report.returncode == 0, report.stdout + report.stderr
    level = re.search(r"Overall exposure level for siren\.service: ([\d.]+)", report.stdout)
    assert level, report.stdout
    # docs/deploy.md quotes the level (1.2 with systemd 252); 0 is best, 10 is unprotected.
    assert float(level.group(1)) <= 2.0, report.stdout


def test_sysusers_file_creates_the_user_the_unit_runs_as(tmp_path):
    sysusers = need("systemd-sysusers")
    (tmp_path / "etc").mkdir()
    made = run(sysusers, f"--root={tmp_path}", DEPLOY / "siren.sysusers")
    assert made.returncode == 0, made.stdout + made.stderr
    passwd = (tmp_path / "etc/passwd").read_text()
    user = re.search(r"^siren:x:(\d+):(\d+):[^:]*:/var/lib/siren:/usr/sbin/nologin$", passwd,
                     re.M)
    assert user and 0 < int(user.group(1)) < 1000, passwd


# ---- Docker --------------------------------------------------------------------------------


def stages() -> list[Stage]:
    return dockerfile_stages(DOCKERFILE.read_text())


def test_dockerfile_builds_on_debian_and_runs_on_slim():
    build, runtime = stages()
    assert build.base == "debian:12" and build.name
    assert runtime.base == "debian:12-slim"
    assert any(f"--from={build.name}" in c for c in runtime.all("COPY"))
    compilers = {"g++", "gcc", "cmake", "ninja-build", "clang"}
    packages = runtime.apt_packages()
    assert not [p for p in packages if p.endswith("-dev") or p in compilers], packages
    assert any("--no-install-recommends" in r for r in runtime.all("RUN"))


def test_dockerfile_runtime_packages_cover_every_shared_library_siren_links(siren_bin):
    linked = run("ldd", siren_bin, check=True).stdout
    paths = re.findall(r"=>\s*(/\S+)", linked) + re.findall(r"^\s*(/\S+)", linked, re.M)
    assert len(paths) >= 5, linked
    needed = {dpkg_package(p) for p in paths}
    # rotations and channel dates need the time zone database; TLS the CA certificates.
    needed |= {"tzdata", "ca-certificates"}
    installed = set(stages()[-1].apt_packages())
    assert needed <= installed, f"the runtime stage lacks {sorted(needed - installed)}"
    assert installed <= needed, f"the runtime stage installs more: {sorted(installed - needed)}"


def test_dockerfile_build_packages_are_setup_sh_build_packages(siren_bin):
    build_packages = set(stages()[0].apt_packages())
    stray = build_packages - setup_sh_packages()
    assert not stray, f"not in scripts/setup.sh: {sorted(stray)}"
    # What CMake found when it configured the build the binary came from must come from the
    # build stage's packages (or what they pull in).
    cache = pathlib.Path(siren_bin).resolve().parents[1] / "CMakeCache.txt"
    if not cache.exists():
        pytest.skip(f"no {cache}: the binary was not built by CMake here")
    found = re.findall(r"^\w+_(?:DIR:PATH|LIBRARY:FILEPATH)=(/usr/\S+)$", cache.read_text(),
                       re.M)
    assert found, cache
    provided = set(build_packages)
    for p in build_packages:
        depends = run("dpkg-query", "-W", "-f=${Depends}", p).stdout
        provided |= {d.split()[0].split(":")[0] for d in re.split(r"[,|]", depends) if d.strip()}
    for path in found:
        package = dpkg_package(path)
        assert package in provided, f"{path} comes from {package}, which the build stage lacks"


def test_dockerfile_runs_siren_as_a_user_with_its_database_on_a_volume():
    runtime = stages()[-1]
    user = runtime.last("USER")
    assert user and user.split(":")[0] not in {"root", "0"}, user
    assert re.fullmatch(r"\d+(:\d+)?", user), "numeric, so that runAsNonRoot can verify it"
    volumes = [v for a in runtime.all("VOLUME") for v in
               (exec_form(a) if a.startswith("[") else a.split())]
    assert "/var/lib/siren" in volumes
    assert runtime.last("WORKDIR") == "/var/lib/siren"
    assert "8080" in runtime.last("EXPOSE").split()
    assert runtime.last("STOPSIGNAL") == "SIGTERM"
    entry, cmd = exec_form(runtime.last("ENTRYPOINT")), exec_form(runtime.last("CMD"))
    assert entry == ["/usr/local/bin/siren"] and cmd == RUN_ARGS
    assert any("/usr/local/bin/siren" in c for c in runtime.all("COPY"))


def test_dockerfile_healthcheck_asks_siren_for_healthz(siren):
    flags, command = healthcheck(stages()[-1])
    assert seconds(flags["timeout"]) <= 10 and seconds(flags["interval"]) <= 60
    script = command[-1]
    assert "/healthz" in script and "/dev/tcp/127.0.0.1/8080" in script
    routes = (ROOT / "bot/http_routes.cpp").read_text()
    assert '"/healthz"' in routes

    def probe(port: int, path: str = "/healthz") -> int:
        patched = script.replace("/dev/tcp/127.0.0.1/8080", f"/dev/tcp/127.0.0.1/{port}")
        patched = patched.replace("/healthz", path)
        return run(*command[:-1], patched, timeout=seconds(flags["timeout"])).returncode

    assert probe(siren.port) == 0, siren.log()
    assert probe(siren.port, "/no-such-page") != 0  # only a 200 counts
    assert probe(free_port()) != 0  # nothing listening


def test_dockerignore_keeps_build_trees_out():
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert {"build*", ".git"} <= set(ignored)


# ---- every packaging starts siren the same way, and that way works -------------------------


def test_siren_runs_with_the_packagings_command_line_and_stops_in_time(siren_bin,
                                                                        tmp_path_factory):
    d = RunningSiren(siren_bin, tmp_path_factory.mktemp("stop"))
    assert http_get(d.url("/readyz"))[0] == 200
    code, took = d.stop()
    assert code == 0, d.log()
    timeout = seconds(dict(unit_sections(UNIT.read_text())["Service"])["TimeoutStopSec"])
    assert took < timeout
    lines = [l for l in d.log().splitlines() if l.strip()]
    assert lines and all(json.loads(l) for l in lines), "--log-format json: every line JSON"


# ---- Helm ----------------------------------------------------------------------------------


def one(by_kind, kind) -> dict:
    assert len(by_kind.get(kind, [])) == 1, f"{kind}: {by_kind.get(kind)}"
    return by_kind[kind][0]


def check_chart(by_kind, siren_bin, tmp_path, *, secret: str | None, claim: str | None,
                release: str = "siren"):
    deployment = one(by_kind, "Deployment")
    config_map = one(by_kind, "ConfigMap")
    service = one(by_kind, "Service")
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    assert spec["replicas"] == 1 and spec["strategy"] == {"type": "Recreate"}
    labels = spec["template"]["metadata"]["labels"]
    assert spec["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert pod["terminationGracePeriodSeconds"] > 10
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] not in (0, None)
    assert pod["automountServiceAccountToken"] is False

    [container] = pod["containers"]
    assert container["args"] == RUN_ARGS
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    for probe in ("livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["port"] in ports
    [svc_port] = service["spec"]["ports"]
    assert svc_port["targetPort"] in ports

    # the Secret siren's environment comes from
    [env_from] = container["envFrom"]
    assert env_from["secretRef"]["name"] == secret
    if secret == release_fullname(release):
        assert one(by_kind, "Secret")["metadata"]["name"] == secret
    else:
        assert "Secret" not in by_kind

    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    assert volumes[mounts["/etc/siren"]]["configMap"]["name"] == config_map["metadata"]["name"]
    data = volumes[mounts["/var/lib/siren"]]
    if claim:
        assert data["persistentVolumeClaim"]["claimName"] == claim
        made = by_kind.get("PersistentVolumeClaim", [])
        assert [p["metadata"]["name"] for p in made] in ([claim], [])
    else:
        assert "emptyDir" in data and "PersistentVolumeClaim" not in by_kind
    assert "/tmp" in mounts  # a writable scratch directory beside the read-only root

    # the configuration siren reads: valid, listening where the probes knock, stored on the
    # volume
    text = config_map["data"]["siren.yaml"]
    config = yaml.safe_load(text)
    assert config["http"]["listen"] == f"0.0.0.0:{ports['http']}"
    assert config["store"]["path"].startswith("/var/lib/siren/")
    path = tmp_path / f"chart-{release}.yaml"
    path.write_text(text)
    checked = run(siren_bin, "check-config", path, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr + text
    return deployment, service


def release_fullname(release: str) -> str:
    return release if "siren" in release else f"{release}-siren"


def test_chart_metadata_matches_siren():
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert chart["apiVersion"] == "v2" and chart["name"] == "siren"
    assert re.fullmatch(r"\d+\.\d+\.\d+", chart["version"])
    project = re.search(r"project\(siren VERSION (\S+)", (ROOT / "CMakeLists.txt").read_text())
    assert chart["appVersion"] == project.group(1)


def test_chart_renders_consistent_objects_with_default_values(helmrender, siren_bin, tmp_path):
    by_kind = render(helmrender, tmp_path)
    assert set(by_kind) == {"Deployment", "Service", "ConfigMap", "Secret",
                            "PersistentVolumeClaim"}
    check_chart(by_kind, siren_bin, tmp_path, secret="siren", claim="siren")
    pvc = one(by_kind, "PersistentVolumeClaim")
    assert pvc["spec"]["accessModes"] == ["ReadWriteOnce"]
    assert pvc["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    assert "data" not in one(by_kind, "Secret")  # no secrets in the default values
    notes = render(helmrender, tmp_path, notes=True)
    assert "WARNING: no secrets are set" in notes and "<no value>" not in notes


def test_chart_with_secrets_from_values_and_a_service_monitor(helmrender, siren_bin, tmp_path):
    values = {"secretEnv": {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"},
              "serviceMonitor": {"enabled": True, "labels": {"release": "prometheus"}},
              "config": {"http": {"listen": "127.0.0.1:9999"}, "store": {"path": "x.db"}}}
    by_kind = render(helmrender, tmp_path, values, name="prod")
    _, service = check_chart(by_kind, siren_bin, tmp_path, secret="prod-siren",
                             claim="prod-siren", release="prod")
    secret = one(by_kind, "Secret")
    assert set(secret["data"]) == {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"}
    assert base64.b64decode(secret["data"]["SLACK_BOT_TOKEN"]).decode() == "xoxb-1"
    monitor = one(by_kind, "ServiceMonitor")
    assert monitor["metadata"]["labels"]["release"] == "prometheus"
    assert monitor["spec"]["selector"]["matchLabels"].items() <= \
        service["metadata"]["labels"].items()
    [endpoint] = monitor["spec"]["endpoints"]
    assert endpoint["path"] == "/metrics"
    assert endpoint["port"] in {p["name"] for p in service["spec"]["ports"]}
    # the job label the alert rules select on (up{job="siren"})
    assert service["metadata"]["labels"][monitor["spec"]["jobLabel"]] == "siren"
    notes = render(helmrender, tmp_path, values, name="prod", notes=True)
    assert "WARNING" not in notes and "prod-siren" in notes


def test_chart_with_an_existing_secret_and_no_persistence(helmrender, siren_bin, tmp_path):
    values = {"existingSecret": "siren-tokens", "persistence": {"enabled": False}}
    by_kind = render(helmrender, tmp_path, values)
    check_chart(by_kind, siren_bin, tmp_path, secret="siren-tokens", claim=None)
    assert set(by_kind) == {"Deployment", "Service", "ConfigMap"}
    notes = render(helmrender, tmp_path, values, notes=True)
    assert "emptyDir" in notes


def test_chart_with_an_existing_claim(helmrender, siren_bin, tmp_path):
    by_kind = render(helmrender, tmp_path, {"persistence": {"existingClaim": "siren-data"}})
    check_chart(by_kind, siren_bin, tmp_path, secret="siren", claim="siren-data")
    assert "PersistentVolumeClaim" not in by_kind


def test_chart_probes_answer_on_a_running_siren(helmrender, siren, tmp_path):
    by_kind = render(helmrender, tmp_path)
    [container] = one(by_kind, "Deployment")["spec"]["template"]["spec"]["containers"]
    for probe in ("livenessProbe", "readinessProbe"):
        status, body = http_get(siren.url(container[probe]["httpGet"]["path"]))
        assert status == 200, (probe, status, body)


# ---- Prometheus rules and the Grafana dashboard --------------------------------------------


def test_rules_pass_promtool_check():
    promtool = need("promtool")
    checked = run(promtool, "check", "rules", RULES)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_rules_fire_as_their_unit_tests_expect():
    promtool = need("promtool")
    tested = run(promtool, "test", "rules", RULES_TEST.name, cwd=RULES_TEST.parent)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    # every alert has a test
    alerts = {r["alert"] for g in yaml.safe_load(RULES.read_text())["groups"]
              for r in g["rules"] if "alert" in r}
    tests = yaml.safe_load(RULES_TEST.read_text())["tests"]
    covered = {t["alertname"] for case in tests for t in case.get("alert_rule_test", [])
               if t.get("exp_alerts")}
    assert alerts == covered, f"untested: {sorted(alerts - covered)}"


def test_rules_read_only_metrics_siren_exports(exported_metrics):
    rules = [r for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]
    for r in rules:
        names = metric_names(r["expr"])
        assert names and names <= exported_metrics, (r.get("alert"), names - exported_metrics)
        assert r["labels"]["severity"] in {"critical", "warning", "info"}
        assert r["annotations"]["summary"] and r["annotations"]["description"]


def test_dashboard_is_valid_and_reads_only_metrics_siren_exports(exported_metrics):
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["title"] == "siren"
    panels = dashboard["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    used = set()
    for p in panels:
        if p["type"] == "row":
            continue
        assert p["targets"], p["title"]
        for t in p["targets"]:
            names = metric_names(t["expr"])
            assert names, (p["title"], t["expr"])
            unknown = names - exported_metrics
            assert not unknown, f"panel {p['title']!r} reads {sorted(unknown)}"
            used |= names
    # the dashboard shows every family siren exports (histograms by their buckets)
    families = {n for n in exported_metrics if not n.endswith(("_sum", "_count"))}
    families -= {n[:-len("_bucket")] for n in families if n.endswith("_bucket")}
    missing = {n for n in families if n not in used and n + "_bucket" not in used}
    assert not missing, f"not on the dashboard: {sorted(missing)}"
