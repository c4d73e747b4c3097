/* process.prctl_pdeathsig: PR_SET_PDEATHSIG takes 0..64 (EINVAL past
 * _NSIG), PR_GET_PDEATHSIG writes it back, a fork child starts without
 * one, and when the parent ends the child gets the signal. The test runs
 * a level down and makes itself the child subreaper, so that it can wait
 * for the orphan (in the image the test is pid 1 anyway). */
#include "contract.h"
#include <sys/prctl.h>
#include <sys/wait.h>

int main(void) {
  int sig = -1;
  expect("get", rs(prctl(PR_GET_PDEATHSIG, &sig)), "ok");
  check(sig == 0, "none at first");
  expect("set 65", rs(prctl(PR_SET_PDEATHSIG, 65)), "EINVAL");
  expect("set 64", rs(prctl(PR_SET_PDEATHSIG, 64)), "ok");
  prctl(PR_GET_PDEATHSIG, &sig);
  check(sig == 64, "get says 64");
  expect("get NULL", rs(prctl(PR_GET_PDEATHSIG, 0)), "EFAULT");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    int s = -1;
    prctl(PR_GET_PDEATHSIG, &s);
    _exit(s == 0 ? 0 : 1);
  }
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child has none");
  prctl(PR_SET_PDEATHSIG, 0);

  expect("subreaper", rs(prctl(PR_SET_CHILD_SUBREAPER, 1)), "ok");
  int go[2], ready[2];
  pipe(go);
  pipe(ready);
  fflush(stdout);
  pid_t mid = fork();
  if (mid == 0) {
    pid_t g = fork();
    if (g == 0) {
      prctl(PR_SET_PDEATHSIG, SIGUSR1);
      write(ready[1], "r", 1);
      for (;;)
        pause(); /* SIGUSR1's default action ends it */
    }
    char ch;
    read(go[0], &ch, 1);
    _exit(g > 0 ? 3 : 4);
  }
  char ch;
  read(ready[0], &ch, 1); /* the grandchild has its pdeath signal set */
  write(go[1], "g", 1);   /* now the middle may end */
  waitpid(mid, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 3, "middle exited 3");
  pid_t w = waitpid(-1, &st, 0);
  check(w > 0, "the orphan came to the subreaper");
  check(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
        "the orphan died of SIGUSR1");
  return finish("prctl_pdeathsig");
}
