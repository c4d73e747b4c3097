/* signals.mask_semantics: a blocked SIGUSR1 sent to oneself is not
 * delivered but stays pending; sent twice while blocked, it is still one
 * pending signal (standard signals do not queue), delivered exactly once
 * when it is unblocked, before sigprocmask returns. */

#include "contract.h"

static volatile sig_atomic_t delivered;

static void on_usr1(int sig) {
  (void)sig;
  delivered++;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction SIGUSR1");

  sigset_t usr1, pending;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  check(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0, "block SIGUSR1");

  check(kill(getpid(), SIGUSR1) == 0, "kill self SIGUSR1");
  printf("delivered while blocked %d\n", (int)delivered);
  check(delivered == 0, "not delivered while blocked");
  sigemptyset(&pending);
  check(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1) == 1,
        "SIGUSR1 pending");

  check(kill(getpid(), SIGUSR1) == 0, "kill self SIGUSR1 again");
  check(delivered == 0, "still not delivered");

  check(sigprocmask(SIG_UNBLOCK, &usr1, NULL) == 0, "unblock SIGUSR1");
  printf("delivered after unblock %d\n", (int)delivered);
  check(delivered == 1, "delivered once on unblock");
  sigemptyset(&pending);
  check(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1) == 0,
        "nothing pending after delivery");

  return finish("mask_semantics");
}
