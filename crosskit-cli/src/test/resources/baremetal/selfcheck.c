/*
 * A bare-metal program with its own checks, for the bare-metal integration tests. Without
 * arguments it runs the checks and exits 0; "fail" makes one check fail (exit 3); "hang" spins
 * forever after saying so. square() is where the debugger tests put their breakpoint.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks, failures;

static void check(int ok, const char *what) {
  checks++;
  if (ok) {
    printf("ok   %s\n", what);
  } else {
    failures++;
    printf("FAIL %s\n", what);
  }
}

__attribute__((noinline)) int square(int x) {
  return x * x;
}

static volatile uint32_t in_data = 0xc0ffee;
static uint32_t in_bss[8];

int main(int argc, char **argv) {
  int fail = argc > 1 && strcmp(argv[1], "fail") == 0;
  if (argc > 1 && strcmp(argv[1], "hang") == 0) {
    printf("spinning\n");
    fflush(stdout);
    for (;;) {
    }
  }
  check(square(12) == 144, "square");
  check(in_data == 0xc0ffee && in_bss[7] == 0, "data and bss");
  volatile double d = 10.0;
  check(d / 4.0 == 2.5, "double arithmetic");
  char *heap = malloc(256);
  check(heap != NULL, "malloc");
  free(heap);
  check(!fail, "the check 'fail' asks to fail");
  printf("selfcheck: %d/%d checks passed\n", checks - failures, checks);
  return failures ? 3 : 0;
}
