#!/usr/bin/env bash
# Runs a command inside the cross toolchain's Debian 13 root (toolchain.sh),
# with this checkout, the cargo cache and the cross target folder mounted at
# the same paths as outside, so paths printed inside mean the same outside.
# The mounts live in a private mount namespace: they end with the command.
# The command starts in the caller's folder when the root sees it (the
# checkout, or /tmp), else in the checkout.
#   scripts/cross/in-root.sh COMMAND [ARG...]
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
cache=${SIGNIN_DOCTOR_CROSS_CACHE:-/var/cache/signin-doctor-cross}
root=$cache/root
[ -x "$root/usr/bin/cargo" ] || {
  echo "The cross toolchain is not made yet: run scripts/cross/toolchain.sh first." >&2
  exit 1
}
mkdir -p "$cache/cargo-home" "$cache/target" "$cache/wine-home"
mkdir -p -m 700 "$cache/wine-home/run"

# shellcheck disable=SC2016 # expanded by the inner shell
exec unshare --mount --propagation private -- bash -euc '
  checkout=$1 cache=$2 root=$3 workdir=$4
  shift 4
  bind() { mkdir -p "$root$2" && mount --rbind "$1" "$root$2"; }
  bind /proc /proc
  bind /dev /dev
  bind /sys /sys
  bind /tmp /tmp
  bind "$checkout" "$checkout"
  bind "$cache/cargo-home" "$cache/cargo-home"
  bind "$cache/target" "$cache/target"
  bind "$cache/wine-home" "$cache/wine-home"
  case "$workdir" in
    "$checkout" | "$checkout"/* | /tmp | /tmp/*) ;;
    *) workdir=$checkout ;;
  esac
  exec chroot "$root" env -i \
    PATH=/usr/local/bin:/usr/bin:/bin \
    HOME="$cache/wine-home" \
    WINEDLLOVERRIDES="mscoree,mshtml=" \
    XDG_RUNTIME_DIR="$cache/wine-home/run" \
    CARGO_HOME="$cache/cargo-home" \
    CARGO_TARGET_DIR="$cache/target" \
    CARGO_INCREMENTAL=0 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    CARGO_HTTP_CAINFO=/etc/ssl/certs/ca-certificates.crt \
    WINEDEBUG=-all \
    WINEPREFIX="$cache/wine-home/prefix" \
    TERM="${TERM:-dumb}" \
    sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
' in-root "$checkout" "$cache" "$cache/root" "$PWD" "$@"
