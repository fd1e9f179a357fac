"""Run by each emulator's `__main__` before anything imports aiohttp, so a wrong interpreter
gets a one-line explanation instead of an ImportError traceback."""

import importlib.util
import sys


def require_aiohttp(emulator: str) -> None:
    if importlib.util.find_spec("aiohttp") is None:  # e.g. a pyenv python3 first on PATH
        sys.exit(f"the {emulator} emulator needs Debian's python3-aiohttp: run it with "
                 "/usr/bin/python3 (apt-get install python3-aiohttp)")
