/* ckcalc: a tiny library to cross-build and test with crosskit. */
#ifndef CALC_H
#define CALC_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CRC-32 (IEEE 802.3), the same value on every architecture and endianness. */
uint32_t calc_crc32(const void *data, size_t len);

/* Parses a decimal integer; returns 0 on success, -1 on bad input or overflow. */
int calc_parse_i64(const char *text, int64_t *out);

/* Mean and population standard deviation of n values (n > 0). */
double calc_mean(const double *v, size_t n);
double calc_stddev(const double *v, size_t n);

/* Writes the value as 8 big-endian bytes, whatever the host's byte order. */
void calc_store_be64(uint64_t value, unsigned char out[8]);

#ifdef __cplusplus
}
#endif
#endif
