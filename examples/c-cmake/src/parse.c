#include <ctype.h>
#include <stdint.h>
#include "calc.h"

int calc_parse_i64(const char *text, int64_t *out) {
  if (text == NULL || *text == '\0') return -1;
  int negative = 0;
  if (*text == '-' || *text == '+') negative = *text++ == '-';
  if (!isdigit((unsigned char)*text)) return -1;
  uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
  uint64_t value = 0;
  for (; *text; text++) {
    if (!isdigit((unsigned char)*text)) return -1;
    unsigned digit = (unsigned)(*text - '0');
    if (value > (limit - digit) / 10u) return -1;
    value = value * 10u + digit;
  }
  *out = negative ? (int64_t)(0u - value) : (int64_t)value;
  return 0;
}
