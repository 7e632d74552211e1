#!/usr/bin/env bash
# Benchmark for `crosskit inspect`: files/s over every ELF file under /usr/lib, /usr/bin and the
# cross sysroots (/usr/*-linux-gnu*), measured in one run on the same file list for
#   crosskit in-process (JIT warm: one untimed pass, then timed passes),
#   crosskit whole command (one JVM start, --json over all files, start-up included),
#   readelf -hldnVW (one batched process over all files),
#   scanelf -F (extracts far fewer facts).
# FILES=N (default 600; 0 for all) takes N of them, spread evenly over the sorted list.
# Goal (issue 15): the whole command >= 8x faster than readelf on 600 files.
# Prints ratios; never fails on timing. Usage: [FILES=N] bench/inspect.sh [ROUNDS] [DIR...]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
cd "$CROSSKIT_ROOT"
find_jdk || exit 2
ensure_jar || exit 2

rounds=${1:-3}
shift || true
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(/usr/lib /usr/bin /usr/*-linux-gnu*)
for tool in readelf scanelf; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (binutils / pax-utils)" >&2; exit 2; }
done

out=bench/out
mkdir -p "$out"
list="$out/elf-files.txt"
# scanelf lists ELF files only; symlinks are skipped so each file is counted once.
scanelf -R -B -F '%F' "${dirs[@]}" 2>/dev/null | while IFS= read -r f; do
  [ -L "$f" ] || [ ! -r "$f" ] || printf '%s\n' "$f"
done | grep -v '[[:space:]]' | sort > "$list.all"
want=${FILES:-600}
total=$(wc -l < "$list.all")
if [ "$want" -gt 0 ] && [ "$total" -gt "$want" ]; then
  awk -v n="$want" -v t="$total" 'int((NR - 1) * n / t) != int(NR * n / t)' "$list.all" > "$list"
else
  cp "$list.all" "$list"
fi
n=$(wc -l < "$list")
bytes=$(xargs -a "$list" -d "\n" stat -c %s | awk "{s+=\$1} END {printf \"%d\", s}")
echo "files: $n ELF files, $((bytes / 1048576)) MiB, from ${dirs[*]}"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

# Warm the page cache so every tool reads from memory.
xargs -a "$list" -d '\n' cat > /dev/null

# CPU seconds (user + sys of the tool's processes) next to wall time: the host may be shared.
TIMEFORMAT='%3U %3S'
cpu_of() { { time "$@" > /dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }'; }
t0=$(now); readelf_cpu=$(cpu_of xargs -a "$list" -d '\n' readelf -hldnVW); t1=$(now)
readelf_rate=$(rate "$n" "$t0" "$t1")
readelf_cpu_rate=$(awk -v n="$n" -v c="$readelf_cpu" 'BEGIN { printf "%.1f", n / c }')
readelf_procs=$(xargs -a "$list" -d '\n' echo | wc -l)

t0=$(now); scanelf_cpu=$(cpu_of xargs -a "$list" -d '\n' scanelf -q -F '%a %o %M %i %n %r %b %t %e %S'); t1=$(now)
scanelf_rate=$(rate "$n" "$t0" "$t1")
scanelf_cpu_rate=$(awk -v n="$n" -v c="$scanelf_cpu" 'BEGIN { printf "%.1f", n / (c > 0 ? c : 0.001) }')

java=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xlog:disable)
inproc=$("${java[@]}" -jar "$CROSSKIT_JAR" inspect --bench-rounds "$rounds" "@$list")
mode_rate() { sed -n "s/^mode=$1 .* files_per_second=\([0-9.]*\).*/\1/p" <<< "$inproc"; }
inproc_rate=$(mode_rate full)
parallel_rate=$(mode_rate full-parallel)
headers_rate=$(mode_rate headers-only)
mode_cpu() { sed -n "s/^mode=$1 .*cpu_files_per_second=\([0-9.]*\).*/\1/p" <<< "$inproc"; }
inproc_cpu=$(mode_cpu full)
headers_cpu=$(mode_cpu headers-only)

whole() { bin/crosskit inspect --json "@$list" > "$out/facts.json" 2> "$out/errors.txt" || true; }
whole >/dev/null # bin/crosskit makes its jar and AOT cache on first use: not part of the measurement
t0=$(now); whole_cpu=$({ time whole; } 2>&1 | awk '{ print $1 + $2 }'); t1=$(now)
whole_rate=$(rate "$n" "$t0" "$t1")
whole_cpu_rate=$(awk -v n="$n" -v c="$whole_cpu" 'BEGIN { printf "%.1f", n / c }')
whole_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
# The floor under the whole command: the same command on one file (JVM start, catalogs, first
# use of the code), so the cost of the other files shows apart from start-up.
one() { bin/crosskit inspect --json "$(head -1 "$list")" > /dev/null 2>&1 || true; }
t0=$(now); one_cpu=$({ time one; } 2>&1 | awk '{ print $1 + $2 }'); t1=$(now)
one_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
rest_rate=$(awk -v n="$n" -v w="$whole_secs" -v o="$one_secs" 'BEGIN { printf "%.1f", (w > o) ? (n - 1) / (w - o) : 0 }')

echo "crosskit in-process (one warm-up pass, then $rounds timed rounds per mode):"
echo "$inproc"
echo "host load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
printf '%-44s %12s %14s\n' "tool" "files/s" "files/CPU-s"
printf '%-44s %12s %14s\n' "crosskit inspect, in-process (JIT warm)" "$inproc_rate" "$inproc_cpu"
printf '%-44s %12s %14s\n' "  same, all cores" "$parallel_rate" "-"
printf '%-44s %12s %14s\n' "  same, headers only (no string scan)" "$headers_rate" "$headers_cpu"
printf '%-44s %12s %14s\n' "crosskit inspect --json, whole command" "$whole_rate" "$whole_cpu_rate"
printf '%-44s %12s\n' "  (JVM start included: ${whole_secs}s wall, ${whole_cpu}s CPU)" ""
printf '%-44s %12s\n' "  (one file alone: ${one_secs}s wall, ${one_cpu}s CPU)" ""
printf '%-44s %12s %14s\n' "  the other $((n - 1)) files, beyond a one-file run" "$rest_rate" "-"
printf '%-44s %12s %14s\n' "readelf -hldnVW ($readelf_procs batched process)" "$readelf_rate" "$readelf_cpu_rate"
printf '%-44s %12s %14s\n' "scanelf -F (fewer facts)" "$scanelf_rate" "$scanelf_cpu_rate"
echo
awk -v c="$inproc_rate" -v h="$headers_rate" -v w="$whole_rate" -v r="$readelf_rate" -v s="$scanelf_rate" -v x="$rest_rate" 'BEGIN {
  printf "in-process vs readelf: %.1fx (goal >= 10x); headers only: %.1fx\n", c / r, h / r
  printf "in-process vs scanelf: %.2fx (goal: within 3x, i.e. >= 0.33x); headers only: %.2fx\n", c / s, h / s
  printf "whole command vs readelf: %.1fx (goal >= 8x), vs scanelf: %.2fx\n", w / r, w / s
  printf "whole command beyond a one-file run vs readelf: %.1fx\n", x / r
  printf "RATIO inspect-inprocess-vs-readelf %.1f >=10\n", c / r
  printf "RATIO inspect-command-vs-readelf %.1f >=8\n", w / r
}'
awk -v c="$inproc_cpu" -v h="$headers_cpu" -v w="$whole_cpu_rate" -v r="$readelf_cpu_rate" -v s="$scanelf_cpu_rate" 'BEGIN {
  printf "by CPU time: in-process vs readelf %.1fx (headers only %.1fx); vs scanelf %.2fx (headers only %.2fx)\n", c / r, h / r, c / s, h / s
  printf "by CPU time: whole command vs readelf %.1fx (goal >= 8x)\n", w / r
  printf "RATIO inspect-command-cpu-vs-readelf %.1f >=8\n", w / r
}'
echo "per-file errors from the whole-command run: $(wc -l < "$out/errors.txt") (see $out/errors.txt)"
