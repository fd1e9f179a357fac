"""An emulated status.io for siren's end-to-end tests: the incident calls of the REST API v2
siren makes (list, create, update, resolve) and the component/container statuses they change,
with status.io's header authentication, validation and `"error": "yes"` answers, on 127.0.0.1
with a JSON control API for faults and what was recorded. Start it with
`python3 -m tests.emulators.statusio` from the repository root; README.md lists the surface."""
