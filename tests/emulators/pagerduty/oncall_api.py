"""REST on-call lookups from the fixtures: `GET /oncalls` (schedule_ids[],
escalation_policy_ids[], user_ids[], since/until, earliest, include[]=users|schedules|
escalation_policies, limit/offset/total) and `GET /escalation_policies` (query, user_ids[])."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..common.times import now
from . import rest
from .account import User, reference
from .oncalls import OnCall, earliest_only
from .rest import RestError

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

INCLUDES = ("users", "schedules", "escalation_policies")


def add_routes(router: web.UrlDispatcher, emu: "PagerDutyEmulator") -> None:
    async def oncalls(request: web.Request) -> web.Response:
        return rest.json_response(_oncalls(emu, request))

    async def escalation_policies(request: web.Request) -> web.Response:
        return rest.json_response(_escalation_policies(emu, request))

    router.add_get("/oncalls", rest.endpoint(emu, oncalls), name="oncalls")
    router.add_get("/escalation_policies", rest.endpoint(emu, escalation_policies),
                   name="escalation_policies")


def _oncalls(emu: "PagerDutyEmulator", request: web.Request) -> dict[str, Any]:
    include = rest.array_param(request, "include")
    if set(include) - set(INCLUDES):
        raise RestError(400, [f"include[] must be among {', '.join(INCLUDES)}"])
    moment = now()
    since = rest.time_param(request, "since") or moment
    until = rest.time_param(request, "until") or max(since, moment)
    if until < since:
        raise RestError(400, ["until must not be before since"])
    schedules = rest.array_param(request, "schedule_ids")
    policies = rest.array_param(request, "escalation_policy_ids")
    users = rest.array_param(request, "user_ids")
    found = [o for o in sorted(emu.account.oncalls, key=OnCall.sort_key)
             if o.overlaps(since, until)
             and (not schedules or o.schedule_id in schedules)
             and (not policies or o.escalation_policy_id in policies)
             and (not users or o.user["id"] in users)]
    if request.query.get("earliest") == "true":
        found = earliest_only(found)
    return rest.paginated(request, "oncalls",
                          [_oncall_json(emu.base_url, o, include) for o in found])


def _oncall_json(base: str, oncall: OnCall, include: list[str]) -> dict[str, Any]:
    """References by default; `include[]` swaps in the full object, as PagerDuty does."""
    user = User(**oncall.user)
    policy_name = oncall.escalation_policy_name or oncall.escalation_policy_id
    policy = reference("escalation_policy", oncall.escalation_policy_id, policy_name, base,
                       "escalation_policies")
    if "escalation_policies" in include:
        policy.update(type="escalation_policy", name=policy_name)
    schedule = None
    if oncall.schedule_id is not None:
        schedule_name = oncall.schedule_name or oncall.schedule_id
        schedule = reference("schedule", oncall.schedule_id, schedule_name, base, "schedules")
        if "schedules" in include:
            schedule.update(type="schedule", name=schedule_name)
    return {"escalation_policy": policy, "escalation_level": oncall.escalation_level,
            "schedule": schedule,
            "user": user.to_api(base) if "users" in include else user.reference(base),
            "start": oncall.start_text, "end": oncall.end_text}


def _escalation_policies(emu: "PagerDutyEmulator", request: web.Request) -> dict[str, Any]:
    query = request.query.get("query", "").lower()
    users = set(rest.array_param(request, "user_ids"))
    base = emu.base_url
    found = []
    for policy in emu.account.escalation_policies:
        targets = {t.get("id") for rule in policy["escalation_rules"]
                   for t in rule.get("targets", []) if t.get("type") == "user_reference"}
        if query in policy["name"].lower() and (not users or users & targets):
            found.append({**policy, "type": "escalation_policy", "summary": policy["name"],
                          "self": f"{base}/escalation_policies/{policy['id']}",
                          "html_url": f"{base}/escalation_policies/{policy['id']}",
                          "services": []})
    return rest.paginated(request, "escalation_policies", found)
