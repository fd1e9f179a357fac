"""views.open / views.push (need a fresh trigger_id) and views.update (view_id or external_id)."""

from __future__ import annotations

from typing import Any

from ..modals import MAX_VIEW_BYTES, TriggerError, validate_view, view_size
from .common import ApiError, Call, invalid_arguments


def _view_spec(call: Call, except_id: str | None = None) -> dict[str, Any]:
    if not call.has("view"):
        raise invalid_arguments("[ERROR] missing required field: view")
    spec = call.json_value("view")
    if view_size(spec) > MAX_VIEW_BYTES:
        raise ApiError("view_too_large")
    problems = validate_view(spec)
    if problems:
        raise invalid_arguments(*problems)
    if call.emu.views.external_id_taken(str(spec.get("external_id", "")), except_id):
        raise ApiError("duplicate_external_id")
    return spec


def _exchange_trigger(call: Call) -> str:
    """The user the trigger was minted for; the trigger is used up."""
    trigger_id = call.text("trigger_id") or call.text("interactivity_pointer") or ""
    if not trigger_id:
        raise invalid_arguments("[ERROR] invalid `trigger_id`")
    try:
        return call.emu.triggers.exchange(trigger_id, call.emu.settings.trigger_ttl_s).user_id
    except TriggerError as e:
        raise ApiError(str(e)) from None


def views_open(call: Call) -> dict[str, Any]:
    spec = _view_spec(call)
    user_id = _exchange_trigger(call)
    return {"view": call.emu.views.open(user_id, spec).to_api()}


def views_push(call: Call) -> dict[str, Any]:
    spec = _view_spec(call)
    user_id = _exchange_trigger(call)
    view = call.emu.views.push(user_id, spec)
    if view is None:
        raise ApiError("push_limit_reached")
    return {"view": view.to_api()}


def views_update(call: Call) -> dict[str, Any]:
    view_id, external_id = call.text("view_id"), call.text("external_id")
    if not view_id and not external_id:
        raise invalid_arguments("[ERROR] missing required field: view_id or external_id")
    view = call.emu.views.find(view_id, external_id)
    if view is None or view.closed:
        raise ApiError("not_found")
    spec = _view_spec(call, except_id=view.id)
    expected = call.text("hash")
    if expected and expected != view.hash:
        raise ApiError("hash_conflict")
    return {"view": call.emu.views.update(view, spec).to_api()}
