#!/usr/bin/env bash
# Sign-in Doctor for macOS, linted here: `cargo clippy --all-targets -D
# warnings` over the workspace for Apple silicon (aarch64-apple-darwin) and
# Intel Macs (x86_64-apple-darwin), in the cross toolchain's Debian 13 root.
#
# Check only: there is no macOS SDK or linker on this machine, so nothing is
# linked or run. Two dependencies compile C for Apple targets in their build
# scripts (ring, for rustls' cryptography, and objc2-exception-helper,
# through tao and wry); that needs the macOS SDK's headers, so for this lint
# their build scripts are overridden (macos-check.toml) and their C is not
# compiled. Every line of Rust, theirs included, is checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/cross/toolchain.sh >/dev/null
for target in aarch64-apple-darwin x86_64-apple-darwin; do
  echo "==> clippy for $target"
  scripts/cross/in-root.sh env RUSTC_BOOTSTRAP=1 \
    cargo clippy --workspace --all-targets --locked --target "$target" \
    --config scripts/cross/cargo-config.toml --config scripts/cross/macos-check.toml -- -D warnings
done
