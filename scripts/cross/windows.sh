#!/usr/bin/env bash
# Sign-in Doctor for Windows (x86_64-pc-windows-gnu), built, linted and tested
# on this Linux machine, in the cross toolchain's Debian 13 root.
#   scripts/cross/windows.sh build   clippy -D warnings over every target of the
#                                    workspace, building the two programs and
#                                    every test binary in the same pass
#   scripts/cross/windows.sh test    the engine's, the CLI's and the shell's
#                                    test binaries under Wine, less the tests
#                                    named in wine-skips.txt (printed, with why)
# The CLI's own tests run against the Windows build from the Linux side
# (test.sh, with SIGNIN_DOCTOR_CLI_UNDER_WINE).
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${SIGNIN_DOCTOR_CROSS_CACHE:-/var/cache/signin-doctor-cross}
target=x86_64-pc-windows-gnu
out=$cache/target/$target/debug
list=$cache/windows-test-binaries.txt

scripts/cross/toolchain.sh >/dev/null
in_root() { scripts/cross/in-root.sh "$@"; }

build() {
  # `cargo clippy` is `cargo check` with clippy-driver as the workspace's
  # compiler. Running it as the wrapper of `cargo test --no-run` lints the
  # same code while compiling it, so one pass gives both the verdict and
  # the binaries (a separate check pass took as long again).
  local messages
  messages=$(mktemp)
  in_root env RUSTC_BOOTSTRAP=1 RUSTC_WORKSPACE_WRAPPER=/usr/bin/clippy-driver \
    CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" \
    cargo test --no-run --workspace --all-targets --locked --target "$target" \
    --config scripts/cross/cargo-config.toml --message-format=json-render-diagnostics >"$messages"
  # The test binaries of the engine, the CLI and the shell, one per line:
  # "<package> <target name> <kind> <path>".
  jq -r 'select(.reason == "compiler-artifact" and .profile.test and .executable != null)
         | (.package_id | if test("#[^@]+@") then capture("#(?<n>[^@]+)@").n else capture("/(?<n>[^/#]+)#").n end) as $package
         | "\($package) \(.target.name) \(.target.kind[0]) \(.executable)"' \
    "$messages" >"$list"
  rm -f "$messages"
  for program in signin-doctor.exe signin-doctor-cli.exe; do
    [ -f "$out/$program" ] || { echo "The Windows build made no $program." >&2; exit 1; }
    printf '%s: %s (%s)\n' "$program" "$out/$program" "$(du -h "$out/$program" | cut -f1)"
  done
}

test_under_wine() {
  [ -s "$list" ] || { echo "No Windows test binaries listed: run '$0 build' first." >&2; exit 1; }
  # One Wine server for the whole run, its output away from the tests' pipes.
  in_root wineboot -i >/dev/null 2>&1 || true
  in_root wineserver -p >/dev/null 2>&1 </dev/null &
  trap 'in_root wineserver -k >/dev/null 2>&1 || true' EXIT
  local ran=0 failed=0 skipped=0
  while read -r package name kind path; do
    case "$package" in doctor | doctor-cli | signin-doctor) ;; *) continue ;; esac
    local skips=()
    while IFS='|' read -r binary test why; do
      binary=$(echo "$binary" | xargs) test=$(echo "$test" | xargs)
      [ "$binary" = "$package:$name" ] || continue
      printf '  skipped under Wine: %s %s (%s)\n' "$binary" "$test" "$(echo "$why" | xargs)"
      skips+=(--skip "$test")
      skipped=$((skipped + 1))
    done < <(grep -v '^\s*#' scripts/cross/wine-skips.txt | grep '|')
    printf '\n==> Under Wine: %s %s (%s)\n' "$package" "$name" "$kind"
    ran=$((ran + 1))
    if ! in_root wine "$path" --exact "${skips[@]}"; then
      failed=$((failed + 1))
      echo "FAILED under Wine: $package $name" >&2
    fi
  done <"$list"
  echo
  echo "Windows test binaries under Wine: $ran run, $failed failed; $skipped tests skipped by name (wine-skips.txt)"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  build) build ;;
  test) test_under_wine ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
