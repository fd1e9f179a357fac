"""`python3 -m tests.emulators.statusio --port 0` from the repository root."""

from ..common.preflight import require_aiohttp

require_aiohttp("status.io")

from .server import main  # noqa: E402  (after the check above)

raise SystemExit(main())
