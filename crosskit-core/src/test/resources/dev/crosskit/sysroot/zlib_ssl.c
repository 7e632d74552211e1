/* Uses zlib and OpenSSL (libcrypto) found through pkg-config in a cross sysroot, and a thread. */
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

static const char text[] = "crosskit crosskit crosskit crosskit crosskit crosskit";

static void *digest(void *out) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL);
  for (unsigned int i = 0; i < 4; i++) {
    sprintf((char *)out + 2 * i, "%02x", md[i]);
  }
  return NULL;
}

int main(void) {
  unsigned char packed[256], unpacked[256];
  uLongf plen = sizeof packed, ulen = sizeof unpacked;
  if (compress(packed, &plen, (const Bytef *)text, sizeof text) != Z_OK) return 2;
  if (uncompress(unpacked, &ulen, packed, plen) != Z_OK || memcmp(unpacked, text, sizeof text) != 0) return 3;
  char hex[16] = {0};
  pthread_t t;
  if (pthread_create(&t, NULL, digest, hex) != 0 || pthread_join(t, NULL) != 0) return 4;
  printf("zlib %s roundtrip %lu->%lu sha256 %s openssl %d\n", zlibVersion(), (unsigned long)sizeof text,
         (unsigned long)plen, hex, OPENSSL_VERSION_NUMBER >= 0x10100000L);
  return 0;
}
