"""An emulated Jira Cloud for siren's end-to-end tests: the REST API v3 calls siren makes
(create, JQL search, edit, transitions) with basic authentication, Jira's validation and failure
answers, on 127.0.0.1 with a JSON control API. Start it with `python3 -m tests.emulators.jira`
from the repository root; README.md lists the surface."""
