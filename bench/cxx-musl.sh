#!/usr/bin/env bash
# Benchmark: the cold cost of C++ for each musl target, and what it buys. For every target, in a
# cache of its own making (an empty CROSSKIT_HOME unless CROSSKIT_BENCH_HOME names one):
#   1. cold toolchain: `crosskit env T` makes the musl sysroot and builds crosskit's libstdc++
#      for musl (the first target also fetches and unpacks gcc-12's source; armv6 and riscv64
#      also build musl itself from Debian's source);
#   2. examples/cxx-cmake through `crosskit test` with that toolchain (build, verify: fully
#      static, right arch/float ABI; canary; ctest under QEMU);
#   3. the same once more with --rebuild: the toolchain is reused, nothing of it is built.
# Prints wall and CPU seconds (user+sys of crosskit and every process it ran) per step and the
# ratio cold toolchain / warm build+test; never fails on timing, exits 1 when a target fails.
#
#   bench/cxx-musl.sh [TARGET...]     default: the five musl targets with C++
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-linux-musl aarch64-linux-musl armv7-linux-musleabihf armv6-linux-musleabihf
  riscv64-linux-musl)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CROSSKIT_HOME=${CROSSKIT_BENCH_HOME:-$work/home}
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement

measure() { # name, command...: runs it, prints "wall cpu rc"
  local name=$1; shift
  local rc=0
  /usr/bin/time -f "%e %U %S" -o "$work/time.$name" "$@" >"$work/log.$name" 2>&1 || rc=$?
  awk -v rc="$rc" '{printf "%.1f %.1f %d\n", $1, $2 + $3, rc}' "$work/time.$name"
}

echo "C++ for musl: cold cost per target ($(nproc) cores, CROSSKIT_HOME=$CROSSKIT_HOME)"
printf '%-24s %-6s %18s %14s %18s %18s %9s  %s\n' target load "cold toolchain" "libstdc++" "build+test" \
  "again (--rebuild)" "cold/warm" "artifact"
failed=0
for t in "${targets[@]}"; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r c_wall c_cpu c_rc < <(measure "env-$t" "$ck" env "$t" --format json)
  built=$(sed -n 's/.* built .* in \([0-9ms]*\)$/\1/p' "$CROSSKIT_HOME/cxx/$t/built.txt" 2>/dev/null || true)
  read -r b_wall b_cpu b_rc < <(measure "test-$t" "$ck" test -C "$root/examples/cxx-cmake" --target "$t" \
    --out "$work/out" -q)
  identity=$(grep -o '"identity" : "[^"]*"' "$work/out/report.json" 2>/dev/null | head -1 | sed 's/.*: "\(.*\)"/\1/' || true)
  read -r w_wall w_cpu w_rc < <(measure "again-$t" "$ck" test -C "$root/examples/cxx-cmake" --target "$t" \
    --out "$work/out" -q --rebuild)
  if grep -q "building libstdc++" "$work/log.again-$t"; then
    echo "$t: the second run built libstdc++ again" >&2
    failed=1
  fi
  result=ok
  if [ "$c_rc" != 0 ] || [ "$b_rc" != 0 ] || [ "$w_rc" != 0 ]; then
    result="FAILED (env $c_rc, test $b_rc, again $w_rc)"
    tail -25 "$work/log.env-$t" "$work/log.test-$t" "$work/log.again-$t" >&2 || true
    failed=1
  fi
  ratio=$(awk -v c="$c_wall" -v w="$w_wall" 'BEGIN { if (w > 0) printf "%.1fx", c / w; else print "-" }')
  printf '%-24s %-6s %7ss %7ss cpu %14s %7ss %7ss cpu %7ss %7ss cpu %9s  %s %s\n' "$t" "$load" "$c_wall" "$c_cpu" \
    "${built:--}" "$b_wall" "$b_cpu" "$w_wall" "$w_cpu" "$ratio" "${identity:--}" "$result"
done
echo "cold toolchain = crosskit env (musl sysroot + libstdc++ build; the first target also fetches gcc-12's source);"
echo "libstdc++ = the build alone (built.txt); cold/warm = cold toolchain / build+test with the toolchain reused."
du -sh "$CROSSKIT_HOME"/cxx/* 2>/dev/null | sed 's/^/size: /'
exit $failed
