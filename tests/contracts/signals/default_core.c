/* signals.default_core: an unhandled SIGQUIT ends the process with its
 * core-dumping default action; SIGQUIT from a handler set back to SIG_DFL
 * by SA_RESETHAND behaves the same. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int handled;
static void handler(int sig) { (void)sig; handled++; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGQUIT, &sa, NULL);
  kill(getpid(), SIGQUIT);
  printf("first SIGQUIT handled %d\n", handled);
  printf("CONTRACT_PASS default_core\n");
  fflush(stdout);
  kill(getpid(), SIGQUIT);
  printf("CONTRACT_FAIL default_core: survived SIGQUIT\n");
  return 1;
}
