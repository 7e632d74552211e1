#!/usr/bin/env bash
# bench/matrix.sh and bench/cache.sh on two real projects of the corpus (bench/corpus): libyaml
# (autotools: long, single-threaded configure scripts) and cjson (CMake), each a fresh copy of its
# Debian source package, 4 Linux targets. Goals (issue 15): the matrix's wall time, canary
# included, within 1.15x the ideal; the rebuild after rm -rf target/ with a warm compile cache
# within 0.35x the cold build. Prints both scripts' figures and RATIO lines named per project.
#
#   bench/real-projects.sh [PROJECT...]      default: libyaml cjson
# RATIO matrix-libyaml-wall-vs-ideal <=1.15, RATIO cache-libyaml-warm-vs-cold <=0.35 (and cjson's)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(libyaml cjson)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
list=$(IFS=,; echo "${projects[*]}")
# Sources come through the corpus' private apt configuration (signed index), fetched once.
mapfile -t trees < <("$here/corpus/corpus.sh" -f -p "$list" 2>"$work/fetch.log" | grep '^/' || true)
[ ${#trees[@]} -eq ${#projects[@]} ] || { echo "bench: could not fetch ${projects[*]} (see bench/corpus/corpus.sh -f -p $list)" >&2; exit 2; }
for i in "${!projects[@]}"; do
  name=${projects[$i]}
  copy="$work/$name"
  cp -a "${trees[$i]}" "$copy"
  if [ -f "$here/corpus/projects/$name.toml" ]; then
    cp "$here/corpus/projects/$name.toml" "$copy/crosskit.toml"
  else
    "$here/../bin/crosskit" init -C "$copy" >/dev/null
  fi
  NAME=$name "$here/matrix.sh" "$copy"
  NAME=$name "$here/cache.sh" "$copy"
done
