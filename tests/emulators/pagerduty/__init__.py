"""An emulated PagerDuty for siren's end-to-end tests: the Events API v2, the REST calls siren
makes (on-calls, incidents), and signed v3 webhooks back to siren, on 127.0.0.1 with a JSON
control API for fixtures and faults. Start it with `python3 -m tests.emulators.pagerduty`
from the repository root; README.md beside this file lists every endpoint and fault."""
