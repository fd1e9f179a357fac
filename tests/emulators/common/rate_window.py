"""Fixed-window request counters, the shape both vendors describe: N requests per period, with
the remaining count and the seconds until the window resets reported in headers."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Hashable


@dataclass
class WindowState:
    allowed: bool
    limit: int
    remaining: int
    reset_s: int  # whole seconds until the current window ends (at least 1)
    period_s: float


class FixedWindow:
    def __init__(self, limit: int, period_s: float) -> None:
        self.limit, self.period_s = limit, period_s
        self._started = time.monotonic()
        self._used = 0

    def take(self) -> WindowState:
        now = time.monotonic()
        if now - self._started >= self.period_s:
            self._started, self._used = now, 0
        allowed = self._used < self.limit
        if allowed:
            self._used += 1
        reset_s = max(1, math.ceil(self._started + self.period_s - now))
        return WindowState(allowed, self.limit, self.limit - self._used, reset_s, self.period_s)


class Windows:
    """One window per key; a window is rebuilt when its configured limit or period changes."""

    def __init__(self) -> None:
        self._windows: dict[Hashable, FixedWindow] = {}

    def take(self, key: Hashable, limit: int, period_s: float) -> WindowState:
        window = self._windows.get(key)
        if window is None or (window.limit, window.period_s) != (limit, period_s):
            window = self._windows[key] = FixedWindow(limit, period_s)
        return window.take()
