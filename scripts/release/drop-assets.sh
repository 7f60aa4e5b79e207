#!/usr/bin/env bash
# Deletes from a release the assets whose names end in SUFFIX, and says which.
# The macOS build uses it for the .app.tar.gz that tauri-action uploads beside
# the .dmg: it tars every .app it builds, for an updater, and this app has none.
#
#   GH_TOKEN=... GH_REPO=owner/name scripts/release/drop-assets.sh RELEASE_ID SUFFIX
#
# Uses the gh CLI (on every GitHub runner). No such asset is not an error.
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ -z "$2" ]; then
  echo "usage: GH_REPO=owner/name $0 RELEASE_ID SUFFIX" >&2
  exit 2
fi
[ -n "${GH_REPO:-}" ] || { echo "drop-assets: GH_REPO is not set" >&2; exit 2; }
release=$1
export SUFFIX=$2

assets=$(gh api --paginate "repos/$GH_REPO/releases/$release/assets" \
  --jq '.[] | select(.name | endswith(env.SUFFIX)) | "\(.id) \(.name)"')
if [ -z "$assets" ]; then
  echo "No *$SUFFIX asset in release $release." >&2
  exit 0
fi
while read -r id name; do
  gh api -X DELETE "repos/$GH_REPO/releases/assets/$id" >/dev/null
  echo "Removed $name from release $release." >&2
done <<<"$assets"
