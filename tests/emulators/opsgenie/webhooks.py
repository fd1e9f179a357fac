"""The outgoing webhook integration (protocols.md §6.2): POSTs
`{"action", "alert": {...}, "source": {"name", "type"}, "integrationId", "integrationName"}`
with a custom header (Opsgenie signs nothing; the receiver compares the header). Sent on
demand by the control API, or automatically when the API acknowledges or closes an alert."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from ..common import outgoing
from .alerts import Alert

if TYPE_CHECKING:
    from .emulator import OpsgenieEmulator

# Opsgenie sends description and details only for Create and custom actions, cut to this.
MAX_FORWARDED_TEXT = 1000


def payload(emu: "OpsgenieEmulator", alert: Alert, action: str, username: str, user_id: str,
            source: dict[str, str]) -> dict[str, Any]:
    body = alert.to_webhook(username, user_id)
    if action == "Create":
        body["description"] = alert.spec.get("description", "")[:MAX_FORWARDED_TEXT]
        body["details"] = {k: v[:MAX_FORWARDED_TEXT]
                           for k, v in alert.spec.get("details", {}).items()}
    s = emu.settings
    return {"action": action, "alert": body, "source": source,
            "integrationId": s.integration_id, "integrationName": s.integration_name}


async def deliver(emu: "OpsgenieEmulator", url: str, header_name: str, header_value: str,
                  body: dict[str, Any], *, timeout_s: float, auto: bool = False) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", header_name: header_value}
    result = await outgoing.post(url, json.dumps(body).encode(), headers, timeout_s)
    emu.webhooks.add({"time": time.time(), "url": url, "auto": auto, "action": body["action"],
                      "alert_id": body["alert"]["alertId"], "alias": body["alert"]["alias"],
                      "headers": headers, "body": body, **result})
    return result


def auto_send(emu: "OpsgenieEmulator", alert: Alert, action: str, username: str,
              source_name: str) -> None:
    """Forwards an action taken through the API, in the background, if the integration wants
    it. Opsgenie names API actions' source type "API"."""
    s = emu.settings
    if s.webhook is None or action not in s.webhook_actions:
        return
    body = payload(emu, alert, action, username, "", {"name": source_name, "type": "API"})
    emu.spawn(deliver(emu, s.webhook["url"], s.webhook["header_name"], s.webhook["header_value"],
                      body, timeout_s=s.webhook_timeout_s, auto=True))
