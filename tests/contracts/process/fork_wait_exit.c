/* process.fork_wait_exit: wait4 reports each child's exit code (low 8
 * bits) with WIFEXITED, in any order the children end. */
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  static const int codes[] = {0, 1, 42, 255, 256 + 7};
  enum { N = sizeof codes / sizeof codes[0] };
  pid_t pids[N];
  fflush(stdout);
  for (int i = 0; i < N; i++) {
    pids[i] = fork();
    if (pids[i] == 0)
      _exit(codes[i]);
    check(pids[i] > 0, "fork");
  }
  /* Reap in reverse creation order by pid. */
  for (int i = N - 1; i >= 0; i--) {
    int st = -1;
    pid_t r = waitpid(pids[i], &st, 0);
    printf("child %d: exited=%d code=%d\n", i, WIFEXITED(st), WEXITSTATUS(st));
    check(r == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == (codes[i] & 0xff),
          "status");
  }
  errno = 0;
  check(wait(NULL) == -1 && errno == ECHILD, "no children left: ECHILD");
  return finish("fork_wait_exit");
}
