"""Plumbing the pager emulators (tests/emulators/pagerduty, tests/emulators/opsgenie) share:
the command line and `LISTENING` start-up, request recording, fault rules, rate-limit windows,
typed settings, outgoing webhook delivery and the generic half of the control API. Each
emulator keeps only what is specific to its vendor's wire protocol."""
