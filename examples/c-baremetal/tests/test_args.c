/* The arguments ctest gives reach the program on the board (semihosting SYS_GET_CMDLINE). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    printf("argv[%d] = %s\n", i, argv[i]);
  }
  int ok = argc == 4 && strcmp(argv[1], "one") == 0 && strcmp(argv[2], "two,three") == 0 && strcmp(argv[3], "4") == 0;
  printf("%s\n", ok ? "arguments ok" : "FAIL: expected one, two,three, 4");
  return ok ? 0 : 1;
}
