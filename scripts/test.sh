#!/usr/bin/env bash
# Sets up and runs every test: unit tests (debug, then under ASan+UBSan), the fuzz targets over
# their corpora, and the end-to-end tests of the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== formatting (clang-format, the repository's .clang-format)"
git ls-files -co --exclude-standard '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

echo "== build (debug, warnings are errors)"
bash scripts/build.sh dev
echo "== unit tests"
ctest --test-dir build/dev --output-on-failure -j2 --timeout 120

echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
bash scripts/build.sh asan siren_unit_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build/asan/tests/unit/siren_unit_tests --no-intro=true

echo "== end-to-end tests"
# Debian's python3 carries python3-pytest; another python3 earlier on PATH may not.
# Each test starts its own emulator and daemon on free loopback ports, so two run at once.
# tests/deploy checks deploy/ (Slack manifest, systemd unit, Dockerfile, Helm chart, Prometheus
# rules, Grafana dashboard) against the same binary.
SIREN_BIN="$PWD/build/dev/bot/siren" /usr/bin/python3 -m pytest -q -n 2 tests/e2e tests/deploy
