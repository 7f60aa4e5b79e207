#!/usr/bin/env bash
# Unpacks Debian's chronyd for the clock tests, WITHOUT installing the chrony
# package: on Debian, installing chrony removes systemd-timesyncd, which must
# never happen silently on a person's computer. The tests run the unpacked
# binary as `chronyd -x` (never touches the system clock) on 127.0.0.1.
#
#   scripts/fetch-chrony.sh     → target/peers/chrony/root/usr/sbin/chronyd
set -euo pipefail
cd "$(dirname "$0")/.."

cache=target/peers/chrony
root=$cache/root
chronyd=$root/usr/sbin/chronyd

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ -x "$chronyd" ] && "$chronyd" -v >/dev/null 2>&1; then
  exit 0
fi

for tool in apt-get dpkg-deb; do
  if ! command -v "$tool" >/dev/null; then
    echo "fetch-chrony: $tool is missing; this script needs Debian or Ubuntu. Install chronyd some other way, or skip the clock tests." >&2
    exit 1
  fi
done

say "Downloading the chrony package (not installing it) into $cache"
mkdir -p "$cache"
rm -f "$cache"/chrony_*.deb
# apt-get download needs no root, but it does need the package lists that
# `apt-get update` writes; without them it cannot find the package.
if ! (cd "$cache" && apt-get download -q chrony); then
  cat >&2 <<'EOF'
fetch-chrony: `apt-get download chrony` failed.
If it said "Unable to locate package chrony", the package lists are missing:
run `sudo apt-get update` once, then run this script again.
EOF
  exit 1
fi

deb=$(ls "$cache"/chrony_*.deb | head -n 1)
rm -rf "$root"
dpkg-deb -x "$deb" "$root"

if ! [ -x "$chronyd" ]; then
  echo "fetch-chrony: $deb has no usr/sbin/chronyd" >&2
  exit 1
fi

# The binary links against shared libraries that are usually present; name
# any that are not, so they can be installed (libraries do not conflict with
# systemd-timesyncd, unlike the chrony package itself).
if command -v ldd >/dev/null; then
  missing=$(ldd "$chronyd" | awk '/not found/ {print $1}')
  if [ -n "$missing" ]; then
    echo "fetch-chrony: chronyd needs libraries that are not installed:" >&2
    echo "$missing" >&2
    echo "Find their packages with: apt-file search <library> (or dpkg -S on a machine that has them), and install those." >&2
    exit 1
  fi
fi

"$chronyd" -v
say "chronyd unpacked at $chronyd"
