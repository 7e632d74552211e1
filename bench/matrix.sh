#!/usr/bin/env bash
# Benchmark: crosskit's parallel build+test matrix against a plain sequential shell loop doing the
# same CMake builds and ctest runs, and against the ideal (CPU time of all child processes divided
# by the cores). Also times a no-change re-run (everything cached). Prints figures and ratios; it
# never fails on timing.
#
#   bench/matrix.sh [PROJECT] [TARGET...]      default: examples/c-cmake, 4 Linux targets
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project=$(cd "${1:-$root/examples/c-cmake}" && pwd)
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-linux-gnu aarch64-linux-gnu armv7-linux-gnueabihf riscv64-linux-gnu)
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement

args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done

# The canary is crosskit's own extra step: leave it out so both sides do the same work.
export CROSSKIT_CANARY=false

measure() { # label, command...: prints "wall user+sys" of the command and all its children
  local out="$work/time.$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$out" "$@" >"$work/log.$(basename "$out")" 2>&1 || true
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$out"
}

read -r ck_wall ck_cpu < <(measure crosskit "$ck" test -C "$project" --out "$work/out" --rebuild -q "${args[@]}")
read -r re_wall _ < <(measure rerun "$ck" test -C "$project" --out "$work/out" -q "${args[@]}")

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

ideal=$(awk -v c="$ck_cpu" -v n="$cores" 'BEGIN {printf "%.2f", c / n}')
echo "matrix: $(basename "$project"), ${#targets[@]} targets (${targets[*]}), $cores cores"
printf '%-34s %8s s wall %8s s cpu\n' "crosskit test (parallel)" "$ck_wall" "$ck_cpu"
printf '%-34s %8s s wall %8s s cpu\n' "sequential shell loop" "$seq_wall" "$seq_cpu"
printf '%-34s %8s s\n' "ideal (crosskit cpu / cores)" "$ideal"
printf '%-34s %8s s\n' "no-change re-run (cached)" "$re_wall"
awk -v a="$ck_wall" -v s="$seq_wall" -v i="$ideal" 'BEGIN {
  printf "ratios: sequential / crosskit = %.2fx; crosskit / ideal = %.2fx (goal <= 1.15)\n", s / a, a / i
  printf "RATIO matrix-wall-vs-ideal %.2f <=1.15\n", a / i
  printf "RATIO matrix-sequential-vs-crosskit %.2f -\n", s / a }'
