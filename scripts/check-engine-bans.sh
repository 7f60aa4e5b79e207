#!/usr/bin/env bash
# Proves deny.toml's bans keep Tauri out of the engine and the CLI: in a
# scratch copy of the workspace, adds tauri to crates/doctor, then wry to
# crates/doctor-cli, and expects `cargo deny check bans` to fail each time
# (and to pass on the copy as it is). Offline: both crates are already in
# Cargo.lock, under the app.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fresh_copy() { # the sources, without build output (no git: CI's container checkout may lack it)
  rm -rf "$scratch/ws" && mkdir "$scratch/ws"
  tar --exclude=./.git --exclude=target --exclude=node_modules --exclude=./gen -cf - . | tar -xf - -C "$scratch/ws"
}
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}
add_dependency() { # MANIFEST LINE: appends LINE to the [dependencies] table
  sed -i "/^\[dependencies\]$/a $2" "$scratch/ws/$1"
  (cd "$scratch/ws" && cargo metadata --offline --format-version 1 >/dev/null)
}
bans() {
  (cd "$scratch/ws" && cargo deny --locked --workspace check bans 2>&1)
}

fresh_copy
bans >/dev/null || { echo "FAIL: cargo deny check bans fails on an unchanged copy" >&2; exit 1; }
echo "ok: unchanged workspace passes"

expect_ban() { # MANIFEST CRATE
  local manifest=$1 crate=$2 output
  fresh_copy
  add_dependency "$manifest" "$crate = \"=$(locked_version "$crate")\""
  if output=$(bans); then
    echo "FAIL: $crate in $manifest passed cargo deny check bans" >&2
    exit 1
  fi
  grep -q "crate '$crate = .*' is explicitly banned" <<<"$output" || {
    echo "FAIL: $crate in $manifest failed, but not on the ban:" >&2
    echo "$output" | grep -E '^error' >&2
    exit 1
  }
  echo "ok: $crate in $manifest is refused"
}
expect_ban crates/doctor/Cargo.toml tauri
expect_ban crates/doctor/Cargo.toml wry
expect_ban crates/doctor-cli/Cargo.toml tauri
expect_ban crates/doctor-cli/Cargo.toml wry
