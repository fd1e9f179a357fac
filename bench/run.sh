#!/usr/bin/env bash
# The benchmark in one command: siren against a Bolt for JavaScript app (docs/benchmarks.md).
#   bash bench/run.sh [--ref REF] [--runs 3] [--seconds 20] [--e2e 12] [--step-seconds 3] ...
# Builds siren in Release, installs the benchmark's Node packages from
# bench/bolt/package-lock.json, then runs bench/run.py, which prints the table.
# --ref REF measures a commit (exported with git archive to build/bench-ref/<sha>) instead of
# the working tree, so that a result names exactly what was measured.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh # the Debian packages (compiler, Boost, node, python3-aiohttp, ...)

src=.
if [ "${1:-}" = "--ref" ]; then
  sha=$(git rev-parse --verify "$2^{commit}")
  shift 2
  src=build/bench-ref/$sha
  if [ ! -f "$src/CMakeLists.txt" ]; then
    mkdir -p "$src"
    git archive "$sha" | tar -x -C "$src"
  fi
fi

# The same relative layout (<source>/build/bench) as the working tree's build, so that ccache
# (paths relative to CCACHE_BASEDIR) reuses what either built.
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/siren-ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
if [ ! -f "$src/build/bench/build.ninja" ]; then
  cmake -S "$src" -B "$src/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$src/build/bench" -j2 siren

bolt=bench/bolt
if [ ! -d "$bolt/node_modules" ] || [ "$bolt/package-lock.json" -nt "$bolt/node_modules" ]; then
  (cd "$bolt" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi

# Debian's python3: the Slack emulator needs its python3-aiohttp.
exec /usr/bin/python3 bench/run.py --siren "$src/build/bench/bot/siren" --source "$src" "$@"
