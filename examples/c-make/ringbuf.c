#include "ringbuf.h"

void rb_init(struct ringbuf *rb) { rb->head = rb->tail = rb->count = 0; }

int rb_push(struct ringbuf *rb, unsigned char byte) {
  if (rb->count == sizeof rb->data) return -1;
  rb->data[rb->head] = byte;
  rb->head = (rb->head + 1) % sizeof rb->data;
  rb->count++;
  return 0;
}

int rb_pop(struct ringbuf *rb, unsigned char *byte) {
  if (rb->count == 0) return -1;
  *byte = rb->data[rb->tail];
  rb->tail = (rb->tail + 1) % sizeof rb->data;
  rb->count--;
  return 0;
}
