/* security.rlimit_raise: without CAP_SYS_RESOURCE a hard limit can be
 * lowered, never raised again (EPERM); the soft limit moves freely below
 * it, and soft above hard is EINVAL. (Root's own raise is not shown: some
 * hosts' root lacks CAP_SYS_RESOURCE.) */
#include "contract.h"
#include <sys/resource.h>

static void run(void) {
  struct rlimit r = {64, 128};
  expect("root lowers NOFILE to 64/128", rs(setrlimit(RLIMIT_NOFILE, &r)),
         "ok");
  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  r = (struct rlimit){64, 256};
  expect("raise hard to 256", rs(setrlimit(RLIMIT_NOFILE, &r)), "EPERM");
  r = (struct rlimit){128, 128};
  expect("soft up to hard", rs(setrlimit(RLIMIT_NOFILE, &r)), "ok");
  r = (struct rlimit){129, 128};
  expect("soft above hard", rs(setrlimit(RLIMIT_NOFILE, &r)), "EINVAL");
  r = (struct rlimit){32, 100};
  expect("lower hard to 100", rs(setrlimit(RLIMIT_NOFILE, &r)), "ok");
  r = (struct rlimit){32, 128};
  expect("back to 128", rs(setrlimit(RLIMIT_NOFILE, &r)), "EPERM");
  getrlimit(RLIMIT_NOFILE, &r);
  printf("now %lu/%lu\n", (unsigned long)r.rlim_cur, (unsigned long)r.rlim_max);
}

int main(void) {
  run_in_child(run);
  return finish("rlimit_raise");
}
