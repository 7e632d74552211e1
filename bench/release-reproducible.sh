#!/usr/bin/env bash
# Reproducibility of bin/release: two fresh clones of HEAD, in directories of different names and
# depths, each build crosskit with Maven and run bin/release; their SHA256SUMS must be identical.
# Two full release builds take minutes, so this lives in bench/ rather than in bin/test (ReleaseIT
# checks one release). Exit code 0 when the bytes agree, 1 when they differ (naming the files).
# Usage: bench/release-reproducible.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
a="$work/a"
b="$work/second/clone-b"
mkdir -p "$(dirname "$b")"
git clone -q --no-local "$CROSSKIT_ROOT" "$a"
git clone -q --no-local "$CROSSKIT_ROOT" "$b"
echo "commit $(git -C "$a" rev-parse --short HEAD), clones in $a and $b"

for clone in "$a" "$b"; do
  start=$SECONDS
  (cd "$clone" && bin/release >"$clone.log" 2>&1) || { cat "$clone.log" >&2; exit 2; }
  echo "bin/release in $clone: $((SECONDS - start)) s"
done

echo
cat "$a/target/release/SHA256SUMS"
if cmp -s "$a/target/release/SHA256SUMS" "$b/target/release/SHA256SUMS"; then
  echo "reproducible: both clones wrote the same bytes"
  exit 0
fi
echo "NOT reproducible:" >&2
diff "$a/target/release/SHA256SUMS" "$b/target/release/SHA256SUMS" >&2 || true
# Name the files inside the archives that differ.
for clone in "$a" "$b"; do
  mkdir -p "$clone.unpacked"
  tar -xzf "$clone"/target/release/crosskit-*.tar.gz -C "$clone.unpacked"
done
diff -rq "$a.unpacked" "$b.unpacked" >&2 || true
exit 1
