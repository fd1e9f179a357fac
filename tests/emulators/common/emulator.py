"""The state object every route of a pager emulator shares: settings, the request and webhook
journals, fault rules and background tasks. A vendor subclass adds its model in
`build_model()` and says how its faults answer in `fault_response()`. `reset()` rebuilds
everything except the settings, so a test starts clean without restarting the process."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Coroutine, Iterable

from aiohttp import web

from .faults import FaultAction, FaultRule, Faults
from .journal import ChangeSignal, Journal

log = logging.getLogger("emulator")


class EmulatorBase:
    def __init__(self, settings: Any, fault_actions: Iterable[FaultAction],
                 endpoints: Iterable[str]) -> None:
        self.settings = settings
        self.signal = ChangeSignal()
        self.host = "127.0.0.1"
        self.port = 0
        self._fault_actions = tuple(fault_actions)
        self._endpoints = tuple(endpoints)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._build()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _build(self) -> None:
        self.requests = self.journal()
        self.webhooks = self.journal()
        self.faults = Faults(self._fault_actions, self._endpoints)
        self.build_model()

    def journal(self) -> Journal:
        return Journal(self.signal, self.settings.max_records)

    def build_model(self) -> None:
        """Creates the vendor's model (alerts, incidents, fixtures) from scratch."""
        raise NotImplementedError

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        """The answer a fired rule replaces the real one with, or None when the rule instead
        changes how the handler processes the request (it finds it in request["fault"])."""
        raise NotImplementedError

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Runs background work (delayed processing, webhooks); reset() cancels it."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("emulator bug in background work", exc_info=task.exception())

    def cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()

    async def reset(self) -> None:
        self.cancel_tasks()
        self._build()
        self.signal.fire()
