/* process.prctl_flags: PR_SET_NO_NEW_PRIVS (only 1, other arguments 0,
 * never cleared, inherited), PR_SET_DUMPABLE (0 or 1), PR_GET_TID_ADDRESS
 * (the set_tid_address pointer; Debian's and the host's kernels have
 * CONFIG_CHECKPOINT_RESTORE), and EINVAL for options Linux does not have. */
#include "contract.h"
#include <sys/prctl.h>
#include <sys/wait.h>

static int tid_word;

int main(void) {
  expect("nnp get", rs(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)), "ok");
  check(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "nnp off at first");
  expect("nnp get arg2=1", rs(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0)),
         "EINVAL");
  expect("nnp set 0", rs(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0)), "EINVAL");
  expect("nnp set 2", rs(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0)), "EINVAL");
  expect("nnp set 1 arg3=1", rs(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0)),
         "EINVAL");
  expect("nnp set 1", rs(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)), "ok");
  check(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1, "nnp on");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 1, "fork child inherits nnp");

  check(prctl(PR_GET_DUMPABLE) == 1, "dumpable at first");
  expect("dumpable set 2", rs(prctl(PR_SET_DUMPABLE, 2)), "EINVAL");
  expect("dumpable set 0", rs(prctl(PR_SET_DUMPABLE, 0)), "ok");
  check(prctl(PR_GET_DUMPABLE) == 0, "dumpable now 0");
  c = fork();
  if (c == 0)
    _exit(prctl(PR_GET_DUMPABLE));
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child inherits 0");
  expect("dumpable set 1", rs(prctl(PR_SET_DUMPABLE, 1)), "ok");
  check(prctl(PR_GET_DUMPABLE) == 1, "dumpable back to 1");

  int *old = 0, *now = 0;
  expect("tid address", rs(prctl(PR_GET_TID_ADDRESS, &old)), "ok");
  check(old != 0, "libc registered one");
  syscall(SYS_set_tid_address, &tid_word);
  prctl(PR_GET_TID_ADDRESS, &now);
  check(now == &tid_word, "follows set_tid_address");
  syscall(SYS_set_tid_address, old);
  expect("tid address NULL", rs(prctl(PR_GET_TID_ADDRESS, 0)), "EFAULT");

  expect("option 0", rs(prctl(0, 0, 0, 0, 0)), "EINVAL");
  expect("option 1000", rs(prctl(1000, 0, 0, 0, 0)), "EINVAL");
  expect("option -1", rs(prctl(-1, 0, 0, 0, 0)), "EINVAL");
  return finish("prctl_flags");
}
