/*
 * crosskit runtime self-test ("canary") for bare-metal targets: what breaks first when a board's
 * memory layout, the C library's start-up code or semihosting is wrong. Built with the target's
 * toolchain (picolibc, the board's layout) and run on the board under QEMU; prints one line per
 * check through semihosting and exits non-zero when one fails.
 *
 * The build passes the target's facts: -DCK_BITS=32|64 and -DCK_BIG_ENDIAN=0|1.
 */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CK_BITS
#error "build with -DCK_BITS=32 or 64"
#endif
#ifndef CK_BIG_ENDIAN
#error "build with -DCK_BIG_ENDIAN=0 or 1"
#endif

static int failures;

static void check(const char *name, int ok, const char *detail) {
  printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, detail[0] ? ": " : "", detail);
  if (!ok) failures++;
}

/* .data must have been copied from flash and .bss cleared by the start-up code. */
static volatile uint32_t initialised = 0x12345678u;
static volatile uint32_t zeroed[16];
static _Thread_local int tls_value = 42;
static int constructed;
__attribute__((constructor)) static void construct(void) { constructed = 1; }
static jmp_buf jump;

__attribute__((noinline)) static void jump_back(void) { longjmp(jump, 7); }

int main(void) {
  char detail[96];

  check("pointer size", (int)sizeof(void *) * 8 == CK_BITS, "");
  union { uint32_t word; uint8_t bytes[4]; } probe = {0x01020304u};
  check("byte order", (probe.bytes[0] == 0x01) == CK_BIG_ENDIAN, "");

  check("data initialised", initialised == 0x12345678u, "");
  int all_zero = 1;
  for (int i = 0; i < 16; i++) all_zero &= zeroed[i] == 0;
  check("bss cleared", all_zero, "");
  check("constructors ran", constructed, "");
  check("thread-local storage", tls_value == 42, "");

  volatile uint64_t a = 0x123456789abcdefull, b = 977;
  snprintf(detail, sizeof detail, "%llu", (unsigned long long)(a / b));
  check("64-bit division", a / b == 83915587734377ull && a % b == 566, detail);

  volatile double x = 2.0;
  snprintf(detail, sizeof detail, "sqrt(2)=%.6f", sqrt(x));
  check("floating point and libm", fabs(sqrt(x) * sqrt(x) - 2.0) < 1e-12, detail);

  char *heap = malloc(4096);
  check("heap", heap != NULL, "");
  if (heap) {
    memset(heap, 0xa5, 4096);
    check("heap memory", (uint8_t)heap[4095] == 0xa5, "");
    free(heap);
  }

  volatile int jumped = 0;
  if (setjmp(jump) == 0) {
    jump_back();
  } else {
    jumped = 1;
  }
  check("setjmp/longjmp", jumped, "");

  printf("%s\n", failures ? "canary: FAILED" : "canary: all checks passed");
  return failures ? 1 : 0;
}
