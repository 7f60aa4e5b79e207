#!/usr/bin/env bash
# Runs Sign-in Doctor's benchmarks side by side and writes docs/PERFORMANCE.md.
#
#   scripts/bench.sh              5 runs of each figure (BENCH_RUNS=N for more)
#
# Builds the app and a bare Tauri 2 window (bench/bare-window) the same way
# (release profile, `tauri build --bundles deb`), then measures on a virtual
# display and against real peers on 127.0.0.1 only:
#   cold start and memory of both windows, their .deb sizes;
#   the full diagnosis with one peer 1 s away, against the checks one at a time;
#   every endpoint hung, against N × bound; the sign-in round trip; the clock's
#   offset error against a shifted chronyd; a 10 and a 64 MiB log explained
#   against a plain regex scan of it, and the explainer's peak heap; a user's
#   packet opened to the blocking policy shown (help-desk, the Graph peer),
#   against the sum of its Graph round trips alone.
# Every step is bounded; the measuring tool stops every process it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${BENCH_RUNS:-5}
results=target/bench/results.jsonl
started=$SECONDS

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
finish() {
  local status=$?
  [ "$status" -eq 0 ] || echo "bench.sh: stopped by a failed step (exit $status) after $((SECONDS - started)) s" >&2
}
trap finish EXIT

say "Installing missing packages"
scripts/install-deps.sh test

tauri=$root/node_modules/.bin/tauri
deb_dir=target/release/bundle/deb
say "Building the app's .deb (release profile)"
rm -f "$deb_dir"/Sign-in\ Doctor_*.deb
# tauri checks that frontendDist (gen/ui) exists before cargo's build.rs writes it:
# on a fresh clone it does not yet.
mkdir -p gen/ui
timeout 3600 "$tauri" build --bundles deb --ci
say "Building the bare window's .deb (the same release profile)"
rm -f "$deb_dir"/Bare\ Window_*.deb
# Its own workspace (so the test command never builds it), built into our target/.
(cd bench/bare-window && CARGO_TARGET_DIR="$root/target" timeout 3600 "$tauri" build --bundles deb --ci)
say "Building the measuring tool"
timeout 3600 cargo build --release --locked -p signin-doctor-bench

app_deb=$(ls "$deb_dir"/Sign-in\ Doctor_*.deb)
bare_deb=$(ls "$deb_dir"/Bare\ Window_*.deb)
bench=target/release/signin-doctor-bench

mkdir -p target/bench
: >"$results"
# One virtual display, one D-Bus session and a scratch Secret Service (the
# app and the sign-in save to a keychain), as scripts/test.sh uses them.
wrapper=(xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring.sh
  env BROWSER="$root/tests/peers/headless-browser.sh")
export BENCH_WRAPPER="xvfb-run -a -s \"-screen 0 1280x800x24\" dbus-run-session -- scripts/with-keyring.sh env BROWSER=tests/peers/headless-browser.sh"
measured=0
measure() {
  local name=$1
  shift
  say "Measuring: $name"
  # A step that cannot measure says why in the results; the others still run.
  if timeout --kill-after=10 1200 "$@" >>"$results"; then
    measured=$((measured + 1))
  else
    echo "bench.sh: $name: not all figures measured (see above)" >&2
  fi
}
measure "cold start and memory, app vs bare window ($runs runs each)" \
  "${wrapper[@]}" "$bench" window --app target/release/signin-doctor --bare target/release/bare-window --runs "$runs"
measure "diagnosis, worst case, sign-in and clock ($runs runs each)" \
  "${wrapper[@]}" "$bench" engine --runs "$runs"
BENCH_WRAPPER= measure "a 10 and a 64 MiB log explained, against a regex scan (${runs}×3 runs each)" \
  "$bench" explain --runs $((runs * 3))
BENCH_WRAPPER= measure "packet opened → policy shown, against the Graph round trips alone (${runs}×5 runs)" \
  "$bench" helpdesk --runs $((runs * 5))
BENCH_WRAPPER= measure "installer and binary sizes" \
  "$bench" sizes --app-deb "$app_deb" --bare-deb "$bare_deb" \
  --app-bin target/release/signin-doctor --bare-bin target/release/bare-window

say "Writing docs/PERFORMANCE.md"
"$bench" report --results "$results" --out docs/PERFORMANCE.md --command "scripts/bench.sh (BENCH_RUNS=$runs)"
echo
echo "bench.sh: $measured of 5 measuring steps complete; results in $results; total $((SECONDS - started)) s"
