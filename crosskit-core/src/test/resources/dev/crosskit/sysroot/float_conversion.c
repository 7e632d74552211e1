/* unsigned long long -> double: on 32-bit ARM a libgcc float helper (__aeabi_ul2d), ARMv7 code in the armhf gcc, ARMv5TE in armel's. */
#include <stdio.h>
int main(int argc, char **argv) {
  (void)argv;
  volatile unsigned long long v = 1234567890123ULL * (unsigned)argc;
  printf("%.1f\n", (double)v / 3.0);
  return 0;
}
