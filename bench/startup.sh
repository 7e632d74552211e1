#!/usr/bin/env bash
# Start-up of crosskit against a JVM hello-world started with the same flags and its own AOT
# cache, measured in one run:
#   hello          java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCache=hello.aot -jar hello.jar
#   java -jar      the same java and flags, crosskit.jar and the AOT cache bin/crosskit made for it
#   bin/crosskit   the source launcher (bash: finds the JDK, checks the jar is current, then the above)
#   released       the release archive's bin/crosskit (jlink'd runtime; its AOT cache made on first
#                  use, in a throw-away CROSSKIT_HOME), when target/release holds an archive
# for `--version`, `targets show T` and `inspect` of one small binary. The variants alternate run
# by run (A B C A B C ...), so a busy, shared host slows all alike; medians, not means, so a stray
# slow run does not decide. Prints medians of wall-clock and CPU time and their ratios to hello;
# never fails on timing.
# Goals (issue 15): --version <= 2x hello, targets show <= 3x, inspect <= 4x.
# Usage: bench/startup.sh [RUNS]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"
cd "$CROSSKIT_ROOT"
runs=${1:-30}
find_jdk || exit 2
if [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
  echo "bench: needs JDK 25 or newer for the AOT cache (JAVA_HOME=$JAVA_HOME)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CROSSKIT_HOME="$work/home"
java_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)

# bin/crosskit builds its jar and AOT cache on first use: do that before timing anything.
bin/crosskit --version >/dev/null
aot="$CROSSKIT_ROOT/crosskit-cli/target/crosskit.aot"
[ -f "$aot" ] || { echo "bench: bin/crosskit made no AOT cache at $aot" >&2; exit 2; }

# The baseline: a hello-world jar with an AOT cache trained on itself.
mkdir -p "$work/hello"
cat > "$work/hello/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
"$JAVA_HOME/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
"$JAVA_HOME/bin/jar" --create --file "$work/hello.jar" --main-class Hello -C "$work/hello" Hello.class
"$JAVA_HOME/bin/java" "${java_flags[@]}" -XX:AOTCacheOutput="$work/hello.aot" -Xlog:aot=off -Xlog:cds=off \
  -jar "$work/hello.jar" >/dev/null 2>&1
hello=("$JAVA_HOME/bin/java" "${java_flags[@]}" -XX:AOTCache="$work/hello.aot" -Xlog:aot=off -Xlog:cds=off -jar "$work/hello.jar")
direct=("$JAVA_HOME/bin/java" "${java_flags[@]}" -XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off -jar "$CROSSKIT_JAR")

variants=(hello direct source)
released=""
archive=$(ls target/release/crosskit-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
if [ -n "$archive" ]; then
  tar -xzf "$archive" -C "$work"
  released=$(ls -d "$work"/crosskit-*/bin/crosskit)
  # its first run starts the training of its AOT cache in the background: wait for it
  "$released" --version >/dev/null
  for _ in $(seq 1 120); do
    [ -n "$(find "$CROSSKIT_HOME/aot" -name crosskit.aot 2>/dev/null)" ] && break
    sleep 1
  done
  variants+=(released)
fi

# milliseconds one run of "$@" takes, wall clock and CPU (user + system of its processes): on a
# busy shared host the CPU time is the steadier figure
TIMEFORMAT='%3U %3S'
elapsed() {
  local start=$EPOCHREALTIME cpu
  cpu=$({ time "$@" >/dev/null 2>&1; } 2>&1)
  awk -v a="$start" -v b="$EPOCHREALTIME" -v c="$cpu" 'BEGIN { split(c, t, " "); printf "%.1f %.1f\n", (b - a) * 1000, (t[1] + t[2]) * 1000 }'
}
median() { # of column $1
  awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
run_variant() { # VARIANT ARGS...
  local v=$1
  shift
  case $v in
    hello) elapsed "${hello[@]}" ;;
    direct) elapsed "${direct[@]}" "$@" ;;
    source) elapsed bin/crosskit "$@" ;;
    released) elapsed "$released" "$@" ;;
  esac
}

echo "java:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), flags ${java_flags[*]} + an AOT cache each"
[ -n "$archive" ] && echo "released: $archive"
echo "$runs runs each, alternating, after 3 warm-up runs each; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
small=/usr/bin/true
declare -A goal=(["--version"]=2 ["targets show armv7-linux-gnueabihf"]=3 ["inspect $small"]=4)
declare -A key=(["--version"]=version ["targets show armv7-linux-gnueabihf"]=targets-show ["inspect $small"]=inspect)
ratios="$work/ratios"
: > "$ratios"
for args in "--version" "targets show armv7-linux-gnueabihf" "inspect $small"; do
  read -ra argv <<< "$args"
  for v in "${variants[@]}"; do : > "$work/$v.ms"; done
  for i in $(seq 1 $((runs + 3))); do
    for v in "${variants[@]}"; do
      ms=$(run_variant "$v" "${argv[@]}")
      [ "$i" -gt 3 ] && echo "$ms" >> "$work/$v.ms"
    done
  done
  base=$(median 1 < "$work/hello.ms")
  base_cpu=$(median 2 < "$work/hello.ms")
  echo "crosskit $args (goal: <= ${goal[$args]}x hello; hello-world $base ms, $base_cpu ms CPU)"
  for v in "${variants[@]}"; do
    [ "$v" = hello ] && continue
    m=$(median 1 < "$work/$v.ms")
    c=$(median 2 < "$work/$v.ms")
    case $v in
      direct) label="java -jar" ;;
      source) label="bin/crosskit" ;;
      *) label=$v ;;
    esac
    awk -v v="$label" -v m="$m" -v b="$base" -v c="$c" -v bc="$base_cpu" 'BEGIN {
      printf "  %-13s %7.1f ms  %5.2fx hello   CPU %7.1f ms  %5.2fx hello\n", v, m, m / b, c, c / bc }'
    # for bench/all.sh: the command as users run it (bin/crosskit, the release), wall and CPU
    if [ "$v" = source ] || [ "$v" = released ]; then
      awk -v n="startup-${key[$args]}-$v" -v m="$m" -v b="$base" -v c="$c" -v bc="$base_cpu" -v g="${goal[$args]}" 'BEGIN {
        printf "RATIO %s-vs-hello %.2f <=%s\nRATIO %s-cpu-vs-hello %.2f <=%s\n", n, m / b, g, n, c / bc, g }' >> "$ratios"
    fi
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$ratios"
