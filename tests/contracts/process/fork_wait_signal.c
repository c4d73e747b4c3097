/* process.fork_wait_signal: a child killed by a signal is WIFSIGNALED
 * with WTERMSIG; one that raises a fatal signal itself too. */
#include <sys/wait.h>

#include "contract.h"

static void expect_signal(pid_t pid, int sig, const char *what) {
  int st = 0;
  pid_t r = waitpid(pid, &st, 0);
  printf("%s: signaled=%d sig=%d exited=%d\n", what, WIFSIGNALED(st),
         WIFSIGNALED(st) ? WTERMSIG(st) : 0, WIFEXITED(st));
  check(r == pid && WIFSIGNALED(st) && WTERMSIG(st) == sig, what);
}

int main(void) {
  fflush(stdout);
  int p[2];
  pipe(p);
  /* Killed by the parent while it blocks in read. */
  pid_t a = fork();
  if (a == 0) {
    char c;
    read(p[0], &c, 1);
    _exit(0);
  }
  check(kill(a, SIGTERM) == 0, "kill SIGTERM");
  expect_signal(a, SIGTERM, "SIGTERM child");

  pid_t b = fork();
  if (b == 0) {
    for (;;)
      pause();
  }
  check(kill(b, SIGKILL) == 0, "kill SIGKILL");
  expect_signal(b, SIGKILL, "SIGKILL child");

  /* Raises its own SIGUSR1 (default: terminate). */
  pid_t c = fork();
  if (c == 0) {
    raise(SIGUSR1);
    _exit(9);
  }
  expect_signal(c, SIGUSR1, "SIGUSR1 child");

  /* A fault: SIGSEGV. */
  pid_t d = fork();
  if (d == 0) {
    *(volatile int *)8 = 1;
    _exit(9);
  }
  expect_signal(d, SIGSEGV, "SIGSEGV child");
  return finish("fork_wait_signal");
}
