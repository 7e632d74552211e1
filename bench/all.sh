#!/usr/bin/env bash
# Runs every benchmark in bench/ one after another and writes bench/RESULTS.md: each ratio with
# its goal, the machine (cores, load average before and after each benchmark), the commit and
# the date. Never fails on a ratio; a benchmark that cannot run here (exit 2) is listed as skipped
# with its message.
#
# The convention a benchmark follows to be found here: it is an executable bench/*.sh that runs
# with no arguments and prints, next to its own figures, one line per ratio it measured:
#
#   RATIO <name> <value> <goal>        e.g.  RATIO matrix-wall-vs-ideal 1.07 <=1.15
#
# <name> has no spaces; <value> is a number; <goal> is <=X or >=X (or - for none). A script
# whose source holds no such line (release-reproducible.sh: a check, not a ratio) is not run.
#
#   bench/all.sh [NAME...]      only the named benchmarks (matrix, inspect, ...), default all
set -uo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
out="$bench/out"
mkdir -p "$out"
results="$bench/RESULTS.md"

selected=("$@")
scripts=()
for s in "$bench"/*.sh; do
  name=$(basename "$s" .sh)
  [ "$name" = all ] && continue
  grep -q 'RATIO ' "$s" || continue
  if [ ${#selected[@]} -gt 0 ] && ! printf '%s\n' "${selected[@]}" | grep -qx "$name"; then
    continue
  fi
  scripts+=("$s")
done

# the load average, and the share of the last minute some task waited for a CPU (Linux PSI)
load() {
  local psi
  psi=$(sed -n 's/^some avg10=[0-9.]* avg60=\([0-9.]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null)
  echo "$(cut -d' ' -f1-3 /proc/loadavg)${psi:+, CPU pressure $psi%}"
}
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
rows="$out/ratios.tsv"
: > "$rows"
notes="$out/notes.md"
: > "$notes"

for s in "${scripts[@]}"; do
  name=$(basename "$s" .sh)
  log="$out/$name.log"
  before=$(load)
  start=$SECONDS
  echo "== $name (load $before)" >&2
  bash "$s" > "$log" 2>&1
  code=$?
  after=$(load)
  secs=$((SECONDS - start))
  found=$(grep -E '^RATIO [^ ]+ [0-9.]+ ' "$log" || true)
  if [ -n "$found" ]; then
    while read -r _ ratio value goal _; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$ratio" "$value" "${goal:--}" "$before" "$after" >> "$rows"
    done <<< "$found"
  fi
  if [ "$code" -ne 0 ] || [ -z "$found" ]; then
    why=$(grep -v '^RATIO ' "$log" | tail -n 1)
    echo "- $name: $([ "$code" -eq 2 ] && echo skipped || echo "exit $code") after ${secs} s: ${why:-no output}" >> "$notes"
  fi
  echo "   $name: exit $code, ${secs} s, $(grep -c '^RATIO ' "$log") ratios (log: bench/out/$name.log)" >&2
done

# met: whether value satisfies goal (<=X or >=X)
met() { awk -v v="$1" -v g="$2" 'BEGIN {
  if (g ~ /^<=/) { print (v + 0 <= substr(g, 3) + 0) ? "yes" : "no"; exit }
  if (g ~ /^>=/) { print (v + 0 >= substr(g, 3) + 0) ? "yes" : "no"; exit }
  print "-" }'; }

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/all.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo),"\
    "$(uname -sr), load average $(load) at the end."
  echo "Ratios are measured against the alternative in the same run; a shared, busy host moves them"\
    "(the load average before and after each benchmark is given, with the CPU pressure: the share of"\
    "the last minute in which some task waited for a CPU; near 100 % the host is saturated and a"\
    "ratio against an ideal that assumes every core is ours says little)."
  echo
  echo "| benchmark | ratio | value | goal | met | load before | load after |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name ratio value goal before after; do
    echo "| $name | $ratio | $value | $goal | $(met "$value" "$goal") | $before | $after |"
  done < "$rows"
  if [ -s "$notes" ]; then
    echo
    echo "Not measured:"
    echo
    cat "$notes"
  fi
  echo
  echo "Each benchmark's full output: \`bench/out/<name>.log\`."
} > "$results"
echo "wrote $results" >&2
