/* threads.create_join: threads run with their own stacks, TLS and
 * results; pthread_join returns each result; gettid differs per thread
 * while getpid is shared. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 8

static __thread int tls_value;
static pid_t pids[N], tids[N];

static void *worker(void *arg) {
  int i = (int)(intptr_t)arg;
  tls_value = i * 100;
  long sum = 0;
  for (int k = 0; k <= 1000 * (i + 1); k++) {
    sum += k;
    if (k % 100 == 0)
      sched_yield();
  }
  pids[i] = getpid();
  tids[i] = (pid_t)syscall(SYS_gettid);
  return (void *)(intptr_t)(sum + tls_value - i * 100);
}

int main(void) {
  pthread_t t[N];
  tls_value = -1;
  for (int i = 0; i < N; i++)
    if (pthread_create(&t[i], 0, worker, (void *)(intptr_t)i)) {
      printf("CONTRACT_FAIL create_join: pthread_create\n");
      return 1;
    }
  int ok = 1;
  for (int i = 0; i < N; i++) {
    void *r;
    pthread_join(t[i], &r);
    long n = 1000L * (i + 1);
    long want = n * (n + 1) / 2;
    printf("thread %d: result %s\n", i, (intptr_t)r == want ? "ok" : "wrong");
    ok &= (intptr_t)r == want;
  }
  int ids = 1;
  for (int i = 0; i < N; i++) {
    ids &= pids[i] == getpid() && tids[i] != getpid();
    for (int k = 0; k < i; k++)
      ids &= tids[k] != tids[i];
  }
  printf("shared pid, distinct tids: %s\n", ids ? "ok" : "FAILED");
  printf("main TLS kept: %s\n", tls_value == -1 ? "ok" : "FAILED");
  if (!ok || !ids || tls_value != -1) {
    printf("CONTRACT_FAIL create_join: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS create_join\n");
  return 0;
}
