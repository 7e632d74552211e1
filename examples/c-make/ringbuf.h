/* ringbuf: a fixed-size byte ring buffer. */
#ifndef RINGBUF_H
#define RINGBUF_H
#include <stddef.h>
struct ringbuf { unsigned char data[16]; size_t head, tail, count; };
void rb_init(struct ringbuf *rb);
int rb_push(struct ringbuf *rb, unsigned char byte); /* 0 ok, -1 full */
int rb_pop(struct ringbuf *rb, unsigned char *byte); /* 0 ok, -1 empty */
#endif
