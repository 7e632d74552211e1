/* Threads, thread-local storage and atomics: what a cross toolchain + emulator must get right.
 * Usage: tlsdemo            -> prints the counts, exits 0 when they add up
 *        tlsdemo exit N     -> same, then exits with N (exit-code forwarding)
 *        tlsdemo cat        -> copies stdin to stdout in upper case (stdin forwarding) */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 20000

static atomic_long total;
static _Thread_local long mine;

static void *work(void *arg) {
  long id = (long)(intptr_t)arg;
  for (int i = 0; i < ROUNDS; i++) {
    mine += id + 1;
    atomic_fetch_add_explicit(&total, 1, memory_order_relaxed);
  }
  /* each thread sees only its own TLS counter */
  return (void *)(intptr_t)(mine == (long)ROUNDS * (id + 1) ? 0 : 1);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "cat") == 0) {
    int c;
    while ((c = getchar()) != EOF) putchar(toupper(c));
    return 0;
  }
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) {
    if (pthread_create(&t[i], NULL, work, (void *)(intptr_t)i) != 0) return 3;
  }
  int bad = 0;
  for (int i = 0; i < THREADS; i++) {
    void *r;
    pthread_join(t[i], &r);
    bad += (int)(intptr_t)r;
  }
  printf("threads=%d total=%ld tls=%s main-tls=%ld\n", THREADS, atomic_load(&total), bad ? "BAD" : "ok", mine);
  fflush(stdout);
  if (bad || atomic_load(&total) != (long)THREADS * ROUNDS || mine != 0) return 4;
  if (argc > 2 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
  return 0;
}
