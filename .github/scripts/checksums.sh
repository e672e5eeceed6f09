#!/usr/bin/env bash
# Writes DIR/SHA256SUMS: one `HASH  NAME` line (sha256sum's format) per
# release archive in DIR, sorted by name.
#   .github/scripts/checksums.sh DIR
set -euo pipefail
cd "$1"
shopt -s nullglob
archives=(dossier-*.tar.gz dossier-*.zip)
if [ ${#archives[@]} -eq 0 ]; then
  echo "error: no dossier-*.tar.gz or dossier-*.zip in $1" >&2
  exit 1
fi
mapfile -t sorted < <(printf '%s\n' "${archives[@]}" | LC_ALL=C sort)
sha256sum -- "${sorted[@]}" > SHA256SUMS
cat SHA256SUMS
