"""siren against a Bolt for JavaScript app, side by side; prints a table (docs/benchmarks.md).

Run it through bench/run.sh, which builds siren (Release) and installs the Node packages first:

    bash bench/run.sh [--ref REF] [--runs 3] [--seconds 20] [--e2e 12] [--step-seconds 3] ...

Run with --help for every option.

Each run measures both apps phase by phase, alternating which goes first, so that noise on this
machine hits both. Every process started here dies with this one (PR_SET_PDEATHSIG) and is
stopped at the end of its phase.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import math
import os
import pathlib
import platform
import queue
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]

BOLT_APP = ROOT / "bench" / "bolt" / "app.mjs"
DRIVER = ROOT / "bench" / "driver.mjs"
SEED_DIR = ROOT / "build" / "bench" / "seed"
DECLARER = "U0A1ALICE"  # alice in the example config
ACK_BUDGET_MS = 100  # the step-up stops at the first step whose p99 is above this
STEP_RATES = [25, 50, 100, 200, 400, 800, 1600, 3200]
libc = ctypes.CDLL("libc.so.6", use_errno=True)


def die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the harness dies, however that happens."""
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields


def cpu_seconds(pid: int) -> float:
    stat = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


# --- the two apps --------------------------------------------------------------------------


@dataclass
class App:
    """One app process talking to a Slack stand-in at api_url, with its database in work."""
    name: str
    proc: subprocess.Popen
    started_wall: float  # time.time() just before the process was started

    def memory(self) -> dict[str, int]:
        return memory_kb(self.proc.pid)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 3 s: siren's graceful stop would wait up to 10 s for
        effects still in flight, which this benchmark does not measure."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def example_config(source: pathlib.Path) -> dict[str, Any]:
    """The example configuration of the siren being measured: a realistic one (rotations,
    escalations, people), and the one its tests run with."""
    return yaml.safe_load((source / "config" / "siren.example.yaml").read_text())


def start_siren(siren: pathlib.Path, config: dict[str, Any], api_url: str, db: pathlib.Path,
                work: pathlib.Path) -> App:
    config["slack"]["api_base_url"] = api_url
    config["http"]["listen"] = "127.0.0.1:0"
    config["store"]["path"] = str(db)
    config_path = work / "siren.yaml"
    config_path.write_text(yaml.safe_dump(config))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_APP_TOKEN="xapp-test", SLACK_BOT_TOKEN="xoxb-test")
    # Production's defaults: log level info, human format, to a file.
    return _start("siren", [str(siren), "run", "--config", str(config_path)], env, work)


def start_bolt(api_url: str, db: pathlib.Path, work: pathlib.Path) -> App:
    env = dict(os.environ, SLACK_API_URL=api_url, SLACK_APP_TOKEN="xapp-test",
               SLACK_BOT_TOKEN="xoxb-test", BOLT_DB=str(db))
    return _start("bolt", ["node", str(BOLT_APP)], env, work)


def _start(name: str, command: list[str], env: dict[str, str], work: pathlib.Path) -> App:
    log = open(work / f"{name}.log", "a")
    wall = time.time()
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work,
                            preexec_fn=die_with_parent)
    log.close()
    return App(name, proc, wall)


STARTERS: dict[str, Callable[..., App]] = {
    "siren": lambda ctx, api_url, db, work: start_siren(ctx.siren, example_config(ctx.source),
                                                        api_url, db, work),
    "bolt": lambda ctx, api_url, db, work: start_bolt(api_url, db, work),
}


# --- the Slack emulator (tests/emulators/slack) ----------------------------------------------


class Emulator:
    """The Slack emulator with its rate limits off; control() speaks its /_control API."""

    def __init__(self, source: pathlib.Path, work: pathlib.Path) -> None:
        # Debian's python3 has the aiohttp the emulator needs (bench/run.sh runs us with it).
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.emulators.slack", "--port", "0", "--no-rate-limits",
             "--ack-deadline", "3"], cwd=source, stdout=subprocess.PIPE,
            stderr=open(work / "emulator.log", "w"), text=True, preexec_fn=die_with_parent)
        line = self.proc.stdout.readline()  # "LISTENING <port>", or nothing if it failed
        if not line.startswith("LISTENING "):
            self.stop()
            raise RuntimeError(f"the emulator did not start; see {work / 'emulator.log'}")
        self.base = f"http://127.0.0.1:{line.split()[1]}"

    def control(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base}/_control/{path}", data,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=70) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# --- the load driver (bench/driver.mjs) ----------------------------------------------------


class Driver:
    """The lean Socket Mode + Web API stand-in for the load phases; one JSON line per command."""

    def __init__(self, work: pathlib.Path) -> None:
        self.proc = subprocess.Popen(["node", str(DRIVER)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=open(work / "driver.log", "a"),
                                     text=True, bufsize=1, preexec_fn=die_with_parent)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.api_url = self._next(15)["api_url"]

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    def _next(self, timeout: float) -> dict[str, Any]:
        try:
            return json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            raise RuntimeError(f"the load driver said nothing for {timeout} s") from None

    def wait_hello(self, timeout: float = 30) -> float:
        event = self._next(timeout)
        assert event.get("event") == "hello", event
        return event["t_ms"]

    def command(self, timeout: float = 600, **request: Any) -> dict[str, Any]:
        self.proc.stdin.write(json.dumps(request) + "\n")
        answer = self._next(timeout)
        while "event" in answer:  # a reconnect's hello, not the answer
            answer = self._next(timeout)
        if "error" in answer:
            raise RuntimeError(f"driver: {answer['error']}")
        return answer

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()  # it exits when its input ends
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# --- phases --------------------------------------------------------------------------------


@dataclass
class Context:
    siren: pathlib.Path
    source: pathlib.Path  # the siren source tree it was built from: its config and emulator
    args: argparse.Namespace
    work: pathlib.Path
    seeds: dict[str, pathlib.Path] = field(default_factory=dict)
    counter: int = 0

    def session_dir(self, label: str) -> pathlib.Path:
        self.counter += 1
        path = self.work / f"{self.counter:03d}-{label}"
        path.mkdir()
        return path


def with_driver(ctx: Context, app_name: str, label: str, db: pathlib.Path | None,
                body: Callable[[App, Driver], dict[str, Any]]) -> dict[str, Any]:
    work = ctx.session_dir(f"{label}-{app_name}")
    db = db or work / f"{app_name}.db"
    driver = Driver(work)
    app = STARTERS[app_name](ctx, driver.api_url, db, work)
    try:
        driver.wait_hello()
        result = body(app, driver)
        result["peak_kb"] = app.memory()["VmHWM"]
        return result
    finally:
        app.stop()
        driver.stop()


def phase_emulator(ctx: Context, app_name: str) -> dict[str, Any]:
    """Start-up time, idle memory and end-to-end declares, against the Slack emulator."""
    work = ctx.session_dir(f"emulator-{app_name}")
    emu = Emulator(ctx.source, work)
    try:
        people = example_config(ctx.source)["people"]
        emu.control("users", {"users": [{"id": p["slack_id"], "name": p["handle"]}
                                        for p in people if p.get("slack_id")]})
        emu.control("channels", {"name": "production"})
        app = STARTERS[app_name](ctx, f"{emu.base}/api/", work / f"{app_name}.db", work)
        try:
            got = emu.control("connections?state=open&min=1&wait_s=30")
            assert got["complete"], f"{app_name} did not connect to the emulator"
            startup_ms = (got["connections"][0]["opened_at"] - app.started_wall) * 1000
            time.sleep(1)  # settle before reading idle memory
            idle_kb = app.memory()["VmRSS"]
            e2e = end_to_end(emu, ctx.args.e2e_isolated, ctx.args.e2e)
            return {"startup_ms": startup_ms, "idle_kb": idle_kb, **e2e,
                    "peak_kb": app.memory()["VmHWM"]}
        finally:
            app.stop()
    finally:
        emu.stop()


def end_to_end(emu: Emulator, isolated: int, back_to_back: int) -> dict[str, Any]:
    """Declares injected one at a time, each timed from injection to its pins.add answered by
    the emulator: first `isolated` ones 1.1 s apart (Slack allows one chat.postMessage per
    second in a channel, and siren's duties DM to the commander goes to the same DM channel
    each time), then `back_to_back` ones, each as soon as the previous one's pin is done.
    siren spaces calls by Slack's tiers: conversations.create and pins.add allow a burst of 20,
    then one every 3 s, so the two together stay within 20."""
    envelope_ids = []
    for n in range(1, isolated + back_to_back + 1):
        sent = emu.control("slash_command", {"command": "/incident", "user": DECLARER,
                                             "channel": "C00000001",
                                             "text": f"declare S3 bench e2e {n}"})
        envelope_ids.append(sent["envelope_id"])
        got = emu.control(f"calls?method=pins.add&ok=true&min={n}&wait_s=30")
        assert got["complete"], f"declare {n} never reached pins.add"
        if n < isolated:
            time.sleep(1.1)
    pins = emu.control("calls?method=pins.add&ok=true")["calls"]
    created = {e["envelope_id"]: e["created_at"] for e in emu.control("envelopes")["envelopes"]}
    latencies = [(pin["time"] + pin["elapsed_ms"] / 1000 - created[envelope]) * 1000
                 for pin, envelope in zip(pins, envelope_ids)]
    alone, burst = latencies[:isolated], latencies[isolated:]
    return {"e2e_ms": latencies,
            "isolated_p50_ms": percentile(alone, 0.5), "isolated_p99_ms": percentile(alone, 0.99),
            "burst_p50_ms": percentile(burst, 0.5), "burst_p99_ms": percentile(burst, 0.99)}


def phase_ack(ctx: Context, app_name: str) -> dict[str, Any]:
    """Envelope → ack at a fixed rate (open loop), every envelope a declare and persisted."""
    def body(app: App, driver: Driver) -> dict[str, Any]:
        before = cpu_seconds(app.proc.pid)
        load = driver.command(cmd="load", rate=ctx.args.rate, seconds=ctx.args.seconds)
        load["app_cpu_percent"] = 100 * (cpu_seconds(app.proc.pid) - before) / load["seconds"]
        return load
    return with_driver(ctx, app_name, "ack", None, body)


def phase_steps(ctx: Context, app_name: str) -> dict[str, Any]:
    """Step-up load on one app: each rate for step_seconds, until the ack p99 passes 100 ms."""
    def body(app: App, driver: Driver) -> dict[str, Any]:
        steps, sustained = [], 0
        for rate in STEP_RATES:
            app_cpu, driver_cpu = cpu_seconds(app.proc.pid), cpu_seconds(driver.proc.pid)
            step = driver.command(cmd="load", rate=rate, seconds=ctx.args.step_seconds)
            step["app_cpu_percent"] = 100 * (cpu_seconds(app.proc.pid) - app_cpu) / step["seconds"]
            step["driver_cpu_percent"] = (100 * (cpu_seconds(driver.proc.pid) - driver_cpu)
                                          / step["seconds"])
            steps.append(step)
            if step["missing"] or step["p99_ms"] is None or step["p99_ms"] > ACK_BUDGET_MS:
                break
            sustained = rate
        return {"sustained_per_s": sustained, "steps": steps}
    return with_driver(ctx, app_name, "steps", None, body)


def phase_memory(ctx: Context, app_name: str) -> dict[str, Any]:
    """Memory with 10,000 incidents: started on a copy of the seeded database, then 1,000
    more declares; measured 2 s after the last ack."""
    work = ctx.session_dir(f"memory-db-{app_name}")
    db = work / f"{app_name}.db"
    for suffix in ("", "-wal"):
        if (seed := pathlib.Path(str(ctx.seeds[app_name]) + suffix)).exists():
            shutil.copy(seed, str(db) + suffix)

    def body(app: App, driver: Driver) -> dict[str, Any]:
        time.sleep(2)
        idle = app.memory()["VmRSS"]
        stream = driver.command(cmd="stream", count=1000, window=16)
        time.sleep(2)
        return {"idle_10k_kb": idle, "after_10k_kb": app.memory()["VmRSS"],
                "stream_seconds": stream["seconds"]}
    return with_driver(ctx, app_name, "memory", db, body)


# --- the seeded databases ------------------------------------------------------------------


def seed(ctx: Context, app_name: str) -> pathlib.Path:
    """A database holding 10,000 incidents the app made itself, through its own code: siren
    declares each and resolves it from its channel (10,000 open incidents would be unrealistic);
    Bolt declares. Cached in build/bench/seed/ by what makes it."""
    if app_name == "siren":
        version = schema_version(ctx)
        path = SEED_DIR / f"siren-{ctx.args.incidents}-schema{version}.db"
    else:
        digest = hashlib.sha1(BOLT_APP.read_bytes()).hexdigest()[:12]
        path = SEED_DIR / f"bolt-{ctx.args.incidents}-{digest}.db"
    if path.exists() and not ctx.args.reseed:
        return path
    print(f"seeding {path.name} with {ctx.args.incidents:,} incidents through {app_name} "
          "(once; cached)...", flush=True)
    work = ctx.session_dir(f"seed-{app_name}")
    db = work / f"{app_name}.db"
    started = time.monotonic()
    with_driver(ctx, app_name, "seeding", db, lambda app, driver: driver.command(
        cmd="history", count=ctx.args.incidents, window=16, resolve=app_name == "siren",
        timeout=3600))
    with sqlite3.connect(db) as check:
        made = check.execute("SELECT count(*) FROM incidents").fetchone()[0]
    assert made == ctx.args.incidents, f"{app_name} made {made} incidents"
    SEED_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        if pathlib.Path(str(db) + suffix).exists():
            shutil.copy(str(db) + suffix, str(path) + suffix)
    print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)
    return path


def schema_version(ctx: Context) -> int:
    db = ctx.session_dir("schema") / "schema.db"
    subprocess.run([str(ctx.siren), "migrate", "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)
    with sqlite3.connect(db) as check:
        return check.execute("PRAGMA user_version").fetchone()[0]


# --- the table -----------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest rank, as the driver computes it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def median(values: list[float | None]) -> float:
    """Median over runs; None (an envelope never acknowledged) is infinitely late."""
    return statistics.median(float("inf") if v is None else v for v in values)


# label, phase (None: the peak over all), key, scale, the target for siren, and for
# siren/Bolt (latency ≥ 10× better, memory ≥ 5× better).
ROWS = [
    ("ack p50 at {rate}/s for {seconds:g} s (ms)", "ack", "p50_ms", 1, None, 0.1),
    ("ack p99 at {rate}/s for {seconds:g} s (ms)", "ack", "p99_ms", 1, 5.0, 0.1),
    ("  ack p99 in the first 5 s only (ms)", "ack", "early_p99_ms", 1, None, None),
    ("  envelopes never acked (of {sent})", "ack", "missing", 1, None, None),
    ("declare → pins.add, 1.1 s apart, p50 (ms)", "emulator", "isolated_p50_ms", 1, 20.0, 0.1),
    ("declare → pins.add, 1.1 s apart, p99 (ms)", "emulator", "isolated_p99_ms", 1, None, 0.1),
    ("declare → pins.add, back to back, p50 (ms)", "emulator", "burst_p50_ms", 1, 20.0, 0.1),
    ("declare → pins.add, back to back, p99 (ms)", "emulator", "burst_p99_ms", 1, None, 0.1),
    ("declares/s with ack p99 ≤ 100 ms", "steps", "sustained_per_s", 1, None, None),
    ("RSS idle (MB)", "emulator", "idle_kb", 1 / 1024, None, None),
    ("RSS with 10,000 incidents (MB)", "memory", "after_10k_kb", 1 / 1024, 30.0, 0.2),
    ("RSS peak (MB)", None, "peak_kb", 1 / 1024, None, 0.2),
    ("start-up to connected socket (ms)", "emulator", "startup_ms", 1, None, None),
]


def value_of(run: dict[str, Any], app: str, phase: str | None, key: str) -> float | None:
    if phase is None:  # the peak over every phase of the run
        return max(run[p][app]["peak_kb"] for p in ("emulator", "ack", "steps", "memory"))
    if key == "early_p99_ms":
        return run[phase][app]["early"]["p99_ms"]
    return run[phase][app][key]


def fmt(value: float) -> str:
    if value == float("inf"):
        return "never"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(runs: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [f"| metric (median of {len(runs)} runs) | siren | Bolt | siren/Bolt | target | met |",
             "|---|---:|---:|---:|---|---|"]
    for label, phase, key, scale, target, ratio_target in ROWS:
        siren = median([value_of(r, "siren", phase, key) for r in runs]) * scale
        bolt = median([value_of(r, "bolt", phase, key) for r in runs]) * scale
        finite = math.isfinite(siren) and math.isfinite(bolt) and bolt != 0
        ratio = siren / bolt if finite else None
        wants, met = [], []
        if target is not None:
            wants.append(f"≤ {target:g}")
            met.append("yes" if siren <= target else "no")
        if ratio_target is not None:
            wants.append(f"ratio ≤ {ratio_target:g}")
            met.append("yes" if ratio is not None and ratio <= ratio_target else "no")
        name = label.format(rate=args.rate, seconds=args.seconds, sent=int(args.rate * args.seconds))
        lines.append(f"| {name} | {fmt(siren)} | {fmt(bolt)} | "
                     f"{'—' if ratio is None else fmt(ratio)} | {'; '.join(wants)} | "
                     f"{'; '.join(met)} |")
    return "\n".join(lines)


def step_table(run: dict[str, Any]) -> str:
    lines = ["| app | rate/s | acked/sent | p50 ms | p99 ms | app CPU % | driver CPU % |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for app in ("siren", "bolt"):
        for s in run["steps"][app]["steps"]:
            lines.append(f"| {app} | {s['rate']} | {s['acked']}/{s['sent']} | "
                         f"{fmt(median([s['p50_ms']]))} | {fmt(median([s['p99_ms']]))} | "  # None: never
                         f"{s['app_cpu_percent']:.0f} | {s['driver_cpu_percent']:.0f} |")
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------


def output_of(*command: str, cwd: pathlib.Path = ROOT) -> str:
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd).stdout.strip()


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), "?")
    mem_gb = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    return (f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, Linux {platform.release()}, "
            f"{output_of('g++', '--version').splitlines()[0]}, node {output_of('node', '--version')}")


def measured(ctx: Context) -> str:
    """Which siren: a commit exported by --ref, or the working tree (maybe with changes)."""
    if ctx.source != ROOT:
        version = f"commit {ctx.source.name[:12]}"
    else:
        version = f"working tree at {output_of('git', 'describe', '--always', '--dirty')}"
    build = output_of("grep", "^CMAKE_BUILD_TYPE", str(ctx.siren.parents[1] / "CMakeCache.txt"))
    return f"siren {version} ({build.split('=')[-1] or '?'} build)"


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--siren", type=pathlib.Path, required=True, help="the Release binary")
    parser.add_argument("--source", type=pathlib.Path, default=ROOT,
                        help="the source tree the binary was built from")
    parser.add_argument("--runs", type=int, default=3, help="0: only seed the databases")
    parser.add_argument("--rate", type=int, default=200, help="envelopes/s of the ack phase")
    parser.add_argument("--seconds", type=float, default=20, help="length of the ack phase")
    parser.add_argument("--e2e-isolated", type=int, default=8,
                        help="declares 1.1 s apart, timed to their pin, per run")
    parser.add_argument("--e2e", type=int, default=12,
                        help="declares back to back, timed to their pin, per run")
    parser.add_argument("--step-seconds", type=float, default=3)
    parser.add_argument("--incidents", type=int, default=10_000,
                        help="incidents in the seeded databases of the memory phase")
    parser.add_argument("--reseed", action="store_true", help="rebuild the 10,000-incident DBs")
    parser.add_argument("--keep", action="store_true", help="keep the logs and databases")
    parser.add_argument("--json", type=pathlib.Path, help="write every measurement here")
    parser.add_argument("--timeout", type=int, default=3600, help="give up after this many s")
    args = parser.parse_args()

    def give_up(signum: int, _frame: Any) -> None:
        sys.exit(f"bench: stopped by signal {signum}")  # finally blocks stop the processes
    signal.signal(signal.SIGTERM, give_up)
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.timeout)
    work = pathlib.Path(tempfile.mkdtemp(prefix="siren-bench-"))
    ctx = Context(args.siren.resolve(), args.source.resolve(), args, work)
    started = time.monotonic()
    print(f"machine: {machine()}\n{measured(ctx)}\nload average before: {load_average()}",
          flush=True)
    load_before = load_average()
    try:
        ctx.seeds = {app: seed(ctx, app) for app in ("siren", "bolt")}
        if args.runs == 0:
            return  # --runs 0: only prepare the seeded databases
        runs = []
        for n in range(args.runs):
            order = ["siren", "bolt"] if n % 2 == 0 else ["bolt", "siren"]
            run: dict[str, Any] = {}
            for phase, measure in (("emulator", phase_emulator), ("ack", phase_ack),
                                   ("steps", phase_steps), ("memory", phase_memory)):
                run[phase] = {}
                for app in order:
                    print(f"  run {n + 1}: {phase} {app}", flush=True)
                    run[phase][app] = measure(ctx, app)
            runs.append(run)
            print(f"run {n + 1}/{args.runs} done after {time.monotonic() - started:.0f} s",
                  flush=True)
        print()
        print(table(runs, args))
        for app in ("siren", "bolt"):
            if any(r["steps"][app]["sustained_per_s"] == STEP_RATES[-1] for r in runs):
                print(f"note: {app} held the highest step ({STEP_RATES[-1]}/s) in a run: its "
                      "sustained rate is at least that")
        print()
        print("Step-up of the last run:")
        print(step_table(runs[-1]))
        print()
        print(f"{machine()}\n{measured(ctx)}; {args.runs} runs, {args.seconds:g} s at "
              f"{args.rate}/s; took {time.monotonic() - started:.0f} s; "
              f"load average before: {load_before}, after: {load_average()}")
        if args.json:
            args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                             "machine": machine(), "siren": measured(ctx),
                                             "load_before": load_before,
                                             "load_after": load_average(), "runs": runs},
                                            indent=1))
    finally:
        if args.keep:
            print(f"logs and databases kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
