/* signals.sigpipe_epipe: writing to a pipe with no reader raises SIGPIPE
 * (SI_USER from ourselves) and fails with EPIPE; ignored, only EPIPE. */

#include "contract.h"

static volatile int got, code, from_self;
static void handler(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  got = sig;
  code = si->si_code;
  from_self = si->si_pid == getpid();
}

int main(void) {
  int p[2];
  check(pipe(p) == 0, "pipe");
  close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  errno = 0;
  check(write(p[1], "x", 1) == -1 && errno == EPIPE, "ignored: EPIPE");

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGPIPE, &sa, NULL);
  errno = 0;
  check(write(p[1], "x", 1) == -1 && errno == EPIPE, "handled: EPIPE");
  check(got == SIGPIPE, "SIGPIPE delivered");
  check(code == SI_USER && from_self, "SI_USER from ourselves");

  return finish("sigpipe_epipe");
}
