#include <stdio.h>
#include <string.h>
#include "ringbuf.h"

int main(int argc, char **argv) {
  struct ringbuf rb;
  unsigned char c;
  int ok = 0;
  rb_init(&rb);
  const char *name = argc > 1 ? argv[1] : "";
  if (strcmp(name, "push_pop") == 0) {
    ok = rb_push(&rb, 7) == 0 && rb_pop(&rb, &c) == 0 && c == 7 && rb_pop(&rb, &c) == -1;
  } else if (strcmp(name, "wrap") == 0) {
    ok = 1;
    for (int i = 0; i < 100; i++) ok &= rb_push(&rb, (unsigned char)i) == 0 && rb_pop(&rb, &c) == 0 && c == i;
  } else if (strcmp(name, "full") == 0) {
    for (int i = 0; i < 16; i++) rb_push(&rb, 1);
    ok = rb_push(&rb, 1) == -1;
  }
  return ok ? 0 : 1;
}
