"""Timestamps as both vendors write them (ISO 8601 UTC with milliseconds and `Z`), and the
lenient ISO 8601 parsing the fixtures and query parameters need."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """An aware datetime; a value without an offset is taken as UTC. Raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"not an ISO 8601 date-time: {text!r}")
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_optional_iso(value: str | None) -> datetime | None:
    return None if value is None else parse_iso(value)
