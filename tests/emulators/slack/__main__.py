"""`python3 -m tests.emulators.slack --port 0` from the repository root."""

import importlib.util
import sys

if importlib.util.find_spec("aiohttp") is None:  # e.g. a pyenv python3 first on PATH
    sys.exit("the Slack emulator needs Debian's python3-aiohttp: run it with /usr/bin/python3 "
             "(apt-get install python3-aiohttp)")

from .server import main  # noqa: E402  (after the check above)

raise SystemExit(main())
