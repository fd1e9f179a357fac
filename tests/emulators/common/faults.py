"""Fault rules: which requests misbehave, and how.

A rule names an endpoint (or "*"), optionally `match`es request fields (top-level JSON body
values, query values and path parameters, compared as text), fires from the `nth` matching
request on, `times` times (default 1; null = every time), and carries an action with its
parameters. The generic actions live here; each emulator adds its vendor's own (429 bodies,
a different dedup_key, a stuck request status, ...) as a catalogue of `FaultAction`s:

  delay   answer `delay_s` seconds late; the request has already taken effect (stacks with
          the other actions), so a client that times out and retries makes a duplicate
  reset   close the connection with a TCP reset and no answer; `after_processing` decides
          whether the request took effect first
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from .settings import coerce_like


@dataclass(frozen=True)
class FaultAction:
    name: str
    params: dict[str, Any]  # parameter -> default (its type is the parameter's type)
    endpoints: frozenset[str] | None = None  # None: any endpoint


GENERIC_ACTIONS = (
    FaultAction("delay", {"delay_s": 1.0}),
    FaultAction("reset", {"after_processing": False}),
)
_RULE_FIELDS = {"action", "endpoint", "match", "nth", "times"}


@dataclass
class FaultRule:
    id: str
    action: str
    endpoint: str
    match: dict[str, str]
    nth: int
    times: int | None
    params: dict[str, Any]
    seen: int = 0
    fired: int = 0

    def applies(self, endpoint: str, fields: dict[str, str]) -> bool:
        """Counts a matching request and says whether the rule fires for it."""
        if self.endpoint not in ("*", endpoint):
            return False
        if any(fields.get(k) != v for k, v in self.match.items()):
            return False
        self.seen += 1
        if self.seen < self.nth or (self.times is not None and self.fired >= self.times):
            return False
        self.fired += 1
        return True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FaultPlan:
    """What the fired rules ask of one request: a total delay and at most one outcome."""

    delay_s: float = 0.0
    outcome: FaultRule | None = None


class Faults:
    def __init__(self, actions: Iterable[FaultAction], endpoints: Iterable[str]) -> None:
        self.actions = {a.name: a for a in (*GENERIC_ACTIONS, *actions)}
        self.endpoints = frozenset(endpoints)
        self.rules: list[FaultRule] = []
        self._ids = itertools.count(1)

    def add(self, spec: dict[str, Any]) -> FaultRule:
        """Builds a rule from control-API JSON; raises ValueError on anything unknown."""
        action = self.actions.get(spec.get("action"))  # type: ignore[arg-type]
        if action is None:
            raise ValueError(f"action must be one of {sorted(self.actions)}")
        unknown = set(spec) - _RULE_FIELDS - set(action.params)
        if unknown:
            raise ValueError(f"unknown fields for {action.name}: {sorted(unknown)}")
        endpoint = str(spec.get("endpoint", "*"))
        if endpoint != "*" and endpoint not in self.endpoints:
            raise ValueError(f"endpoint must be '*' or one of {sorted(self.endpoints)}")
        if action.endpoints is not None and endpoint not in action.endpoints:
            raise ValueError(f"{action.name} applies only to {sorted(action.endpoints)}")
        match = spec.get("match") or {}
        if not isinstance(match, dict):
            raise ValueError("match must be an object of field values")
        params = {k: coerce_like(k, default, spec[k]) if k in spec else default
                  for k, default in action.params.items()}
        _check_params(params)
        rule = FaultRule(id=f"F{next(self._ids)}", action=action.name, endpoint=endpoint,
                         match={str(k): as_text(v) for k, v in match.items()},
                         nth=_positive(spec.get("nth", 1), "nth"),
                         times=None if spec.get("times", 1) is None
                         else _positive(spec.get("times", 1), "times"),
                         params=params)
        self.rules.append(rule)
        return rule

    def remove(self, rule_id: str) -> bool:
        before = len(self.rules)
        self.rules = [r for r in self.rules if r.id != rule_id]
        return len(self.rules) != before

    def plan(self, endpoint: str, fields: dict[str, str]) -> FaultPlan:
        plan = FaultPlan()
        for rule in self.rules:
            if not rule.applies(endpoint, fields):
                continue
            if rule.action == "delay":
                plan.delay_s += rule.params["delay_s"]
            elif plan.outcome is None:
                plan.outcome = rule
        return plan


def as_text(value: Any) -> str:
    """How request fields and `match` values are compared: JSON scalars as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _check_params(params: dict[str, Any]) -> None:
    status = params.get("status")
    if status is not None and not 400 <= status <= 599:
        raise ValueError("status must be an HTTP error code (400-599)")
    if any(params.get(k, 0) < 0 for k in ("delay_s", "reset_s", "polls")):
        raise ValueError("delay_s, reset_s and polls must be >= 0")


def _positive(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{key} must be a positive integer")
    return value
