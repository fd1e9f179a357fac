"""Fault rules for the Web API: which calls misbehave, and how.

A rule matches a method (or "*") and, optionally, argument values. It fires from the `nth`
matching call on, `times` times (default: once when `nth` is given, otherwise every time).
Actions:
  ratelimit   HTTP 429, Retry-After: <retry_after>, {"ok":false,"error":"ratelimited"}
  error       HTTP 200, {"ok":false,"error":<error>} (internal_error, fatal_error, name_taken,
              not_in_channel, is_archived, msg_blocks_too_long, ... any name)
  http_error  HTTP <status> (500/502/503...) with an HTML body, as a load balancer sends
  delay       wait <delay_ms> before answering normally (stacks with the other actions)
  reset       send the headers and half the body, then reset the TCP connection
  warning     answer normally, with <warning> added to `warning` and response_metadata
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, asdict
from typing import Any

ACTIONS = ("ratelimit", "error", "http_error", "delay", "reset", "warning")


@dataclass
class FaultRule:
    id: str
    action: str
    method: str = "*"
    match: dict[str, str] = field(default_factory=dict)
    nth: int | None = None
    times: int | None = None
    retry_after: int = 1
    error: str = "internal_error"
    status: int = 503
    delay_ms: int = 0
    warning: str = "emulator_warning"
    seen: int = 0
    fired: int = 0

    def applies(self, method: str, args: dict[str, Any]) -> bool:
        """Counts a matching call and says whether the rule fires for it."""
        if self.method not in ("*", method):
            return False
        if any(_as_text(args.get(k)) != v for k, v in self.match.items()):
            return False
        self.seen += 1
        if self.seen < (self.nth or 1):
            return False
        limit = self.times if self.times is not None else (1 if self.nth else None)
        if limit is not None and self.fired >= limit:
            return False
        self.fired += 1
        return True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass
class FaultPlan:
    """What the fired rules ask for this call: a total delay and at most one outcome.
    `fired` keeps every rule that fired, so the call record can name a delay-only rule too
    (a test waits for "the call rule F3 held" before it kills the client)."""

    delay_ms: int = 0
    outcome: FaultRule | None = None
    warnings: list[str] = field(default_factory=list)
    fired: list[FaultRule] = field(default_factory=list)

    def rule_id(self) -> str | None:
        """The rule a call record names: the outcome's, else the first rule that fired."""
        rule = self.outcome or (self.fired[0] if self.fired else None)
        return rule.id if rule is not None else None


class Faults:
    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self._ids = itertools.count(1)

    def add(self, spec: dict[str, Any]) -> FaultRule:
        """Builds a rule from control-API JSON; raises ValueError on anything unknown."""
        allowed = {"action", "method", "match", "nth", "times", "retry_after", "error",
                   "status", "delay_ms", "warning"}
        unknown = set(spec) - allowed
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        if spec.get("action") not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}")
        match = spec.get("match") or {}
        if not isinstance(match, dict):
            raise ValueError("match must be an object of argument values")
        rule = FaultRule(
            id=f"F{next(self._ids)}",
            action=spec["action"],
            method=str(spec.get("method", "*")),
            match={str(k): _as_text(v) or "" for k, v in match.items()},
            nth=_positive(spec, "nth"),
            times=_positive(spec, "times"),
            retry_after=int(spec.get("retry_after", 1)),
            error=str(spec.get("error", "internal_error")),
            status=int(spec.get("status", 503)),
            delay_ms=int(spec.get("delay_ms", 0)),
            warning=str(spec.get("warning", "emulator_warning")),
        )
        if rule.retry_after < 0 or rule.delay_ms < 0 or not 100 <= rule.status <= 599:
            raise ValueError("retry_after and delay_ms must be >= 0, status a valid HTTP code")
        self.rules.append(rule)
        return rule

    def remove(self, rule_id: str) -> bool:
        before = len(self.rules)
        self.rules = [r for r in self.rules if r.id != rule_id]
        return len(self.rules) != before

    def clear(self) -> None:
        self.rules.clear()

    def plan(self, method: str, args: dict[str, Any]) -> FaultPlan:
        plan = FaultPlan()
        for rule in self.rules:
            if not rule.applies(method, args):
                continue
            plan.fired.append(rule)
            if rule.action == "delay":
                plan.delay_ms += rule.delay_ms
            elif rule.action == "warning":
                plan.warnings.append(rule.warning)
            elif plan.outcome is None:
                plan.outcome = rule
        return plan


def _positive(spec: dict[str, Any], key: str) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{key} must be a positive integer")
    return value
