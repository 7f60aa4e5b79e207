#!/usr/bin/env bash
# Builds the .deb and .rpm with the Tauri CLI, checks the .deb's size,
# installs it, checks its binary, desktop entry and icon, opens the installed
# app on a virtual display, runs one check in it over WebDriver against a
# loopback OpenID provider, then removes the package and checks nothing is
# left. Needs root (or sudo) for dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."

npx --no-install tauri build --bundles deb,rpm --ci

deb=$(ls -t target/release/bundle/deb/*.deb | head -n1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -n1)
echo "built: $deb ($(stat -c %s "$deb") bytes)"
echo "built: $rpm ($(stat -c %s "$rpm") bytes)"
rpm -qp --info "$rpm" >/dev/null

# Issue 7's budget: 1.5 times a bare Tauri 2 window's .deb built the same way
# (2.86 MiB on the reference machine; see docs/PERFORMANCE.md).
deb_bytes=$(stat -c %s "$deb")
budget_bytes=$((286 * 1048576 * 3 / 200))
awk -v d="$deb_bytes" -v b="$budget_bytes" 'BEGIN { printf ".deb size: %.2f MiB (%.2f x the bare window'"'"'s 2.86 MiB; budget %.2f MiB)\n", d / 1048576, d / 1048576 / 2.86, b / 1048576 }'
if [ "$deb_bytes" -gt "$budget_bytes" ]; then
  echo "the .deb is larger than 1.5 x a bare Tauri window's: see cargo tree -d and [profile.release]" >&2
  exit 1
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
package=$(dpkg-deb -f "$deb" Package)
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
  echo "$package is already installed on this machine; not touching it." >&2
  exit 1
fi

remove() { "${sudo[@]}" dpkg -r "$package" >/dev/null || true; }
trap remove EXIT
"${sudo[@]}" dpkg -i "$deb"
binary=$(command -v signin-doctor)
echo "installed: $binary"
desktop="/usr/share/applications/Sign-in Doctor.desktop"
# %F: a double-clicked packet file (or several) is handed to the app.
grep -qx "Exec=signin-doctor %F" "$desktop" || { echo "the desktop entry's Exec line is not 'signin-doctor %F':" >&2; cat "$desktop" >&2; exit 1; }
grep -qx "Icon=signin-doctor" "$desktop"
# The packet's file type: the desktop entry claims it and the MIME database knows it.
grep -qx "MimeType=application/x-signin-doctor-packet" "$desktop"
grep -q 'type="application/x-signin-doctor-packet"' /usr/share/mime/packages/signin-doctor-packet.xml
test -f /usr/share/icons/hicolor/128x128/apps/signin-doctor.png
echo "desktop entry, packet file type and icon: ok"

shot=target/e2e/installed-app.png
mkdir -p target/e2e
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  config=$(mktemp -d)
  # Tests aim traffic at 127.0.0.1 only: a closed loopback port stands in for the authority.
  port=$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])")
  SIGNIN_DOCTOR_AUTHORITY=http://127.0.0.1:$port SIGNIN_DOCTOR_NTP_SERVERS=127.0.0.1:$port \
  SIGNIN_DOCTOR_STATUS_FEED=http://127.0.0.1:$port/feed SIGNIN_DOCTOR_PROXY=direct \
  SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL=http://127.0.0.1:$port/connecttest.txt \
  SIGNIN_DOCTOR_CONFIG=$config/config.toml SIGNIN_DOCTOR_SYSTEM_CONFIG=$config/system.toml "$1" & app=$!
  for _ in $(seq 1 100); do
    if xwininfo -root -tree | grep -q "\"Sign-in Doctor\""; then
      sleep 2
      import -window root "$2"
      echo "window appeared; screenshot: $2"
      kill $app; wait $app || true
      exit 0
    fi
    sleep 0.2
  done
  echo "the installed app opened no window within 20 s" >&2
  kill $app || true
  exit 1
' _ "$binary" "$shot"

# One check through the UI of the installed binary, over WebDriver, against
# a real OpenID provider on 127.0.0.1 (tests/e2e/installed.rs).
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring.sh \
  env SIGNIN_DOCTOR_E2E=required SIGNIN_DOCTOR_APP_BINARY="$binary" BROWSER="$PWD/tests/peers/headless-browser.sh" \
  cargo test --locked --test e2e installed_app_runs_a_check -- --nocapture
echo "installed app ran a check over WebDriver; screenshot: target/e2e/installed-app-check.png"

remove
trap - EXIT
if command -v signin-doctor >/dev/null; then
  echo "signin-doctor is still on the PATH after removal" >&2
  exit 1
fi
for left in "$desktop" /usr/share/icons/hicolor/128x128/apps/signin-doctor.png; do
  if [ -e "$left" ]; then
    echo "$left is still there after removal" >&2
    exit 1
  fi
done
echo "removed cleanly"
