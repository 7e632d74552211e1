#include "calc.h"

uint32_t calc_crc32(const void *data, size_t len) {
  const unsigned char *p = data;
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

void calc_store_be64(uint64_t value, unsigned char out[8]) {
  for (int i = 7; i >= 0; i--) {
    out[i] = (unsigned char)(value & 0xFF);
    value >>= 8;
  }
}
