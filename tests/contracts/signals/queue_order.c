/* signals.queue_order: real-time signals queue every instance in order
 * (lowest number first, FIFO per number, each with its value); a standard
 * signal sent twice while blocked is delivered once; standard signals go
 * before real-time ones. */

#include "contract.h"

static char log_buf[256];
static int log_len;

static void handler(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  const char *name = sig == SIGUSR1        ? "USR1"
                     : sig == SIGUSR2      ? "USR2"
                     : sig == SIGRTMIN + 1 ? "RT1"
                                           : "RT2";
  log_len +=
      snprintf(log_buf + log_len, sizeof log_buf - log_len, "%s:%d ", name,
               si->si_code == SI_QUEUE ? si->si_value.sival_int : 0);
}

int main(void) {
  int sigs[] = {SIGUSR1, SIGUSR2, SIGRTMIN + 1, SIGRTMIN + 2};
  sigset_t block;
  sigemptyset(&block);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigfillset(&sa.sa_mask); /* handlers do not nest: the order is plain */
  for (int i = 0; i < 4; i++) {
    sigaction(sigs[i], &sa, NULL);
    sigaddset(&block, sigs[i]);
  }
  sigprocmask(SIG_BLOCK, &block, NULL);

  union sigval v;
  v.sival_int = 1;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  v.sival_int = 2;
  sigqueue(getpid(), SIGRTMIN + 1, v);
  v.sival_int = 3;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  v.sival_int = 4;
  sigqueue(getpid(), SIGRTMIN + 1, v);
  kill(getpid(), SIGUSR2);
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR1);
  sigprocmask(SIG_UNBLOCK, &block, NULL);

  printf("order: %s\n", log_buf);
  check(strcmp(log_buf, "USR1:0 USR2:0 RT1:2 RT1:4 RT2:1 RT2:3 ") == 0,
        "delivery order");

  return finish("queue_order");
}
