/* ckcalc: crc32 of a text, or the mean and standard deviation of integers. */
#include <stdio.h>
#include <string.h>
#include "calc.h"

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "crc32") == 0) {
    printf("%08x\n", (unsigned)calc_crc32(argv[2], strlen(argv[2])));
    return 0;
  }
  if (argc > 2 && strcmp(argv[1], "stats") == 0) {
    double values[256];
    size_t n = 0;
    for (int i = 2; i < argc && n < 256; i++) {
      int64_t v;
      if (calc_parse_i64(argv[i], &v) != 0) {
        fprintf(stderr, "ckcalc: not a number: %s\n", argv[i]);
        return 1;
      }
      values[n++] = (double)v;
    }
    printf("n=%zu mean=%g stddev=%g\n", n, calc_mean(values, n), calc_stddev(values, n));
    return 0;
  }
  fprintf(stderr, "usage: ckcalc crc32 TEXT | ckcalc stats N...\n");
  return 2;
}
