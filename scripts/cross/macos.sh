#!/usr/bin/env bash
# Sign-in Doctor for macOS, linted here: `cargo clippy --all-targets -D
# warnings` over the workspace for Apple silicon (aarch64-apple-darwin) and
# Intel Macs (x86_64-apple-darwin), in the cross toolchain's Debian 13 root.
#
# Check only: there is no macOS SDK or linker on this machine, so nothing is
# linked or run. One dependency compiles C: objc2-exception-helper (through
# tao and wry) builds a one-function Objective-C file (src/try_catch.m) that
# includes no header, so Debian's clang compiles it for the Apple target as
# it is, with llvm-ar to archive it. No other build script needs the SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/cross/toolchain.sh >/dev/null
for target in aarch64-apple-darwin x86_64-apple-darwin; do
  echo "==> clippy for $target"
  var=${target//-/_}
  scripts/cross/in-root.sh env RUSTC_BOOTSTRAP=1 \
    "CC_$var=clang" "AR_$var=llvm-ar" \
    cargo clippy --workspace --all-targets --locked --target "$target" \
    --config scripts/cross/cargo-config.toml -- -D warnings
done
