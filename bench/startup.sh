#!/usr/bin/env bash
# Start-up of the released launcher (the archive's bin/crosskit: jlink'd runtime + CDS archive)
# against the source launcher bin/crosskit (the build JDK + its AOT cache), in one run. The two
# alternate run by run (A B A B ...), so a busy, shared host slows both alike; medians, not
# means, so a stray slow run does not decide. Prints medians and the ratio; never fails on timing.
# Usage: bench/startup.sh [RUNS]   (uses target/release/crosskit-*-linux-x86_64.tar.gz: run bin/release first)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
cd "$CROSSKIT_ROOT"
runs=${1:-30}

archive=$(ls target/release/crosskit-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$archive" ]; then
  echo "bench: no release archive in target/release; run bin/release first" >&2
  exit 2
fi
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

# milliseconds one run of "$@" takes (bash's own clock: no extra process per measurement)
elapsed() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "released: $archive"
echo "source:   bin/crosskit with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "$runs runs each, alternating, after 3 warm-up runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for args in "--version" "targets show armv7-linux-gnueabihf" "inspect /bin/ls"; do
  read -ra argv <<< "$args"
  : > "$work/released.ms"
  : > "$work/source.ms"
  for i in $(seq 1 $((runs + 3))); do
    r=$(elapsed "$released" "${argv[@]}")
    s=$(elapsed "$source_launcher" "${argv[@]}")
    if [ "$i" -gt 3 ]; then
      echo "$r" >> "$work/released.ms"
      echo "$s" >> "$work/source.ms"
    fi
  done
  rel=$(median < "$work/released.ms")
  src=$(median < "$work/source.ms")
  awk -v a="$args" -v r="$rel" -v s="$src" 'BEGIN {
    printf "crosskit %-36s released %6.0f ms   bin/crosskit %6.0f ms   bin/crosskit / released = %.2fx\n", a, r, s, s / r }'
done
