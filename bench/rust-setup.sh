#!/usr/bin/env bash
# Benchmark: the cold set-up of the Rust standard library for four targets that Debian ships no
# std for. crosskit builds them in ONE Cargo run (`crosskit setup --lang rust T...` with an empty
# cache); the alternative, measured in the same run, is what crosskit did before: one Cargo run per
# target, one after another (`crosskit setup --lang rust T` per target, each with an empty cache).
# Prints wall and CPU time of both, the per-target split (when each target's std was done), the
# ratio and the host's load; it never fails on timing. Goal: under 8 minutes on 2 cores.
#
#   bench/rust-setup.sh [TARGET...]
#   default: x86_64-unknown-linux-musl aarch64-unknown-linux-musl riscv64gc-unknown-linux-gnu x86_64-pc-windows-gnu
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl riscv64gc-unknown-linux-gnu x86_64-pc-windows-gnu)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ck="$root/bin/crosskit"
"$ck" --version >/dev/null   # build the jar outside the measurement

measure() { # label, command...: prints "wall user+sys" of the command and all its children
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time.$label" "$@" >"$work/log.$label" 2>&1 \
    || echo "($label failed: see the end of its log below)" >&2
  awk '{printf "%.0f %.0f\n", $1, $2 + $3}' "$work/time.$label"
}

load() { cut -d' ' -f1 /proc/loadavg; }
load_together=$(load)
read -r one_wall one_cpu < <(measure together env CROSSKIT_HOME="$work/home-together" "$ck" setup --lang rust "${targets[@]}")
load_together="$load_together -> $(load)"

load_alone=$(load)
seq_wall=0
seq_cpu=0
declare -A seq_split
for t in "${targets[@]}"; do
  read -r w c < <(measure "alone-$t" env CROSSKIT_HOME="$work/home-$t" "$ck" setup --lang rust "$t")
  seq_split[$t]=$w
  seq_wall=$((seq_wall + w))
  seq_cpu=$((seq_cpu + c))
done
load_alone="$load_alone -> $(load)"

mmss() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
cores=$(nproc)
echo "Rust std, cold, ${#targets[@]} targets, $cores cores"
echo "(other processes share the cores: the 1-minute load average is shown at the start and end of each half;"
echo " 'ideal' is the half's CPU time over the cores, what its wall time would be on otherwise idle cores)"
printf '%-44s %8s wall %8s cpu %8s ideal   load %s\n' "one Cargo run for all (crosskit setup)" "$(mmss "$one_wall")" \
  "$(mmss "$one_cpu")" "$(mmss $((one_cpu / cores)))" "$load_together"
printf '%-44s %8s wall %8s cpu %8s ideal   load %s\n' "one Cargo run per target, one after another" "$(mmss "$seq_wall")" \
  "$(mmss "$seq_cpu")" "$(mmss $((seq_cpu / cores)))" "$load_alone"
echo "per target (one run for all: when its std was done; alone: that target's whole set-up):"
for t in "${targets[@]}"; do
  done_after=$(sed -n "s/^Rust std for $t: built and installed in crosskit's cache after \(.*\)$/\1/p" "$work/log.together" | head -n 1)
  route=$(sed -n "s/^Rust std for [^:]*: \(std .*\|Debian's .*\|rustup .*\)$/\1/p" "$work/log.alone-$t" | head -n 1)
  printf '  %-30s %10s   alone %8s   %s\n' "$t" "${done_after:-not built}" "$(mmss "${seq_split[$t]}")" "$route"
done
awk -v a="$one_wall" -v s="$seq_wall" 'BEGIN { if (a > 0) printf "ratio: one after another / one run for all = %.2fx; goal for one run: < 8m00s (%s)\n", s / a, (a < 480 ? "met" : "missed") }'
# for bench/all.sh
awk -v a="$one_wall" -v s="$seq_wall" 'BEGIN { if (a > 0) printf "RATIO rust-setup-sequential-vs-one-run %.2f -\nRATIO rust-setup-one-run-seconds %d <=480\n", s / a, a }'
if grep -q FAILED "$work/log.together"; then
  echo "failures in the run for all targets:"
  grep FAILED "$work/log.together"
fi
echo "progress lines printed by the run for all targets (first and last):"
grep '^Rust std: ' "$work/log.together" | sed -n '1p;$p'
