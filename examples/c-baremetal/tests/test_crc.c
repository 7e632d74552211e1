/* Known CRC values; exits with the number of failures. */
#include <stdio.h>
#include <string.h>

#include "crc.h"

static int failures;

static void expect(const char *what, unsigned long got, unsigned long want) {
  if (got == want) {
    printf("ok   %s = %lx\n", what, got);
  } else {
    printf("FAIL %s = %lx, want %lx\n", what, got, want);
    failures++;
  }
}

int main(void) {
  const char *check = "123456789";
  expect("crc32(\"123456789\")", crc32(check, 9), 0xcbf43926ul);
  expect("crc32(\"\")", crc32("", 0), 0);
  expect("crc32 in two parts", crc32_update(crc32(check, 4), check + 4, 5), 0xcbf43926ul);
  expect("crc16-ccitt(\"123456789\")", crc16_ccitt(check, 9), 0x29b1);
  static unsigned char zeros[4096];
  expect("crc32(4 KiB of zeros)", crc32(zeros, sizeof zeros), 0xc71c0011ul);
  printf("%d failure(s)\n", failures);
  return failures;
}
