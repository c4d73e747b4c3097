/* security.groups_rules: setgroups as root keeps the list sorted (what
 * getgroups returns), getgroups(0) gives the count, a size below it is
 * EINVAL, more than NGROUPS_MAX (65536) is EINVAL; without CAP_SETGID
 * setgroups is EPERM whatever the count, and getgroups still works. */
#include "contract.h"

static void run(void) {
  unsigned g[4] = {30, 10, 20, 0}, out[8];
  expect("setgroups 3", rs(syscall(SYS_setgroups, 3, g)), "ok");
  long n = syscall(SYS_getgroups, 0, 0);
  printf("getgroups(0): %ld\n", n);
  expect("getgroups(2)", rs(syscall(SYS_getgroups, 2, out)), "EINVAL");
  expect("getgroups(-1)", rs(syscall(SYS_getgroups, -1, out)), "EINVAL");
  n = syscall(SYS_getgroups, 8, out);
  printf("getgroups(8): %ld:", n);
  for (long i = 0; i < n; i++)
    printf(" %u", out[i]);
  printf("\n");
  expect("getgroups bad buffer", rs(syscall(SYS_getgroups, 8, 8)), "EFAULT");
  expect("setgroups 65537", rs(syscall(SYS_setgroups, 65537, g)), "EINVAL");
  expect("setgroups -1", rs(syscall(SYS_setgroups, -1, g)), "EINVAL");
  expect("setgroups bad buffer", rs(syscall(SYS_setgroups, 2, 8)), "EFAULT");
  printf("still %ld groups\n", syscall(SYS_getgroups, 0, 0));
  expect("setgroups 0", rs(syscall(SYS_setgroups, 0, 0)), "ok");
  printf("now %ld groups\n", syscall(SYS_getgroups, 0, 0));
  syscall(SYS_setgroups, 1, g);
  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  expect("setgroups unprivileged", rs(syscall(SYS_setgroups, 1, g)), "EPERM");
  expect("setgroups 0 unprivileged", rs(syscall(SYS_setgroups, 0, 0)), "EPERM");
  expect("setgroups -1 unprivileged", rs(syscall(SYS_setgroups, -1, g)),
         "EPERM");
  n = syscall(SYS_getgroups, 8, out);
  printf("getgroups unprivileged: %ld: %u\n", n, out[0]);
}

int main(void) {
  run_in_child(run);
  return finish("groups_rules");
}
