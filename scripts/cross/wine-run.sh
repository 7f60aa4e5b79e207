#!/usr/bin/env bash
# Runs a Windows program under Wine in the cross root (in-root.sh), as a test
# runs a Linux one: same folder, standard input and output, exit status, and
# the caller's variables (Wine passes them on to the Windows program), less
# those that describe this Linux session rather than the program's settings:
# paths, the display and bus, the Rust and Wine toolchains' own.
#   scripts/cross/wine-run.sh PROGRAM.exe [ARG...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
passed=()
while IFS= read -r name; do
  case "$name" in
    PATH | HOME | PWD | OLDPWD | SHLVL | _ | USER | LOGNAME | SHELL | MAIL | TERM | TMPDIR) ;;
    XDG_* | LD_* | WINE* | DISPLAY | XAUTHORITY | DBUS_* | CARGO* | RUSTC* | RUSTUP_* | BROWSER) ;;
    *) passed+=("$name=${!name}") ;;
  esac
done < <(compgen -e)
exec "$here/in-root.sh" env "${passed[@]}" wine "$@"
