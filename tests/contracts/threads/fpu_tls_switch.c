/* threads.fpu_tls_switch: threads preempted in the middle of floating
 * point work and of TLS updates keep their own registers and thread
 * pointer: every thread's result is exactly the single-threaded one. */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define STEPS 3000000

static __thread double acc;
static __thread long counter;

static double run(int seed) {
  acc = seed;
  counter = 0;
  double x = 1.0 + seed / 8.0;
  for (long i = 0; i < STEPS; i++) {
    acc = acc * 0.999999 + x / (i + 1.0);
    counter++;
  }
  return acc + (double)counter;
}

static double results[N];

static void *worker(void *a) {
  long i = (long)a;
  results[i] = run((int)i);
  return 0;
}

int main(void) {
  double want[N];
  for (int i = 0; i < N; i++)
    want[i] = run(i);
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  int ok = 1;
  for (int i = 0; i < N; i++) {
    printf("thread %d: %s\n", i, results[i] == want[i] ? "same" : "differs");
    ok &= results[i] == want[i];
  }
  if (!ok) {
    printf("CONTRACT_FAIL fpu_tls_switch: see above\n");
    return 1;
  }
  printf("CONTRACT_PASS fpu_tls_switch\n");
  return 0;
}
