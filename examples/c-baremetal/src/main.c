/* ckcrc: prints the CRC-32 of each argument (or of a built-in message). */
#include <stdio.h>
#include <string.h>

#include "crc.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    const char *msg = "hello from bare metal";
    printf("crc32(%s) = %08lx\n", msg, (unsigned long)crc32(msg, strlen(msg)));
    return 0;
  }
  for (int i = 1; i < argc; i++) {
    printf("crc32(%s) = %08lx\n", argv[i], (unsigned long)crc32(argv[i], strlen(argv[i])));
  }
  return 0;
}
