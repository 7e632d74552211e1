#!/usr/bin/env bash
# Benchmark: c-cmake's Windows test step (6 ctest cases under Wine) as crosskit runs it, against
# the same ctest run the plain way (each first Wine program starting its own wineserver, which
# holds ctest's output pipes until it exits), in one run. A private crosskit cache keeps the Wine
# prefix, and so its server, apart from any other Wine user on the host. Also counts the Wine
# processes of that prefix left after crosskit returned (goal: none). Never fails on timing.
#
#   bench/wine.sh [PROJECT]     default: examples/c-cmake
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project=$(cd "${1:-$root/examples/c-cmake}" && pwd)
target=x86_64-windows-gnu
command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ] || { echo "bench: no Wine here (apt-get install wine64)" >&2; exit 2; }
work=$(mktemp -d)
export CROSSKIT_HOME="$work/home"
prefix="$CROSSKIT_HOME/wine-prefix"
cleanup() {
  WINEPREFIX="$prefix" /usr/lib/wine/wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement

# The processes whose environment names the bench's prefix (Wine's server and services).
left() {
  local n=0 p
  for p in /proc/[0-9]*; do
    if { tr '\0' '\n' < "$p/environ"; } 2>/dev/null | grep -qx "WINEPREFIX=$prefix"; then
      grep -q '^State:.*Z' "$p/status" 2>/dev/null || n=$((n + 1))
    fi
  done
  echo "$n"
}

# The first run makes the prefix (wineboot): not measured.
"$ck" test -C "$project" --out "$work/out" --target "$target" -q >/dev/null 2>&1 || true
"$ck" test -C "$project" --out "$work/out" --target "$target" --rebuild -q > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
leftover=$(left)
step=$(python3 - "$work/out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["targets"][0]
print(next(s["seconds"] for s in t["steps"] if s["step"] == "test"))
PY
)

# The same tests, the plain way: nothing of the prefix runs before the first test starts.
sleep 1
WINEPREFIX="$prefix" /usr/lib/wine/wineserver -k 2>/dev/null || true
start=$EPOCHREALTIME
ctest --test-dir "$work/out/$target/build" > "$work/ctest.log" 2>&1 || { cat "$work/ctest.log" >&2; exit 1; }
plain=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')

echo "wine: $(basename "$project"), $target, $(grep -c 'Test *#' "$work/ctest.log") ctest cases; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-44s %8s s\n' "crosskit test step (report.json)" "$step"
printf '%-44s %8s s\n' "plain ctest (a wineserver per first client)" "$plain"
printf '%-44s %8s\n' "Wine processes left after crosskit" "$leftover"
awk -v c="$step" -v p="$plain" -v l="$leftover" 'BEGIN {
  printf "ratio: plain / crosskit = %.1fx; crosskit test step %.2f s (goal <= 1 s)\n", p / c, c
  printf "RATIO wine-test-step-seconds %.2f <=1\n", c
  printf "RATIO wine-plain-vs-crosskit %.1f -\n", p / c
  printf "RATIO wine-processes-left %d <=0\n", l }'
