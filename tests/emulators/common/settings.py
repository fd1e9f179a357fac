"""Typed, partially updatable settings: an emulator declares a @dataclass of tunables that
inherits `SettingsBase`, and the command line and `POST /_control/settings` change it through
`update()`, which keeps every field's type so a typo in a test fails at once."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar


class SettingsBase:
    # Fields that may also be null; their non-null shape is checked by validate().
    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    def update(self, changes: dict[str, Any]) -> None:
        """Applies a partial update atomically; raises ValueError naming the first bad key."""
        known = {f.name for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        staged = dataclasses.replace(self)  # type: ignore[type-var]
        for key, value in changes.items():
            if key not in known:
                raise ValueError(f"unknown setting: {key}")
            setattr(staged, key, self._coerce(key, getattr(self, key), value))
        staged.validate()
        for key in changes:
            setattr(self, key, getattr(staged, key))

    def validate(self) -> None:
        """Checks cross-field rules and shapes; subclasses raise ValueError."""

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    def _coerce(self, key: str, current: Any, value: Any) -> Any:
        if value is None:
            if key in self.NULLABLE:
                return None
            raise ValueError(f"{key} cannot be null")
        if current is None:  # a nullable field that is unset: validate() checks the shape
            return value
        return coerce_like(key, current, value)


def coerce_like(key: str, current: Any, value: Any) -> Any:
    """`value` as the type of `current`, or ValueError (ints are accepted for floats)."""
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{key} must be true or false")
        return value
    if isinstance(current, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{key} must be a number")
        return float(value)
    if isinstance(current, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{key} must be an integer")
        return value
    if isinstance(current, str):
        if not isinstance(value, str):
            raise ValueError(f"{key} must be a string")
        return value
    if isinstance(current, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key} must be a list of strings")
        return list(value)
    if isinstance(current, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{key} must be an object")
        return dict(value)
    raise ValueError(f"{key} cannot be set")
