"""The whole emulated PagerDuty: the state every route shares (see common.emulator)."""

from __future__ import annotations

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultRule
from ..common.rate_window import Windows
from . import faults
from .account import Account
from .settings import Settings


class PagerDutyEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, faults.ACTIONS, faults.ENDPOINTS)

    def build_model(self) -> None:
        self.account = Account(self.settings)
        self.events = self.journal()  # every accepted Events API event and its outcome
        self.windows = Windows()

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        return faults.response_for(rule, request.match_info.route.name or "",
                                   self.settings.rest_per_minute)
