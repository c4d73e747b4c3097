/* security.prctl_caps: PR_CAPBSET_READ (1 for a capability in the
 * bounding set, EINVAL past CAP_LAST_CAP, 40 on every kernel pinned
 * here), PR_CAPBSET_DROP (root with CAP_SETPCAP: gone for good, kept
 * across fork; without it EPERM), PR_SET_KEEPCAPS/GET (0 or 1, EINVAL
 * for 2, inherited by fork) and PR_GET_SECUREBITS showing it. */
#include "contract.h"
#include <sys/prctl.h>

#define CAP_SYS_ADMIN 21
#define CAP_SYS_TIME 25
#define CAP_LAST 40

static void run(void) {
  check(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) == 1, "sys_admin bounded");
  check(prctl(PR_CAPBSET_READ, 0) == 1, "chown bounded");
  check(prctl(PR_CAPBSET_READ, CAP_LAST) == 1, "cap 40 bounded");
  expect("read 41", rs(prctl(PR_CAPBSET_READ, CAP_LAST + 1)), "EINVAL");
  expect("read -1", rs(prctl(PR_CAPBSET_READ, -1)), "EINVAL");
  expect("drop sys_time", rs(prctl(PR_CAPBSET_DROP, CAP_SYS_TIME)), "ok");
  check(prctl(PR_CAPBSET_READ, CAP_SYS_TIME) == 0, "sys_time unbounded");
  expect("drop it again", rs(prctl(PR_CAPBSET_DROP, CAP_SYS_TIME)), "ok");
  expect("drop 41", rs(prctl(PR_CAPBSET_DROP, CAP_LAST + 1)), "EINVAL");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(prctl(PR_CAPBSET_READ, CAP_SYS_TIME));
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child's set has it gone");

  check(prctl(PR_GET_KEEPCAPS) == 0, "keepcaps off");
  check(prctl(PR_GET_SECUREBITS) == 0, "securebits 0");
  expect("keepcaps 2", rs(prctl(PR_SET_KEEPCAPS, 2)), "EINVAL");
  expect("keepcaps 1", rs(prctl(PR_SET_KEEPCAPS, 1)), "ok");
  check(prctl(PR_GET_KEEPCAPS) == 1, "keepcaps on");
  printf("securebits: %#x\n", prctl(PR_GET_SECUREBITS));
  c = fork();
  if (c == 0)
    _exit(prctl(PR_GET_KEEPCAPS));
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 1, "fork child keeps it");
  expect("keepcaps 0", rs(prctl(PR_SET_KEEPCAPS, 0)), "ok");
  check(prctl(PR_GET_KEEPCAPS) == 0, "keepcaps off again");

  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  expect("drop unprivileged", rs(prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN)),
         "EPERM");
  check(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) == 1, "read still works");
  expect("keepcaps 1 unprivileged", rs(prctl(PR_SET_KEEPCAPS, 1)), "ok");
}

int main(void) {
  run_in_child(run);
  return finish("prctl_caps");
}
