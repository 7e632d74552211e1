#ifndef CKCRC_CRC_H
#define CKCRC_CRC_H
#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, reflected, as zlib and Ethernet compute it). */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);
uint32_t crc32(const void *data, size_t len);

/* CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xffff). */
uint16_t crc16_ccitt(const void *data, size_t len);

#endif
