"""`python3 -m tests.emulators.jira --port 0` from the repository root."""

from ..common.preflight import require_aiohttp

require_aiohttp("Jira")

from .server import main  # noqa: E402  (after the check above)

raise SystemExit(main())
