#!/usr/bin/env bash
# Builds Sign-in Doctor and opens it on its defaults (Microsoft's global cloud).
# On a machine with no display it runs on a virtual one and saves a
# screenshot to target/screenshots/app.png.
# SIGNIN_DOCTOR_RUN_SECONDS=N closes the app after N seconds (for scripts).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build
echo "==> Building (the first build takes a few minutes)"
cargo build --bin signin-doctor
app=target/debug/signin-doctor

run_for() {
  if [ -n "${SIGNIN_DOCTOR_RUN_SECONDS:-}" ]; then
    timeout --signal=TERM "$SIGNIN_DOCTOR_RUN_SECONDS" "$@" || [ $? -eq 124 ]
  else
    "$@"
  fi
}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "==> Opening Sign-in Doctor"
  run_for "$app"
else
  scripts/install-deps.sh display
  echo "==> No display: opening Sign-in Doctor on a virtual display"
  mkdir -p target/screenshots
  run_for xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    bash -c '"$1" & app=$!; sleep 6; import -window root target/screenshots/app.png \
      && echo "==> Screenshot: target/screenshots/app.png"; wait $app' _ "$app"
fi
