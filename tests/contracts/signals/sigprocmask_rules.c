/* signals.sigprocmask_rules: a bad `how` is EINVAL only when a new set is
 * given, a wrong set size is EINVAL, SIGKILL and SIGSTOP are never blocked,
 * and BLOCK / UNBLOCK / SETMASK combine sets as documented. */

#include "contract.h"

#define BIT(s) (1UL << ((s)-1))

static long mask(int how, const unsigned long *set, unsigned long *old,
                 size_t size) {
  return rs(syscall(SYS_rt_sigprocmask, how, set, old, size));
}

int main(void) {
  unsigned long set = BIT(SIGUSR1), old = 0;
  check(mask(3, &set, NULL, 8) == -EINVAL, "how 3 with a set EINVAL");
  check(mask(-1, &set, NULL, 8) == -EINVAL, "how -1 with a set EINVAL");
  check(mask(3, NULL, &old, 8) == 0, "how 3 without a set ok");
  check(mask(SIG_BLOCK, &set, NULL, 4) == -EINVAL, "sigsetsize 4 EINVAL");
  check(mask(SIG_BLOCK, &set, NULL, 16) == -EINVAL, "sigsetsize 16 EINVAL");

  unsigned long all = ~0UL;
  check(mask(SIG_SETMASK, &all, NULL, 8) == 0, "block everything");
  check(mask(SIG_BLOCK, NULL, &old, 8) == 0, "read mask");
  check((old & BIT(SIGKILL)) == 0, "SIGKILL not blocked");
  check((old & BIT(SIGSTOP)) == 0, "SIGSTOP not blocked");
  check((old & BIT(SIGUSR1)) != 0, "SIGUSR1 blocked");
  check((old & BIT(SIGRTMIN + 5)) != 0, "real-time signal blocked");

  unsigned long none = 0, two = BIT(SIGUSR1) | BIT(SIGUSR2);
  mask(SIG_SETMASK, &none, NULL, 8);
  mask(SIG_BLOCK, &two, NULL, 8);
  unsigned long u1 = BIT(SIGUSR1);
  mask(SIG_UNBLOCK, &u1, &old, 8);
  check(old == two, "old mask is the union");
  mask(SIG_BLOCK, NULL, &old, 8);
  check(old == BIT(SIGUSR2), "unblock removed SIGUSR1 only");
  check(mask(SIG_SETMASK, &none, &old, 8) == 0 && old == BIT(SIGUSR2),
        "setmask returns previous");
  check(mask(SIG_BLOCK, &set, (void *)8, 8) == -EFAULT, "bad oldset EFAULT");

  return finish("sigprocmask_rules");
}
