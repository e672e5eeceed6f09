#!/usr/bin/env bash
# Prints the CHANGELOG.md section of a version (its lines under
# `## [VERSION]`, up to the next `## ` heading); fails if there is none, so
# that a release is never tagged without its notes.
#   .github/scripts/release-notes.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/../.."
notes=$(awk -v v="$1" '
  index($0, "## [" v "]") == 1 { found = 1; next }
  found && /^## / { exit }
  found { print }
' CHANGELOG.md)
if [ -z "${notes//[$'\n ']/}" ]; then
  echo "error: CHANGELOG.md has no section \"## [$1]\"" >&2
  exit 1
fi
printf '%s\n' "$notes"
