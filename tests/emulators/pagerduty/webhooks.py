"""v3 webhooks back to siren (protocols.md §5.4): one event per POST,
`{"event": {id, event_type, resource_type, occurred_at, agent, client, data}}`, signed with
`X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>` (several comma-separated
entries while a secret rotates). Sent on demand by the control API, or automatically to the
configured subscription when the Events API or REST changes an incident."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import TYPE_CHECKING, Any

from ..common import outgoing
from ..common.times import iso, now
from .account import Incident, User, reference

if TYPE_CHECKING:
    from .emulator import PagerDutyEmulator

USER_AGENT = "PagerDuty-Webhook/V3.0"


def sign(secret: str, body: bytes) -> str:
    return "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, extra: bool = False, bad: bool = False) -> str:
    """`bad`: signed with the wrong secret. `extra`: a second v1 entry first, from a retired
    secret, as during rotation; the receiver must accept if any entry matches."""
    good = sign(secret + "-wrong" if bad else secret, body)
    return f"{sign(secret + '-retired', body)},{good}" if extra else good


def user_agent(emu: "PagerDutyEmulator", user: User, email: str | None = None) -> dict[str, Any]:
    agent = user.reference(emu.base_url)
    if email:  # not in PagerDuty's payload: an opt-in aid for mapping people in tests
        agent["email"] = email
    return agent


def service_agent(emu: "PagerDutyEmulator", incident: Incident) -> dict[str, Any]:
    """Who acts when an integration (the Events API) changes an incident: its service."""
    return reference("service", incident.service["id"], incident.service["name"],
                     emu.base_url, "services")


def build_event(emu: "PagerDutyEmulator", incident: Incident, event_type: str,
                agent: dict[str, Any]) -> dict[str, Any]:
    return {"event": {"id": str(uuid.uuid4()), "event_type": event_type,
                      "resource_type": "incident", "occurred_at": iso(now()), "agent": agent,
                      "client": None, "data": incident.to_webhook(emu.base_url)}}


async def deliver(emu: "PagerDutyEmulator", url: str, secret: str, event: dict[str, Any], *,
                  timeout_s: float, extra_signature: bool = False, bad_signature: bool = False,
                  duplicate: bool = False, auto: bool = False) -> dict[str, Any]:
    """POSTs the event (twice, same event.id, with `duplicate`); records each delivery."""
    body = json.dumps(event, separators=(",", ":")).encode()
    signature = signature_header(secret, body, extra=extra_signature, bad=bad_signature)
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
               "X-PagerDuty-Signature": signature}
    deliveries = []
    for attempt in range(1, 3 if duplicate else 2):
        result = await outgoing.post(url, body, headers, timeout_s)
        emu.webhooks.add({"time": time.time(), "url": url, "auto": auto, "attempt": attempt,
                          "event_id": event["event"]["id"],
                          "event_type": event["event"]["event_type"],
                          "incident_id": event["event"]["data"]["id"], "headers": headers,
                          "body": event, **result})
        deliveries.append(result)
    return {"event": event, "signature": signature, "deliveries": deliveries}


def auto_send(emu: "PagerDutyEmulator", incident: Incident, event_type: str,
              agent: dict[str, Any]) -> None:
    """Sends `event_type` to the subscription in the background, if one wants it."""
    s = emu.settings
    if s.webhook_subscription is None or event_type not in s.webhook_events:
        return
    event = build_event(emu, incident, event_type, agent)  # the incident as of this change
    emu.spawn(deliver(emu, s.webhook_subscription["url"], s.webhook_subscription["secret"],
                      event, timeout_s=s.webhook_timeout_s, auto=True))
