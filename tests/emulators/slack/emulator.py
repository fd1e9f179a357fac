"""The whole emulated Slack: the one object every route shares. `reset()` rebuilds all state
from the settings, so a test can start from a clean workspace without restarting."""

from __future__ import annotations

from .envelopes import EnvelopeTracker
from .faults import Faults
from ..common.journal import ChangeSignal, Journal
from .modals import Triggers, Views
from .rate_limits import RateLimiter
from .response_urls import ResponseUrls
from .settings import Settings
from .socket_mode import SocketHub
from .workspace import BOT_ID, Workspace


class Emulator:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.signal = ChangeSignal()
        self.host = "127.0.0.1"
        self.port = 0
        self.sockets = SocketHub(self)
        self.envelopes = EnvelopeTracker(self)
        self._build_state()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _build_state(self) -> None:
        s = self.settings
        self.workspace = Workspace(s.team_id, s.team_domain)
        self.triggers = Triggers()
        self.views = Views(s.team_id, s.app_id, BOT_ID)
        self.faults = Faults()
        self.limiter = RateLimiter(s)
        self.response_urls = ResponseUrls(self)
        journal = lambda: Journal(self.signal, s.max_records)  # noqa: E731
        self.calls = journal()
        self.acks = journal()
        self.operation_timeouts = journal()
        self.socket_events = journal()
        self.http_deliveries = journal()

    async def reset(self) -> None:
        """Closes every socket (1001) and forgets everything except settings and tokens."""
        self.envelopes.cancel_all()
        await self.sockets.close_all()
        self.sockets = SocketHub(self)
        self.envelopes = EnvelopeTracker(self)
        self._build_state()
        self.signal.fire()

    def token_kind(self, token: str) -> str | None:
        if token in self.settings.bot_tokens:
            return "bot"
        if token in self.settings.app_tokens:
            return "app"
        return None
