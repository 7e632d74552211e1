#!/usr/bin/env bash
# The corpus: real open-source projects, fetched as Debian source packages at run time, built and
# tested with `crosskit test` for several targets, each compared with the project's own build for
# the same target and compiler (`./configure && make`, cmake, meson, make, with the project's
# defaults): the `.text` size of its main library or program must match (optimisation parity).
#
#   bench/corpus/corpus.sh [-p PROJECT,...] [-t TARGET,...] [-w WORKDIR] [-o RESULTS.md] [-j JOBS]
#   bench/corpus/corpus.sh -f [-p PROJECT,...]     fetch only: print each project's source tree
#
# Defaults: every project in projects.tsv, the targets x86_64-linux-gnu, aarch64-linux-gnu,
# armv7-linux-gnueabihf, riscv64-linux-gnu and x86_64-linux-musl, results in
# bench/corpus/RESULTS.md. Sources are fetched once into $CROSSKIT_HOME/corpus (else
# ~/.cache/crosskit/corpus) through a private apt configuration with one deb-src line; apt checks
# them against the archive's signed index, and the host's apt state is not touched.
#
# Besides RESULTS.md it writes WORKDIR/results.tsv, one line per cell:
#   project target status tests_passed tests_failed tests_skipped text ref_text ratio seconds why whole
# status is passed, failed or unavailable (the source could not be fetched); whole is "whole suite"
# when the project's tests report no names of their own (one `make check` counted as one test). Exit 0 when every
# cell passed with a ratio in 0.95-1.05, 1 otherwise, 2 on bad usage.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
ck="$root/bin/crosskit"
projects=""
targets="x86_64-linux-gnu,aarch64-linux-gnu,armv7-linux-gnueabihf,riscv64-linux-gnu,x86_64-linux-musl"
work=""
results="$here/RESULTS.md"
jobs=2
fetch_only=""
usage() { echo "usage: bench/corpus/corpus.sh [-f] [-p PROJECT,...] [-t TARGET,...] [-w WORKDIR] [-o RESULTS.md] [-j JOBS]" >&2; exit 2; }
while getopts "fp:t:w:o:j:h" opt; do
  case $opt in
    f) fetch_only=1 ;;
    p) projects=$OPTARG ;;
    t) targets=$OPTARG ;;
    w) work=$OPTARG ;;
    o) results=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) usage ;;
  esac
done
[ $OPTIND -gt $# ] || usage
for tool in apt-get dpkg-source jq readelf timeout; do
  command -v "$tool" >/dev/null || { echo "corpus: $tool is missing (see bin/test-packages.txt)" >&2; exit 2; }
done
if [ -z "$work" ]; then
  work=$(mktemp -d)
  [ -z "$fetch_only" ] || trap 'rm -rf "$work"' EXIT   # fetch logs only: nothing to keep once printed
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
cache="${CROSSKIT_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/crosskit}/corpus"
mkdir -p "$cache"

# --- the project list -------------------------------------------------------------------------
declare -A SOURCE SUBDIR KIND ARTIFACT
order=()
while read -r name pkg subdir kind artifact; do
  case $name in ''|'#'*) continue ;; esac
  SOURCE[$name]=$pkg SUBDIR[$name]=$subdir KIND[$name]=$kind ARTIFACT[$name]=$artifact
  order+=("$name")
done <"$here/projects.tsv"
if [ -n "$projects" ]; then
  IFS=, read -r -a order <<<"$projects"
  for p in "${order[@]}"; do
    [ -n "${SOURCE[$p]:-}" ] || { echo "corpus: unknown project '$p' (see bench/corpus/projects.tsv)" >&2; exit 2; }
  done
fi
IFS=, read -r -a tlist <<<"$targets"

# --- fetching sources: a private apt configuration, one deb-src line ---------------------------
apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/src"
echo 'deb-src http://deb.debian.org/debian bookworm main' >"$apt_dir/sources.list"
apt_private() {
  timeout -k 10 600 apt-get -q -o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" -o Debug::NoLocking=1 \
    -o APT::Sandbox::User=root "$@"
}
updated=""
# fetch PKG: prints the unpacked tree (the newest one in the cache), fetching it first when absent
fetch() {
  local pkg=$1 dir
  dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  if [ -z "$dir" ]; then
    if [ -z "$updated" ]; then
      apt_private update >"$work/apt-update.log" 2>&1 || { echo "corpus: apt-get update failed, see $work/apt-update.log" >&2; return 1; }
      updated=1
    fi
    (cd "$cache/src" && apt_private source -- "$pkg") >"$work/fetch-$pkg.log" 2>&1 || return 1
    dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  fi
  [ -n "$dir" ] && echo "$dir"
}
# the Debian version of a fetched source, from its .dsc
version_of() {
  local dsc
  dsc=$(find "$cache/src" -maxdepth 1 -name "$1_*.dsc" | sort | tail -1)
  [ -n "$dsc" ] && sed -n 's/^Version: //p' "$dsc" | head -1
}

# --- the project's own build, by hand, for one target ------------------------------------------
# The same cross compiler crosskit uses, the project's default flags, no crosskit involved.
triple() {
  case $1 in
    x86_64-linux-gnu) echo x86_64-linux-gnu ;;
    aarch64-linux-gnu) echo aarch64-linux-gnu ;;
    armv7-linux-gnueabihf) echo arm-linux-gnueabihf ;;
    riscv64-linux-gnu) echo riscv64-linux-gnu ;;
    *) return 1 ;;
  esac
}
cpu_family() { case $1 in arm-*) echo arm ;; *) echo "${1%%-*}" ;; esac; }
reference_build() { # name target dir: builds in dir, prints nothing; the log is dir/ref.log
  local name=$1 target=$2 dir=$3 t cc pfx
  t=$(triple "$target") || return 1
  if [ "$target" = x86_64-linux-gnu ]; then cc=gcc pfx=""; else cc=$t-gcc pfx=$t-; fi
  (
    cd "$dir" || exit 1
    # Makefiles that run what they build (bzip2's `all` runs its tests) start target programs
    # through binfmt_misc's qemu, which finds the target's libraries here
    [ -z "$pfx" ] || export QEMU_LD_PREFIX=/usr/$t
    case ${KIND[$name]} in
      autotools)
        [ -x configure ] || autoreconf -fi || exit 1
        if [ -z "$pfx" ]; then ./configure; else ./configure --host="$t" --build=x86_64-linux-gnu; fi && make -j"$jobs" ;;
      zlibconf)
        CHOST=$t ./configure && make -j"$jobs" ;;
      make)
        make -j"$jobs" CC="$cc" AR="${pfx}ar" RANLIB="${pfx}ranlib" ;;
      cmake)
        args=()
        [ -z "$pfx" ] || args=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="${t%%-*}" -DCMAKE_C_COMPILER="$cc")
        cmake -S . -B _ref -G Ninja "${args[@]}" && cmake --build _ref -j "$jobs" ;;
      meson)
        args=()
        if [ -n "$pfx" ]; then
          printf "[binaries]\nc = '%s'\nar = '%sar'\nstrip = '%sstrip'\n[host_machine]\nsystem = 'linux'\ncpu_family = '%s'\ncpu = '%s'\nendian = 'little'\n" \
            "$cc" "$pfx" "$pfx" "$(cpu_family "$t")" "${t%%-*}" >_ref.ini
          args=(--cross-file _ref.ini)
        fi
        meson setup _ref "${args[@]}" && meson compile -C _ref -j "$jobs" ;;
    esac
  ) >"$dir/ref.log" 2>&1
}
# text_of FILE: the size of its .text section in bytes
text_of() {
  local hex
  hex=$(readelf -SW "$1" 2>/dev/null | awk '$2 == ".text" {print $6} $3 == ".text" {print $7}' | head -1)
  [ -n "$hex" ] && echo $((16#$hex))
}
# find_artifact DIR GLOB: the real file (not a link) of that name under DIR, shortest path first
find_artifact() {
  find "$1" -type f -name "$2" -not -name '*.debug' 2>/dev/null | awk '{print length, $0}' | sort -n | head -1 | cut -d' ' -f2-
}

if [ -n "$fetch_only" ]; then
  for name in "${order[@]}"; do
    src=$(fetch "${SOURCE[$name]}") || { echo "corpus: cannot fetch ${SOURCE[$name]}:" >&2; tail -3 "$work/fetch-${SOURCE[$name]}.log" >&2; exit 1; }
    echo "$src/${SUBDIR[$name]}" | sed 's|/\.$||'
  done
  exit 0
fi

# --- the table (written after each project, so a long run shows its progress) -------------------
write_results() {
  cells=$(wc -l <"$tsv")
  passed=$(awk -F'\t' '$3 == "passed"' "$tsv" | wc -l)
  bad_ratio=$(awk -F'\t' '$9 != "-" && ($9 < 0.95 || $9 > 1.05)' "$tsv" | wc -l)
  {
    echo "# crosskit corpus results"
    echo
    echo "$started, $version, bench/corpus/corpus.sh -p $(IFS=,; echo "${order[*]}") -t $targets"
    echo
    echo "Every cell: \`crosskit test\` for the target (build, verify, canary, the project's own test suite;"
    echo "emulated targets run under qemu-user). \`.text\` is the size of the project's main library or"
    echo "program built by crosskit, and its ratio to the project's own build for the same target and"
    echo "compiler (\`./configure && make\`, cmake, meson or make with the project's defaults). musl"
    echo "builds are static, so they have no shared library to compare."
    echo
    echo "| project | version | target | result | tests passed/failed/skipped | .text | own build | ratio | time (s) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    while IFS=$'\t' read -r p t st np nf ns text ref ratio secs why whole; do
      res=$st
      # empty fields are written as "-": read would merge adjacent tabs
      [ "$why" = - ] || res="$st: ${why//|/\\|}"
      [ "$whole" != - ] || whole=""
      echo "| $p | $(version_of "${SOURCE[$p]}") | $t | $res | $np/$nf/$ns${whole:+ ($whole)} | $text | $ref | $ratio | $secs |"
    done <"$tsv"
    echo
    echo "$passed of $cells cells passed ($(( cells ? 100 * passed / cells : 0 )) %); $bad_ratio ratios outside 0.95-1.05;" \
      "$(( ($(date +%s) - t0) / 60 )) minutes in all (each cell's crosskit build and tests, plus the project's own build)."
  } >"$results"
}

# --- the cells --------------------------------------------------------------------------------
tsv="$work/results.tsv"
: >"$tsv"
version=$("$ck" --version 2>/dev/null | head -1)
started=$(date -u +"%Y-%m-%d %H:%M UTC")
t0=$(date +%s)
for name in "${order[@]}"; do
  src=$(fetch "${SOURCE[$name]}")
  if [ -z "$src" ]; then
    why=$(grep -m1 '^E:' "$work/fetch-${SOURCE[$name]}.log" 2>/dev/null || echo "apt-get source failed")
    for t in "${tlist[@]}"; do
      printf '%s\t%s\tunavailable\t0\t0\t0\t-\t-\t-\t0\t%s\n' "$name" "$t" "${why//$'\t'/ }" >>"$tsv"
    done
    continue
  fi
  ver=$(version_of "${SOURCE[$name]}")
  echo "== $name ${ver:-?} ($(basename "$src"))" >&2
  # crosskit: one `crosskit test` for all targets, in a fresh copy with the project's crosskit.toml
  ckdir="$work/ck/$name"
  rm -rf "$ckdir"
  mkdir -p "$ckdir"
  cp -a "$src/." "$ckdir/"
  proj="$ckdir/${SUBDIR[$name]}"
  if [ -f "$here/projects/$name.toml" ]; then
    cp "$here/projects/$name.toml" "$proj/crosskit.toml"
  else
    "$ck" init -C "$proj" >"$ckdir/init.log" 2>&1
  fi
  targs=()
  for t in "${tlist[@]}"; do targs+=(-t "$t"); done
  out="$work/out/$name"
  rm -rf "$out"
  timeout -k 30 7200 "$ck" test -C "$proj" --out "$out" -j "$jobs" "${targs[@]}" >"$work/ck-$name.log" 2>&1
  for t in "${tlist[@]}"; do
    rep=$(jq -c --arg t "$t" '.targets[] | select(.target == $t)' "$out/report.json" 2>/dev/null)
    if [ -z "$rep" ]; then
      printf '%s\t%s\tfailed\t0\t0\t0\t-\t-\t-\t0\t%s\n' "$name" "$t" "no report (see $work/ck-$name.log)" >>"$tsv"
      continue
    fi
    failed_steps=$(jq -r '[.steps[] | select(.status == "FAILED") | "\(.step): \(.summary)"] | join("; ") | gsub("\t"; " ")' <<<"$rep")
    status=passed
    [ -z "$failed_steps" ] || status=failed
    read -r np nf ns < <(jq -r '[([.tests[] | select(.status == "passed")] | length),
        ([.tests[] | select(.status == "failed")] | length), ([.tests[] | select(.status == "skipped")] | length)] | @tsv' <<<"$rep")
    secs=$(jq -r '.seconds' <<<"$rep")
    # a suite that reports no test names (a Makefile's `check` rule) is counted as one test
    whole=$(jq -r 'if ([.tests[]] | length) == 1 and .tests[0].name == "tests" then "whole suite" else "" end' <<<"$rep")
    art=$(find_artifact "$out/$t/artifacts" "${ARTIFACT[$name]}")
    text=-; ref=-; ratio=-
    [ -z "$art" ] || text=$(text_of "$art")
    # the project's own build for the same target (musl builds are static: no shared library to compare)
    if triple "$t" >/dev/null; then
      refdir="$work/ref/$name/$t"
      rm -rf "$refdir"
      mkdir -p "$refdir"
      cp -a "$src/." "$refdir/"
      if reference_build "$name" "$t" "$refdir/${SUBDIR[$name]}"; then
        refart=$(find_artifact "$refdir" "${ARTIFACT[$name]}")
        [ -z "$refart" ] || ref=$(text_of "$refart")
      else
        ref="ref-failed"
      fi
      if [[ "$text" =~ ^[0-9]+$ && "$ref" =~ ^[0-9]+$ ]]; then
        ratio=$(awk -v a="$text" -v b="$ref" 'BEGIN {printf "%.3f", a / b}')
      fi
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$t" "$status" "$np" "$nf" "$ns" "${text:--}" "${ref:--}" \
      "$ratio" "$secs" "${failed_steps:--}" "${whole:--}" >>"$tsv"
  done
  write_results
done
write_results
cat "$results"

[ "$passed" = "$cells" ] && [ "$bad_ratio" = 0 ]
