"""An emulated Slack workspace for siren's end-to-end tests.

It speaks the real wire protocols (Web API, Socket Mode, response_url, signed HTTP delivery) on
127.0.0.1, keeps a model of the workspace, and lets a test steer it and inject faults through
the `/_control/...` HTTP API. Start it with `python3 -m tests.emulators.slack` from the
repository root; README.md beside this file lists every endpoint and fault.
"""
