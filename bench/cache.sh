#!/usr/bin/env bash
# Benchmark: the compile cache (ccache). In one run, over a copy of the project and a crosskit
# cache of its own (so the first cached build is really cold):
#   1. build with --no-cache: the build without the cache, measured alike (it also warms the JVM's
#      caches and the page cache, so the cold build below is not charged for them)
#   2. rm -rf target/, cold build of N targets (empty compile cache; it fills)
#   3. rm -rf target/, rebuild: every object from the cache          goal <= 0.35 x the cold build
#   4. no-change re-run (nothing rebuilt: the targets' state)          goal <= 0.5 s
# Prints the walls, the hits and the ratios (and RATIO lines for bench/all.sh); never fails on timing.
#
#   bench/cache.sh [PROJECT] [TARGET...]      default: examples/c-cmake, 4 Linux targets
#   NAME=libyaml bench/cache.sh DIR           ratio names carry the name (cache-libyaml-...)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_project=$(cd "${1:-$root/examples/c-cmake}" && pwd)
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-linux-gnu aarch64-linux-gnu armv7-linux-gnueabihf riscv64-linux-gnu)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement
command -v ccache >/dev/null || { echo "bench: ccache is not installed (crosskit setup, or apt-get install ccache)" >&2; exit 2; }

export CROSSKIT_HOME="$work/home"
project="$work/project"
mkdir -p "$project"
(cd "$source_project" && tar --exclude=./target -cf - .) | (cd "$project" && tar -xf -)

args=(build -C "$project" -q)
for t in "${targets[@]}"; do args+=(--target "$t"); done

wall() { # label, command...: the command's wall time in seconds (its output to a log)
  local label=$1; shift
  /usr/bin/time -f "%e" -o "$work/time.$label" "$@" >"$work/log.$label" 2>&1 || {
    echo "bench: $label failed:" >&2; tail -n 20 "$work/log.$label" >&2; exit 1; }
  cat "$work/time.$label"
}
hits() { # "hits/compilations" over every target of the last report
  python3 -c 'import json,sys
r=json.load(open(sys.argv[1])); c=[t.get("compileCache") or {"hits":0,"misses":0} for t in r["targets"]]
print("%d/%d" % (sum(x["hits"] for x in c), sum(x["hits"]+x["misses"] for x in c)))' "$project/target/crosskit/report.json"
}

nocache=$(wall nocache "$ck" "${args[@]}" --no-cache)
rm -rf "$project/target"
cold=$(wall cold "$ck" "${args[@]}");              cold_hits=$(hits)
rm -rf "$project/target"
warm=$(wall warm "$ck" "${args[@]}");              warm_hits=$(hits)
rerun=$(wall rerun "$ck" "${args[@]}")
version=$(wall version "$ck" --version)   # the JVM's start-up alone, for the re-run's own share

echo "compile cache: $(basename "$source_project"), ${#targets[@]} targets (${targets[*]}), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
printf '%-46s %8s s\n' "build with --no-cache" "$nocache"
printf '%-46s %8s s  (cache hits %s)\n' "after rm -rf target/, cold compile cache" "$cold" "$cold_hits"
printf '%-46s %8s s  (cache hits %s)\n' "after rm -rf target/, warm compile cache" "$warm" "$warm_hits"
printf '%-46s %8s s  (crosskit --version: %s s)\n' "no-change re-run" "$rerun" "$version"
awk -v c="$cold" -v w="$warm" -v r="$rerun" -v n="$nocache" -v v="$version" -v p="${NAME:+$NAME-}" 'BEGIN {
  printf "ratios: warm / cold = %.2fx (goal <= 0.35); warm / --no-cache = %.2fx; cold / --no-cache = %.2fx (the cache'"'"'s cost when it misses)\n", w / c, w / n, c / n
  printf "no-change re-run: %.2f s (goal <= 0.5 s), of which start-up (crosskit --version) %.2f s\n", r, v
  # one line per ratio, for bench/all.sh
  printf "RATIO cache-%swarm-vs-cold %.2f <=0.35\n", p, w / c
  printf "RATIO cache-%swarm-vs-no-cache %.2f -\n", p, w / n
  printf "RATIO cache-%srerun-seconds %.2f <=0.5\n", p, r }'
