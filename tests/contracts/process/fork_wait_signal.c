/* process.fork_wait_signal: a child killed by a signal is WIFSIGNALED
 * with WTERMSIG; one that raises a fatal signal itself too. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

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
  if (failed) {
    printf("CONTRACT_FAIL fork_wait_signal: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS fork_wait_signal\n");
  return 0;
}
