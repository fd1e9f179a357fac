#!/usr/bin/env bash
# Configures and builds one flavour of siren with Ninja and ccache.
#   scripts/build.sh dev     debug build with warnings as errors (build/dev)
#   scripts/build.sh asan    the unit tests under AddressSanitizer + UBSan (build/asan)
# Extra arguments are passed to ninja (e.g. a target name).
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-dev}
shift || true
case "$flavour" in
  dev)  flags=(-DCMAKE_BUILD_TYPE=Debug -DSIREN_WERROR=ON) ;;
  asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DSIREN_WERROR=ON -DSIREN_SANITIZE=ON) ;;
  *) echo "usage: scripts/build.sh dev|asan [ninja targets...]" >&2; exit 2 ;;
esac

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/siren-ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Paths relative to the checkout, so that another clone of the repository hits the same cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
dir=build/$flavour
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
fi
ninja -C "$dir" "$@"
