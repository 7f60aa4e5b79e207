#!/usr/bin/env bash
# Builds the .deb and .rpm with the Tauri CLI, installs the .deb, opens the
# installed app on a virtual display, checks its window appears, then
# removes the package. Needs root (or sudo) for dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."

npx --no-install tauri build --bundles deb,rpm --ci

deb=$(ls -t target/release/bundle/deb/*.deb | head -n1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -n1)
echo "built: $deb ($(stat -c %s "$deb") bytes)"
echo "built: $rpm ($(stat -c %s "$rpm") bytes)"
rpm -qp --info "$rpm" >/dev/null

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
grep -qx "Exec=signin-doctor" "$desktop"
grep -qx "Icon=signin-doctor" "$desktop"
test -f /usr/share/icons/hicolor/128x128/apps/signin-doctor.png
echo "desktop entry and icon: ok"

shot=target/e2e/installed-app.png
mkdir -p target/e2e
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  config=$(mktemp -d)
  # Tests aim traffic at 127.0.0.1 only: a closed loopback port stands in for the authority.
  port=$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])")
  SIGNIN_DOCTOR_AUTHORITY=http://127.0.0.1:$port SIGNIN_DOCTOR_NTP_SERVERS=127.0.0.1:$port \
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
remove
trap - EXIT
if command -v signin-doctor >/dev/null; then
  echo "signin-doctor is still on the PATH after removal" >&2
  exit 1
fi
echo "removed cleanly"
