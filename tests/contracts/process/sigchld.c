/* process.sigchld: the parent's SIGCHLD handler gets CLD_EXITED with the
 * child's pid and exit code, or CLD_KILLED with the signal; with SIGCHLD
 * ignored (or SA_NOCLDWAIT) children reap themselves and wait says
 * ECHILD. */
#include <sys/wait.h>

#include "contract.h"

static volatile sig_atomic_t got, code, status, from;

static void on_chld(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  got++;
  code = si->si_code;
  status = si->si_status;
  from = si->si_pid;
}

static pid_t child_exit(int c) {
  pid_t p = fork();
  if (p == 0)
    _exit(c);
  return p;
}

int main(void) {
  fflush(stdout);
  sigset_t chld, old;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &old);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGCHLD, &sa, 0);

  pid_t c = child_exit(5);
  sigsuspend(&old); /* returns after the handler ran */
  printf("handler: got=%d code=%s status=%d pid %s\n", got,
         code == CLD_EXITED ? "CLD_EXITED" : "other", status,
         from == c ? "matches" : "differs");
  check(got == 1 && code == CLD_EXITED && status == 5 && from == c,
        "CLD_EXITED");
  int st;
  check(waitpid(c, &st, 0) == c && WEXITSTATUS(st) == 5, "zombie reaped");

  got = 0;
  c = fork();
  if (c == 0) {
    for (;;)
      pause();
  }
  kill(c, SIGTERM);
  while (!got)
    sigsuspend(&old);
  printf("handler: code=%s status=%d\n",
         code == CLD_KILLED ? "CLD_KILLED" : "other", status);
  check(code == CLD_KILLED && status == SIGTERM, "CLD_KILLED");
  waitpid(c, &st, 0);

  /* SIG_IGN: no zombie, wait blocks until the child is gone, then
   * ECHILD. */
  signal(SIGCHLD, SIG_IGN);
  sigprocmask(SIG_SETMASK, &old, 0);
  child_exit(1);
  errno = 0;
  long r = waitpid(-1, &st, 0);
  printf("SIG_IGN: wait %s\n", r == -1 && errno == ECHILD ? "ECHILD" : "other");
  check(r == -1 && errno == ECHILD, "SIG_IGN reaps");

  /* SA_NOCLDWAIT with a handler: the handler still runs, nothing to wait
   * for. */
  got = 0;
  sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
  sigaction(SIGCHLD, &sa, 0);
  sigprocmask(SIG_BLOCK, &chld, 0);
  c = child_exit(2);
  sigsuspend(&old);
  errno = 0;
  r = waitpid(-1, &st, 0);
  printf("SA_NOCLDWAIT: handler=%d wait %s\n", got,
         r == -1 && errno == ECHILD ? "ECHILD" : "other");
  check(got == 1 && r == -1 && errno == ECHILD, "SA_NOCLDWAIT reaps");
  return finish("sigchld");
}
