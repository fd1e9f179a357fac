"""`python3 -m tests.emulators.statuspage --port 0` from the repository root."""

from ..common.preflight import require_aiohttp

require_aiohttp("Statuspage")

from .server import main  # noqa: E402  (after the check above)

raise SystemExit(main())
