/* process.execve_self: execve of the program itself (/proc/self/exe)
 * with new argv and envp; handled signals go back to SIG_DFL, ignored ones
 * stay ignored, the mask and the pid are kept, close-on-exec descriptors
 * close and the others stay open. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int sig) {
  (void)sig;
}

static int stage2(int argc, char **argv) {
  int failed = 0;
#define CHECK(ok, what)                                  \
  do {                                                   \
    printf("%s %s\n", what, (ok) ? "ok" : "FAILED");     \
    if (!(ok))                                           \
      failed = 1;                                        \
  } while (0)
  printf("argc=%d argv[1]=%s argv[2]=%s\n", argc, argv[1], argv[2]);
  const char *v = getenv("KDIFF_STAGE");
  printf("env KDIFF_STAGE=%s\n", v ? v : "(unset)");
  CHECK(v && strcmp(v, "two") == 0, "new environment");
  struct sigaction sa;
  sigaction(SIGUSR1, 0, &sa);
  CHECK(sa.sa_handler == SIG_DFL, "handled SIGUSR1 is SIG_DFL");
  sigaction(SIGUSR2, 0, &sa);
  CHECK(sa.sa_handler == SIG_IGN, "ignored SIGUSR2 stays SIG_IGN");
  sigset_t m;
  sigprocmask(SIG_BLOCK, 0, &m);
  CHECK(sigismember(&m, SIGTERM), "mask kept");
  CHECK(atoi(argv[3]) == getpid(), "same pid");
  int keep = atoi(argv[4]), gone = atoi(argv[5]);
  CHECK(fcntl(keep, F_GETFD) == 0, "plain fd still open");
  errno = 0;
  CHECK(fcntl(gone, F_GETFD) == -1 && errno == EBADF, "cloexec fd closed");
  if (failed) {
    printf("CONTRACT_FAIL execve_self: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS execve_self\n");
  return 0;
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
