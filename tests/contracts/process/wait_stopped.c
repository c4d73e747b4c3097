/* process.wait_stopped: a child stopped by SIGSTOP is reported once by
 * WUNTRACED (WIFSTOPPED, WSTOPSIG), SIGCONT is reported by WCONTINUED, and
 * the parent's SIGCHLD says CLD_STOPPED and CLD_CONTINUED. */
#include <sys/wait.h>

#include "contract.h"

static volatile sig_atomic_t last_code;

static void on_chld(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  last_code = si->si_code;
}

int main(void) {
  fflush(stdout);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGCHLD, &sa, 0);
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    raise(SIGSTOP);
    char ch;
    read(p[0], &ch, 1);
    _exit(4);
  }
  int st = 0;
  check(waitpid(c, &st, WUNTRACED) == c, "WUNTRACED returns");
  printf("stopped=%d sig=%d chld=%s\n", WIFSTOPPED(st),
         WIFSTOPPED(st) ? WSTOPSIG(st) : 0,
         last_code == CLD_STOPPED ? "CLD_STOPPED" : "other");
  check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "WIFSTOPPED SIGSTOP");
  check(waitpid(c, &st, WUNTRACED | WNOHANG) == 0, "reported once");
  kill(c, SIGCONT);
  check(waitpid(c, &st, WCONTINUED) == c && WIFCONTINUED(st), "WIFCONTINUED");
  /* Linux sends CLD_CONTINUED when the child runs again: allow time. */
  for (int i = 0; i < 2000 && last_code != CLD_CONTINUED; i++)
    usleep(1000);
  printf("chld after SIGCONT=%s\n",
         last_code == CLD_CONTINUED ? "CLD_CONTINUED" : "other");
  check(last_code == CLD_CONTINUED, "CLD_CONTINUED");
  write(p[1], "x", 1);
  check(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 4,
        "exits after continuing");
  return finish("wait_stopped");
}
