#!/usr/bin/env bash
# The "system browser" in tests: Debian's Chromium, headless, opening the
# URL it is given (set as $BROWSER, which the app's opener honours on Linux).
# It returns at once, like a real browser launch; Chromium loads the page,
# follows the sign-in redirects back to the app's loopback listener, and
# quits. Background networking is off so it talks to nothing but 127.0.0.1.
set -u
url=$1
profile=$(mktemp -d)
(
  timeout 60 chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --disable-extensions --no-default-browser-check \
    --user-data-dir="$profile" --dump-dom "$url" >/dev/null 2>&1
  rm -rf "$profile"
) </dev/null >/dev/null 2>&1 &
exit 0
