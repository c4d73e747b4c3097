/* process.kill_rules: kill to another process, to a zombie (succeeds),
 * to a reaped pid (ESRCH), to a process group (-pgid and 0), signal 0 as
 * an existence test, bad signal numbers (EINVAL). */
#include <sys/wait.h>

#include "contract.h"

static pid_t sleeper(pid_t pgid) {
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, pgid);
    for (;;)
      pause();
  }
  setpgid(c, pgid); /* whichever runs first */
  return c;
}

static int killed_by(pid_t c, int sig) {
  int st;
  return waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

int main(void) {
  fflush(stdout);
  pid_t a = sleeper(0);
  check(kill(a, 0) == 0, "signal 0 to a live child");
  errno = 0;
  check(kill(a, 65) == -1 && errno == EINVAL, "signal 65: EINVAL");
  errno = 0;
  check(kill(a, -1) == -1 && errno == EINVAL, "signal -1: EINVAL");
  check(kill(a, SIGUSR2) == 0 && killed_by(a, SIGUSR2), "kill a child");

  pid_t z = fork();
  if (z == 0)
    _exit(0);
  siginfo_t si;
  waitid(P_PID, z, &si, WEXITED | WNOWAIT); /* z is a zombie now */
  check(kill(z, SIGTERM) == 0, "kill a zombie: success");
  waitpid(z, 0, 0);
  errno = 0;
  check(kill(z, 0) == -1 && errno == ESRCH, "reaped pid: ESRCH");

  /* A group of two children. */
  pid_t b = sleeper(0);
  pid_t c = sleeper(b);
  check(getpgid(c) == b, "second child joined the group");
  check(kill(-b, SIGTERM) == 0, "kill -pgid");
  check(killed_by(b, SIGTERM) && killed_by(c, SIGTERM), "every member died");
  errno = 0;
  check(kill(-b, 0) == -1 && errno == ESRCH, "empty group: ESRCH");

  /* kill(0, sig) reaches the caller's group: done in a child leading a
   * group of its own, so nothing outside the test is hit. */
  pid_t e = fork();
  if (e == 0) {
    setpgid(0, 0);
    pid_t d = fork(); /* SIGUSR1 at its default action */
    if (d == 0) {
      for (;;)
        pause();
    }
    signal(SIGUSR1, SIG_IGN); /* the caller is in the group too */
    _exit(kill(0, SIGUSR1) == 0 && killed_by(d, SIGUSR1) ? 0 : 1);
  }
  int st;
  check(waitpid(e, &st, 0) == e && WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "kill(0) hits the group");
  return finish("kill_rules");
}
