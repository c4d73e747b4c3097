/* signals.queue_full_standard: many queued real-time signals never crowd
 * out a standard one: with 64 instances of a blocked real-time signal
 * pending, kill() of a blocked standard signal still succeeds, it is
 * pending, and on unblocking it arrives first, then all 64 in order. */

#include "contract.h"

#define RT_COUNT 64

static int usr1_seen, rt_seen, rt_in_order = 1, usr1_first = 1;

static void handler(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  if (sig == SIGUSR1) {
    usr1_seen++;
    if (rt_seen)
      usr1_first = 0;
    return;
  }
  if (si->si_code != SI_QUEUE || si->si_value.sival_int != rt_seen)
    rt_in_order = 0;
  rt_seen++;
}

int main(void) {
  int rt = SIGRTMIN + 3;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigfillset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(rt, &sa, NULL);
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, rt);
  sigprocmask(SIG_BLOCK, &block, NULL);

  int queued = 0;
  for (int i = 0; i < RT_COUNT; i++) {
    union sigval v;
    v.sival_int = i;
    if (sigqueue(getpid(), rt, v) == 0)
      queued++;
  }
  check(queued == RT_COUNT, "queue 64 real-time signals");
  errno = 0;
  int r = kill(getpid(), SIGUSR1);
  printf("kill SIGUSR1: %d errno=%s\n", r,
         errno == 0        ? "0"
         : errno == EAGAIN ? "EAGAIN"
                           : "other");
  check(r == 0, "kill with many queued");
  sigset_t pend;
  sigpending(&pend);
  check(sigismember(&pend, SIGUSR1) == 1, "SIGUSR1 pending");
  check(sigismember(&pend, rt) == 1, "real-time pending");

  sigprocmask(SIG_UNBLOCK, &block, NULL);
  printf("delivered: SIGUSR1 x%d, real-time x%d\n", usr1_seen, rt_seen);
  check(usr1_seen == 1 && rt_seen == RT_COUNT, "all delivered");
  check(usr1_first, "standard before real-time");
  check(rt_in_order, "real-time in order with values");

  return finish("queue_full_standard");
}
