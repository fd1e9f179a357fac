"""Token buckets: one per method for its tier, one per channel for chat.postMessage."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from .settings import Settings


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Takes a token; returns 0, or the seconds until one would be available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._buckets: dict[tuple[str, str], Bucket] = {}

    def reset(self) -> None:
        self._buckets.clear()

    def check(self, method: str, tier: str, channel: str | None) -> int | None:
        """None when the call may proceed, else the Retry-After seconds (an integer >= 1)."""
        s = self._settings
        if not s.rate_limits_enabled:
            return None
        now = time.monotonic()
        wait = 0.0
        per_minute = s.tier_per_minute.get(tier)
        if per_minute:
            wait = self._bucket(("tier", method), per_minute, per_minute / 60.0, now).take(now)
        if wait == 0 and method == "chat.postMessage" and channel:
            rate = s.post_message_per_channel_per_s
            wait = self._bucket(("channel", channel), max(1, s.post_message_burst), rate,
                                now).take(now)
        return None if wait == 0 else max(1, math.ceil(wait))

    def _bucket(self, key: tuple[str, str], capacity: float, per_second: float,
                now: float) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None or bucket.capacity != capacity or bucket.per_second != per_second:
            bucket = Bucket(capacity, per_second, capacity, now)
            self._buckets[key] = bucket
        return bucket
