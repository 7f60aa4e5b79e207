#!/usr/bin/env bash
# A short fuzzing pass over every parser (cargo-fuzz, libFuzzer with
# AddressSanitizer): SECONDS_PER_TARGET each (default 10). Long runs: see docs/FUZZING.md.
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
for target in $(cargo fuzz list); do
  echo "==> Fuzzing $target for $seconds s"
  # libFuzzer writes new inputs into the first corpus folder only; the
  # committed seeds (fuzz/seeds/<target>: valid examples, chrono's limits,
  # huge numbers) are read as a second one and never written to.
  corpora=("corpus/$target")
  mkdir -p "corpus/$target"
  if [ -d "seeds/$target" ]; then
    corpora+=("seeds/$target")
  fi
  cargo fuzz run "$target" "${corpora[@]}" -- -max_total_time="$seconds" -rss_limit_mb=2048 2>&1 | tail -n 2
done
