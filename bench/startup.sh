#!/usr/bin/env bash
# Start-up of the released launcher (the archive's bin/crosskit: jlink'd runtime + CDS archive)
# against the source launcher bin/crosskit (the build JDK + its AOT cache), measured side by side
# in one run with hyperfine, interleaved command by command. Prints means and the ratio; never
# fails on timing.
# Usage: bench/startup.sh [RUNS]   (uses target/release/crosskit-*-linux-x86_64.tar.gz: run bin/release first)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
cd "$CROSSKIT_ROOT"
runs=${1:-20}

archive=$(ls target/release/crosskit-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$archive" ]; then
  echo "bench: no release archive in target/release; run bin/release first" >&2
  exit 2
fi
ensure_debian_packages bench hyperfine || exit 2
find_jdk || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
released=$(ls -d "$work"/crosskit-*/bin/crosskit)
source_launcher="$CROSSKIT_ROOT/bin/crosskit"

# bin/crosskit builds its jar and AOT cache on first use: do that before timing anything.
"$source_launcher" --version >/dev/null
"$source_launcher" --version >/dev/null
export CROSSKIT_HOME="$work/home"

echo "released: $archive"
echo "source:   bin/crosskit with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo
for args in "--version" "targets show armv7-linux-gnueabihf" "inspect /bin/ls"; do
  json="$work/result.json"
  # shellcheck disable=SC2086 # the arguments are plain words
  hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$json" \
    -n released "$released $args" -n bin/crosskit "$source_launcher $args" >/dev/null
  # mean seconds of each, in the order given above
  mapfile -t means < <(tr ',' '\n' < "$json" | sed -n 's/^ *"mean": *\([0-9.e-]*\) *$/\1/p')
  awk -v a="$args" -v r="${means[0]}" -v s="${means[1]}" 'BEGIN {
    printf "crosskit %-36s released %6.0f ms   bin/crosskit %6.0f ms   bin/crosskit / released = %.2fx\n",
      a, r * 1000, s * 1000, s / r }'
done
