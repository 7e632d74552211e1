/* 64-bit division by a value known only at run time: needs libgcc's __aeabi_uldivmod on 32-bit ARM. */
#include <stdio.h>
int main(int argc, char **argv) {
  (void)argv;
  volatile unsigned long long big = 1234567890123ULL;
  volatile unsigned d = 96 + argc;
  printf("div=%llu\n", big / d);
  return 0;
}
