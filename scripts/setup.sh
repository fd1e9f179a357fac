#!/usr/bin/env bash
# Installs every Debian package siren needs to build, run and test. Idempotent: when all are
# present it installs nothing. Runs unattended as root (or through sudo) on Debian 12.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache clang-format pkg-config
  # libraries (Boost 1.81: the default 1.74 lacks what our Asio coroutines use)
  libboost1.81-dev libssl-dev nlohmann-json3-dev libspdlog-dev libsqlite3-dev
  libyaml-cpp-dev libcli11-dev libhowardhinnant-date-dev tzdata openssl ca-certificates
  # tests
  doctest-dev python3 python3-pytest python3-pytest-xdist python3-aiohttp python3-yaml sqlite3 nodejs
  # the real Alertmanager sends to siren in the e2e tests; promtool checks siren's /metrics
  prometheus-alertmanager prometheus
  # tests/e2e/test_status_page.py loads the status page in headless Chromium
  chromium chromium-driver
  # fuzzing and the sanitizer runtime for clang's libFuzzer
  clang libclang-rt-14-dev
  # tests/deploy: systemd-analyze checks the unit; Go with Sprig (what Helm renders with) and
  # sigs.k8s.io/yaml render the Helm chart, as Helm itself is not packaged in Debian
  systemd golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev
)

# npm ships inside some nodejs builds and is a package of its own in Debian's.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The official Slack SDKs that check the Slack emulator's fidelity, from the lock file.
sdk_check="$(dirname "$0")/../tests/emulators/slack/sdk_check"
if [ ! -d "$sdk_check/node_modules" ] || [ "$sdk_check/package-lock.json" -nt "$sdk_check/node_modules" ]; then
  (cd "$sdk_check" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi
