#!/usr/bin/env bash
# A short fuzzing pass over every parser (cargo-fuzz, libFuzzer with
# AddressSanitizer): SECONDS_PER_TARGET each (default 10). Long runs: see docs/FUZZING.md.
# Every target in fuzz/Cargo.toml (`cargo fuzz list`, so helpdesk_packet and
# answer_markdown too), or only the targets named: scripts/fuzz-smoke.sh graph_answers
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_TARGET:-10}

if ! command -v cargo-fuzz >/dev/null; then
  echo "==> Installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
# cargo-fuzz needs nightly-only flags (-Zsanitizer); this lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
cd fuzz
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi
for target in "${targets[@]}"; do
  echo "==> Fuzzing $target for $seconds s"
  # libFuzzer writes new inputs into the first corpus folder only; the
  # committed seeds (fuzz/seeds/<target>: valid examples, chrono's limits,
  # huge numbers) are read as a second one and never written to.
  corpora=("corpus/$target")
  mkdir -p "corpus/$target"
  if [ -d "seeds/$target" ]; then
    corpora+=("seeds/$target")
  fi
  # Two lines when it passes; the build error or the crash with its input when it does not.
  log=$(mktemp)
  if cargo fuzz run "$target" "${corpora[@]}" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -n 2 "$log"
    rm -f "$log"
  else
    # The panic's message and the failing input, without the stack frames.
    grep -v -E '^ +(#[0-9]+ |[0-9]+: |at )' "$log" | tail -n 40
    rm -f "$log"
    exit 1
  fi
done
