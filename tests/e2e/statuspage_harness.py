"""Running the Statuspage emulator (tests/emulators/statuspage) and a thin client for its API;
shared by the emulator's own tests and the daemon's."""

from __future__ import annotations

from typing import Any

from pager_harness import EmulatorProcess
from slack_harness import Reply

STATUSPAGE_API_KEY = "statuspage-test-key"
STATUSPAGE_PAGE_ID = "pg0siren0001"
CHECKOUT_COMPONENT = "cmp0checkout"


class Statuspage(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("statuspage", tmp_path, *extra)

    def api(self, method: str, path: str, body: Any = None, *,
            key: str | None = STATUSPAGE_API_KEY, page: str = STATUSPAGE_PAGE_ID,
            query: Any = None) -> Reply:
        headers = {"Authorization": f"OAuth {key}"} if key is not None else {}
        return self.call(method, f"/v1/pages/{page}" + path, body, headers, query)

    def incidents(self, **query: Any) -> list[dict[str, Any]]:
        return self.records("incidents", **query)

    def component(self, ident: str) -> dict[str, Any]:
        return next(c for c in self.records("components") if c["id"] == ident)
