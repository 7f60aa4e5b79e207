#!/usr/bin/env bash
# Runs a command with a real Secret Service (gnome-keyring) on the current
# D-Bus session bus, so keychain tests use a real backend. Its keyring
# lives in a scratch folder, never in the user's own keyrings; the daemon
# is stopped by PID afterwards.
#   dbus-run-session -- scripts/with-keyring.sh COMMAND...
set -euo pipefail
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "with-keyring.sh: run me under dbus-run-session" >&2; exit 2; }

scratch=$(mktemp -d)
export XDG_DATA_HOME=$scratch/data XDG_RUNTIME_DIR=$scratch/run
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock creates the login keyring with this throwaway password, read from stdin.
printf 'test-keyring' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$scratch/daemon.out" 2>"$scratch/daemon.err" &
daemon=$!
stop() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$scratch"; }
trap stop EXIT
for _ in $(seq 1 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
"$@"
