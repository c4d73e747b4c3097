/* process.orphan_reparent: when a parent exits, its child gets a new
 * parent (init or a subreaper: never the dead one, never its
 * grandparent) and keeps running. The scenario runs one level down, so
 * that the test's own process is not the one that inherits (in the
 * image the test is pid 1, init itself). */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* top -> mid -> grandchild; mid exits first. Returns top's verdict. */
static int top(void) {
  int p[2], q[2];
  pipe(p);
  pipe(q);
  pid_t mid = fork();
  if (mid == 0) {
    pid_t g = fork();
    if (g == 0) {
      close(p[0]);
      pid_t first = getppid();
      char go = 's';
      write(q[1], &go, 1); /* the middle may exit now */
      for (int tries = 0; getppid() == first && tries < 2000; tries++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, 0);
      }
      go = getppid() != first ? 'R' : 'N';
      write(p[1], &go, 1);
      _exit(0);
    }
    char ch;
    read(q[0], &ch, 1);
    _exit(7); /* orphans its child */
  }
  close(p[1]);
  int st;
  waitpid(mid, &st, 0);
  char r = 0;
  ssize_t n = read(p[0], &r, 1);
  int reparented = n == 1 && r == 'R';
  errno = 0;
  int not_ours = waitpid(-1, 0, WNOHANG) == -1 && errno == ECHILD;
  return (WEXITSTATUS(st) == 7) | reparented << 1 | not_ours << 2;
}

int main(void) {
  fflush(stdout);
  pid_t t = fork();
  if (t == 0)
    _exit(top());
  int st;
  waitpid(t, &st, 0);
  int v = WEXITSTATUS(st);
  printf("middle exited 7: %s\n", v & 1 ? "yes" : "no");
  printf("grandchild got a new parent: %s\n", v & 2 ? "yes" : "no");
  printf("grandchild is not its grandparent's child: %s\n",
         v & 4 ? "yes" : "no");
  if (v != 7) {
    printf("CONTRACT_FAIL orphan_reparent: see above\n");
    return 1;
  }
  printf("CONTRACT_PASS orphan_reparent\n");
  return 0;
}
