/* signals.default_terminate: an unhandled SIGTERM ends the process (the
 * harness sees "killed by SIGTERM"); a blocked one waits for the unblock. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, NULL);
  kill(getpid(), SIGTERM);
  printf("still alive while SIGTERM is blocked\n");
  printf("CONTRACT_PASS default_terminate\n");
  fflush(stdout);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  printf("CONTRACT_FAIL default_terminate: survived SIGTERM\n");
  return 1;
}
