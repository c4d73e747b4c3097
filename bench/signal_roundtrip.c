/* Signal delivery round trip (raise -> handler -> rt_sigreturn) and a null
 * syscall round trip, in ns per operation, as "name value" lines. Run
 * natively and in the image by bench/signal_bench.sh; never a timed test. */
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile long hits;
static void handler(int sig) { (void)sig; hits++; }

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void) {
  enum { N = 20000 };
  signal(SIGUSR1, handler);
  long pid = getpid(), tid = syscall(SYS_gettid);
  double t0 = now_ns();
  for (int i = 0; i < N; i++)
    syscall(SYS_getppid);
  double t1 = now_ns();
  for (int i = 0; i < N; i++)
    syscall(SYS_tgkill, pid, tid, SIGUSR1); /* delivered before it returns */
  double t2 = now_ns();
  if (hits != N) {
    printf("error %ld deliveries\n", hits);
    return 1;
  }
  printf("null_syscall_ns %.0f\n", (t1 - t0) / N);
  printf("signal_roundtrip_ns %.0f\n", (t2 - t1) / N);
  return 0;
}
