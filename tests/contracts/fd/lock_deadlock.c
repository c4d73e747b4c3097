/* fd.lock_deadlock: F_SETLKW refuses to wait with EDEADLK when waiting
 * would close a cycle (fcntl(2)): two processes each hold one byte and
 * ask for the other's. Whichever asks second gets EDEADLK and the other
 * is granted once it gives up; F_SETLK never says EDEADLK, and a wait
 * that closes no cycle (a third process) is not refused. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>

#include "contract.h"

static long lk(int fd, int cmd, short type, off_t start, off_t len) {
  struct flock fl = {0};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = len;
  return rs(fcntl(fd, cmd, &fl));
}

int main(void) {
  int fd = open("lockfile", O_RDWR | O_CREAT, 0644);
  write(fd, "ab", 2);
  expect("parent locks byte 0", lk(fd, F_SETLK, F_WRLCK, 0, 1), "ok");
  int ready[2];
  pipe(ready);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    lk(fd, F_SETLK, F_WRLCK, 1, 1);
    long busy = lk(fd, F_SETLK, F_WRLCK, 0, 1);
    write(ready[1], &busy, sizeof busy);
    long r = lk(fd, F_SETLKW, F_WRLCK, 0, 1);
    _exit(r == -EDEADLK ? 1 : r == 0 ? 0 : 2);
  }
  long busy;
  read(ready[0], &busy, sizeof busy);
  printf("child's F_SETLK of byte 0: %s\n", ename(busy));
  /* The child may or may not be waiting yet: either way exactly one of
   * the two requests closes the cycle. */
  long r = lk(fd, F_SETLKW, F_WRLCK, 1, 1);
  printf("parent's F_SETLKW of byte 1: %s\n",
         r == 0 || r == -EDEADLK ? "ok or EDEADLK" : ename(r));
  lk(fd, F_SETLK, F_UNLCK, 0, 0);
  int st;
  waitpid(pid, &st, 0);
  int code = WIFEXITED(st) ? WEXITSTATUS(st) : 3;
  printf("child's F_SETLKW: %s\n",
         code == 0 || code == 1 ? "granted or EDEADLK" : "other");
  check((r == -EDEADLK) + (code == 1) == 1, "exactly one EDEADLK");
  check((r == 0) + (code == 0) == 1, "and the other granted");

  /* No cycle: a child waits for the parent's lock; a second child that
   * waits for the first child's lock closes none. */
  expect("parent locks byte 0 again", lk(fd, F_SETLK, F_WRLCK, 0, 1), "ok");
  int go[2];
  pipe(go);
  fflush(stdout);
  pid_t a = fork();
  if (a == 0) {
    lk(fd, F_SETLK, F_WRLCK, 1, 1);
    write(ready[1], "a", 1);
    char c;
    read(go[0], &c, 1);
    _exit(lk(fd, F_SETLKW, F_WRLCK, 0, 1) == 0 ? 0 : 1);
  }
  char c;
  read(ready[0], &c, 1);
  pid_t b = fork();
  if (b == 0) {
    write(go[1], "g", 1);
    _exit(lk(fd, F_SETLKW, F_WRLCK, 1, 1) == 0 ? 0 : 1);
  }
  expect("F_SETLK of a held byte", lk(fd, F_SETLK, F_WRLCK, 1, 1), "EAGAIN");
  lk(fd, F_SETLK, F_UNLCK, 0, 0);
  int sa, sb;
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  check(WIFEXITED(sa) && WEXITSTATUS(sa) == 0, "first child granted");
  check(WIFEXITED(sb) && WEXITSTATUS(sb) == 0, "second child granted");
  return finish("fd.lock_deadlock");
}
