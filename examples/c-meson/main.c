#include <stdio.h>
#include <string.h>
#include "wc.h"

int main(int argc, char **argv) {
  if (argc != 3 || strcmp(argv[1], "-w") != 0) {
    fprintf(stderr, "usage: wordcount -w TEXT\n");
    return 2;
  }
  struct wc_counts c = wc_count(argv[2], strlen(argv[2]));
  printf("%zu\n", c.words);
  return c.words == 3 ? 0 : 1;
}
