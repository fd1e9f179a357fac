"""On-call fixtures, set through the control API, and who is on call when: the data behind
`GET /oncalls`, `GET /escalation_policies` and the assignees of new incidents.

A fixture entry: {schedule_id (null for a direct policy target), escalation_policy_id,
escalation_level, user: {id, name, email}, start, end (null = permanent), schedule_name?,
escalation_policy_name?}."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..common.times import parse_optional_iso


@dataclass
class OnCall:
    schedule_id: str | None
    schedule_name: str | None
    escalation_policy_id: str
    escalation_policy_name: str | None
    escalation_level: int
    user: dict[str, str]
    start: datetime | None
    end: datetime | None
    start_text: str | None  # as given, so answers echo the fixture's own offsets
    end_text: str | None

    def overlaps(self, since: datetime, until: datetime) -> bool:
        """On call at some moment of [since, until] (a single moment when they are equal)."""
        return (self.start is None or self.start <= until) and \
            (self.end is None or self.end > since)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.escalation_policy_id, self.escalation_level,
                self.start.timestamp() if self.start else float("-inf"), self.user["id"])


def parse_oncall(spec: dict[str, Any]) -> OnCall:
    """Raises ValueError naming what is missing or malformed."""
    user = spec.get("user")
    if not isinstance(user, dict) or not all(isinstance(user.get(k), str)
                                             for k in ("id", "name", "email")):
        raise ValueError("an on-call needs user {id, name, email}")
    if not isinstance(spec.get("escalation_policy_id"), str):
        raise ValueError("an on-call needs escalation_policy_id")
    level = spec.get("escalation_level", 1)
    if isinstance(level, bool) or not isinstance(level, int) or level < 1:
        raise ValueError("escalation_level must be an integer >= 1")
    schedule_id = spec.get("schedule_id")
    if schedule_id is not None and not isinstance(schedule_id, str):
        raise ValueError("schedule_id must be a string or null")
    return OnCall(schedule_id=schedule_id, schedule_name=spec.get("schedule_name"),
                  escalation_policy_id=spec["escalation_policy_id"],
                  escalation_policy_name=spec.get("escalation_policy_name"),
                  escalation_level=level,
                  user={k: user[k] for k in ("id", "name", "email")},
                  start=parse_optional_iso(spec.get("start")),
                  end=parse_optional_iso(spec.get("end")),
                  start_text=spec.get("start"), end_text=spec.get("end"))


def earliest_only(oncalls: list[OnCall]) -> list[OnCall]:
    """`earliest=true`: one entry per (policy, level, user), the one that starts first."""
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for oncall in sorted(oncalls, key=OnCall.sort_key):
        key = (oncall.escalation_policy_id, oncall.escalation_level, oncall.user["id"])
        if key not in seen:
            seen.add(key)
            kept.append(oncall)
    return kept


def parse_escalation_policy(spec: dict[str, Any]) -> dict[str, Any]:
    """{id, name, escalation_rules?: [{escalation_delay_in_minutes, targets: [{id, type}]}],
    num_loops?}: the fixture shape is the API shape, minus the generated fields."""
    if not isinstance(spec.get("id"), str) or not isinstance(spec.get("name"), str):
        raise ValueError("an escalation policy needs id and name")
    rules = spec.get("escalation_rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ValueError("escalation_rules must be a list of objects")
    return {"id": spec["id"], "name": spec["name"], "escalation_rules": rules,
            "num_loops": int(spec.get("num_loops", 0)), "teams": spec.get("teams", [])}
