#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian/Ubuntu machine: installs what
# is missing, checks formatting and lints, runs unit, integration,
# command-layer and end-to-end tests (the real window under Xvfb, against
# real peers on 127.0.0.1), then builds the .deb and .rpm, installs the .deb,
# opens the installed app and removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."

passed=0
step() {
  printf '\n\033[1m==> %s\033[0m\n' "$1"
  shift
  "$@"
  passed=$((passed + 1))
}
on_exit() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    echo
    echo "steps: $passed passed, 1 failed"
  fi
}
trap on_exit EXIT

step "Installing missing packages" scripts/install-deps.sh test
step "Formatting (cargo fmt --check)" cargo fmt --all -- --check
step "Lints (cargo clippy -D warnings)" cargo clippy --workspace --all-targets --locked -- -D warnings
# One virtual display and one D-Bus session for every test; both end with it.
step "Unit, integration and end-to-end tests" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  env SIGNIN_DOCTOR_E2E=required cargo test --workspace --locked
step "Packages: build .deb and .rpm, install, open, remove" scripts/package-smoke.sh

echo
echo "steps: $passed passed, 0 failed"
