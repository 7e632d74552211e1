#!/usr/bin/env bash
# The files the --help examples name, made in the docs test's sandbox (argument 1): real
# binaries from the Debian cross compilers, so the examples run as a user's would.
set -euo pipefail
cd "$1/examples/c-cmake"
cat > hello.c <<'C'
#include <stdio.h>
#include <string.h>
int parse(const char *s) { return (int) strlen(s); }
int main(int argc, char **argv) {
  char line[256];
  if (argc > 1 && strcmp(argv[1], "--verbose") != 0) {
    FILE *f = fopen(argv[1], "r");
    if (f) { while (fgets(line, sizeof line, f)) parse(line); fclose(f); }
  } else if (argc == 1 && !isatty(0)) {
    while (fgets(line, sizeof line, stdin)) fputs(line, stdout);
  }
  puts("hello");
  return 0;
}
C
sed -i '1i #include <unistd.h>' hello.c
mkdir -p build bin dist .cargo "$HOME/src/zlib" "$HOME/sdks" "$HOME/.zfunc" "$HOME/.config/fish/completions"
aarch64-linux-gnu-gcc -g -O0 -o hello hello.c
arm-linux-gnueabihf-gcc -g -O0 -o tool hello.c
riscv64-linux-gnu-gcc -O2 -o filter hello.c
aarch64-linux-gnu-gcc -O2 -static -o build/app hello.c
x86_64-w64-mingw32-gcc -O2 -o build/tests.exe hello.c
arm-linux-gnueabihf-gcc -O2 -static -o dist/pi-tool hello.c
gcc -O2 -Wl,-z,relro,-z,now -o bin/hello hello.c
echo "first line" > in.txt
tar -czf rootfs.tgz -T /dev/null
cat > prog.c <<'C'
#include <stdio.h>
int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  return 0;
}
C
printf '#!/bin/sh\nexit 0\n' > "$HOME/src/zlib/configure"
chmod +x "$HOME/src/zlib/configure"
# an autoconf-style project: its configure takes --host, its Makefile builds with $CC
mkdir -p "$HOME/src/hello"
cp hello.c "$HOME/src/hello/"
printf '#!/bin/sh\nexit 0\n' > "$HOME/src/hello/configure"
chmod +x "$HOME/src/hello/configure"
printf 'hello: hello.c\n\t$(CC) -O2 -o hello hello.c $(LDFLAGS)\n' > "$HOME/src/hello/Makefile"
printf 'max-glibc = "2.36"\nno-host-paths = false\n' > release-policy.toml
# a CI job's output directory, as `crosskit test --out ci-out` leaves it
mkdir -p ci-out
cat > ci-out/report.json <<JSON
{"schemaVersion": 1, "project": "ckcalc", "command": "test", "projectDir": "$PWD", "outDir": "$PWD/ci-out",
 "started": "2026-01-01T00:00:00Z", "seconds": 1.0, "jobs": 2, "targets": [{"target": "x86_64-linux-gnu",
 "toolchain": "gcc", "runner": "native", "emulated": false, "steps": [{"step": "build", "status": "PASSED",
 "seconds": 1.0, "summary": "2 steps"}], "tests": [], "artifacts": [], "seconds": 1.0, "cached": false}]}
JSON
# the report.json of an earlier run, for plan --timings
mkdir -p last
cp ci-out/report.json last/report.json
# CI shards' output directories, as `crosskit merge` and `crosskit plan --timings` read them (apart
# from the example, so merging does not replace its report)
mkdir -p "$1/ci/shard-1/target/crosskit" "$1/ci/shard-2/target/crosskit" "$1/ci/downloads/a" "$1/ci/downloads/b" "$1/ci/last"
cp ci-out/report.json "$1/ci/last/report.json"
cp ci-out/report.json "$1/ci/shard-1/target/crosskit/report.json"
sed 's/x86_64-linux-gnu/aarch64-linux-gnu/' ci-out/report.json > "$1/ci/shard-2/target/crosskit/report.json"
cp "$1/ci/shard-1/target/crosskit/report.json" "$1/ci/downloads/a/"
cp "$1/ci/shard-2/target/crosskit/report.json" "$1/ci/downloads/b/"
