"""The whole emulated Splunk On-Call: the state every route shares (see common.emulator)."""

from __future__ import annotations

from aiohttp import web

from ..common.emulator import EmulatorBase
from ..common.faults import FaultRule
from . import faults
from .incidents import Timeline
from .settings import Settings


class SplunkOnCallEmulator(EmulatorBase):
    settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, faults.ACTIONS, faults.ENDPOINTS)

    def build_model(self) -> None:
        self.timeline = Timeline()
        self.alerts = self.journal()  # every alert taken and its outcome

    def fault_response(self, rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
        return faults.response_for(rule)
