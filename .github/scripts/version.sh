#!/usr/bin/env bash
# Prints the package version from Cargo.toml (the first `version = "…"`
# line, which is [package]'s).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
if [ -z "$version" ]; then
  echo "error: no version in Cargo.toml" >&2
  exit 1
fi
echo "$version"
