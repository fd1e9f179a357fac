"""The Alert API's field checks (protocols.md §6 table): a 422 names each bad field in
`errors`. Limits are Opsgenie's; the sentences are the emulator's own, except the empty-message
one, which is Opsgenie's."""

from __future__ import annotations

from typing import Any

MAX_LENGTH = {"message": 130, "alias": 512, "description": 15000, "entity": 512,
              "source": 100, "user": 100, "note": 25000}
PRIORITIES = ("P1", "P2", "P3", "P4", "P5")
RESPONDER_TYPES = ("team", "user", "escalation", "schedule")
VISIBLE_TO_TYPES = ("team", "user")
MAX_TAGS, MAX_TAG_LENGTH, MAX_ACTIONS, MAX_DETAILS_CHARS = 20, 50, 10, 8000


def create_errors(body: dict[str, Any]) -> dict[str, str]:
    errors = _text_errors(body, MAX_LENGTH)
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        errors["message"] = "Message can not be empty."
    if body.get("priority", "P3") not in PRIORITIES:
        errors["priority"] = f"Priority must be one of {', '.join(PRIORITIES)}"
    for key, types in (("responders", RESPONDER_TYPES), ("visibleTo", VISIBLE_TO_TYPES)):
        problem = _recipient_error(body.get(key, []), types)
        if problem:
            errors[key] = problem
    tags = body.get("tags", [])
    if not _strings(tags) or len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_LENGTH for t in tags):
        errors["tags"] = f"At most {MAX_TAGS} tags of at most {MAX_TAG_LENGTH} characters"
    actions = body.get("actions", [])
    if not _strings(actions) or len(actions) > MAX_ACTIONS:
        errors["actions"] = f"At most {MAX_ACTIONS} actions, as strings"
    details = body.get("details", {})
    if not isinstance(details, dict) or not all(isinstance(v, str) for v in details.values()) \
            or sum(len(k) + len(v) for k, v in details.items()) > MAX_DETAILS_CHARS:
        errors["details"] = f"Details must map strings to strings, {MAX_DETAILS_CHARS} " \
                            "characters in all"
    return errors


def action_errors(body: dict[str, Any]) -> dict[str, str]:
    """The optional {user, source, note} of acknowledge and close."""
    return _text_errors(body, {k: MAX_LENGTH[k] for k in ("user", "source", "note")})


def _text_errors(body: dict[str, Any], limits: dict[str, int]) -> dict[str, str]:
    errors = {}
    for key, limit in limits.items():
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            errors[key] = f"{key} must be a string"
        elif len(value) > limit:
            errors[key] = f"{key} can not be longer than {limit} characters."
    return errors


def _recipient_error(recipients: Any, types: tuple[str, ...]) -> str | None:
    if not isinstance(recipients, list):
        return "must be a list"
    for r in recipients:
        if not isinstance(r, dict) or r.get("type") not in types:
            return f"each needs a type among {', '.join(types)}"
        names = ("id", "username") if r["type"] == "user" else ("id", "name")
        if not any(isinstance(r.get(k), str) and r[k] for k in names):
            return f"a {r['type']} is given by {' or '.join(names)}"
    return None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
