"""An emulated GitLab for siren's end-to-end tests: the project issues REST API v4 calls siren
makes (create, list by label, update), with GitLab's authentication, validation and failure
answers, on 127.0.0.1 with a JSON control API for projects and faults. Start it with
`python3 -m tests.emulators.gitlab` from the repository root; README.md lists the surface."""
