#!/bin/sh
# crosskit: runs a bare-metal program under qemu-system with semihosting, for tools that put an
# emulator command in front of a program and its arguments (ctest's CMAKE_CROSSCOMPILING_EMULATOR,
# meson's exe_wrapper, Cargo's runner, make's RUNNER):
#
#   semihost-run CONFIG QEMU [QEMU-OPTION...] -- PROGRAM [ARG...]
#
# becomes  QEMU [QEMU-OPTION...] -semihosting-config CONFIG,arg=ARG... -kernel PROGRAM
# The arguments reach the program through semihosting (SYS_GET_CMDLINE): a comma in one is doubled,
# as QEMU's option syntax wants. Without arguments an empty one is given, or QEMU would pass the
# program's file name instead. The program's exit status (semihosting SYS_EXIT) is QEMU's.
set -eu
if [ "$#" -lt 1 ]; then
  echo "usage: $0 CONFIG QEMU [QEMU-OPTION...] -- PROGRAM [ARG...]" >&2
  exit 2
fi
config=$1
shift
count=0
for a do
  [ "$a" = "--" ] && break
  count=$((count + 1))
done
if [ "$count" -eq "$#" ] || [ "$count" -eq 0 ]; then
  echo "usage: $0 CONFIG QEMU [QEMU-OPTION...] -- PROGRAM [ARG...]" >&2
  exit 2
fi
# Rotate the QEMU words to the end: "$@" is the only list POSIX sh has.
i=0
while [ "$i" -lt "$count" ]; do
  set -- "$@" "$1"
  shift
  i=$((i + 1))
done
shift # the --
if [ "$#" -le "$count" ]; then
  echo "$0: no program after --" >&2
  exit 2
fi
program=$1
shift
args=$(($# - count))
if [ "$args" -eq 0 ]; then
  config="$config,arg="
fi
i=0
while [ "$i" -lt "$args" ]; do
  config="$config,arg=$(printf '%s' "$1" | sed 's/,/,,/g')"
  shift
  i=$((i + 1))
done
# No terminal as standard input: QEMU's stdio chardev would put it in raw mode (and leave it so if
# killed), and semihosting input does not work in QEMU 7.2 anyway.
exec "$@" -semihosting-config "$config" -kernel "$program" </dev/null
