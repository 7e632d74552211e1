#ifndef CHECKSUM_H
#define CHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/* Adler-32 of len bytes (RFC 1950). */
uint32_t ck_adler32(const unsigned char *data, size_t len);

/* sizeof(long) * 8 on the target: 32 on Windows and 32-bit Linux, 64 on 64-bit Linux. */
int ck_long_bits(void);
#endif
