"""Who is on call: schedule fixtures set through the control API, and
`GET /v2/schedules/{identifier}/on-calls?scheduleIdentifierType=id|name&flat=true|false&date=…`.

A fixture: {id, name, enabled?, periods: [{start, end, participants: [{name, id, type}]}]}
(start/end ISO 8601, null for open-ended). The participants of every period covering `date`
(default now) are on call; `flat=true` answers their names as `onCallRecipients`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..common.times import now, parse_iso, parse_optional_iso
from . import transport
from .transport import ApiError

if TYPE_CHECKING:
    from .emulator import OpsgenieEmulator

PARTICIPANT_TYPES = ("user", "team", "escalation")


@dataclass
class Period:
    start: datetime | None
    end: datetime | None
    participants: list[dict[str, str]]

    def covers(self, moment: datetime) -> bool:
        return (self.start is None or self.start <= moment) and \
            (self.end is None or moment < self.end)


@dataclass
class Schedule:
    id: str
    name: str
    enabled: bool
    periods: list[Period]

    def on_call(self, moment: datetime) -> list[dict[str, str]]:
        """Participants covering `moment`, each once, in fixture order."""
        seen: set[tuple[str, str]] = set()
        found = []
        for period in self.periods:
            if not period.covers(moment):
                continue
            for p in period.participants:
                key = (p["type"], p["id"])
                if key not in seen:
                    seen.add(key)
                    found.append(p)
        return found


def parse_schedule(spec: dict[str, Any]) -> Schedule:
    """Raises ValueError naming what is missing or malformed."""
    if not isinstance(spec.get("id"), str) or not isinstance(spec.get("name"), str):
        raise ValueError("a schedule needs id and name")
    periods = []
    for period in spec.get("periods", []):
        participants = period.get("participants", [])
        for p in participants:
            if not isinstance(p.get("name"), str) or not isinstance(p.get("id"), str) \
                    or p.get("type", "user") not in PARTICIPANT_TYPES:
                raise ValueError("a participant needs name, id and a type among "
                                 f"{PARTICIPANT_TYPES}")
        periods.append(Period(parse_optional_iso(period.get("start")),
                              parse_optional_iso(period.get("end")),
                              [{"id": p["id"], "name": p["name"], "type": p.get("type", "user")}
                               for p in participants]))
    return Schedule(spec["id"], spec["name"], bool(spec.get("enabled", True)), periods)


def add_routes(router: web.UrlDispatcher, emu: "OpsgenieEmulator") -> None:
    async def on_calls(request: web.Request, request_id: str) -> tuple[int, dict[str, Any]]:
        return 200, {"data": _on_calls(emu, request)}

    router.add_get("/v2/schedules/{identifier}/on-calls",
                   transport.endpoint(emu, "Schedule-oncalls", on_calls),
                   name="schedules.oncalls")


def _on_calls(emu: "OpsgenieEmulator", request: web.Request) -> dict[str, Any]:
    kind = transport.choice(request, "scheduleIdentifierType", ("id", "name"), "id")
    flat = transport.choice(request, "flat", ("true", "false"), "false") == "true"
    moment = now()
    if "date" in request.query:
        try:
            moment = parse_iso(request.query["date"])
        except ValueError:  # e.g. a '+' offset sent unescaped, which arrives as a space
            raise ApiError(422, errors={"date": "must be an ISO 8601 date-time"}) from None
    identifier = request.match_info["identifier"]
    schedule = next((s for s in emu.schedules if getattr(s, kind) == identifier), None)
    if schedule is None:
        raise ApiError(404, f"No schedule exists with {kind} [{identifier}]")
    parent = {"id": schedule.id, "name": schedule.name, "enabled": schedule.enabled}
    participants = schedule.on_call(moment)
    if flat:
        return {"_parent": parent, "onCallRecipients": [p["name"] for p in participants]}
    return {"_parent": parent, "onCallParticipants": participants}
