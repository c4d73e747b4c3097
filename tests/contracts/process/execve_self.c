/* process.execve_self: execve of the program itself (/proc/self/exe)
 * with new argv and envp; handled signals go back to SIG_DFL, ignored ones
 * stay ignored, the mask and the pid are kept, close-on-exec descriptors
 * close and the others stay open. */
#include <fcntl.h>
#include <stdlib.h>

#include "contract.h"

static void on_usr1(int sig) {
  (void)sig;
}

static int stage2(int argc, char **argv) {
  printf("argc=%d argv[1]=%s argv[2]=%s\n", argc, argv[1], argv[2]);
  const char *v = getenv("KDIFF_STAGE");
  printf("env KDIFF_STAGE=%s\n", v ? v : "(unset)");
  check(v && strcmp(v, "two") == 0, "new environment");
  struct sigaction sa;
  sigaction(SIGUSR1, 0, &sa);
  check(sa.sa_handler == SIG_DFL, "handled SIGUSR1 is SIG_DFL");
  sigaction(SIGUSR2, 0, &sa);
  check(sa.sa_handler == SIG_IGN, "ignored SIGUSR2 stays SIG_IGN");
  sigset_t m;
  sigprocmask(SIG_BLOCK, 0, &m);
  check(sigismember(&m, SIGTERM), "mask kept");
  check(atoi(argv[3]) == getpid(), "same pid");
  int keep = atoi(argv[4]), gone = atoi(argv[5]);
  check(fcntl(keep, F_GETFD) == 0, "plain fd still open");
  errno = 0;
  check(fcntl(gone, F_GETFD) == -1 && errno == EBADF, "cloexec fd closed");
  return finish("execve_self");
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "stage2") == 0)
    return stage2(argc, argv);
  signal(SIGUSR1, on_usr1);
  signal(SIGUSR2, SIG_IGN);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGTERM);
  sigprocmask(SIG_BLOCK, &m, 0);
  int p[2];
  pipe(p);
  fcntl(p[1], F_SETFD, FD_CLOEXEC);
  char pid[16], keep[16], gone[16];
  snprintf(pid, sizeof pid, "%d", getpid());
  snprintf(keep, sizeof keep, "%d", p[0]);
  snprintf(gone, sizeof gone, "%d", p[1]);
  char *nargv[] = {argv[0], "stage2", "hello", pid, keep, gone, 0};
  char *nenvp[] = {"KDIFF_STAGE=two", 0};
  printf("stage1 execs\n");
  fflush(stdout);
  execve("/proc/self/exe", nargv, nenvp);
  printf("CONTRACT_FAIL execve_self: execve returned (errno %s)\n",
         errno == ENOENT ? "ENOENT" : "other");
  return 1;
}
