"""Bounded, numbered records (requests, webhook deliveries, events) and the signal that lets
the control API long-poll them (`?min=N&wait_s=S`)."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from typing import Any, Callable, Iterable


class ChangeSignal:
    """Wakes every waiter whenever something observable changes."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, predicate: Callable[[], bool], timeout_s: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, timeout_s)
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except asyncio.TimeoutError:
                return predicate()
        return True


class Journal:
    """Append-only; forgets the oldest entries past `limit`. Each entry gets a `seq`."""

    def __init__(self, signal: ChangeSignal, limit: int) -> None:
        self._signal = signal
        self._entries: deque[dict[str, Any]] = deque(maxlen=limit)
        self._seq = itertools.count(1)

    def add(self, entry: dict[str, Any]) -> dict[str, Any]:
        entry = {"seq": next(self._seq), **entry}
        self._entries.append(entry)
        self._signal.fire()
        return entry

    def entries(self) -> list[dict[str, Any]]:
        return list(self._entries)

    def matching(self, **filters: Any) -> list[dict[str, Any]]:
        """Entries whose fields equal every given filter (None filters are ignored)."""
        wanted = {k: v for k, v in filters.items() if v is not None}
        return [e for e in self._entries if all(e.get(k) == v for k, v in wanted.items())]

    def __iter__(self) -> Iterable[dict[str, Any]]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)
