"""The whole emulated Opsgenie: the state every route shares (see common.emulator)."""

from __future__ import annotations

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultRule
from ..common.rate_window import Windows
from . import faults
from .alerts import AlertDesk
from .schedules import Schedule
from .settings import Settings


class OpsgenieEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, faults.ACTIONS, faults.ENDPOINTS)

    def build_model(self) -> None:
        self.desk = AlertDesk()
        self.schedules: list[Schedule] = []
        self.windows = Windows()

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        return faults.response_for(rule, request.match_info.route.name or "")
