/* signals.sigtimedwait_rules: sigtimedwait takes a pending blocked signal
 * with its info instead of running the handler, times out with EAGAIN
 * (at once for a zero timeout, after the time for a positive one), and
 * rejects a bad timespec with EINVAL. */
#include <time.h>

#include "contract.h"

static volatile int handled;
static void handler(int sig) {
  (void)sig;
  handled++;
}

static long ms_since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

int main(void) {
  signal(SIGUSR2, handler);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR2);

  siginfo_t si;
  memset(&si, 0, sizeof si);
  struct timespec zero = {0, 0};
  int r = sigtimedwait(&set, &si, &zero);
  printf("took %s code=%s handled=%d\n", r == SIGUSR2 ? "SIGUSR2" : "other",
         si.si_code == SI_TKILL  ? "SI_TKILL"
         : si.si_code == SI_USER ? "SI_USER"
                                 : "other",
         handled);
  check(r == SIGUSR2 && si.si_signo == SIGUSR2, "pending signal taken");
  check(handled == 0, "handler did not run");

  errno = 0;
  r = sigtimedwait(&set, &si, &zero);
  check(r == -1 && errno == EAGAIN, "zero timeout EAGAIN");

  struct timespec t0, wait = {0, 30 * 1000000};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  errno = 0;
  r = sigtimedwait(&set, &si, &wait);
  long ms = ms_since(&t0);
  printf("timed out %s elapsed>=30ms %s\n", errno == EAGAIN ? "EAGAIN" : "?",
         ms >= 30 ? "yes" : "no");
  check(r == -1 && errno == EAGAIN && ms >= 30, "timeout after 30ms");

  struct timespec bad = {0, 1000000000};
  errno = 0;
  r = sigtimedwait(&set, &si, &bad);
  check(r == -1 && errno == EINVAL, "nsec 1e9 EINVAL");

  return finish("sigtimedwait_rules");
}
