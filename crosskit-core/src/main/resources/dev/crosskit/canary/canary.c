/*
 * crosskit runtime self-test ("canary"): exercises what breaks first on a new target or a
 * misconfigured toolchain. Built with the target's toolchain and run under its runner; prints
 * one line per check and exits non-zero on the first failure.
 *
 * The build passes the target's facts: -DCK_BITS=32|64 and -DCK_BIG_ENDIAN=0|1.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
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

#define THREADS 4
#define ROUNDS 20000

static _Thread_local int tls_counter;
static atomic_long shared_atomic;
static long shared_locked;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;

static void *worker(void *arg) {
  long id = (long)(intptr_t)arg;
  for (int i = 0; i < ROUNDS; i++) {
    tls_counter++;
    atomic_fetch_add(&shared_atomic, 1);
    pthread_mutex_lock(&lock);
    shared_locked++;
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  ready++;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&lock);
  return (void *)(intptr_t)(tls_counter == ROUNDS ? id : -1);
}

static void check_threads(void) {
  pthread_t t[THREADS];
  int started = 1;
  for (long i = 0; i < THREADS; i++) {
    if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) != 0) started = 0;
  }
  check("pthread_create", started, "");
  if (!started) return;
  pthread_mutex_lock(&lock);
  while (ready < THREADS) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
  check("condition variable", ready == THREADS, "");
  int tls_ok = 1;
  for (long i = 0; i < THREADS; i++) {
    void *r;
    pthread_join(t[i], &r);
    if ((long)(intptr_t)r != i) tls_ok = 0;
  }
  check("thread-local storage", tls_ok && tls_counter == 0, "each thread saw only its own counter");
  char detail[64];
  snprintf(detail, sizeof detail, "%ld of %d", (long)atomic_load(&shared_atomic), THREADS * ROUNDS);
  check("atomics", atomic_load(&shared_atomic) == THREADS * ROUNDS, detail);
  check("mutex", shared_locked == THREADS * ROUNDS, "");
}

static void check_types(void) {
  char detail[96];
  snprintf(detail, sizeof detail, "pointer %d bits, long %d bits, expected %d", (int)(sizeof(void *) * 8),
           (int)(sizeof(long) * 8), CK_BITS);
  check("type sizes", sizeof(void *) * 8 == CK_BITS && sizeof(int64_t) == 8 && sizeof(int32_t) == 4, detail);
  uint32_t probe = 0x01020304;
  unsigned char first = *(unsigned char *)&probe;
  snprintf(detail, sizeof detail, "first byte 0x%02x", first);
  check("endianness", first == (CK_BIG_ENDIAN ? 0x01 : 0x04), detail);
}

static void check_arithmetic(void) {
  volatile uint64_t a = 0xFFFFFFFFull, b = 0x100000001ull;
  volatile int64_t n = -9000000000000000000LL;
  check("64-bit arithmetic", a * b == 0xFFFFFFFFFFFFFFFFull && n / 3 == -3000000000000000000LL
        && (uint64_t)n % 1000003u == 350930u, "");
  volatile double x = 2.0;
  double s = sqrt(x), e = exp(1.0), l = log(1000.0) / log(10.0);
  char detail[96];
  snprintf(detail, sizeof detail, "sqrt(2)=%.12f e=%.12f", s, e);
  check("floating point and libm", fabs(s * s - 2.0) < 1e-12 && fabs(e - 2.718281828459045) < 1e-12
        && fabs(l - 3.0) < 1e-12 && fabs(sin(3.14159265358979323846 / 6) - 0.5) < 1e-12, detail);
  volatile float f = 1.0f / 3.0f;
  check("single precision", fabsf(f * 3.0f - 1.0f) < 1e-6f, "");
}

static void check_memory(void) {
  size_t n = 1 << 20;
  unsigned char *p = malloc(n);
  int ok = p != NULL;
  if (ok) {
    memset(p, 0xA5, n);
    for (size_t i = 0; i < n; i += 4096) ok &= p[i] == 0xA5;
    free(p);
  }
  check("heap", ok, "");
}

#ifdef __cplusplus
extern "C"
#endif
int ck_canary_cxx(void);

int main(void) {
  printf("crosskit canary (%d-bit, %s-endian)\n", CK_BITS, CK_BIG_ENDIAN ? "big" : "little");
  check_types();
  check_arithmetic();
  check_memory();
  check_threads();
#ifdef CK_WITH_CXX
  failures += ck_canary_cxx();
#endif
  printf("canary: %s (%d failed)\n", failures ? "FAILED" : "passed", failures);
  return failures ? 1 : 0;
}
