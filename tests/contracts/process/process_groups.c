/* process.process_groups: setpgid/getpgid/getpgrp/setsid/getsid rules:
 * a child may be moved into a new group by itself or its parent; a
 * group leader cannot setsid (EPERM); a new session leader leads a new
 * group; an unknown pid is ESRCH; a negative pgid is EINVAL; joining a
 * group of another session is EPERM. */
#include <sys/wait.h>

#include "contract.h"

static int expect_errno(long r, int e) {
  return r == -1 && errno == e;
}

int main(void) {
  fflush(stdout);
  check(getpgrp() == getpgid(0), "getpgrp is getpgid(0)");
  check(getsid(0) == getsid(getpid()), "getsid(0) is ours");
  check(expect_errno(setpgid(0, -1), EINVAL), "negative pgid: EINVAL");
  check(expect_errno(getpgid(0x3fffffff), ESRCH), "unknown pid: ESRCH");
  check(expect_errno(getsid(0x3fffffff), ESRCH), "getsid unknown: ESRCH");

  int p[2], q[2];
  pipe(p);
  pipe(q);
  pid_t c = fork();
  if (c == 0) {
    char ch;
    read(p[0], &ch, 1); /* the parent moves us first */
    int ok = getpgrp() == getpid();
    /* A group leader may not start a session. */
    errno = 0;
    ok = ok && setsid() == -1 && errno == EPERM;
    write(q[1], ok ? "1" : "0", 1);
    _exit(0);
  }
  check(setpgid(c, c) == 0, "parent moves child to its own group");
  check(getpgid(c) == c, "child leads its group");
  write(p[1], "g", 1);
  char r;
  read(q[0], &r, 1);
  check(r == '1', "child sees the group; setsid EPERM as leader");
  waitpid(c, 0, 0);

  pid_t d = fork();
  if (d == 0) {
    pid_t s = setsid();
    int ok = s == getpid() && getsid(0) == getpid() && getpgrp() == getpid();
    write(q[1], ok ? "1" : "0", 1);
    read(p[0], &r, 1);
    _exit(0);
  }
  read(q[0], &r, 1);
  check(r == '1', "setsid: new session and group led by the child");
  check(getsid(d) == d, "getsid of the new leader");
  errno = 0;
  check(expect_errno(setpgid(d, d), EPERM),
        "setpgid of a child in another session: EPERM");
  pid_t own = getpgrp();
  if (own != getpid()) {
    /* Joining the child's group from our session: EPERM. */
    check(expect_errno(setpgid(0, d), EPERM),
          "join a group of another session: EPERM");
  } else {
    check(1, "join a group of another session: EPERM");
  }
  write(p[1], "x", 1);
  waitpid(d, 0, 0);
  check(expect_errno(setpgid(d, d), ESRCH), "reaped child: ESRCH");
  return finish("process_groups");
}
