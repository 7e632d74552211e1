#!/usr/bin/env bash
# Benchmark: crosskit's parallel build+test matrix against the ideal (CPU time of all its child
# processes divided by the cores), canary included, and — for an unnamed CMake project — against a plain
# sequential shell loop doing the same CMake builds and ctest runs (crosskit measured again without
# its canary there, so both sides do the same work). Also times a no-change re-run (everything
# cached). Prints figures and ratios; it never fails on timing.
#
#   bench/matrix.sh [PROJECT] [TARGET...]      default: examples/c-cmake, 4 Linux targets
#   NAME=libyaml bench/matrix.sh DIR           ratio names carry the name (matrix-libyaml-...)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project=$(cd "${1:-$root/examples/c-cmake}" && pwd)
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-linux-gnu aarch64-linux-gnu armv7-linux-gnueabihf riscv64-linux-gnu)
name=${NAME:+$NAME-}
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement

args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done

measure() { # label, command...: prints "wall user+sys" of the command and all its children
  local out="$work/time.$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$out" "$@" >"$work/log.$(basename "$out")" 2>&1 || true
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$out"
}

# The whole of `crosskit test` (build, verify, canary, the project's tests): wall against the ideal.
"$ck" test -C "$project" --out "$work/out" -q "${args[@]}" >"$work/log.warmup" 2>&1 || true  # sysroots, toolchains
"$ck" test -C "$project" --out "$work/out" -q "${args[@]}" >"$work/log.warmup" 2>&1 || true  # sysroots, toolchains
# Measured without the compile and configure caches (--no-cache): the warm-ups above filled them,
# and a matrix of cache hits would measure the scheduling of little work (bench/cache.sh covers them).
read -r ck_wall ck_cpu < <(measure crosskit "$ck" test -C "$project" --out "$work/out" --rebuild --no-cache -q "${args[@]}")
read -r re_wall _ < <(measure rerun "$ck" test -C "$project" --out "$work/out" --no-cache -q "${args[@]}")
ideal=$(awk -v c="$ck_cpu" -v n="$cores" 'BEGIN {printf "%.2f", c / n}')
echo "matrix: $(basename "$project"), ${#targets[@]} targets (${targets[*]}), $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s s wall %8s s cpu\n' "crosskit test (parallel, canary)" "$ck_wall" "$ck_cpu"
printf '%-34s %8s s\n' "ideal (crosskit cpu / cores)" "$ideal"
printf '%-34s %8s s\n' "no-change re-run (cached)" "$re_wall"
awk -v a="$ck_wall" -v i="$ideal" -v n="$name" 'BEGIN {
  printf "ratio: crosskit / ideal = %.2fx (goal <= 1.15)\n", a / i
  printf "RATIO matrix-%swall-vs-ideal %.2f <=1.15\n", n, a / i }'
# The shell loop below is CMake's; a named project (bench/real-projects.sh) may be built by
# crosskit with its other build system (libyaml: autotools), so it is compared with the ideal only.
[ -z "$name" ] && [ -f "$project/CMakeLists.txt" ] || exit 0

# The canary is crosskit's own extra step: leave it out so both sides do the same work.
read -r nc_wall _ < <(CROSSKIT_CANARY=false measure nocanary "$ck" test -C "$project" --out "$work/out-nc" --rebuild --no-cache -q "${args[@]}")

# The same builds and tests, one target after another, the way a hand-written CI script does it.
sequential() {
  for t in "${targets[@]}"; do
    "$ck" toolchain-file "$t" --format cmake -o "$work/$t.cmake" >/dev/null
    cmake -S "$project" -B "$work/seq/$t" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$work/$t.cmake" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$work/seq/$t" --parallel "$cores" >/dev/null
    ctest --test-dir "$work/seq/$t" >/dev/null
  done
}
export -f sequential
export ck project work cores
targets_str="${targets[*]}"
read -r seq_wall seq_cpu < <(measure sequential bash -c "targets=($targets_str); $(declare -f sequential); sequential")
printf '%-34s %8s s wall %8s s cpu\n' "sequential shell loop" "$seq_wall" "$seq_cpu"
printf '%-34s %8s s wall\n' "crosskit test without the canary" "$nc_wall"
awk -v a="$nc_wall" -v s="$seq_wall" -v n="$name" 'BEGIN {
  printf "ratio: sequential / crosskit (no canary) = %.2fx\n", s / a
  printf "RATIO matrix-%ssequential-vs-crosskit %.2f -\n", n, s / a }'
