#include <stdio.h>
#include <string.h>
#include "ringbuf.h"

/* Echoes its argument through the ring buffer, 16 bytes at a time. */
int main(int argc, char **argv) {
  struct ringbuf rb;
  rb_init(&rb);
  const char *s = argc > 1 ? argv[1] : "ringbuf";
  size_t n = strlen(s), i = 0;
  while (i < n) {
    while (i < n && rb_push(&rb, (unsigned char)s[i]) == 0) i++;
    unsigned char c;
    while (rb_pop(&rb, &c) == 0) putchar(c);
  }
  putchar('\n');
  return 0;
}
