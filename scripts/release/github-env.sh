#!/usr/bin/env bash
# Passes environment variables on to the job's later steps ($GITHUB_ENV) in
# GitHub's multi-line form, which a secret such as a base64 certificate or a
# PEM key needs: `NAME=value` ends at the first line break, and the rest of
# the value would be read as more (attacker-shaped) variables.
#
#   scripts/release/github-env.sh NAME...
#
# Each NAME is read from this script's environment and written as
#   NAME<<ghadelimiter_RANDOM
#   value
#   ghadelimiter_RANDOM
# with a fresh random delimiter that the value is checked not to contain.
# Runs under bash on the macOS, Linux and Windows (Git Bash) runners.
set -euo pipefail

[ -n "${GITHUB_ENV:-}" ] || { echo "github-env: GITHUB_ENV is not set" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 NAME..." >&2; exit 2; }

for name in "$@"; do
  if ! [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "github-env: $name is not a variable name" >&2
    exit 2
  fi
  value=${!name-}
  delimiter="ghadelimiter_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  if [[ $value == *"$delimiter"* ]]; then
    echo "github-env: the value of $name contains its delimiter; not written" >&2
    exit 1
  fi
  printf '%s<<%s\n%s\n%s\n' "$name" "$delimiter" "$value" "$delimiter" >>"$GITHUB_ENV"
done
