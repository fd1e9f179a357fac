"""The generic half of the control API under `/_control/`, and helpers for the vendor half.

Generic routes: `POST reset`, `GET|POST settings`, `GET|POST|DELETE faults`,
`DELETE faults/{id}`, `GET requests`, `GET webhooks`. List routes share one convention: any
query parameter filters entries by field equality (`?endpoint=enqueue&status=202`),
`since_seq=N` keeps newer entries, and `min=N&wait_s=S` long-polls until at least N entries
match or S seconds (at most 60) pass; the answer's `complete` says which."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web

from .faults import as_text

if TYPE_CHECKING:
    from .emulator import EmulatorBase

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_RESERVED_QUERY = {"wait_s", "min", "since_seq"}


class ControlError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def ok(**fields: Any) -> web.Response:
    return web.json_response({"ok": True, **fields}, dumps=lambda v: json.dumps(v, default=str))


async def body_of(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        raise ControlError("invalid_json") from None
    if not isinstance(value, dict):
        raise ControlError("body must be a JSON object")
    return value


def guarded(handler: Handler) -> Handler:
    """A control request of the wrong shape is the test's mistake: answer 400, don't 500."""
    async def run(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except ControlError as e:
            return web.json_response({"ok": False, "error": str(e)}, status=e.status)
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            return web.json_response({"ok": False, "error": str(e)}, status=400)
    return run


def add_lister(router: web.UrlDispatcher, emu: "EmulatorBase", name: str,
               producer: Callable[[], list[dict[str, Any]]]) -> None:
    """GET /_control/<name> answering {"<name>": [...], "complete": bool}."""
    async def run(request: web.Request) -> web.StreamResponse:
        q = request.query
        try:
            wanted, wait_s, since = int(q.get("min", 0)), float(q.get("wait_s", 0)), \
                int(q.get("since_seq", 0))
        except ValueError:
            return web.json_response({"ok": False, "error": "bad query"}, status=400)
        filters = {k: v for k, v in q.items() if k not in _RESERVED_QUERY}

        def select() -> list[dict[str, Any]]:
            return [e for e in producer() if e.get("seq", since + 1) > since
                    and all(as_text(e.get(k)) == v for k, v in filters.items())]

        complete = await emu.signal.wait_until(lambda: len(select()) >= wanted,
                                               min(wait_s, 60.0))
        return ok(**{name: select(), "complete": complete})
    router.add_get(f"/_control/{name}", run)


def add_common_routes(router: web.UrlDispatcher, emu: "EmulatorBase") -> None:
    async def reset(request: web.Request) -> web.Response:
        await emu.reset()
        return ok()

    async def get_settings(request: web.Request) -> web.Response:
        return ok(settings=emu.settings.to_json())

    async def set_settings(request: web.Request) -> web.Response:
        emu.settings.update(await body_of(request))
        return ok(settings=emu.settings.to_json())

    async def add_faults(request: web.Request) -> web.Response:
        body = await body_of(request)
        specs = body["rules"] if "rules" in body else [body]
        return ok(rules=[emu.faults.add(spec).to_json() for spec in specs])

    async def list_faults(request: web.Request) -> web.Response:
        return ok(rules=[r.to_json() for r in emu.faults.rules])

    async def clear_faults(request: web.Request) -> web.Response:
        emu.faults.rules.clear()
        return ok()

    async def remove_fault(request: web.Request) -> web.Response:
        if not emu.faults.remove(request.match_info["id"]):
            raise ControlError("unknown fault id", 404)
        return ok()

    router.add_post("/_control/reset", guarded(reset))
    router.add_get("/_control/settings", guarded(get_settings))
    router.add_post("/_control/settings", guarded(set_settings))
    router.add_post("/_control/faults", guarded(add_faults))
    router.add_get("/_control/faults", guarded(list_faults))
    router.add_delete("/_control/faults", guarded(clear_faults))
    router.add_delete("/_control/faults/{id}", guarded(remove_fault))
    # Looked up per request: reset() replaces the journal objects.
    add_lister(router, emu, "requests", lambda: emu.requests.entries())
    add_lister(router, emu, "webhooks", lambda: emu.webhooks.entries())
