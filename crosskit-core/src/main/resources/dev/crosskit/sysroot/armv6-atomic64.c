/* The 8-byte __atomic_* functions for ARMv6, which has no ldrexd/strexd: gcc calls these
   (libatomic's names) for 64-bit std::atomic and C11 _Atomic. Debian's armel libatomic.a picks
   its code through IFUNCs, which a static musl program cannot resolve, so crosskit puts these
   into the armv6 C++ toolchain's libatomic-ops.a instead. Each one goes through
   __sync_val_compare_and_swap_8, which armel's linux-atomic-64bit.o (next to it in the archive)
   implements with the kernel's cmpxchg64 helper, a full barrier: every memory order is served.
   Defined under other names with asm labels, as libatomic does, because gcc knows the
   __atomic_* names as built-ins. */
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t u64;

static inline u64 cas(volatile void *p, u64 expected, u64 desired) {
  return __sync_val_compare_and_swap((volatile u64 *)p, expected, desired);
}

/* The value before, after replacing it by f(value) in one compare-and-swap that succeeded. */
#define UPDATE(p, f)                        \
  u64 old = *(volatile u64 *)(p), seen;     \
  while ((seen = cas((p), old, (f))) != old) \
    old = seen;

u64 ck_load_8(const volatile void *p, int model) __asm__("__atomic_load_8");
u64 ck_load_8(const volatile void *p, int model) {
  (void)model;
  return cas((volatile void *)p, 0, 0);
}

void ck_store_8(volatile void *p, u64 v, int model) __asm__("__atomic_store_8");
void ck_store_8(volatile void *p, u64 v, int model) {
  (void)model;
  UPDATE(p, v)
}

u64 ck_exchange_8(volatile void *p, u64 v, int model) __asm__("__atomic_exchange_8");
u64 ck_exchange_8(volatile void *p, u64 v, int model) {
  (void)model;
  UPDATE(p, v)
  return old;
}

bool ck_compare_exchange_8(volatile void *p, void *expected, u64 desired, int success, int failure)
    __asm__("__atomic_compare_exchange_8");
bool ck_compare_exchange_8(volatile void *p, void *expected, u64 desired, int success, int failure) {
  (void)success;
  (void)failure;
  u64 want = *(u64 *)expected;
  u64 seen = cas(p, want, desired);
  if (seen == want) {
    return true;
  }
  *(u64 *)expected = seen;
  return false;
}

#define FETCH_OP(name, op)                                                                    \
  u64 ck_fetch_##name##_8(volatile void *p, u64 v, int model) __asm__("__atomic_fetch_" #name "_8"); \
  u64 ck_fetch_##name##_8(volatile void *p, u64 v, int model) {                               \
    (void)model;                                                                              \
    UPDATE(p, op)                                                                             \
    return old;                                                                               \
  }                                                                                           \
  u64 ck_##name##_fetch_8(volatile void *p, u64 v, int model) __asm__("__atomic_" #name "_fetch_8"); \
  u64 ck_##name##_fetch_8(volatile void *p, u64 v, int model) {                               \
    (void)model;                                                                              \
    UPDATE(p, op)                                                                             \
    return op;                                                                                \
  }

FETCH_OP(add, old + v)
FETCH_OP(sub, old - v)
FETCH_OP(and, old & v)
FETCH_OP(or, old | v)
FETCH_OP(xor, old ^ v)
FETCH_OP(nand, ~(old & v))
