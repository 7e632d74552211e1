/* Unit tests for the C library; the first argument names the test (one CTest test each). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "calc.h"

static int test_crc32(void) {
  return calc_crc32("123456789", 9) == 0xCBF43926u && calc_crc32("", 0) == 0;
}

static int test_parse(void) {
  int64_t v;
  return calc_parse_i64("-9223372036854775808", &v) == 0 && v == INT64_MIN
      && calc_parse_i64("9223372036854775807", &v) == 0 && v == INT64_MAX
      && calc_parse_i64("9223372036854775808", &v) == -1
      && calc_parse_i64("12x", &v) == -1 && calc_parse_i64("", &v) == -1;
}

static int test_stats(void) {
  double v[] = {2, 4, 4, 4, 5, 5, 7, 9};
  return fabs(calc_mean(v, 8) - 5.0) < 1e-12 && fabs(calc_stddev(v, 8) - 2.0) < 1e-12;
}

static int test_endian(void) {
  unsigned char b[8];
  calc_store_be64(0x0102030405060708ull, b);
  return b[0] == 1 && b[7] == 8;
}

int main(int argc, char **argv) {
  struct { const char *name; int (*fn)(void); } tests[] = {
    {"crc32", test_crc32}, {"parse", test_parse}, {"stats", test_stats}, {"endian", test_endian},
  };
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    if (argc > 1 && strcmp(argv[1], tests[i].name) == 0) {
      int ok = tests[i].fn();
      printf("%s: %s\n", tests[i].name, ok ? "ok" : "FAILED");
      return ok ? 0 : 1;
    }
  }
  fprintf(stderr, "unknown test\n");
  return 2;
}
