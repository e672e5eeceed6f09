#!/usr/bin/env bash
# Packages a built dossier binary as a release archive:
#   .github/scripts/package.sh TARGET BINARY OUTDIR
# writes OUTDIR/dossier-VERSION-TARGET.tar.gz (.zip for Windows targets)
# holding the folder dossier-VERSION-TARGET/ with the binary, README.md,
# CHANGELOG.md and the licences, and prints the archive's path. VERSION is
# Cargo.toml's. The release workflow runs it for every target, and the
# Pages workflow that `dossier init` writes unpacks what it makes.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUTDIR" >&2
  exit 2
fi
target=$1
binary=$2
outdir=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$("$root/.github/scripts/version.sh")
name="dossier-$version-$target"
if [ ! -f "$binary" ]; then
  echo "error: no binary at $binary" >&2
  exit 1
fi
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir "$staging/$name"
case "$target" in
  *windows*) exe=dossier.exe ;;
  *) exe=dossier ;;
esac
cp "$binary" "$staging/$name/$exe"
chmod 755 "$staging/$name/$exe"
cp "$root/README.md" "$root/CHANGELOG.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$staging/$name/"
case "$target" in
  *windows*)
    archive="$outdir/$name.zip"
    rm -f "$archive"
    if command -v 7z > /dev/null; then
      (cd "$staging" && 7z a -tzip -bso0 "$archive" "$name")
    else
      (cd "$staging" && zip -qr "$archive" "$name")
    fi
    ;;
  *)
    archive="$outdir/$name.tar.gz"
    tar -czf "$archive" -C "$staging" "$name"
    ;;
esac
echo "$archive"
