"""Modals: trigger_ids (short-lived, single use) and views kept as one stack per user."""

from __future__ import annotations

import itertools
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

MAX_STACK = 3
MAX_VIEW_BYTES = 250_000
MAX_TRIGGERS = 10_000


class TriggerError(Exception):
    """Carries the views.* error name for a trigger that cannot be used."""


@dataclass
class Trigger:
    id: str
    user_id: str
    minted_at: float  # monotonic
    used: bool = False


class Triggers:
    def __init__(self) -> None:
        self._by_id: dict[str, Trigger] = {}
        self._counter = itertools.count(100001)

    def mint(self, user_id: str) -> str:
        if len(self._by_id) >= MAX_TRIGGERS:
            oldest = next(iter(self._by_id))
            del self._by_id[oldest]
        trigger_id = f"{next(self._counter)}.{int(time.time())}.{secrets.token_hex(16)}"
        self._by_id[trigger_id] = Trigger(trigger_id, user_id, time.monotonic())
        return trigger_id

    def exchange(self, trigger_id: str, ttl_s: float) -> Trigger:
        """Uses up a trigger; raises TriggerError with Slack's error name (protocols.md §2.2)."""
        trigger = self._by_id.get(trigger_id)
        if trigger is None:
            raise TriggerError("invalid_trigger_id")
        if trigger.used:
            raise TriggerError("exchanged_trigger_id")
        if time.monotonic() - trigger.minted_at > ttl_s:
            raise TriggerError("expired_trigger_id")
        trigger.used = True
        return trigger


@dataclass
class View:
    id: str
    team_id: str
    app_id: str
    bot_id: str
    user_id: str
    spec: dict[str, Any]
    hash: str
    root_view_id: str
    previous_view_id: str | None = None
    state_values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] | None = None
    closed: bool = False

    @property
    def external_id(self) -> str:
        return str(self.spec.get("external_id", ""))

    def to_api(self) -> dict[str, Any]:
        s = self.spec
        return {
            "id": self.id, "team_id": self.team_id, "type": s.get("type", "modal"),
            "title": s.get("title"), "submit": s.get("submit"), "close": s.get("close"),
            "blocks": s.get("blocks", []), "private_metadata": s.get("private_metadata", ""),
            "callback_id": s.get("callback_id", ""), "external_id": self.external_id,
            "state": {"values": self.state_values}, "hash": self.hash,
            "clear_on_close": bool(s.get("clear_on_close", False)),
            "notify_on_close": bool(s.get("notify_on_close", False)),
            "root_view_id": self.root_view_id, "previous_view_id": self.previous_view_id,
            "app_id": self.app_id, "app_installed_team_id": self.team_id, "bot_id": self.bot_id,
        }

    def snapshot(self) -> dict[str, Any]:
        return {**self.to_api(), "user_id": self.user_id, "errors": self.errors,
                "closed": self.closed}


def validate_view(spec: Any) -> list[str]:
    """Problems Slack reports as invalid_arguments messages; empty when the view is fine."""
    if not isinstance(spec, dict):
        return ["[ERROR] failed to match all allowed schemas [json-pointer:/view]"]
    problems = []
    if spec.get("type") not in ("modal", "home"):
        problems.append("[ERROR] must be one of modal, home [json-pointer:/view/type]")
    if spec.get("type") == "modal":
        problems += _check_text(spec, "title", required=True)
        problems += _check_text(spec, "submit", required=False)
        problems += _check_text(spec, "close", required=False)
    blocks = spec.get("blocks")
    if not isinstance(blocks, list) or (not blocks and spec.get("type") == "modal"):
        problems.append("[ERROR] must provide an array of 1 to 100 blocks "
                        "[json-pointer:/view/blocks]")
    elif len(blocks) > 100:
        problems.append("[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]")
    elif (spec.get("type") == "modal" and "submit" not in spec
          and any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)):
        problems.append("[ERROR] must provide a submit property when using input blocks "
                        "[json-pointer:/view]")
    if len(str(spec.get("private_metadata", ""))) > 3000:
        problems.append("[ERROR] must be less than 3001 characters "
                        "[json-pointer:/view/private_metadata]")
    if len(str(spec.get("callback_id", ""))) > 255:
        problems.append("[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]")
    return problems


def _check_text(spec: dict[str, Any], key: str, required: bool) -> list[str]:
    value = spec.get(key)
    if value is None:
        return [f"[ERROR] missing required field: {key} [json-pointer:/view]"] if required else []
    if not isinstance(value, dict) or value.get("type") != "plain_text":
        return [f"[ERROR] must be a plain_text object [json-pointer:/view/{key}]"]
    if len(str(value.get("text", ""))) > 24:
        return [f"[ERROR] must be less than 25 characters [json-pointer:/view/{key}/text]"]
    return []


def view_size(spec: Any) -> int:
    return len(json.dumps(spec, separators=(",", ":")).encode())


class Views:
    """Open modals. Each user has one stack (root first); Slack allows three views in it."""

    def __init__(self, team_id: str, app_id: str, bot_id: str) -> None:
        self.team_id, self.app_id, self.bot_id = team_id, app_id, bot_id
        self.by_id: dict[str, View] = {}
        self.stacks: dict[str, list[str]] = {}
        self._counter = itertools.count(1)

    def _new_hash(self) -> str:
        return f"{int(time.time())}.{secrets.token_hex(4)}"

    def find(self, view_id: str | None, external_id: str | None) -> View | None:
        if view_id:
            return self.by_id.get(view_id)
        if external_id:
            return next((v for v in self.by_id.values()
                         if v.external_id == external_id and not v.closed), None)
        return None

    def external_id_taken(self, external_id: str, except_id: str | None = None) -> bool:
        return bool(external_id) and any(
            v.external_id == external_id and v.id != except_id and not v.closed
            for v in self.by_id.values())

    def open(self, user_id: str, spec: dict[str, Any]) -> View:
        for old in self.stacks.pop(user_id, []):
            self.by_id[old].closed = True
        view = self._make(user_id, spec, root=None)
        self.stacks[user_id] = [view.id]
        return view

    def push(self, user_id: str, spec: dict[str, Any]) -> View | None:
        """None when the stack is already full (push_limit_reached)."""
        stack = self.stacks.get(user_id)
        if not stack:
            return self.open(user_id, spec)
        if len(stack) >= MAX_STACK:
            return None
        view = self._make(user_id, spec, root=self.by_id[stack[0]], previous=stack[-1])
        stack.append(view.id)
        return view

    def update(self, view: View, spec: dict[str, Any]) -> View:
        view.spec = spec
        view.hash = self._new_hash()
        view.errors = None
        return view

    def close_top(self, user_id: str) -> None:
        stack = self.stacks.get(user_id, [])
        if stack:
            self.by_id[stack.pop()].closed = True

    def clear(self, user_id: str) -> None:
        for view_id in self.stacks.pop(user_id, []):
            self.by_id[view_id].closed = True

    def apply_response_action(self, view: View, ack_payload: dict[str, Any] | None) -> None:
        """What Slack does with a view_submission ack (protocols.md §4.4)."""
        action = (ack_payload or {}).get("response_action")
        if action == "errors":
            view.errors = dict((ack_payload or {}).get("errors") or {})
        elif action == "update" and isinstance((ack_payload or {}).get("view"), dict):
            self.update(view, ack_payload["view"])
        elif action == "push" and isinstance((ack_payload or {}).get("view"), dict):
            self.push(view.user_id, ack_payload["view"])
        elif action == "clear":
            self.clear(view.user_id)
        else:
            self.close_top(view.user_id)

    def _make(self, user_id: str, spec: dict[str, Any], root: View | None,
              previous: str | None = None) -> View:
        view_id = f"V{next(self._counter):08X}"
        view = View(view_id, self.team_id, self.app_id, self.bot_id, user_id, spec,
                    self._new_hash(), root.id if root else view_id, previous)
        self.by_id[view_id] = view
        return view

    def snapshot(self) -> list[dict[str, Any]]:
        return [v.snapshot() for v in self.by_id.values()]
