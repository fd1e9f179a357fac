"""Running the hosted status page emulators (tests/emulators/statuspage, tests/emulators/statusio)
and a thin client for each API; shared by the emulators' own tests and the daemon's."""

from __future__ import annotations

from typing import Any

from pager_harness import EmulatorProcess
from slack_harness import Reply

STATUSPAGE_API_KEY = "statuspage-test-key"
STATUSPAGE_PAGE_ID = "pg0siren0001"
CHECKOUT_COMPONENT = "cmp0checkout"

STATUSIO_API_ID = "statusio-test-id"
STATUSIO_API_KEY = "statusio-test-key"
STATUSIO_PAGE_ID = "5f0a0c1d2e3f405162738495"
STATUSIO_CHECKOUT = {"component": "cmp0checkout", "container": "ctr0euwest"}


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


class Statusio(EmulatorProcess):
    def __init__(self, tmp_path: Any, *extra: str) -> None:
        super().__init__("statusio", tmp_path, *extra)

    def api(self, method: str, path: str, body: Any = None, *,
            api_id: str | None = STATUSIO_API_ID, api_key: str | None = STATUSIO_API_KEY
            ) -> Reply:
        headers = {}
        if api_id is not None:
            headers["x-api-id"] = api_id
        if api_key is not None:
            headers["x-api-key"] = api_key
        return self.call(method, "/v2/" + path, body, headers)

    def incidents(self, **query: Any) -> list[dict[str, Any]]:
        return self.records("incidents", **query)

    def status_of(self, component: str, container: str) -> int:
        return next(c["status"] for c in self.records("components")
                    if c["component"] == component and c["container"] == container)
