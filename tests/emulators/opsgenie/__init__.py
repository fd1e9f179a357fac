"""An emulated Opsgenie for siren's end-to-end tests: the Alert API with its asynchronous
request statuses, who-is-on-call, per-domain rate limits and the outgoing webhook
integration, on 127.0.0.1 with a JSON control API for fixtures and faults. Start it with
`python3 -m tests.emulators.opsgenie` from the repository root; README.md beside this file
lists every endpoint and fault."""
