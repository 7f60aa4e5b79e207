#!/usr/bin/env bash
# Proves deny.toml's [advisories] policy offline, against a small advisory
# database in RustSec's format made here (the real one is fetched from GitHub,
# which only CI can reach): the known advisories of Tauri's GTK3 stack pass,
# and a new one fails: a vulnerability anywhere, an unsound crate anywhere, an
# unmaintained crate the workspace depends on directly. An unmaintained crate
# deeper down passes (unmaintained = "workspace").
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sed 's|^\[advisories\]$|[advisories]\ndb-path = "'"$scratch"'/db"|' deny.toml >"$scratch/deny.toml"
advisories() {
  cargo deny --offline --locked --workspace "$@" --config "$scratch/deny.toml" check advisories 2>&1
}
# Where cargo-deny looks for its (default) database under db-path.
db=$( (advisories -L debug || true) | sed -n "s/.*Opening advisory database at '\(.*\)'.*/\1/p" | head -n 1)
[ -n "$db" ] || { echo "FAIL: could not learn where cargo deny reads its advisory database" >&2; exit 1; }

advisory() { # ID CRATE INFORMATIONAL|- PATCHED-TOML-ARRAY
  mkdir -p "$db/crates/$2"
  {
    echo '```toml'
    echo '[advisory]'
    echo "id = \"$1\""
    echo "package = \"$2\""
    echo 'date = "2024-01-01"'
    [ "$3" = - ] || echo "informational = \"$3\""
    echo '[versions]'
    echo "patched = $4"
    echo '```'
    echo
    echo "# $1 ($2), made by scripts/check-advisory-policy.sh"
  } >"$db/crates/$2/$1.md"
}
known_database() {
  rm -rf "$db" && mkdir -p "$db"
  git -C "$db" init -q
  advisory RUSTSEC-2024-0429 glib unsound '[">= 0.20.0"]'
  local id crate
  for pair in 0411:gdkwayland-sys 0412:gdk 0413:atk 0414:gdkx11-sys 0415:gtk 0416:atk-sys \
    0417:gdkx11 0418:gdk-sys 0419:gtk3-macros 0420:gtk-sys 0370:proc-macro-error; do
    id=RUSTSEC-2024-${pair%%:*} crate=${pair#*:}
    advisory "$id" "$crate" unmaintained '[]'
  done
}
commit_database() {
  git -C "$db" add -A
  git -C "$db" -c user.name=policy -c user.email=policy@localhost commit -q -m advisories
}

expect() { # pass|fail WHAT
  local output status=0
  output=$(advisories) || status=$?
  if [ "$1" = pass ] && [ "$status" -ne 0 ]; then
    echo "FAIL: $2 should pass cargo deny check advisories:" >&2
    grep -E '^(error|warning)\[' <<<"$output" >&2 || echo "$output" | tail -n 5 >&2
    exit 1
  fi
  if [ "$1" = fail ]; then
    if [ "$status" -eq 0 ]; then
      echo "FAIL: $2 passed cargo deny check advisories" >&2
      exit 1
    fi
    grep -q "RUSTSEC-2099-0001" <<<"$output" || {
      echo "FAIL: $2 failed, but not on the new advisory:" >&2
      grep -E '^error' <<<"$output" >&2
      exit 1
    }
  fi
  if [ "$1" = pass ]; then echo "ok: passes: $2"; else echo "ok: fails: $2"; fi
}

known_database && commit_database
expect pass "the known GTK3-stack advisories (ignored by ID)"

known_database && advisory RUSTSEC-2099-0001 tao - '[">= 99.0.0"]' && commit_database
expect fail "a new vulnerability in a crate deep under Tauri (tao)"

known_database && advisory RUSTSEC-2099-0001 gdk-pixbuf unsound '[">= 99.0.0"]' && commit_database
expect fail "a new unsound crate deep under Tauri (gdk-pixbuf)"

known_database && advisory RUSTSEC-2099-0001 clap unmaintained '[]' && commit_database
expect fail "a new unmaintained crate the workspace uses directly (clap, in doctor-cli)"

known_database && advisory RUSTSEC-2099-0001 muda unmaintained '[]' && commit_database
expect pass "a new unmaintained crate only Tauri uses (muda)"

# What the known case reports besides: ignores that the workspace scope for
# unmaintained crates never reaches (warnings, which do not fail the check).
known_database && commit_database
advisories | grep -E '^(warning|error)\[' | sort | uniq -c || true
