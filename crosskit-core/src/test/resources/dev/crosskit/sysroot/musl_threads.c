/* A static musl program: threads, thread-local storage, 64-bit arithmetic, printf. */
#include <pthread.h>
#include <stdio.h>
static _Thread_local int tls = 7;
static void *work(void *arg) { tls += (int)(long)arg; return (void *)(long)tls; }
int main(void) {
  pthread_t t[4]; long sum = 0;
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); sum += (long)r; }
  unsigned long long big = 1234567890123ULL; unsigned d = 97;
  printf("musl threads tls ok sum=%ld main_tls=%d div=%llu\n", sum, tls, big / d);
  return sum == 34 ? 0 : 1;
}
