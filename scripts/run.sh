#!/usr/bin/env bash
# Sets up, builds and starts siren's shell workspace on the example configuration with a fresh
# database. Pass shell options through, e.g. `scripts/run.sh --as bob`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "siren: building (the first build takes a few minutes)" >&2
bash scripts/build.sh dev siren >&2
db_dir=$(mktemp -d)
echo "siren: database in $db_dir/siren.db (pass it with --db to continue later)" >&2
exec build/dev/bot/siren shell --config config/siren.example.yaml --db "$db_dir/siren.db" "$@"
