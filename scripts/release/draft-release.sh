#!/usr/bin/env bash
# Makes the one draft GitHub release for a tag, before any installer is built,
# and prints its ID: the build jobs upload into it by ID, so parallel jobs
# never race to create it. A re-run reuses the tag's draft; a tag whose release
# is already published is refused (installers are never replaced under it).
#
#   GH_TOKEN=... GH_REPO=owner/name scripts/release/draft-release.sh TAG
#
# Uses the gh CLI (on every GitHub runner). Writes `id=N` to $GITHUB_OUTPUT
# when set. Exit status: 0 with the ID on stdout; 1 with the reason on stderr.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: GH_REPO=owner/name $0 TAG" >&2
  exit 2
fi
[ -n "${GH_REPO:-}" ] || { echo "draft-release: GH_REPO is not set" >&2; exit 2; }
export TAG=$1

# Drafts are not found by /releases/tags/TAG, so look through the list. (No
# `| head`: under pipefail, gh cut short by SIGPIPE would fail the step.)
found=$(gh api --paginate "repos/$GH_REPO/releases" --jq '.[] | select(.tag_name == env.TAG) | "\(.id) \(.draft)"')
found=${found%%$'\n'*}
if [ -n "$found" ]; then
  read -r id draft <<<"$found"
  if [ "$draft" != "true" ]; then
    echo "draft-release: the release for $TAG is already published; installers are never replaced under a published tag. Tag a new version." >&2
    exit 1
  fi
  echo "Reusing draft release $id for $TAG." >&2
else
  id=$(gh api "repos/$GH_REPO/releases" \
    -f tag_name="$TAG" -f name="Sign-in Doctor $TAG" -F draft=true -F prerelease=false \
    -f body="Download the installer for your system: .msi or .exe on Windows, .dmg on macOS, .deb, .rpm or .AppImage on Linux. See the README for what an unsigned installer shows." \
    --jq .id)
  echo "Created draft release $id for $TAG." >&2
fi
[[ $id =~ ^[0-9]+$ ]] || { echo "draft-release: GitHub answered with no release ID" >&2; exit 1; }
[ -z "${GITHUB_OUTPUT:-}" ] || echo "id=$id" >>"$GITHUB_OUTPUT"
echo "$id"
