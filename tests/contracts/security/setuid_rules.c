/* security.setuid_rules: the saved-set-user-ID rules for a process
 * without capabilities (credentials(7), setreuid(2), setuid(2)): each id
 * may only become one of the current real, effective or saved ids, and
 * setreuid's saved id follows the effective one when the real id is set
 * or the effective id becomes other than the old real one; setuid moves
 * only the effective id, to the real or saved one (not to the current
 * effective one, for setgid neither); setfsuid returns the old id and
 * follows the effective id. Root sets the starting ids, then has none. */
#include "contract.h"

static void ids(const char *what) {
  unsigned r, e, s;
  syscall(SYS_getresuid, &r, &e, &s);
  printf("%s: uids %u %u %u fsuid %ld\n", what, r, e, s,
         syscall(SYS_setfsuid, -1));
}

static void gids(const char *what) {
  unsigned r, e, s;
  syscall(SYS_getresgid, &r, &e, &s);
  printf("%s: gids %u %u %u fsgid %ld\n", what, r, e, s,
         syscall(SYS_setfsgid, -1));
}

static void run(void) {
  expect("root setresgid", rs(syscall(SYS_setresgid, 100, 200, 300)), "ok");
  expect("root setresuid", rs(syscall(SYS_setresuid, 1000, 2000, 3000)), "ok");
  ids("start");
  expect("setresuid(-1,3000,-1)", rs(syscall(SYS_setresuid, -1, 3000, -1)),
         "ok");
  expect("setresuid(2000,-1,-1)", rs(syscall(SYS_setresuid, 2000, -1, -1)),
         "EPERM");
  ids("now");
  expect("setreuid(-1,1000)", rs(syscall(SYS_setreuid, -1, 1000)), "ok");
  ids("saved kept");
  expect("setreuid(-1,3000)", rs(syscall(SYS_setreuid, -1, 3000)), "ok");
  ids("saved follows");
  expect("setreuid(3000,1000)", rs(syscall(SYS_setreuid, 3000, 1000)), "ok");
  ids("swapped");
  expect("setreuid(2000,-1)", rs(syscall(SYS_setreuid, 2000, -1)), "EPERM");
  expect("setuid(3000)", rs(syscall(SYS_setuid, 3000)), "ok");
  ids("setuid to real");
  expect("setuid(1000)", rs(syscall(SYS_setuid, 1000)), "ok");
  ids("setuid to saved");
  expect("setuid(5)", rs(syscall(SYS_setuid, 5)), "EPERM");
  expect("setuid(-1)", rs(syscall(SYS_setuid, -1)), "EINVAL");
  check(syscall(SYS_setfsuid, 5) == 1000, "setfsuid(5) returns the old id");
  check(syscall(SYS_setfsuid, 3000) == 1000, "setfsuid(3000) returns 1000");
  ids("fsuid set");
  expect("setresuid(-1,1000,-1)", rs(syscall(SYS_setresuid, -1, 1000, -1)),
         "ok");
  ids("fsuid follows euid");

  gids("groups start");
  expect("setgid(200), the effective gid", rs(syscall(SYS_setgid, 200)),
         "EPERM");
  expect("setgid(300)", rs(syscall(SYS_setgid, 300)), "ok");
  expect("setresgid(200,-1,-1)", rs(syscall(SYS_setresgid, 200, -1, -1)),
         "EPERM");
  expect("setregid(300,100)", rs(syscall(SYS_setregid, 300, 100)), "ok");
  gids("after setregid");
  check(syscall(SYS_setfsgid, 5) == 100, "setfsgid(5) returns 100");
  gids("fsgid kept");
}

int main(void) {
  run_in_child(run);
  return finish("setuid_rules");
}
