#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer (plus ASan and UBSan) and runs each one for a
# bounded time, starting from its checked-in corpus. New inputs go to a scratch folder, not to
# the repository.   scripts/fuzz.sh [seconds per target, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/siren-ccache}
dir=build/fuzz
if [ ! -f "$dir/build.ninja" ]; then
  CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIREN_FUZZ=ON >/dev/null
fi
targets=(config effect_codec command core_text socket_frame slack_envelope slack_signature slack_http pagerduty_webhook opsgenie_callback alertmanager_webhook intake_webhook)
ninja -C "$dir" "${targets[@]/%/_fuzz}"
for t in "${targets[@]}"; do
  scratch=$(mktemp -d)
  echo "fuzzing $t for ${seconds}s"
  "$dir/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -print_final_stats=0 "$scratch" "tests/fuzz/corpus/$t" 2>&1 | tail -n 2
  rm -rf "$scratch"
done
