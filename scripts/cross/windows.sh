#!/usr/bin/env bash
# Sign-in Doctor for Windows (x86_64-pc-windows-gnu), built, linted and tested
# on this Linux machine, in the cross toolchain's Debian 13 root.
#   scripts/cross/windows.sh build   clippy -D warnings over every target of the
#                                    workspace, building the two programs and
#                                    every test binary in the same pass
#   scripts/cross/windows.sh test    the engine's, the CLI's and the shell's
#                                    test binaries under Wine, less the tests
#                                    named in wine-skips.txt (printed, with why)
#   scripts/cross/windows.sh cli     the CLI's own tests, run on Linux where
#                                    the peers run, against the Windows
#                                    signin-doctor-cli.exe under Wine (and
#                                    its JSON against the Linux build's); run
#                                    it in test.sh's session (display, D-Bus,
#                                    keyring), as the Linux tests are
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
  # The cache outlives checkouts, and each checkout's path makes test binaries
  # of its own (about 3 GB): keep only the ones this build listed.
  local binary
  for binary in "$out"/deps/*.exe; do
    grep -qF " $binary" "$list" || rm -f "$binary"
  done
  for program in signin-doctor.exe signin-doctor-cli.exe; do
    [ -f "$out/$program" ] || { echo "The Windows build made no $program." >&2; exit 1; }
    printf '%s: %s (%s)\n' "$program" "$out/$program" "$(du -h "$out/$program" | cut -f1)"
  done
}

trim() {
  local v=$1
  v=${v#"${v%%[![:space:]]*}"}
  printf '%s' "${v%"${v##*[![:space:]]}"}"
}

# The skips wine-skips.txt names for "<package>:<test binary>", printed with
# their reasons on stderr, as "--skip NAME" lines on stdout; "*" (the whole
# binary) comes out as a line "* REASON".
skips_for() {
  local key=$1 binary test why
  while IFS='|' read -r binary test why; do
    [ "$(trim "$binary")" = "$key" ] || continue
    test=$(trim "$test") why=$(trim "$why")
    if [ "$test" = "*" ]; then
      printf '* %s\n' "$why"
    else
      printf '  skipped: %s %s (%s)\n' "$key" "$test" "$why" >&2
      printf -- '--skip\n%s\n' "$test"
    fi
  done < <(grep -v '^[[:space:]]*#' scripts/cross/wine-skips.txt | grep '|')
}

start_wine() {
  # One Wine server for the whole run, its output away from the tests' pipes.
  in_root wineboot -i >/dev/null 2>&1 || true
  in_root wineserver -p >/dev/null 2>&1 </dev/null &
  trap 'in_root wineserver -k >/dev/null 2>&1 || true' EXIT
}

test_under_wine() {
  [ -s "$list" ] || { echo "No Windows test binaries listed: run '$0 build' first." >&2; exit 1; }
  start_wine
  local ran=0 failed=0 skipped=0 binaries_skipped=0 package name kind path
  while read -r package name kind path; do
    case "$package" in doctor | doctor-cli | signin-doctor) ;; *) continue ;; esac
    local skips=()
    mapfile -t skips < <(skips_for "$package:$name")
    if [ "${#skips[@]}" -gt 0 ] && [ "${skips[0]:0:2}" = "* " ]; then
      printf '\n==> Not under Wine: %s %s, all of it (%s)\n' "$package" "$name" "${skips[0]:2}"
      binaries_skipped=$((binaries_skipped + 1))
      continue
    fi
    skipped=$((skipped + ${#skips[@]} / 2))
    printf '\n==> Under Wine: %s %s (%s)\n' "$package" "$name" "$kind"
    ran=$((ran + 1))
    # WebView2Loader.dll (the shell's tests load it) sits beside the programs,
    # not beside the test binaries in deps/: WINEPATH is Wine's PATH. A test
    # binary gets 10 minutes: a hang fails it rather than CI.
    if ! timeout 600 scripts/cross/in-root.sh env WINEPATH="Z:$out" wine "$path" --exact "${skips[@]}"; then
      failed=$((failed + 1))
      echo "FAILED under Wine: $package $name" >&2
    fi
  done <"$list"
  echo
  echo "Windows test binaries under Wine: $ran run, $failed failed, $binaries_skipped not run (wine-skips.txt); $skipped tests skipped by name"
  [ "$failed" -eq 0 ]
}

cli_against_the_windows_build() {
  [ -f "$out/signin-doctor-cli.exe" ] || { echo "No Windows CLI built: run '$0 build' first." >&2; exit 1; }
  start_wine
  local skips
  mapfile -t skips < <(skips_for "doctor-cli:linux-side")
  # The CLI's test files by name, with --workspace, so cargo reuses what the
  # suite's `cargo test --workspace` built rather than resolving features anew.
  local tests=() file
  for file in crates/doctor-cli/tests/*.rs; do
    tests+=(--test "$(basename "$file" .rs)")
  done
  SIGNIN_DOCTOR_CLI_UNDER_WINE="$out/signin-doctor-cli.exe" \
    cargo test --workspace --locked "${tests[@]}" -- --exact "${skips[@]}"
}

case "${1:-}" in
  build) build ;;
  test) test_under_wine ;;
  cli) cli_against_the_windows_build ;;
  *) echo "usage: $0 build|test|cli" >&2; exit 2 ;;
esac
