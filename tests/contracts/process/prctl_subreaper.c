/* process.prctl_subreaper: PR_SET_CHILD_SUBREAPER/GET (a fork child is
 * not a subreaper itself), and an orphan below a subreaper is reparented
 * to it, not to init: its getppid() is the subreaper's pid and the
 * subreaper waits for it. All one level down, so the test's own process
 * (pid 1 in the image) is not the one that inherits. */
#include "contract.h"
#include <sys/prctl.h>
#include <sys/wait.h>

/* The subreaper: its child ends, leaving a grandchild. Returns bits. */
static int subreaper(void) {
  int v = -1, bits = 0;
  if (prctl(PR_GET_CHILD_SUBREAPER, &v) == 0 && v == 0)
    bits |= 1;
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  if (prctl(PR_GET_CHILD_SUBREAPER, &v) == 0 && v == 1)
    bits |= 2;
  pid_t me = getpid();
  int go[2], res[2];
  pipe(go);
  pipe(res);
  pid_t mid = fork();
  if (mid == 0) {
    int w = -1;
    prctl(PR_GET_CHILD_SUBREAPER, &w);
    pid_t g = fork();
    if (g == 0) {
      char ch;
      read(go[0], &ch, 1); /* the middle has been reaped */
      char r = getppid() == me ? 'S' : 'N';
      write(res[1], &r, 1);
      _exit(9);
    }
    _exit(w == 0 ? 5 : 6);
  }
  int st;
  waitpid(mid, &st, 0);
  if (WIFEXITED(st) && WEXITSTATUS(st) == 5)
    bits |= 4;
  write(go[1], "g", 1);
  char r = 0;
  read(res[0], &r, 1);
  if (r == 'S')
    bits |= 8;
  pid_t w = waitpid(-1, &st, 0);
  if (w > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 9)
    bits |= 16;
  if (waitpid(-1, 0, 0) == -1 && errno == ECHILD)
    bits |= 32;
  return bits;
}

int main(void) {
  int v = 0;
  expect("get NULL", rs(prctl(PR_GET_CHILD_SUBREAPER, 0)), "EFAULT");
  fflush(stdout);
  pid_t s = fork();
  if (s == 0)
    _exit(subreaper());
  int st;
  waitpid(s, &st, 0);
  v = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
  check(v & 1, "not a subreaper at first");
  check(v & 2, "get after set says 1");
  check(v & 4, "its fork child is not a subreaper");
  check(v & 8, "the orphan's getppid is the subreaper");
  check(v & 16, "the subreaper reaped the orphan (exit 9)");
  check(v & 32, "then it has no children");
  return finish("prctl_subreaper");
}
