/* process.wait_rules: ECHILD without children or for a pid that is not
 * ours, WNOHANG while the child runs, EINVAL for unknown options, waitid's
 * checks and its siginfo, WNOWAIT leaving the child waitable. */
#include <sys/wait.h>

#include "contract.h"

static const char *err(long r) {
  return r >= 0 ? "none" : errno_name(errno);
}

int main(void) {
  fflush(stdout);
  long r = waitpid(-1, NULL, 0);
  printf("wait without children: %s\n", err(r));
  check(r == -1 && errno == ECHILD, "ECHILD");
  r = waitpid(getpid(), NULL, 0);
  printf("wait for self: %s\n", err(r));
  check(r == -1 && errno == ECHILD, "self is no child");

  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    char ch;
    close(p[1]);
    read(p[0], &ch, 1); /* until the parent closes its end */
    _exit(3);
  }
  close(p[0]);
  r = waitpid(c, NULL, WNOHANG);
  printf("WNOHANG while running: %ld\n", r);
  check(r == 0, "WNOHANG gives 0");
  r = waitpid(c, NULL, 0x100);
  printf("unknown option: %s\n", err(r));
  check(r == -1 && errno == EINVAL, "EINVAL");
  siginfo_t si;
  r = syscall(SYS_waitid, P_PID, c, &si, 0, NULL);
  printf("waitid without WEXITED: %s\n", err(r));
  check(r == -1 && errno == EINVAL, "waitid needs an event");
  r = syscall(SYS_waitid, P_PID, 0, &si, WEXITED, NULL);
  printf("waitid P_PID 0: %s\n", err(r));
  check(r == -1 && errno == EINVAL, "waitid pid 0");
  memset(&si, 0x55, sizeof si);
  r = syscall(SYS_waitid, P_PID, c, &si, WEXITED | WNOHANG, NULL);
  printf("waitid WNOHANG: %ld signo=%d pid=%d\n", r, si.si_signo,
         (int)si.si_pid);
  check(r == 0 && si.si_signo == 0 && si.si_pid == 0, "zeroed siginfo");

  close(p[1]); /* the child reads end of file and exits */
  memset(&si, 0, sizeof si);
  r = syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOWAIT, NULL);
  printf("waitid WNOWAIT: %ld signo=%d code=%d status=%d\n", r, si.si_signo,
         si.si_code, si.si_status);
  check(r == 0 && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
            si.si_status == 3 && si.si_pid == c,
        "waitid siginfo");
  int st = 0;
  r = waitpid(c, &st, 0);
  check(r == c && WIFEXITED(st) && WEXITSTATUS(st) == 3,
        "still waitable after WNOWAIT");
  r = waitpid(c, &st, 0);
  printf("after reaping: %s\n", err(r));
  check(r == -1 && errno == ECHILD, "reaped once");
  return finish("wait_rules");
}
