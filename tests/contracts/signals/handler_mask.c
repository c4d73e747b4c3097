/* signals.handler_mask: while a handler runs, its sa_mask and the signal
 * itself are blocked (not with SA_NODEFER, where the same signal nests);
 * the old mask comes back after the handler; SA_RESETHAND puts SIG_DFL
 * back on delivery. */

#include "contract.h"

static volatile int depth, max_depth, calls, self_blocked, usr2_blocked;

static void handler(int sig) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  self_blocked = sigismember(&cur, sig);
  usr2_blocked = sigismember(&cur, SIGUSR2);
  depth++;
  calls++;
  if (depth > max_depth)
    max_depth = depth;
  if (calls == 1)
    raise(sig); /* nests only with SA_NODEFER */
  depth--;
}

static void install(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaction(SIGUSR1, &sa, NULL);
  depth = max_depth = calls = 0;
}

int main(void) {
  install(0);
  raise(SIGUSR1);
  printf("default: calls=%d max_depth=%d\n", calls, max_depth);
  check(calls == 2 && max_depth == 1, "raise inside handler waits");
  check(usr2_blocked == 1, "sa_mask blocked in handler");
  check(self_blocked == 1, "signal blocked in its handler");
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  check(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2),
        "mask restored after handler");

  install(SA_NODEFER);
  raise(SIGUSR1);
  printf("nodefer: calls=%d max_depth=%d\n", calls, max_depth);
  check(calls == 2 && max_depth == 2, "SA_NODEFER nests");
  check(self_blocked == 0, "SA_NODEFER leaves it unblocked");

  install(SA_RESETHAND);
  calls = 10; /* no raise from the handler: SIG_DFL would kill */
  struct sigaction old;
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  sigprocmask(SIG_UNBLOCK, &block, NULL); /* handler runs once here */
  sigaction(SIGUSR1, NULL, &old);
  printf("resethand: calls=%d now %s\n", calls - 10,
         old.sa_handler == SIG_DFL ? "SIG_DFL" : "handler");
  check(calls == 11 && old.sa_handler == SIG_DFL, "SA_RESETHAND resets");

  return finish("handler_mask");
}
