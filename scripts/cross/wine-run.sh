#!/usr/bin/env bash
# Runs a Windows program under Wine in the cross root (in-root.sh), as a test
# runs a Linux one: same folder, standard input and output, exit status, and
# the variables that steer Sign-in Doctor (SIGNIN_DOCTOR_*, the proxy ones,
# TZ and the language). Wine passes them on to the Windows program.
#   scripts/cross/wine-run.sh PROGRAM.exe [ARG...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
passed=()
while IFS= read -r name; do
  case "$name" in
    SIGNIN_DOCTOR_* | [Hh][Tt][Tt][Pp]_[Pp][Rr][Oo][Xx][Yy] | [Hh][Tt][Tt][Pp][Ss]_[Pp][Rr][Oo][Xx][Yy] | \
      [Aa][Ll][Ll]_[Pp][Rr][Oo][Xx][Yy] | [Nn][Oo]_[Pp][Rr][Oo][Xx][Yy] | TZ | LANG | LC_ALL | RUST_BACKTRACE)
      passed+=("$name=${!name}")
      ;;
  esac
done < <(compgen -e)
exec "$here/in-root.sh" env "${passed[@]}" wine "$@"
