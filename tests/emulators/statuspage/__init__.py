"""An emulated Atlassian Statuspage for siren's end-to-end tests: the incidents REST API v1 calls
siren makes (create, list unresolved, update) and the components they change, with Statuspage's
authentication, validation and failure answers, on 127.0.0.1 with a JSON control API for faults
and what was recorded. Start it with `python3 -m tests.emulators.statuspage` from the
repository root; README.md lists the surface."""
