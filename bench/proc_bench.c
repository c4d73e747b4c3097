/* Process and thread costs, in ns per operation, as "name value" lines:
 * a fork + _exit + waitpid round trip, and one futex ping-pong exchange
 * between two threads (a wakes b, b wakes a). Run natively and in the
 * image by bench/proc_bench.sh; never a timed test. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

enum { FORKS = 2000, PINGS = 20000 };
static volatile uint32_t turn; /* 0: ping's turn, 1: pong's */

static void pass(uint32_t to) {
  turn = to;
  syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

static void await(uint32_t me) {
  while (turn != me)
    syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, !me, 0, 0, 0);
}

static void *pong(void *a) {
  (void)a;
  for (int i = 0; i < PINGS; i++) {
    await(1);
    pass(0);
  }
  return 0;
}

int main(void) {
  fflush(stdout);
  double t0 = now_ns();
  for (int i = 0; i < FORKS; i++) {
    pid_t c = fork();
    if (c == 0)
      _exit(0);
    int st;
    if (c < 0 || waitpid(c, &st, 0) != c) {
      printf("error fork %d\n", i);
      return 1;
    }
  }
  double t1 = now_ns();
  pthread_t t;
  pthread_create(&t, 0, pong, 0);
  double t2 = now_ns();
  for (int i = 0; i < PINGS; i++) {
    pass(1);
    await(0);
  }
  double t3 = now_ns();
  pthread_join(t, 0);
  printf("fork_exit_wait_ns %.0f\n", (t1 - t0) / FORKS);
  printf("futex_pingpong_ns %.0f\n", (t3 - t2) / PINGS);
  return 0;
}
