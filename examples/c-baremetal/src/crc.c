#include "crc.h"

static uint32_t table[256];
static int table_ready;

/* The table lives in RAM (.bss) and is filled on first use: a board whose RAM is not where the
 * program was linked for fails here. */
static void make_table(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) {
      c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    table[n] = c;
  }
  table_ready = 1;
}

uint32_t crc32_update(uint32_t crc, const void *data, size_t len) {
  if (!table_ready) {
    make_table();
  }
  const uint8_t *p = data;
  crc = ~crc;
  while (len--) {
    crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  }
  return ~crc;
}

uint32_t crc32(const void *data, size_t len) {
  return crc32_update(0, data, len);
}

uint16_t crc16_ccitt(const void *data, size_t len) {
  const uint8_t *p = data;
  uint16_t crc = 0xffff;
  while (len--) {
    crc ^= (uint16_t)(*p++ << 8);
    for (int k = 0; k < 8; k++) {
      crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
  }
  return crc;
}
