/* signals.sigsuspend_mask: sigsuspend installs its mask, returns EINTR
 * once a handler has run (it never restarts, SA_RESTART or not), and the
 * old mask is back afterwards; rt_sigpending reports blocked pending
 * signals only. */

#include "contract.h"

static volatile int handled, usr1_blocked_in_handler;

static void handler(int sig) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  usr1_blocked_in_handler = sigismember(&cur, sig);
  handled++;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, NULL);

  sigset_t block, empty, pend, cur;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, SIGUSR2);
  sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  sigpending(&pend);
  check(sigismember(&pend, SIGUSR1) == 1, "SIGUSR1 pending while blocked");
  check(sigismember(&pend, SIGUSR2) == 0, "SIGUSR2 not pending");

  errno = 0;
  int r = sigsuspend(&empty);
  printf("sigsuspend returned %d errno=%s handled=%d\n", r,
         errno == EINTR ? "EINTR" : "other", handled);
  check(r == -1 && errno == EINTR && handled == 1, "EINTR after handler");
  check(usr1_blocked_in_handler == 1, "signal blocked in handler");
  sigprocmask(SIG_BLOCK, NULL, &cur);
  check(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2),
        "old mask restored");
  sigpending(&pend);
  check(!sigismember(&pend, SIGUSR1), "nothing pending");

  return finish("sigsuspend_mask");
}
