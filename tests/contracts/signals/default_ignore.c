/* signals.default_ignore: SIGCHLD, SIGURG, SIGWINCH and SIGCONT do
 * nothing by default; SIG_IGN discards a signal; setting SIG_IGN while one
 * is pending and blocked discards the pending one. */

#include "contract.h"

int main(void) {
  int quiet[] = {SIGCHLD, SIGURG, SIGWINCH, SIGCONT};
  for (int i = 0; i < 4; i++)
    kill(getpid(), quiet[i]);
  check(1, "survived default-ignored signals");

  signal(SIGUSR1, SIG_IGN);
  kill(getpid(), SIGUSR1);
  check(1, "survived an ignored SIGUSR1");

  sigset_t set, pend;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  kill(getpid(), SIGUSR2);
  kill(getpid(), SIGUSR1); /* blocked: kept pending though ignored */
  sigpending(&pend);
  check(sigismember(&pend, SIGUSR2) == 1, "blocked SIGUSR2 pending");
  check(sigismember(&pend, SIGUSR1) == 1, "blocked ignored SIGUSR1 pending");
  signal(SIGUSR2, SIG_IGN);
  sigpending(&pend);
  check(sigismember(&pend, SIGUSR2) == 0, "SIG_IGN discarded the pending one");
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  check(1, "survived unblocking");

  return finish("default_ignore");
}
