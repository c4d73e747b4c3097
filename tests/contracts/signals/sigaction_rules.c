/* signals.sigaction_rules: rt_sigaction keeps the flags Linux knows
 * (SA_SIGINFO, SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_ONSTACK) and drops
 * unknown bits; SIGKILL/SIGSTOP cannot be caught but can be queried; the
 * mask never holds SIGKILL/SIGSTOP; bad numbers and set sizes are EINVAL. */

#include "contract.h"

struct ksa {
  void (*handler)(int);
  unsigned long flags;
  void (*restorer)(void);
  unsigned long mask;
};

static void handler(int sig) {
  (void)sig;
}

static long ksigaction(int sig, const struct ksa *act, struct ksa *old,
                       size_t size) {
  return rs(syscall(SYS_rt_sigaction, sig, act, old, size));
}

int main(void) {
  struct ksa act, old;
  memset(&act, 0, sizeof act);
  act.handler = handler;
  act.flags = SA_SIGINFO | SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_ONSTACK |
              0x100; /* 0x100: a bit Linux does not define */
  act.mask =
      (1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)) | (1UL << (SIGUSR2 - 1));
  check(ksigaction(SIGUSR1, &act, NULL, 8) == 0, "set SIGUSR1");
  memset(&old, 0, sizeof old);
  check(ksigaction(SIGUSR1, NULL, &old, 8) == 0, "query SIGUSR1");
  unsigned long want =
      SA_SIGINFO | SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
  check((old.flags & want) == want, "known flags kept");
  check((old.flags & 0x100) == 0, "unknown flag dropped");
  check(old.handler == handler, "handler read back");
  check(old.mask == (1UL << (SIGUSR2 - 1)), "mask without SIGKILL/SIGSTOP");

  check(ksigaction(SIGKILL, &act, NULL, 8) == -EINVAL, "catch SIGKILL EINVAL");
  check(ksigaction(SIGSTOP, &act, NULL, 8) == -EINVAL, "catch SIGSTOP EINVAL");
  check(ksigaction(SIGKILL, NULL, &old, 8) == 0, "query SIGKILL ok");
  check(old.handler == SIG_DFL, "SIGKILL is SIG_DFL");
  check(ksigaction(0, NULL, &old, 8) == -EINVAL, "signal 0 EINVAL");
  check(ksigaction(65, NULL, &old, 8) == -EINVAL, "signal 65 EINVAL");
  check(ksigaction(SIGUSR1, NULL, &old, 4) == -EINVAL, "sigsetsize 4 EINVAL");
  check(ksigaction(SIGUSR1, (void *)8, NULL, 8) == -EFAULT, "bad act EFAULT");
  check(ksigaction(64, NULL, &old, 8) == 0, "signal 64 ok");

  return finish("sigaction_rules");
}
