"""Splunk On-Call (VictorOps) REST endpoint emulator for siren's e2e tests; see README.md."""
