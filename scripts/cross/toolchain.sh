#!/usr/bin/env bash
# Makes (once) the toolchain that builds Sign-in Doctor for Windows and macOS
# on a Debian/Ubuntu machine, and checks it on every later run.
#
# Rust's standard library for other targets cannot be downloaded here, so the
# toolchain is Debian 13's: rustc-web/cargo-web 1.96 with the standard
# library's source (built per target with -Zbuild-std) and its clippy,
# MinGW-w64 to link for Windows, and Wine to run what it links. They need
# glibc 2.39, newer than Debian 12's, so they live in a Debian 13 root made
# with debootstrap.
#
# The root is cached outside the checkout ($SIGNIN_DOCTOR_CROSS_CACHE, by
# default /var/cache/signin-doctor-cross): the first run takes a few minutes,
# a later one a second. Prints the root's path on its last line.
set -euo pipefail

cache=${SIGNIN_DOCTOR_CROSS_CACHE:-/var/cache/signin-doctor-cross}
root=$cache/root
suite=trixie
# What the root holds. Raising the stamp's number rebuilds it.
stamp_version=2
packages=(
  rustc-web cargo-web rust-web-src rust-web-clippy
  gcc-mingw-w64-x86-64
  wine wine64
  ca-certificates
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() {
  printf 'Cross toolchain: %s\n' "$*" >&2
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  fail "making the Debian 13 root needs root (debootstrap, chroot and bind mounts). Run as root, or with sudo."
fi

stamp="$root/.signin-doctor-toolchain"
wanted_stamp="$stamp_version ${packages[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted_stamp" ]; then
  echo "$root"
  exit 0
fi

if ! command -v debootstrap >/dev/null; then
  say "Installing debootstrap (to make the Debian 13 root)"
  apt-get update -q >&2 || fail "apt-get update failed: the Debian package registry is not reachable."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2 ||
    fail "could not install debootstrap from the Debian registry."
fi

mkdir -p "$cache"
if [ ! -x "$root/usr/bin/apt-get" ]; then
  say "Making a Debian 13 ($suite) root in $root (about a minute)"
  rm -rf "$root"
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >&2 ||
    fail "debootstrap of Debian $suite failed (see above): the Debian registry did not serve it."
fi

# This machine reaches the registries through a proxy whose CA only the host
# trusts: without the host's bundle, apt and cargo in the root cannot connect.
mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

say "Installing the cross toolchain in the root: ${packages[*]}"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 ||
  fail "apt-get update in the Debian $suite root failed: the registry is not reachable from it."
# The CA bundle is overwritten by ca-certificates' own; put the host's back after.
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >&2 ||
  fail "installing ${packages[*]} in the Debian $suite root failed (see above for the package)."
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

for tool in rustc cargo clippy-driver x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres wine wineserver; do
  chroot "$root" sh -c "command -v $tool" >/dev/null || fail "the root has no '$tool' after installing its package."
done

printf '%s' "$wanted_stamp" >"$stamp"
say "Cross toolchain ready: $(chroot "$root" rustc --version)"
echo "$root"
